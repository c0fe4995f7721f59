import { describe, expect, it } from 'vitest';
import { Aclint, ACLINT_REG } from '../../core/devices/aclint';
import { WiredIrqLine } from '../../core/devices/irq';
import { ManualClock } from './manual-clock';

const ALL_ONES = (1n << 64n) - 1n;

function clint(harts = 2): { c: Aclint; clock: ManualClock; msip: WiredIrqLine[]; mtip: WiredIrqLine[] } {
  const clock = new ManualClock();
  const msip = Array.from({ length: harts }, (_, i) => new WiredIrqLine(`hart${i}.msip`, () => {}));
  const mtip = Array.from({ length: harts }, (_, i) => new WiredIrqLine(`hart${i}.mtip`, () => {}));
  return { c: new Aclint({ harts, clock, msip, mtip }), clock, msip, mtip };
}

const mtimecmp = (hart: number): number => ACLINT_REG.mtimecmpBase + 8 * hart;

/** What the machine does between time slices: advance to the deadline and tell the device. */
function runTo(c: Aclint, clock: ManualClock, tick: bigint): void {
  clock.ticks = tick;
  c.onTime(tick);
}

describe('ACLINT (SiFive CLINT layout)', () => {
  it('reads mtime from the clock, whole or as two 32-bit halves', () => {
    const { c, clock } = clint();
    clock.ticks = 0x1_2345_6789n;
    expect(c.read(ACLINT_REG.mtime, 8)).toBe(0x1_2345_6789n);
    expect(c.read(ACLINT_REG.mtime, 4)).toBe(0x2345_6789n);
    expect(c.read(ACLINT_REG.mtime + 4, 4)).toBe(1n);
  });

  it('resets mtimecmp to all ones, so no timer interrupt is pending', () => {
    const { c, clock, mtip } = clint();
    clock.ticks = 1n << 40n;
    c.onTime(clock.ticks);
    expect(c.read(mtimecmp(0), 8)).toBe(ALL_ONES);
    expect(mtip.map((l) => l.level)).toEqual([false, false]);
    // The only deadline is mtime wrapping to all ones, some 58,000 years away at 10 MHz.
    expect(c.nextDeadline()).toBe(ALL_ONES);
  });

  it('raises MTIP exactly when mtime reaches mtimecmp, at the deadline it announces', () => {
    const { c, clock, mtip } = clint();
    clock.ticks = 1000n;
    c.write(mtimecmp(0), 8, 1500n);
    expect(mtip[0].level).toBe(false);
    expect(c.nextDeadline()).toBe(1500n);
    runTo(c, clock, 1499n);
    expect(mtip[0].level).toBe(false);
    runTo(c, clock, 1500n);
    expect(mtip[0].level).toBe(true);
    expect(mtip[1].level).toBe(false);
    expect(c.nextDeadline()).toBe(ALL_ONES);
    // The handler (OpenSBI) moves mtimecmp forward: MTIP drops at once.
    c.write(mtimecmp(0), 8, 2500n);
    expect(mtip[0].level).toBe(false);
    // Writing a compare value in the past raises it at once.
    c.write(mtimecmp(0), 8, 10n);
    expect(mtip[0].level).toBe(true);
  });

  it('announces the earliest deadline over all harts', () => {
    const { c, clock } = clint(3);
    clock.ticks = 100n;
    c.write(mtimecmp(0), 8, 900n);
    c.write(mtimecmp(1), 8, 50n);
    c.write(mtimecmp(2), 8, 300n);
    expect(c.nextDeadline()).toBe(300n);
    runTo(c, clock, 300n);
    expect(c.nextDeadline()).toBe(900n);
  });

  it('takes mtimecmp as 32-bit halves, the RV32 way (high word to all ones first)', () => {
    const { c, clock, mtip } = clint();
    clock.ticks = 5n;
    c.write(mtimecmp(1), 4, 0n);
    c.write(mtimecmp(1) + 4, 4, 0xffffffffn);
    expect(mtip[1].level).toBe(false);
    c.write(mtimecmp(1), 4, 0x10n);
    c.write(mtimecmp(1) + 4, 4, 0x2n);
    expect(c.read(mtimecmp(1), 8)).toBe(0x2_0000_0010n);
    expect(c.read(mtimecmp(1) + 4, 4)).toBe(2n);
    expect(c.read(mtimecmp(1), 4)).toBe(0x10n);
    expect(c.nextDeadline()).toBe(0x2_0000_0010n);
  });

  it('lets the guest set mtime: the offset shifts deadlines into clock ticks', () => {
    const { c, clock, mtip } = clint();
    clock.ticks = 1000n;
    c.write(ACLINT_REG.mtime, 8, 1_000_000n);
    expect(c.read(ACLINT_REG.mtime, 8)).toBe(1_000_000n);
    clock.advance(10n);
    expect(c.mtime).toBe(1_000_010n);
    c.write(mtimecmp(0), 8, 1_000_100n);
    // mtime is 90 ticks short of mtimecmp: the clock must reach 1010 + 90.
    expect(c.nextDeadline()).toBe(1100n);
    runTo(c, clock, 1100n);
    expect(mtip[0].level).toBe(true);
    // Writing only the high half of mtime keeps the low half.
    c.write(ACLINT_REG.mtime + 4, 4, 1n);
    expect(c.mtime).toBe((1n << 32n) + 1_000_100n);
  });

  it('drives MSIP from bit 0 of msip[hart]', () => {
    const { c, msip } = clint();
    c.write(ACLINT_REG.msipBase + 4, 4, 0xffn);
    expect(msip.map((l) => l.level)).toEqual([false, true]);
    expect(c.read(ACLINT_REG.msipBase + 4, 4)).toBe(1n);
    c.write(ACLINT_REG.msipBase + 4, 4, 0n);
    expect(msip[1].level).toBe(false);
  });

  it('announces no deadline once every hart has reached its mtimecmp', () => {
    const { c, clock } = clint();
    c.write(mtimecmp(0), 8, 7n);
    c.write(mtimecmp(1), 8, 7n);
    runTo(c, clock, 7n);
    expect(c.nextDeadline()).toBeUndefined();
  });

  it('reads zero and ignores writes for absent harts, holes and bad sizes', () => {
    const { c, msip } = clint();
    for (const [off, size] of [[8, 4], [0x4010, 8], [0x5000, 8], [0xbff0, 8], [0xc000, 8], [0, 8], [0, 1], [mtimecmp(0), 2], [mtimecmp(0) + 4, 8], [0xfffc, 4]] as const) {
      expect(() => c.write(off, size, 1n)).not.toThrow();
      expect(c.read(off, size)).toBe(0n);
    }
    expect(msip[0].level).toBe(false);
    expect(c.read(mtimecmp(0), 8)).toBe(ALL_ONES);
  });

  it('saves and restores its state exactly, driving MSIP and MTIP to match', () => {
    const a = clint();
    a.clock.ticks = 500n;
    a.c.write(ACLINT_REG.mtime, 8, 10_000n);
    a.c.write(mtimecmp(0), 8, 9_000n);
    a.c.write(mtimecmp(1), 8, 20_000n);
    a.c.write(ACLINT_REG.msipBase, 4, 1n);
    const saved = a.c.saveState();
    const b = clint();
    b.clock.ticks = 500n;
    b.c.loadState(structuredClone(saved));
    expect(b.c.saveState()).toEqual(saved);
    expect(b.msip.map((l) => l.level)).toEqual([true, false]);
    expect(b.mtip.map((l) => l.level)).toEqual([true, false]);
    expect(b.c.nextDeadline()).toBe(a.c.nextDeadline());
    expect(b.c.mtime).toBe(10_000n);
  });

  it('reset clears msip, mtimecmp and the mtime offset, lowering every line', () => {
    const { c, clock, msip, mtip } = clint();
    clock.ticks = 50n;
    c.write(ACLINT_REG.mtime, 8, 1n << 50n);
    c.write(mtimecmp(0), 8, 0n);
    c.write(ACLINT_REG.msipBase, 4, 1n);
    c.reset();
    expect([msip[0].level, mtip[0].level]).toEqual([false, false]);
    expect(c.mtime).toBe(50n);
    expect(c.timecmp(0)).toBe(ALL_ONES);
  });
});
