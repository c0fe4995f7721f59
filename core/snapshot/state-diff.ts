import { X_ABI, F_ABI } from '../target/riscv/cpu-layout';
import { deltaBlocks } from './disk-delta';
import type { SnapshotData } from './snapshot';

/** One value that differs: where, before (`a`) and after (`b`). */
export interface ChangedValue {
  name: string;
  a: unknown;
  b: unknown;
}

/** What differs in one hart. */
export interface HartDiff {
  hart: number;
  /** Integer and FP registers by ABI name (`a0`, `fs1`), and `pc`. */
  registers: ChangedValue[];
  /** CSRs by field name (`mstatus`, `pmpaddr[3]`). */
  csrs: ChangedValue[];
  /** Everything else: `priv`, `icount`, `fcsr`, `waiting`, `irqLines`, `reservation`, … */
  other: ChangedValue[];
}

/** A RAM page whose contents differ. */
export interface PageDiff {
  /** Page number from the start of RAM. */
  page: number;
  /** Guest physical address of the page. */
  address: bigint;
  /** How many of its bytes differ. */
  bytesChanged: number;
}

/** Differences between two snapshots, as plain data (views and charts are built on it). */
export interface StateDiff {
  /** The configurations differ (the rest is compared as far as the shapes allow). */
  configChanged: boolean;
  harts: HartDiff[];
  /** Device and machine-part fields by path (`uart0.lsrErrors`, `plic.pending[2]`). */
  devices: ChangedValue[];
  /** Virtual time and the halted flag. */
  machine: ChangedValue[];
  ramPages: PageDiff[];
  /** Disk blocks whose contents (or written state) differ, per disk. */
  disks: { disk: number; blocks: number[] }[];
  /** Total count of changed items, for a quick look. */
  total: number;
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
  if (typeof a === 'bigint' || typeof b === 'bigint') return typeof a === typeof b && a === b;
  return false;
}

/** Compare two plain-data values field by field, pushing leaf differences under `path`. */
function compareValues(path: string, a: unknown, b: unknown, out: ChangedValue[]): void {
  if (same(a, b)) return;
  const objA = a !== null && typeof a === 'object' && !(a instanceof Uint8Array);
  const objB = b !== null && typeof b === 'object' && !(b instanceof Uint8Array);
  if (objA && objB && Array.isArray(a) === Array.isArray(b)) {
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) {
        out.push({ name: path, a, b });
        return;
      }
      a.forEach((x, i) => compareValues(`${path}[${i}]`, x, b[i], out));
      return;
    }
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    for (const k of new Set([...Object.keys(ra), ...Object.keys(rb)])) compareValues(path ? `${path}.${k}` : k, ra[k], rb[k], out);
    return;
  }
  out.push({ name: path, a, b });
}

function countBytes(a: Uint8Array | undefined, b: Uint8Array | undefined, size: number): number {
  let n = 0;
  for (let i = 0; i < size; i++) if ((a ? a[i] : 0) !== (b ? b[i] : 0)) n++;
  return n;
}

/**
 * What changed from snapshot `a` to snapshot `b`: registers, CSRs and other
 * hart fields, device fields, virtual time, RAM pages (with how many bytes
 * differ) and disk blocks.
 *
 * ```ts
 * const before = m.snapshot(); m.step(1000); const d = diff(before, m.snapshot());
 * d.harts[0].registers   // [{ name: 'a0', a: 0n, b: 42n }, …]
 * ```
 */
export function diff(a: SnapshotData, b: SnapshotData): StateDiff {
  const harts: HartDiff[] = [];
  for (let i = 0; i < Math.min(a.harts.length, b.harts.length); i++) {
    const ha = a.harts[i];
    const hb = b.harts[i];
    const registers: ChangedValue[] = [];
    if (ha.pc !== hb.pc) registers.push({ name: 'pc', a: ha.pc, b: hb.pc });
    for (let r = 1; r < 32; r++) if (ha.x[r] !== hb.x[r]) registers.push({ name: X_ABI[r], a: ha.x[r], b: hb.x[r] });
    for (let r = 0; r < 32; r++) if (ha.f[r] !== hb.f[r]) registers.push({ name: F_ABI[r], a: ha.f[r], b: hb.f[r] });
    const csrs: ChangedValue[] = [];
    compareValues('', ha.csr, hb.csr, csrs);
    const other: ChangedValue[] = [];
    const { pc: _pa, x: _xa, f: _fa, csr: _ca, ...restA } = ha;
    const { pc: _pb, x: _xb, f: _fb, csr: _cb, ...restB } = hb;
    compareValues('', restA, restB, other);
    if (registers.length || csrs.length || other.length) harts.push({ hart: ha.hartId, registers, csrs, other });
  }
  const devices: ChangedValue[] = [];
  const partsB = new Map(b.parts.map((p) => [p.name, p]));
  for (const p of a.parts) compareValues(p.name, p.state, partsB.get(p.name)?.state, devices);
  for (const p of b.parts) if (!a.parts.some((q) => q.name === p.name)) devices.push({ name: p.name, a: undefined, b: p.state });
  const machine: ChangedValue[] = [];
  compareValues('clock', a.clock, b.clock, machine);
  compareValues('halted', a.halted, b.halted, machine);

  const ramPages: PageDiff[] = [];
  const pageSize = a.ram.pageSize;
  const base = a.config.ramBase;
  for (let i = 0; i < Math.min(a.ram.pages.length, b.ram.pages.length); i++) {
    const pa = a.ram.pages[i];
    const pb = b.ram.pages[i];
    if (pa === pb || (pa && pb && same(pa, pb))) continue;
    const n = countBytes(pa, pb, pageSize);
    if (n > 0) ramPages.push({ page: i, address: base + BigInt(i * pageSize), bytesChanged: n });
  }
  const disks: { disk: number; blocks: number[] }[] = [];
  for (let d = 0; d < Math.min(a.drives.length, b.drives.length); d++) {
    const ba = deltaBlocks(a.drives[d]);
    const bb = deltaBlocks(b.drives[d]);
    const changed = [...new Set([...ba.keys(), ...bb.keys()])]
      .filter((k) => !(ba.has(k) && bb.has(k) && same(ba.get(k), bb.get(k))))
      .sort((x, y) => x - y);
    if (changed.length) disks.push({ disk: d, blocks: changed });
  }
  const total = harts.reduce((n, h) => n + h.registers.length + h.csrs.length + h.other.length, 0) +
    devices.length + machine.length + ramPages.length + disks.reduce((n, d) => n + d.blocks.length, 0);
  return { configChanged: a.configHash !== b.configHash, harts, devices, machine, ramPages, disks, total };
}
