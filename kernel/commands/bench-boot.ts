import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { defaultVirtImages, VirtMachine } from '../../core/machine/virt-machine';

/** The shell prompt of the default initramfs (images/virt/rootfs/profile). */
export const SHELL_PROMPT = '~ # ';

/** Boot-to-shell times, as plain data. */
export interface BootBenchResult {
  harts: number;
  /** Orrery: wall seconds from creating the machine to the shell prompt, and the guest instructions it took. */
  seconds: number;
  insns: number;
  mips: number;
  translateSeconds: number;
  blocksTranslated: number;
  /** QEMU (same images, same command line), when installed. */
  qemuSeconds?: number;
  /** Orrery's time over QEMU's: 1.5 means 1.5× slower. */
  ratio?: number;
}

/** Boot the default virt machine to its shell prompt with deterministic time; wall seconds and instructions. */
export async function benchBootOrrery(harts: number, maxInsns = 20e9): Promise<Omit<BootBenchResult, 'qemuSeconds' | 'ratio'>> {
  const t0 = performance.now();
  const m = new VirtMachine({ ...defaultVirtImages(), harts });
  const r = await m.runUntilConsole(SHELL_PROMPT, maxInsns);
  const seconds = (performance.now() - t0) / 1000;
  if (!r.found) throw new Error(`Orrery did not reach the shell prompt (${r.reason} after ${r.insns} instructions)`);
  const insns = Number(m.stats().insnsRetired);
  return {
    harts, seconds, insns, mips: insns / seconds / 1e6,
    translateSeconds: m.engine.stats.translateSeconds + m.engine.jit.stats.compileSeconds,
    blocksTranslated: m.engine.cache.stats.translated,
  };
}

/**
 * Boot the same images on `qemu-system-riscv64 -M virt` and return the wall
 * seconds until the shell prompt appears on its console (QEMU is then
 * killed). QEMU cannot load a gzip'd Image, so the kernel is unpacked to a
 * temporary file first (not timed).
 */
export async function benchBootQemu(harts: number, timeoutMs = 300_000): Promise<number> {
  const images = defaultVirtImages();
  const dir = mkdtempSync(join(tmpdir(), 'orrery-bootbench-'));
  const kernel = join(dir, 'Image');
  writeFileSync(kernel, gunzipSync(readFileSync(images.kernel)));
  try {
    return await new Promise<number>((resolve, reject) => {
      const t0 = performance.now();
      const q = spawn('qemu-system-riscv64', ['-M', 'virt', '-m', '256M', '-smp', String(harts), '-nographic', '-monitor', 'none',
        '-bios', images.bios, '-kernel', kernel, '-initrd', images.initrd, '-append', images.append], { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      const timer = setTimeout(() => { q.kill('SIGKILL'); reject(new Error(`QEMU did not reach the shell prompt in ${timeoutMs / 1000} s`)); }, timeoutMs);
      q.stdout.on('data', (d: Buffer) => {
        out += d.toString('latin1');
        if (out.includes(SHELL_PROMPT)) {
          const seconds = (performance.now() - t0) / 1000;
          clearTimeout(timer);
          q.kill('SIGKILL');
          resolve(seconds);
        }
      });
      q.on('error', (e) => { clearTimeout(timer); reject(e); });
      q.on('exit', (code) => {
        clearTimeout(timer);
        if (!out.includes(SHELL_PROMPT)) reject(new Error(`QEMU exited (${code}) before the shell prompt`));
      });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
