import { describe, expect, it } from 'vitest';
import { defaultUbootImage, defaultVirtImages, VirtMachine } from '../../core/machine/virt-machine';

describe('the virt machine runs OpenSBI and U-Boot (qemu-riscv64_smode) from Debian', () => {
  it('OpenSBI starts U-Boot in S-mode, and U-Boot answers `version` at its prompt', async () => {
    const m = new VirtMachine({ bios: defaultVirtImages().bios, kernel: defaultUbootImage() });
    const banner = await m.runUntilConsole('Hit any key to stop autoboot', 400e6);
    expect(banner.found).toBe(true);
    const text = m.consoleText;
    expect(text).toContain('OpenSBI v1.1');
    expect(text).toMatch(/Platform Name\s+: riscv-virtio,qemu/);
    expect(text).toMatch(/Domain0 Next Address\s+: 0x0000000080200000/);
    expect(text).toMatch(/Domain0 Next Mode\s+: S-mode/);
    expect(text).toContain('DRAM:  256 MiB');
    m.sendInput(' ');
    expect((await m.runUntilConsole('=> ', 400e6)).found).toBe(true);
    m.sendInput('version\n');
    expect((await m.runUntilConsole('GNU ld', 100e6)).found).toBe(true);
    expect(m.consoleText).toMatch(/U-Boot 2023\.01\+dfsg-2\+deb12u3/);
    expect(m.cpu.priv).toBe(1);
  }, 300_000);

  it('two runs of the same boot print the same console output at the same instruction counts', async () => {
    const outputs: string[] = [];
    for (let i = 0; i < 2; i++) {
      const m = new VirtMachine({ bios: defaultVirtImages().bios, kernel: defaultUbootImage() });
      await m.run(30e6);
      outputs.push(`${m.consoleText}\n@${m.cpu.pc.toString(16)} ${m.cpu.retired()}`);
    }
    expect(outputs[0]).toContain('U-Boot 2023.01');
    expect(outputs[1]).toBe(outputs[0]);
  }, 300_000);
});
