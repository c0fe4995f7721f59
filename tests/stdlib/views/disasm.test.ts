import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { mimeBundle } from '../../../stdlib/display';
import { disasm } from '../../../stdlib/views/disasm';
import { listBenchWorkloads } from '../../support/guest';
import { benchMachine } from './machines';

/** objdump's instructions in [start, start+bytes) as 'address text' lines, symbols stripped. */
function objdump(elf: string, start: bigint, bytes: number): string[] {
  let out: string;
  try {
    out = execFileSync('riscv64-linux-gnu-objdump', ['-d', elf, `--start-address=0x${start.toString(16)}`,
      `--stop-address=0x${(start + BigInt(bytes)).toString(16)}`], { encoding: 'utf8' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('riscv64-linux-gnu-objdump is missing: apt-get install binutils-riscv64-linux-gnu');
    throw e;
  }
  return out.split('\n').map((l) => /^\s+([0-9a-f]+):\s+[0-9a-f]+\s+(.*)$/.exec(l)).filter((x) => x !== null)
    .map((x) => `${x![1]} ${x![2].replace(/\s*<[^>]*>/g, '').replace(/\s+/g, ' ').trim()}`);
}

describe('disassembly view', () => {
  it('disassembles the code at an address as objdump does', () => {
    const m = benchMachine();
    const entry = m.cpu.pc;
    const v = disasm(m, entry, 16);
    expect(v.rows).toHaveLength(16);
    const ours = v.rows.map((r) => `${r.pc.toString(16)} ${r.text.replace(/\s*<[^>]*>/g, '').replace(/\s+/g, ' ').trim()}`);
    const end = v.rows[15].pc + BigInt(v.rows[15].bytes.length / 2);
    const elf = listBenchWorkloads().find((w) => w.name === 'crc32')!.elf;
    expect(ours).toEqual(objdump(elf, entry, Number(end - entry)));
  });

  it('names symbols and marks the current instruction and breakpoints', () => {
    const m = benchMachine();
    m.step(4);
    m.addBreakpoint(m.cpu.pc + 4n);
    const v = disasm(m);
    expect(v.rows).toHaveLength(16);
    const cur = v.rows.find((r) => r.current)!;
    expect(cur.pc).toBe(m.cpu.pc);
    // A few instructions come before the pc, decoded on the right boundaries.
    expect(v.rows[0].pc).toBeLessThan(m.cpu.pc);
    expect(v.rows.find((r) => r.breakpoint)?.pc).toBe(m.cpu.pc + 4n);
    expect(v.rows[0].symbol).toMatch(/^_start/);
    expect(v.toString()).toMatch(/▶\s+80000010\s+_start\+0x10/);
    const html = v[mimeBundle]()['text/html'] as string;
    expect(html).toContain('80000010');
    expect(html).toContain('background:#fff3b0');
  });

  it('says what is wrong with a bad address or count', () => {
    const m = benchMachine();
    expect(() => disasm(m, 0x10n)).toThrow(/nothing is mapped at 0x10 .*RAM is 0x80000000\.\.0x88000000/);
    expect(() => disasm(m, 'main')).toThrow(/pc 'main' is not a number/);
    expect(() => disasm(m, undefined, 0)).toThrow(/instruction count 0/);
  });
});
