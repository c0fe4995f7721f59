import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDrive, parseMemorySize } from '../../../kernel/commands/boot';
import { runProcess } from '../../support/process';

const ORRERY = resolve(__dirname, '../../../bin/orrery.js');

function orrery(args: string[], input = '') {
  return runProcess(process.execPath, [ORRERY, 'boot', ...args], { input, timeout: 600_000 });
}

describe('orrery boot', () => {
  it('boots Linux with commands piped in, and a guest poweroff ends the process with status 0', async () => {
    const r = await orrery([], 'uname -m\necho sum=$((40+2))\npoweroff\n');
    expect(r.stdout).toContain('~ # uname -m\r\nriscv64');
    expect(r.stdout).toContain('sum=42');
    expect(r.stdout).toContain('reboot: Power down');
    expect(r.status).toBe(0);
  }, 600_000);

  describe('bad input gets one clear line and a nonzero status before the guest starts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'orrery-boot-'));
    const big = join(dir, 'big.img');
    writeFileSync(big, new Uint8Array(12 << 20));
    const cases: [string, string[], RegExp][] = [
      ['a missing kernel', ['--kernel', join(dir, 'nope')], /kernel .*nope: no such file/],
      ['a kernel for another architecture', ['--kernel', process.execPath], /kernel .*not a RISC-V file.*x86-64/],
      ['too little RAM for the images', ['-m', '16M', '--initrd', big], /initrd .*(needs|would overlap).*more memory \(-m\)/],
      ['a missing disk image', ['--drive', `file=${join(dir, 'none.img')},format=raw`], /none\.img.*no such file/],
      ['an unsupported disk format', ['--drive', `file=${big},format=qcow2`], /format 'qcow2' is not supported/],
      ['an unknown machine', ['-M', 'pc'], /unknown machine 'pc'/],
    ];
    for (const [what, args, message] of cases) {
      it(what, async () => {
        const r = await orrery(args);
        expect(r.status).not.toBe(0);
        expect(r.stderr.trim().split('\n')[0]).toMatch(message);
        expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+\)?$/m); // no stack trace
        expect(r.stdout).not.toContain('OpenSBI');
      });
    }
  });

  it('parses QEMU-style sizes and drives', () => {
    expect(parseMemorySize('256M')).toBe(256 << 20);
    expect(parseMemorySize('1G')).toBe(1 << 30);
    expect(parseMemorySize('512')).toBe(512 << 20);
    expect(() => parseMemorySize('lots')).toThrow(/-m takes a size/);
    expect(parseDrive('file=a.img,format=raw,readonly=off')).toEqual({ file: 'a.img', readOnly: false });
    expect(parseDrive('file=a.img')).toEqual({ file: 'a.img' });
  });
});
