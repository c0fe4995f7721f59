import { describe, expect, it } from 'vitest';
import { MEMORY, PAGE_SIZE } from '../../core/exec/env';
import { SpikeMachine } from '../../core/machine/spike-machine';
import { defaultUbootImage, defaultVirtImages, VirtMachine, VirtMachineOptions } from '../../core/machine/virt-machine';
import { resumeVirtMachine, SnapshotError } from '../../core/snapshot';
import { residentRamPages } from '../../core/snapshot/resident-pages';

const UBOOT: VirtMachineOptions = { bios: defaultVirtImages().bios, kernel: defaultUbootImage(), ramSize: 32 << 20 };

/** The non-zero pages of a machine's RAM, by reading every byte (the truth the snapshot layer must match). */
function nonZeroPages(m: VirtMachine): number[] {
  const words = new BigUint64Array(m.mem.memory.buffer, MEMORY.ramBase, m.mem.ramSize / 8);
  const out: number[] = [];
  for (let p = 0; p < m.mem.ramSize / PAGE_SIZE; p++) {
    for (let w = p * (PAGE_SIZE / 8); w < (p + 1) * (PAGE_SIZE / 8); w++) {
      if (words[w] !== 0n) { out.push(p); break; }
    }
  }
  return out;
}

const pagesOf = (s: { ram: { pages: (Uint8Array | undefined)[] } }) => s.ram.pages.flatMap((p, i) => (p ? [i] : []));

describe('pages the host never backed are zero without being read', () => {
  it('on Linux the kernel says which RAM pages exist; an untouched page is absent until touched', () => {
    if (process.platform !== 'linux') return; // other hosts scan everything (residentRamPages is undefined there)
    const m = new VirtMachine(UBOOT);
    const resident = residentRamPages(m.mem);
    expect(resident, '/proc/self/pagemap should identify the machine memory').toBeDefined();
    const count = resident!.reduce((n, r) => n + r, 0);
    // The firmware, U-Boot and the device tree were written; most of 32 MiB was not.
    expect(count).toBeGreaterThan(100);
    expect(count).toBeLessThan(resident!.length / 2);
    const page = resident!.findIndex((r, i) => r === 0 && i > 100);
    m.bus.writePhys(m.bus.ramBase + BigInt(page * PAGE_SIZE), Uint8Array.of(7));
    expect(residentRamPages(m.mem)![page]).toBe(1);
  });

  it('a snapshot of a running machine holds exactly its non-zero pages', async () => {
    const m = new VirtMachine(UBOOT);
    await m.run(5_000_000);
    const s = m.snapshot();
    expect(pagesOf(s)).toEqual(nonZeroPages(m));
    expect(m.stateHash()).toBe(s.hash());
  }, 120_000);

  it('restoring an in-memory snapshot clears a page written since, resident or not', async () => {
    const m = new VirtMachine(UBOOT);
    await m.run(2_000_000);
    const s = m.snapshot();
    const zero = s.ram.pages.findIndex((p, i) => !p && i > 4000);
    m.bus.writePhys(m.bus.ramBase + BigInt(zero * PAGE_SIZE + 8), Uint8Array.of(1, 2, 3));
    m.restore(s);
    expect(nonZeroPages(m)).not.toContain(zero);
    expect(m.stateHash()).toBe(s.hash());
  }, 120_000);
});

describe('resumeVirtMachine', () => {
  it('builds a machine of the snapshot configuration in the same state, which then runs exactly like the original', async () => {
    const m = new VirtMachine({ ...UBOOT, harts: 2 });
    await m.run(8_000_000);
    const s = m.snapshot();
    const twin = resumeVirtMachine(s);
    expect(twin.harts).toHaveLength(2);
    expect(twin.mem.ramSize).toBe(32 << 20);
    expect(twin.stateHash()).toBe(s.hash());
    expect(nonZeroPages(twin)).toEqual(pagesOf(s));
    await m.run(3_000_000, { untilIdle: true });
    await twin.run(3_000_000, { untilIdle: true });
    expect(twin.stateHash()).toBe(m.stateHash());
  }, 120_000);

  it('refuses a snapshot of another kind of machine with a SnapshotError', () => {
    const spike = new SpikeMachine({ ramSize: 16 << 20 });
    expect(() => resumeVirtMachine(spike.snapshot())).toThrow(SnapshotError);
    expect(() => resumeVirtMachine(spike.snapshot())).toThrow(/the snapshot is of a 'spike' machine, not of the virt machine/);
  });
});
