import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { DeviceState } from '../devices/device';
import { PAGE_SIZE } from '../exec/env';
import { PAGE_FLAG } from '../memory/bus';
import type { RiscvMachine } from '../machine/riscv-machine';
import { captureDisk, diskMismatch, DiskDelta, forkDisk, restoreDisk } from './disk-delta';
import { captureHart, hartMismatch, HartState, restoreHart } from './hart-state';
import { captureRam, hashLiveRam, hashRamPages, ramPageCount, RamPages, ramStoredBytes, restoreRam } from './ram-pages';
import { ClockState, MachineConfig } from './snapshot-parts';
import { SnapshotError } from './snapshot-error';
import { CORE_SCHEMAS, snapshotPackr } from './snapshot-schema';
import { decodeSnapshotFile, encodeSnapshotFile, SaveOptions, SnapshotFileInfo } from './snapshot-file';


/** The saved state of one device or machine-level part. */
export interface PartState {
  name: string;
  /** The part's `stateVersion` when saved. */
  version: number;
  state: DeviceState;
}

/** Everything a {@link Snapshot} holds, as plain data. */
export interface SnapshotData {
  config: MachineConfig;
  /** sha256 of the configuration (hex): a snapshot restores only into a machine with the same. */
  configHash: string;
  /** Schema versions of the core parts when saved (see {@link CORE_SCHEMAS}). */
  schemas: Record<string, number>;
  harts: HartState[];
  clock: ClockState;
  halted: boolean;
  parts: PartState[];
  drives: DiskDelta[];
  ram: RamPages;
}


/** sha256 (hex) of a machine configuration, as stored in snapshot files. */
export function configHash(config: MachineConfig): string {
  return createHash('sha256').update(snapshotPackr.pack(config)).digest('hex');
}

/**
 * The whole state of a machine at an instruction boundary: every hart, RAM,
 * every device (queues in flight, pending interrupts), virtual time, disk
 * writes since boot and the configuration. Plain data: inspect it, compare
 * two with `diff(a, b)`, keep it in memory for `m.restore(s)` / `m.fork()`,
 * or write it with `s.save(path)` and read it back with `Snapshot.load(path)`.
 * Translation caches and TLBs are never part of it.
 */
export class Snapshot implements SnapshotData {
  readonly config: MachineConfig;
  readonly configHash: string;
  readonly schemas: Record<string, number>;
  readonly harts: HartState[];
  readonly clock: ClockState;
  readonly halted: boolean;
  readonly parts: PartState[];
  readonly drives: DiskDelta[];
  readonly ram: RamPages;

  constructor(data: SnapshotData) {
    this.config = data.config;
    this.configHash = data.configHash;
    this.schemas = data.schemas;
    this.harts = data.harts;
    this.clock = data.clock;
    this.halted = data.halted;
    this.parts = data.parts;
    this.drives = data.drives;
    this.ram = data.ram;
  }

  /** Instructions retired by all harts when the snapshot was taken. */
  get retired(): bigint {
    return this.harts.reduce((s, h) => s + h.icount, 0n);
  }

  /** Bytes of RAM that are not zero pages (what a file stores before deduplication and compression). */
  get ramBytes(): number {
    return ramStoredBytes(this.ram);
  }

  /** A one-screen summary for notebooks and the REPL (the rich-display protocol of stdlib/display.ts). */
  [Symbol.for('orrery.mimeBundle')](): Record<string, string> {
    const rows: [string, string][] = [
      ['harts', String(this.harts.length)],
      ['instructions retired', this.retired.toLocaleString('en')],
      ['pc', this.harts.map((h) => `0x${BigInt.asUintN(64, h.pc).toString(16)}`).join(', ')],
      ['RAM (non-zero)', `${(this.ramBytes / 1048576).toFixed(1)} MiB`],
      ['devices', this.parts.map((p) => p.name).join(', ')],
      ['disks changed', String(this.drives.length)],
      ['configuration hash', this.configHash.slice(0, 16)],
    ];
    const text = rows.map(([k, v]) => `${k.padEnd(22)} ${v}`).join('\n');
    const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const html = `<table><caption style="text-align:left"><b>Snapshot</b></caption>${rows.map(([k, v]) => `<tr><th style="text-align:left">${esc(k)}</th><td><code>${esc(v)}</code></td></tr>`).join('')}</table>`;
    return { 'text/plain': `Snapshot\n${text}`, 'text/html': html };
  }

