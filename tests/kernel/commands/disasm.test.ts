import { describe, it, expect, afterAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import { disasmCommand } from '../../../kernel/commands/disasm';
import { run, tempDir } from '../../target/riscv/cross-toolchain';

const tmp = tempDir('orrery-cli-');
afterAll(() => tmp.remove());

/** Run the command capturing what it writes to stdout and stderr. */
async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const o = process.stdout.write, e = process.stderr.write;
  process.stdout.write = ((s: string) => { out += s; return true; }) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => { err += s; return true; }) as typeof process.stderr.write;
  try {
    return { code: await disasmCommand(argv), out, err };
  } finally {
    process.stdout.write = o;
    process.stderr.write = e;
  }
}

describe('orrery disasm', () => {
  it('prints objdump -d output for a RISC-V ELF and exits 0', async () => {
    writeFileSync(tmp.path('f.c'), 'long f(long a, long b) { return a * b + (a >> 3); }\n');
    run('riscv64-linux-gnu-gcc', ['-march=rv64gc', '-Os', '-c', tmp.path('f.c'), '-o', tmp.path('f.o')]);
    const r = await capture([tmp.path('f.o')]);
    expect(r).toEqual({ code: 0, out: run('riscv64-linux-gnu-objdump', ['-d', tmp.path('f.o')]), err: '' });
  });
  it('reports a non-ELF file in one stderr line and exits 1', async () => {
    writeFileSync(tmp.path('prog.elf'), 'hello\n');
    const r = await capture([tmp.path('prog.elf')]);
    expect(r).toEqual({ code: 1, out: '', err: `orrery disasm: ${tmp.path('prog.elf')}: not an ELF file (bad magic)\n` });
  });
  it('reports a missing file and exits 1', async () => {
    const r = await capture([tmp.path('missing.elf')]);
    expect(r).toEqual({ code: 1, out: '', err: `orrery disasm: ${tmp.path('missing.elf')}: no such file\n` });
  });
  it('without a file prints the usage and exits 1', async () => {
    const r = await capture([]);
    expect(r.code).toBe(1);
    expect(r.err).toBe('usage: orrery disasm FILE.elf...\n');
  });
});
