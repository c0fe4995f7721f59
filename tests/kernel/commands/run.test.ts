import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGuest, listIsaTests, listBenchWorkloads } from '../../support/guest';

const ORRERY = resolve(__dirname, '../../../bin/orrery.js');

function orrery(...args: string[]) {
  const r = spawnSync(process.execPath, [ORRERY, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  buildGuest();
}, 600_000);

describe('orrery run --machine spike', () => {
  it('exits with the guest exit code and prints its console output', () => {
    const w = listBenchWorkloads().find((x) => x.name === 'crc32')!;
    const r = orrery('run', '--machine', 'spike', w.elf);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`checksum: ${w.checksum}`);
  });

  it('passes on a riscv-tests-style program', () => {
    const t = listIsaTests().find((x) => x.group === 'rv64ui' && x.name === 'add')!;
    expect(orrery('run', '--machine', 'spike', t.elf).status).toBe(0);
  });

  it('stops a runaway guest at --max-insns with a one-line reason and status 124', () => {
    const w = listBenchWorkloads().find((x) => x.name === 'crc32')!;
    const r = orrery('run', '--machine', 'spike', '--max-insns', '1000', w.elf);
    expect(r.status).toBe(124);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/stopped after 1000 instructions/);
  });

  describe('bad input gets one clear line and a nonzero status, never a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'orrery-run-'));
    const cases: [string, () => string, RegExp][] = [
      ['a missing file', () => join(dir, 'nope.elf'), /nope\.elf: no such file/],
      ['a file that is not ELF', () => { const f = join(dir, 'text.elf'); writeFileSync(f, 'hello world\n'.repeat(10)); return f; }, /not an ELF|magic/i],
      ['a truncated ELF', () => {
        const f = join(dir, 'trunc.elf');
        writeFileSync(f, readFileSync(listIsaTests()[0].elf).subarray(0, 40));
        return f;
      }, /truncated|beyond the end|past the end/],
      ['an ELF for another architecture', () => process.execPath, /not a RISC-V file.*x86-64/],
      ['a RISC-V ELF linked outside RAM', () => {
        const src = join(dir, 'low.S');
        const elf = join(dir, 'low.elf');
        writeFileSync(src, '.globl _start\n_start: j _start\n');
        const r = spawnSync('riscv64-linux-gnu-gcc', ['-nostdlib', '-static', '-Wl,-Ttext=0x10000', src, '-o', elf]);
        if (r.status !== 0) throw new Error(`riscv64-linux-gnu-gcc failed: ${r.stderr}`);
        return elf;
      }, /outside RAM/],
    ];
    for (const [what, make, message] of cases) {
      it(what, () => {
        const r = orrery('run', '--machine', 'spike', make());
        expect(r.status).toBe(1);
        expect(r.stderr).toMatch(message);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).not.toMatch(/\n\s+at /);
      });
    }
    it('an unknown machine or option', () => {
      expect(orrery('run', '--machine', 'virt3000', 'x.elf').status).toBe(2);
      expect(orrery('run', '--frobnicate').status).toBe(2);
    });
  });
});