  /** The saved state of the part (device) called `name`, e.g. `s.part('uart0')`. */
  part(name: string): DeviceState | undefined {
    return this.parts.find((p) => p.name === name)?.state;
  }

  /**
   * sha256 (hex) of the state: equal for equal machine states, and equal to
   * `m.stateHash()` of the machine this was taken from at that moment.
   */
  hash(): string {
    const h = createHash('sha256').update(snapshotPackr.pack(stateWithoutRam(this)));
    hashRamPages(h, this.ram);
    return h.digest('hex');
  }

  /** The snapshot as file bytes (see {@link save}). */
  encode(options: SaveOptions = {}): { bytes: Buffer; info: SnapshotFileInfo } {
    const { chunks, info } = encodeSnapshotFile(this, options);
    return { bytes: Buffer.concat(chunks), info };
  }

  /** Read a snapshot from file bytes; throws {@link SnapshotError} saying what is wrong with them. */
  static decode(bytes: Uint8Array): Snapshot {
    return new Snapshot(decodeSnapshotFile(bytes));
  }

  /**
   * Write the snapshot to `path`: msgpack, a header with the format version,
   * per-component schema versions, the configuration and its hash, and
   * checksums; RAM with zero pages elided, identical pages stored once,
   * compressed. Returns sizes and timings.
   */
  save(path: string, options: SaveOptions = {}): SnapshotFileInfo {
    const t0 = performance.now();
    const { chunks, info } = encodeSnapshotFile(this, options);
    let fd: number;
    try {
      fd = openSync(path, 'w');
    } catch (e) {
      throw new SnapshotError('io', `cannot write snapshot '${path}': ${(e as Error).message}`);
    }
    try {
      // Piece by piece: the file is never assembled in memory.
      for (const c of chunks) for (let done = 0; done < c.length;) done += writeSync(fd, c, done);
    } finally {
      closeSync(fd);
    }
    return { ...info, seconds: (performance.now() - t0) / 1000 };
  }

  /**
   * Read a snapshot file. Throws {@link SnapshotError} (with `kind`) for a
   * missing, truncated or corrupted file, an unknown format version, or core
   * schema versions newer than this Orrery understands.
   */
  static load(path: string): Snapshot {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      throw new SnapshotError('io', `cannot read snapshot '${path}': ${(e as Error).message}`);
    }
    try {
      return Snapshot.decode(bytes);
    } catch (e) {
      if (e instanceof SnapshotError) throw new SnapshotError(e.kind, `${path}: ${e.message}`);
      throw e;
    }
  }
}

/** The non-RAM state, in a fixed shape (what hashes and files encode). */
export function stateWithoutRam(s: Omit<SnapshotData, 'ram'>) {
  return {
    configHash: s.configHash, schemas: s.schemas, harts: s.harts, clock: s.clock, halted: s.halted,
    parts: s.parts, drives: s.drives,
  };
}

/** Typed arrays other than Uint8Array become plain arrays, so part states encode exactly. */
function plain(v: unknown): unknown {
  if (v instanceof Uint8Array) return Uint8Array.from(v);
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number | bigint>);
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = plain(x);
    return out;
  }
  return v;
}

/** Everything but RAM, from a live machine. */
function captureWithoutRam(m: RiscvMachine): Omit<SnapshotData, 'ram'> {
  const parts = m.snapshotParts();
  return {
    config: parts.config,
    configHash: configHash(parts.config),
    schemas: { ...CORE_SCHEMAS },
    harts: m.harts.map(captureHart),
    clock: m.clockState(),
    halted: m.halted,
    parts: parts.parts.map(([name, p]) => ({ name, version: p.stateVersion, state: plain(p.saveState()) as DeviceState })),
    drives: parts.drives.map(captureDisk),
  };
}

/**
 * Capture machine `m` (between runs). With `previous`, RAM pages unchanged
 * since that snapshot are shared with it rather than copied.
 */
