import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpikeMachine } from '../../core/machine/spike-machine';
import { Snapshot, SNAPSHOT_FILE, SnapshotError } from '../../core/snapshot';

const ELF = join(__dirname, '..', '..', 'images', 'bench', 'sha256.elf');
const RAM = 16 << 20;
const tmp = mkdtempSync(join(tmpdir(), 'orrery-snapfile-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function machine(ramSize = RAM): SpikeMachine {
  const m = new SpikeMachine({ ramSize });
  m.loadElf(ELF);
  return m;
}

let snap: Snapshot;
let good: Buffer;
beforeAll(() => {
  const m = machine();
  m.runSync(2_000_000);
  snap = m.snapshot();
  const path = join(tmp, 'good.osnap');
  snap.save(path);
  good = readFileSync(path);
});

/** Write `bytes` to a file and load it, returning the error it throws. */
function loadError(name: string, bytes: Uint8Array): SnapshotError {
  const path = join(tmp, name);
  writeFileSync(path, bytes);
  try {
    Snapshot.load(path);
  } catch (e) {
    expect(e).toBeInstanceOf(SnapshotError);
    return e as SnapshotError;
  }
  throw new Error(`${name} loaded without an error`);
}

/** A running machine, its state hash, and a check that a failed restore left it exactly so. */
function bystander() {
  const m = machine();
  m.runSync(1_000_000);
  const hash = m.stateHash();
  return { m, untouched: () => expect(m.stateHash()).toBe(hash) };
}

describe('snapshot files', () => {
  it('round-trip: the loaded snapshot has the same state hash', () => {
    expect(good.subarray(0, 8).toString('latin1')).toBe('ORRYSNAP');
    expect(Snapshot.decode(good).hash()).toBe(snap.hash());
  });

  it('every compression method round-trips', () => {
    for (const compression of ['deflate', 'brotli', 'none'] as const) {
      const { bytes } = snap.encode({ compression });
      expect(Snapshot.decode(bytes).hash()).toBe(snap.hash());
    }
  });

  it('a truncated file is reported as truncated, at any length', () => {
    for (const n of [0, 5, 30, 100, good.length >> 1, good.length - 1]) {
      const e = loadError(`cut${n}.osnap`, good.subarray(0, n));
      expect(e.kind).toBe('truncated');
      expect(e.message).toMatch(/truncated/);
    }
  });

  it('a flipped bit in the data is a checksum error naming the section', () => {
    const bad = Buffer.from(good);
    bad[bad.length - 10] ^= 0x10;
    const e = loadError('flip-data.osnap', bad);
    expect(e.kind).toBe('corrupt');
    expect(e.message).toMatch(/checksum of the pages section does not match/);
  });

  it('a flipped bit in the header is a header checksum error', () => {
    const bad = Buffer.from(good);
    bad[SNAPSHOT_FILE.headerOffset + 20] ^= 0x01;
    const e = loadError('flip-header.osnap', bad);
    expect(e.kind).toBe('corrupt');
    expect(e.message).toMatch(/header checksum/);
  });

  it('a file that is not a snapshot says so', () => {
    const e = loadError('elf.osnap', readFileSync(ELF));
    expect(e.kind).toBe('corrupt');
    expect(e.message).toMatch(/not an Orrery snapshot/);
  });

  it('an unknown format version is named', () => {
    const bad = Buffer.from(good);
    bad.writeUInt32LE(7, SNAPSHOT_FILE.formatVersionOffset);
    const e = loadError('v7.osnap', bad);
    expect(e.kind).toBe('format-version');
    expect(e.message).toMatch(/unknown snapshot format version 7 \(this Orrery reads version 1\)/);
  });

  it('a core component of a newer schema is refused with both version numbers', () => {
    const newer = new Snapshot({ ...snap, schemas: { ...snap.schemas, hart: 9 } });
    const e = loadError('hart9.osnap', newer.encode().bytes);
    expect(e.kind).toBe('schema-version');
    expect(e.message).toMatch(/hart state is schema version 9, newer than version 1/);
  });

  it('a device of a newer schema is refused at restore with both version numbers, the machine untouched', () => {
    const { m, untouched } = bystander();
    const parts = snap.parts.map((p) => (p.name === 'htif' ? { ...p, version: 4 } : p));
    const newer = Snapshot.decode(new Snapshot({ ...snap, parts }).encode().bytes);
    expect(() => m.restore(newer)).toThrow(/htif state is schema version 4, newer than version 1/);
    untouched();
  });

  it('a snapshot of another configuration (RAM size) is refused by name, the machine untouched', () => {
    const other = machine(32 << 20);
    const { m, untouched } = bystander();
    let err: unknown;
    try {
      m.restore(other.snapshot());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SnapshotError);
    expect((err as SnapshotError).kind).toBe('config');
    expect((err as SnapshotError).message).toMatch(/different machine configuration: RAM 32 MiB vs this machine's 16 MiB/);
    untouched();
  });

  it('a missing file is an io error naming the path', () => {
    expect(() => Snapshot.load(join(tmp, 'nope.osnap'))).toThrow(/cannot read snapshot '.*nope\.osnap'/);
  });

  it('zero pages are elided and identical pages stored once', () => {
    const m = machine();
    const before = m.snapshot().encode({ compression: 'none' }).info;
    const page = new Uint8Array(4096).fill(0xa5);
    for (let i = 0; i < 64; i++) m.bus.writePhys(0x80800000n + BigInt(i * 4096), page);
    const s = m.snapshot();
    const after = s.encode({ compression: 'none' }).info;
    expect(after.ramBytes - before.ramBytes).toBe(64 * 4096);
    expect(after.uniquePages).toBe(before.uniquePages + 1);
    expect(after.bytes - before.bytes).toBeLessThan(2 * 4096);
    expect(before.bytes).toBeLessThan(RAM / 100); // 16 MiB of mostly zero RAM
  });
});
