import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultVirtImages, VirtMachine } from '../../core/machine/virt-machine';

const PROMPT = '~ # ';
/** Generous: the default boot takes about 66M instructions to the prompt. */
const BOOT_BUDGET = 400e6;
const dir = mkdtempSync(join(tmpdir(), 'orrery-virt-linux-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tool(cmd: string, args: string[], pkg: string): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) throw new Error(`${cmd} is missing: install Debian's ${pkg}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** Type a command at the shell and return what it printed before the next prompt. */
async function shell(m: VirtMachine, command: string, budget = 200e6): Promise<string> {
  const from = m.consoleBytes;
  m.typeInput(`${command}\n`);
  const r = await m.runUntilConsole(PROMPT, budget);
  const out = m.consoleTextFrom(from);
  if (!r.found) throw new Error(`no prompt after '${command}' (${r.reason}); console: ${out.slice(-400)}`);
  return out.replace(/\r/g, '');
}

describe('Linux 6.1 + BusyBox on the virt machine', () => {
  it('boots to a shell that runs commands, reads and writes a virtio-blk disk, and powers off', async () => {
    // An ext2 disk with one file, made on the host.
    const tree = join(dir, 'tree');
    mkdirSync(tree);
    writeFileSync(join(tree, 'hello.txt'), 'hello from the host\n');
    const img = join(dir, 'disk.img');
    tool('mke2fs', ['-q', '-t', 'ext2', '-d', tree, img, '4M'], 'e2fsprogs');

    const m = new VirtMachine({ ...defaultVirtImages(), drives: [{ file: img, readOnly: false }] });
    const boot = await m.runUntilConsole(PROMPT, BOOT_BUDGET);
    expect(boot.found).toBe(true);
    const log = m.consoleText;
    expect(log).toContain('OpenSBI v1.1');
    expect(log).toContain('Linux version 6.1');
    expect(log).toMatch(/virtio_blk virtio\d+: \[vda\]/);
    expect(log).toContain('orrery-virt rootfs: Linux 6.1');

    expect(await shell(m, 'uname -m')).toContain('riscv64');
    const cpuinfo = await shell(m, 'cat /proc/cpuinfo');
    expect(cpuinfo).toMatch(/processor\s*: 0/);
    expect(cpuinfo).toMatch(/isa\s*: rv64imafdc/);
    expect(cpuinfo).toMatch(/mmu\s*: sv48/);
    expect(await shell(m, 'ls /')).toMatch(/bin[\s\S]*proc[\s\S]*sys/);
    expect(await shell(m, 'dd if=/dev/zero of=/dev/null bs=1k count=1000')).toContain('1000+0 records out');

    expect(await shell(m, 'mount /dev/vda /mnt && cat /mnt/hello.txt')).toContain('hello from the host');
    await shell(m, 'echo written by the guest > /mnt/guest.txt && sync && umount /mnt');
    const from = m.consoleBytes;
    m.typeInput('poweroff\n');
    const r = await m.run(BOOT_BUDGET);
    expect(r.reason).toBe('exit');
    expect(m.exitCode).toBe(0);
    expect(m.consoleTextFrom(from)).toContain('reboot: Power down');
    // The guest's file is in the image, as e2fsprogs reads it.
    expect(tool('debugfs', ['-R', 'cat /guest.txt', img], 'e2fsprogs')).toContain('written by the guest');
  }, 900_000);

  it('boots with two harts and Linux brings both online', async () => {
    const m = new VirtMachine({ ...defaultVirtImages(), harts: 2 });
    expect((await m.runUntilConsole(PROMPT, BOOT_BUDGET)).found).toBe(true);
    expect(m.consoleText).toMatch(/smp: Brought up 1 node, 2 CPUs/);
    expect(m.consoleText).toContain('2 cpu(s)');
    const cpuinfo = await shell(m, 'cat /proc/cpuinfo');
    expect(cpuinfo).toMatch(/processor\s*: 0[\s\S]*processor\s*: 1/);
    expect(cpuinfo).toMatch(/hart\s*: 1/);
  }, 900_000);

  it('two boots print the same console output, instruction for instruction', async () => {
    const runs: string[] = [];
    for (let i = 0; i < 2; i++) {
      const m = new VirtMachine({ ...defaultVirtImages() });
      await m.run(70e6, { sliceInsns: 1e6 });
      runs.push(`${m.consoleText}@${m.cpu.pc.toString(16)}:${m.cpu.retired()}:${m.mtime()}`);
    }
    expect(runs[0]).toContain('Run /init as init process');
    expect(runs[1]).toBe(runs[0]);
  }, 900_000);
});
