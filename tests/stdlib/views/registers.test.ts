import { describe, expect, it } from 'vitest';
import { mimeBundle } from '../../../stdlib/display';
import { registers } from '../../../stdlib/views/registers';
import { benchMachine } from './machines';

describe('registers view', () => {
  it('shows pc, the integer registers by ABI name and the CSRs, with their values', () => {
    const m = benchMachine();
    m.cpu.setX(10, 0x1234n);
    const v = registers(m);
    expect(v.get('a0')).toBe(0x1234n);
    expect(v.get('x10')).toBe(0x1234n);
    expect(v.get('pc')).toBe(m.cpu.pc);
    expect(v.get('mstatus')).toBe(m.cpu.csr.mstatus);
    expect(v.toString()).toMatch(/x10\/a0 0000000000001234/);
    expect(v.toString()).toContain(`pc ${m.cpu.pc.toString(16).padStart(16, '0')}`);
    const html = v[mimeBundle]()['text/html'] as string;
    expect(html).toContain('0000000000001234');
    expect(html).toContain('mstatus');
  });

  it('marks nothing on the first look and marks what an instruction changed on the next', () => {
    const m = benchMachine();
    expect(registers(m).changed).toEqual([]);
    m.step();
    const v = registers(m);
    const names = v.changed.map((r) => r.name);
    expect(names).toContain('pc');
    const pc = v.rows.find((r) => r.name === 'pc')!;
    expect(pc.previous).not.toBe(pc.value);
    expect(v.toString()).toMatch(/pc [0-9a-f]{16}\*/);
    expect(v[mimeBundle]()['text/html']).toContain('background:#fff3b0');
    // Looking again without running: nothing changed since the last look.
    expect(registers(m).changed).toEqual([]);
  });

  it('highlights a register written by hand, with its previous value as a tooltip', () => {
    const m = benchMachine();
    registers(m);
    m.cpu.setX(11, 7n);
    const v = registers(m);
    expect(v.changed.map((r) => r.name)).toEqual(['a1']);
    expect(v[mimeBundle]()['text/html']).toContain('title="was 0000000000000000"');
  });

  it('keeps previous values per machine', () => {
    const a = benchMachine();
    const b = benchMachine();
    registers(a);
    a.cpu.setX(5, 1n);
    expect(registers(b).changed).toEqual([]);
    expect(registers(a).changed.map((r) => r.name)).toEqual(['t0']);
  });

  it('rejects an unknown hart or register name with a message saying what exists', () => {
    const m = benchMachine();
    expect(() => registers(m, { hart: 3 })).toThrow(/no hart 3: this machine has 1 \(0\.\.0\)/);
    expect(() => registers(m).get('r99')).toThrow(/no register 'r99'/);
  });
});
