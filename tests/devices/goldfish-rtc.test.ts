import { describe, expect, it } from 'vitest';
import { GoldfishRtc, GOLDFISH_RTC_REG as R } from '../../core/devices/goldfish-rtc';
import { WiredIrqLine } from '../../core/devices/irq';
import { ManualClock } from './manual-clock';

/** 2023-01-01T00:00:00Z, the kind of fixed date a deterministic machine passes. */
const EPOCH_NS = 1_672_531_200n * 1_000_000_000n;

function rtc(): { r: GoldfishRtc; clock: ManualClock; irq: WiredIrqLine } {
  const clock = new ManualClock();
  const irq = new WiredIrqLine('plic.11', () => {});
  return { r: new GoldfishRtc({ clock, epochNs: EPOCH_NS, irq }), clock, irq };
}

/** Linux's goldfish_rtc_read_time: TIME_LOW first (latching TIME_HIGH), then TIME_HIGH. */
function readTime(r: GoldfishRtc): bigint {
  const low = r.read(R.TIME_LOW, 4);
  return (r.read(R.TIME_HIGH, 4) << 32n) | low;
}

/** Linux's goldfish_rtc_set_alarm with the alarm enabled. */
function setAlarm(r: GoldfishRtc, ns: bigint): void {
  r.write(R.ALARM_HIGH, 4, ns >> 32n);
  r.write(R.ALARM_LOW, 4, ns & 0xffffffffn);
  r.write(R.IRQ_ENABLED, 4, 1n);
}