export function captureSnapshot(m: RiscvMachine, previous?: Snapshot): Snapshot {
  return new Snapshot({ ...captureWithoutRam(m), ram: captureRam(m.mem, previous?.ram) });
}

/** sha256 (hex) of machine `m`'s state; equals `m.snapshot().hash()` without copying RAM. */
export function machineStateHash(m: RiscvMachine): string {
  const h = createHash('sha256').update(snapshotPackr.pack(stateWithoutRam(captureWithoutRam(m))));
  hashLiveRam(h, m.mem);
  return h.digest('hex');
}

function mib(n: number): string {
  return n % (1 << 20) === 0 ? `${n >> 20} MiB` : `${n} bytes`;
}

/** What differs between two configurations, in words. */
function describeConfigDifference(have: MachineConfig, want: MachineConfig): string {
  const out: string[] = [];
  if (have.kind !== want.kind) out.push(`machine '${want.kind}' vs this '${have.kind}'`);
  if (have.ramSize !== want.ramSize) out.push(`RAM ${mib(want.ramSize)} vs this machine's ${mib(have.ramSize)}`);
  if (have.ramBase !== want.ramBase) out.push(`RAM at 0x${want.ramBase.toString(16)} vs 0x${have.ramBase.toString(16)}`);
  if (have.harts !== want.harts) out.push(`${want.harts} hart(s) vs ${have.harts}`);
  if (have.insnsPerTick !== want.insnsPerTick) out.push(`${want.insnsPerTick} instructions per tick vs ${have.insnsPerTick}`);
  if (have.sliceInsns !== want.sliceInsns) out.push(`slices of ${want.sliceInsns} vs ${have.sliceInsns}`);
  const hp = JSON.stringify(have.platform, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  const wp = JSON.stringify(want.platform, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  if (hp !== wp) out.push(`platform ${wp} vs ${hp}`);
  return out.length ? out.join('; ') : 'the configuration hashes differ';
}

/** Refuse a part saved with a schema version other than `have`, naming both. */
function checkVersion(what: string, saved: number, have: number): void {
  if (saved === have) return;
  if (saved > have) {
    throw new SnapshotError('schema-version', `${what} state is schema version ${saved}, newer than version ${have} that this Orrery understands`);
  }
  throw new SnapshotError('schema-version', `${what} state is schema version ${saved}, older than version ${have} and no migration exists`);
}

/**
 * Everything that must hold before a restore writes anything: configuration,
 * schema versions, the parts present, hart and disk compatibility.
 */
function checkRestorable(m: RiscvMachine, s: SnapshotData, parts: ReturnType<RiscvMachine['snapshotParts']>): void {
  const hash = configHash(parts.config);
  if (s.configHash !== hash || configHash(s.config) !== s.configHash) {
    throw new SnapshotError('config', `snapshot is of a different machine configuration: ${describeConfigDifference(parts.config, s.config)}`);
  }
  for (const [name, v] of Object.entries(CORE_SCHEMAS)) checkVersion(name, s.schemas[name] ?? 0, v);
  const names = parts.parts.map(([n]) => n);
  const saved = s.parts.map((p) => p.name);
  if (names.join() !== saved.join()) {
    throw new SnapshotError('config', `snapshot has parts [${saved.join(', ')}], this machine [${names.join(', ')}]`);
  }
  parts.parts.forEach(([name, p], i) => checkVersion(name, s.parts[i].version, p.stateVersion));
  if (s.harts.length !== m.harts.length) throw new SnapshotError('config', `snapshot has ${s.harts.length} harts, this machine ${m.harts.length}`);
  m.harts.forEach((h, i) => {
    const why = hartMismatch(h, s.harts[i]);
    if (why) throw new SnapshotError('config', why);
  });
  if (s.drives.length !== parts.drives.length) throw new SnapshotError('config', `snapshot has ${s.drives.length} disks, this machine ${parts.drives.length}`);
  parts.drives.forEach((d, i) => {
    const why = diskMismatch(i, d, s.drives[i]);
    if (why) throw new SnapshotError('disk', why);
  });
  if (s.ram.pages.length !== ramPageCount(m.mem.ramSize)) {
    throw new SnapshotError('config', `snapshot has ${s.ram.pages.length} RAM pages, this machine ${ramPageCount(m.mem.ramSize)}`);
  }
}

/** Options of {@link restoreSnapshot}. */
export interface RestoreOptions {
  /**
   * The only guest-physical ranges of RAM that may hold non-zero bytes now
   * (a machine just built: its boot images). Zero pages of the snapshot
   * outside them are not cleared, so never-used host memory stays untouched.
   * Leave it out unless it is certain: a page wrongly assumed zero keeps its bytes.
   */
  ramNonZero?: { start: bigint; end: bigint }[];
}

/** A test of RAM page indexes: does the page overlap one of `ranges` (guest physical)? */
function pagesWithin(m: RiscvMachine, ranges: { start: bigint; end: bigint }[]): (page: number) => boolean {
  const size = BigInt(PAGE_SIZE);
  const spans = ranges.map((r) => [Number((r.start - m.bus.ramBase) / size), Number((r.end - 1n - m.bus.ramBase) / size)]);
  return (page) => spans.some(([first, last]) => page >= first && page <= last);
}

/**
 * Put machine `m` back into state `s`. Everything is checked first; a
 * snapshot that does not fit (other configuration, newer schema, disks that
 * cannot be reverted) throws {@link SnapshotError} and leaves `m` untouched.
 * The translation cache, TLBs and jump caches are flushed.
 */
export function restoreSnapshot(m: RiscvMachine, s: SnapshotData, options: RestoreOptions = {}): void {
  const parts = m.snapshotParts();
  checkRestorable(m, s, parts);
  // Harts and time first: devices read the clock while loading (timer lines follow mtime).
  const backup = { harts: m.harts.map(captureHart), clock: m.clockState(), parts: parts.parts.map(([, p]) => p.saveState()) };
  try {
    m.harts.forEach((h, i) => restoreHart(h, s.harts[i]));
    m.setClockState(s.clock);
    parts.parts.forEach(([, p], i) => p.loadState(structuredClone(s.parts[i].state)));
  } catch (e) {
    // A part refused its state (it checks details the configuration does not cover): undo.
    m.harts.forEach((h, i) => restoreHart(h, backup.harts[i]));
    m.setClockState(backup.clock);
    parts.parts.forEach(([, p], i) => p.loadState(backup.parts[i]));
    m.harts.forEach((h, i) => { h.irqLines = backup.harts[i].irqLines; });
    throw new SnapshotError('config', `snapshot does not fit this machine: ${(e as Error).message}`);
  }
  parts.drives.forEach((d, i) => restoreDisk(d, s.drives[i]));
  restoreRam(m.mem, s.ram, options.ramNonZero && pagesWithin(m, options.ramNonZero));
  // Devices re-drove their lines while loading; the saved levels are the truth.
  m.harts.forEach((h, i) => { h.irqLines = s.harts[i].irqLines; });
  m.halted = s.halted;
  forgetDerivedState(m);
}

/** Drop everything derived from guest memory and CPU state: translations, code-page marks, TLBs, jump caches. */
function forgetDerivedState(m: RiscvMachine): void {
  m.engine.flush();
  const flags = m.bus.pageFlags;
  for (let i = 0; i < flags.length; i++) flags[i] &= ~PAGE_FLAG.code;
  for (const h of m.harts) {
    m.mmu.flush(h.env);
    m.engine.cache.clearJumpCache(h.env);
  }
  m.engine.stopRequested = false;
  m.engine.yieldRequested = false;
}

/**
 * A second machine in the same state as `m`, independent of it: its own RAM,
 * devices and disks (overlays fork, read-only images reopen, in-memory disks
 * are copied; a raw file written in place is refused).
 */
export function forkMachine(m: RiscvMachine): RiscvMachine {
  const s = captureSnapshot(m);
  const parts = m.snapshotParts();
  const drives = parts.drives.map((d, i) => forkDisk(i, d));
  const twin = parts.spawn(drives) as RiscvMachine;
  restoreSnapshot(twin, s);
  return twin;
}
