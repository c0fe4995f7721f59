import { describe, expect, it } from 'vitest';
import { SifiveTest, SIFIVE_TEST } from '../../core/devices/sifive-test';

function finisher(): { t: SifiveTest; events: string[] } {
  const events: string[] = [];
  const t = new SifiveTest({ onPowerOff: (code) => events.push(`poweroff ${code}`), onReset: () => events.push('reset') });
  return { t, events };
}

describe('SiFive test finisher', () => {
  it('powers off with code 0 on 0x5555 (syscon-poweroff)', () => {
    const { t, events } = finisher();
    t.write(0, 4, 0x5555n);
    expect(events).toEqual(['poweroff 0']);
  });

  it('powers off with the exit code from bits 31:16 on 0x3333', () => {
    const { t, events } = finisher();
    t.write(0, 4, BigInt(SIFIVE_TEST.FAIL | (42 << 16)));
    t.write(0, 4, BigInt((SIFIVE_TEST.FAIL | (0xffff << 16)) >>> 0));
    expect(events).toEqual(['poweroff 42', 'poweroff 65535']);
  });

  it('resets on 0x7777 (syscon-reboot)', () => {
    const { t, events } = finisher();
    t.write(0, 4, 0x7777n);
    expect(events).toEqual(['reset']);
  });

  it('accepts a 16-bit write, and ignores other values, offsets and sizes', () => {
    const { t, events } = finisher();
    t.write(0, 2, 0x5555n);
    for (const [off, size, v] of [[0, 4, 0x1234n], [4, 4, 0x5555n], [0, 1, 0x55n], [0, 8, 0x5555n]] as const) t.write(off, size, v);
    expect(events).toEqual(['poweroff 0']);
  });

  it('reads zero and has an empty state that round-trips', () => {
    const { t } = finisher();
    expect(t.read(0, 4)).toBe(0n);
    expect(t.read(0x10, 8)).toBe(0n);
    const saved = t.saveState();
    t.loadState(structuredClone(saved));
    expect(t.saveState()).toEqual(saved);
    expect(t.registers.map((r) => r.name)).toEqual(['finisher']);
  });
});
