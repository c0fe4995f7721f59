import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryBackend } from '../../core/block/memory-backend';
import { defaultUbootImage, defaultVirtImages, VirtMachine, VirtMachineOptions } from '../../core/machine/virt-machine';
import { diff, OverlayBackend, Snapshot, SnapshotError } from '../../core/snapshot';

const tmp = mkdtempSync(join(tmpdir(), 'orrery-virtsnap-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// 64 MiB is plenty for OpenSBI + U-Boot and keeps whole-RAM scans short.
const UBOOT: VirtMachineOptions = { bios: defaultVirtImages().bios, kernel: defaultUbootImage(), ramSize: 64 << 20 };
const AT = 20_000_000;
const N = 40_000_000;

/** Run N steps (yielding between slices); the console written meanwhile and the state hash after. */
async function runN(m: VirtMachine, n = N) {
  const from = m.consoleBytes;
  await m.run(n, { untilIdle: true });
  return { console: m.consoleTextFrom(from), hash: m.stateHash() };
}

describe('snapshots of the virt machine booting OpenSBI and U-Boot', () => {
  it('save at 20M steps → run N → restore → run N gives the same console output and state hash', async () => {
    const m = new VirtMachine(UBOOT);
    await m.run(AT);
    const s = m.snapshot();
    const first = await runN(m);
    expect(first.console).toContain('Hit any key to stop autoboot');
    m.restore(s);
    expect(m.stateHash()).toBe(s.hash());
    expect(await runN(m)).toEqual(first);
    // Devices, time and interrupts were part of it: the two runs ended identically in every part.
    const s2 = m.snapshot();
    m.restore(s);
    await runN(m);
    expect(diff(s2, m.snapshot()).total).toBe(0);
  }, 300_000);

  it('a snapshot file restored into a freshly built machine continues exactly like the original', async () => {
    const m = new VirtMachine(UBOOT);
    await m.run(AT);
    const path = join(tmp, 'uboot.osnap');
    const info = m.snapshot().save(path);
    expect(info.bytes).toBeLessThan(4 << 20);
    const fresh = new VirtMachine(UBOOT);
    fresh.restore(Snapshot.load(path));
    expect(fresh.stateHash()).toBe(m.stateHash());
    expect(await runN(fresh)).toEqual(await runN(m));
  }, 300_000);

  it('a fork of a virt machine runs independently and reaches the same state', async () => {
    const m = new VirtMachine(UBOOT);
    await m.run(AT);
    const before = m.stateHash();
    const twin = m.fork() as VirtMachine;
    expect(twin).toBeInstanceOf(VirtMachine);
    const a = await runN(twin, 10_000_000);
    expect(m.stateHash()).toBe(before);
    expect(await runN(m, 10_000_000)).toEqual(a);
  }, 300_000);

  it('a different RAM size is refused with a clear message and the machine is untouched', async () => {
    const m = new VirtMachine(UBOOT);
    m.runSync(1_000_000);
    const other = new VirtMachine({ ...UBOOT, ramSize: 128 << 20 });
    const s = other.snapshot();
    const hash = m.stateHash();
    expect(() => m.restore(s)).toThrow(/different machine configuration: RAM 128 MiB vs this machine's 64 MiB/);
    expect(m.stateHash()).toBe(hash);
  }, 300_000);
});

describe('disk contents in snapshots', () => {
  const SIZE = 1 << 20;
  const base = () => new MemoryBackend(new Uint8Array(SIZE).fill(0x11), { readOnly: true });
  const bytesAt = (m: VirtMachine, offset: number, n = 8) => {
    const out = new Uint8Array(n);
    m.drives[0].read(offset, out);
    return Array.from(out);
  };

  it('an overlay disk goes back exactly: blocks written after the snapshot read as the base again', async () => {
    const m = new VirtMachine({ ...UBOOT, drives: [new OverlayBackend(base())] });
    m.drives[0].write(8192, new Uint8Array(8).fill(0x22));
    const s = m.snapshot();
    expect(s.drives[0].blocks).toEqual([2]);
    m.drives[0].write(8192, new Uint8Array(8).fill(0x33));
    m.drives[0].write(65536, new Uint8Array(8).fill(0x44));
    expect(diff(s, m.snapshot()).disks).toEqual([{ disk: 0, blocks: [2, 16] }]);
    m.restore(s);
    expect(bytesAt(m, 8192)).toEqual(new Array(8).fill(0x22));
    expect(bytesAt(m, 65536)).toEqual(new Array(8).fill(0x11));
    expect(m.stateHash()).toBe(s.hash());
  }, 60_000);

  it('a fork gets its own overlay: writes in one machine do not reach the other', async () => {
    const m = new VirtMachine({ ...UBOOT, drives: [new OverlayBackend(base())] });
    m.drives[0].write(0, new Uint8Array(4).fill(0x55));
    const twin = m.fork() as VirtMachine;
    twin.drives[0].write(0, new Uint8Array(4).fill(0x66));
    expect(bytesAt(m, 0, 4)).toEqual([0x55, 0x55, 0x55, 0x55]);
    expect(bytesAt(twin, 0, 4)).toEqual([0x66, 0x66, 0x66, 0x66]);
  }, 60_000);

  it('a disk written in place cannot forget later writes: the restore is refused and nothing changes', async () => {
    const disk = new MemoryBackend(SIZE);
    const m = new VirtMachine({ ...UBOOT, drives: [disk] });
    disk.write(0, new Uint8Array(4).fill(1));
    const s = m.snapshot();
    disk.write(4096, new Uint8Array(4).fill(2));
    const hash = m.stateHash();
    let err: unknown;
    try {
      m.restore(s);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SnapshotError);
    expect((err as SnapshotError).kind).toBe('disk');
    expect((err as SnapshotError).message).toMatch(/written after the snapshot .* use an OverlayBackend/);
    expect(m.stateHash()).toBe(hash);
    // Writes to blocks the snapshot already has are fine: they are put back.
    disk.write(0, new Uint8Array(4).fill(9));
    const t = m.snapshot();
    disk.write(0, new Uint8Array(4).fill(7));
    m.restore(t);
    expect(bytesAt(m, 0, 4)).toEqual([9, 9, 9, 9]);
  }, 60_000);
});