describe('Goldfish RTC', () => {
  it('counts nanoseconds since 1970 from the epoch it was given, at the clock rate', () => {
    const { r, clock } = rtc();
    expect(readTime(r)).toBe(EPOCH_NS);
    // 10 MHz: one tick is 100 ns.
    clock.advance(12_345n);
    expect(readTime(r)).toBe(EPOCH_NS + 1_234_500n);
    expect(r.timeNs).toBe(EPOCH_NS + 1_234_500n);
  });

  it('latches TIME_HIGH when TIME_LOW is read, so a carry between the two reads cannot tear the value', () => {
    const { r, clock } = rtc();
    const low = r.read(R.TIME_LOW, 4);
    const highBefore = EPOCH_NS >> 32n;
    // Time moves on by more than 2^32 ns between the two reads.
    clock.advance(50_000_000n);
    expect(r.read(R.TIME_HIGH, 4)).toBe(highBefore);
    expect((highBefore << 32n) | low).toBe(EPOCH_NS);
  });

  it('sets the time when the guest writes TIME_HIGH then TIME_LOW (hwclock -w), and keeps counting from there', () => {
    const { r, clock } = rtc();
    clock.advance(1_000n);
    const target = 2_000_000_000n * 1_000_000_000n + 123n;
    r.write(R.TIME_HIGH, 4, target >> 32n);
    r.write(R.TIME_LOW, 4, target & 0xffffffffn);
    expect(readTime(r)).toBe(target);
    clock.advance(10n);
    expect(readTime(r)).toBe(target + 1_000n);
  });

  it('fires the alarm at the first tick at which the time reaches it, once', () => {
    const { r, clock, irq } = rtc();
    const alarm = EPOCH_NS + 1_000_050n;
    setAlarm(r, alarm);
    expect(r.read(R.ALARM_STATUS, 4)).toBe(1n);
    expect(r.read(R.ALARM_LOW, 4)).toBe(alarm & 0xffffffffn);
    expect(r.read(R.ALARM_HIGH, 4)).toBe(alarm >> 32n);
    expect(r.read(R.IRQ_ENABLED, 4)).toBe(1n);
    // 1,000,050 ns is reached at tick 10,001 (10,000 ticks are only 1,000,000 ns).
    expect(r.nextDeadline()).toBe(10_001n);
    clock.ticks = 10_000n;
    r.onTime(clock.ticks);
    expect(irq.level).toBe(false);
    clock.ticks = 10_001n;
    r.onTime(clock.ticks);
    expect(irq.level).toBe(true);
    expect(r.read(R.ALARM_STATUS, 4)).toBe(0n);
    expect(r.nextDeadline()).toBeUndefined();
    // The interrupt handler acknowledges.
    r.write(R.CLEAR_INTERRUPT, 4, 1n);
    expect(irq.level).toBe(false);
  });

  it('fires at once for an alarm already in the past', () => {
    const { r, clock, irq } = rtc();
    clock.advance(100n);
    setAlarm(r, EPOCH_NS);
    expect(irq.level).toBe(true);
  });

  it('keeps the interrupt off the line while IRQ_ENABLED is clear, and disarms on CLEAR_ALARM', () => {
    const { r, clock, irq } = rtc();
    r.write(R.ALARM_HIGH, 4, EPOCH_NS >> 32n);
    r.write(R.ALARM_LOW, 4, (EPOCH_NS + 500n) & 0xffffffffn);
    clock.advance(5n);
    r.onTime(clock.ticks);
    expect(irq.level).toBe(false);
    r.write(R.IRQ_ENABLED, 4, 1n);
    expect(irq.level).toBe(true);
    r.write(R.CLEAR_INTERRUPT, 4, 1n);
    setAlarm(r, EPOCH_NS + 10_000n);
    r.write(R.CLEAR_ALARM, 4, 1n);
    expect(r.read(R.ALARM_STATUS, 4)).toBe(0n);
    expect(r.nextDeadline()).toBeUndefined();
    clock.advance(1_000n);
    r.onTime(clock.ticks);
    expect(irq.level).toBe(false);
  });

  it('finds alarm deadlines after the guest has moved the time', () => {
    const { r, clock } = rtc();
    r.write(R.TIME_HIGH, 4, 0n);
    r.write(R.TIME_LOW, 4, 0n);
    clock.advance(7n);
    setAlarm(r, 1_000n);
    expect(r.nextDeadline()).toBe(10n);
  });

  it('reads zero and ignores writes at undefined offsets and sizes', () => {
    const { r, irq } = rtc();
    for (const [off, size] of [[0x20, 4], [0xffc, 4], [R.TIME_LOW, 8], [R.IRQ_ENABLED, 1], [R.TIME_LOW + 2, 2]] as const) {
      expect(() => r.write(off, size, 0xffffffffn)).not.toThrow();
      expect(r.read(off, size)).toBe(0n);
    }
    expect(r.read(R.IRQ_ENABLED, 4)).toBe(0n);
    expect(readTime(r)).toBe(EPOCH_NS);
    expect(irq.level).toBe(false);
  });

  it('saves and restores its state exactly, including the guest-set time and an armed alarm', () => {
    const a = rtc();
    a.clock.advance(300n);
    a.r.write(R.TIME_HIGH, 4, 5n);
    a.r.write(R.TIME_LOW, 4, 0n);
    setAlarm(a.r, (5n << 32n) + 4_000n);
    readTime(a.r);
    const saved = a.r.saveState();
    const b = rtc();
    b.clock.ticks = a.clock.ticks;
    b.r.loadState(structuredClone(saved));
    expect(b.r.saveState()).toEqual(saved);
    expect(b.r.timeNs).toBe(a.r.timeNs);
    expect(b.r.nextDeadline()).toBe(a.r.nextDeadline());
    expect(b.r.nextDeadline()).toBe(340n);
    expect(b.irq.level).toBe(false);
  });

  it('reset forgets the guest-set time, the alarm and the interrupt', () => {
    const { r, irq } = rtc();
    r.write(R.TIME_LOW, 4, 0n);
    setAlarm(r, 0n);
    expect(irq.level).toBe(true);
    r.reset();
    expect(irq.level).toBe(false);
    expect(readTime(r)).toBe(EPOCH_NS);
    expect(r.read(R.ALARM_STATUS, 4)).toBe(0n);
  });
});
