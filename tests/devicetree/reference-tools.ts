/**
 * The reference tools the devicetree tests compare against: `dtc` (Debian
 * device-tree-compiler) and QEMU's own `virt` tree (`-M virt,dumpdtb=`).
 * A missing tool is an error naming its Debian package, never a skip.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { requireTool } from '../support/guest';

export const DTC = { command: 'dtc', debianPackage: 'device-tree-compiler' } as const;
export const QEMU_SYSTEM = { command: 'qemu-system-riscv64', debianPackage: 'qemu-system-misc' } as const;

/** Runs `fn` with a fresh temporary directory, removed afterwards. */
function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'orrery-dt-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[]): { stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}:\n${result.stderr}`);
  }
  return { stdout: result.stdout, stderr: result.stderr };
}

/** `dtc -I dtb -O dts`: the DTS text dtc reads from `blob` (throws if dtc rejects it). */
export function dtcDecompile(blob: Uint8Array): { dts: string; warnings: string } {
  requireTool(DTC);
  return withTempDir((dir) => {
    const file = path.join(dir, 'in.dtb');
    writeFileSync(file, blob);
    const { stdout, stderr } = run(DTC.command, ['-I', 'dtb', '-O', 'dts', file]);
    return { dts: stdout, warnings: stderr };
  });
}

/** `dtc -I <input> -O dtb`: dtc's blob for DTS text or for another blob. */
export function dtcCompile(input: string | Uint8Array): Uint8Array {
  requireTool(DTC);
  return withTempDir((dir) => {
    const source = path.join(dir, typeof input === 'string' ? 'in.dts' : 'in.dtb');
    const out = path.join(dir, 'out.dtb');
    writeFileSync(source, input);
    run(DTC.command, ['-I', typeof input === 'string' ? 'dts' : 'dtb', '-O', 'dtb', '-o', out, source]);
    return new Uint8Array(readFileSync(out));
  });
}

/**
 * The `-cpu` options that make QEMU 7.2 print `riscv,isa = "rv64imafdc_zicsr_zifencei"`
 * (its default rv64 also has H, Zba/Zbb/Zbc/Zbs, Sstc and Zihintpause).
 */
export const QEMU_CPU_RV64GC = 'rv64,h=false,zba=false,zbb=false,zbc=false,zbs=false,sstc=false,Zihintpause=false';

/** What QEMU's `virt` is started with for {@link qemuVirtDtb}. */
export interface QemuVirtOptions {
  harts: number;
  /** `-m` value, e.g. "256M". */
  memory: string;
  /** Kernel command line; a dummy kernel is loaded so that `-append` is allowed. */
  append?: string;
  /** Size of a dummy initramfs passed with `-initrd`. */
  initrdSize?: number;
}

/** The device tree QEMU's `virt` machine would hand to firmware, from `-M virt,dumpdtb=`. */
export function qemuVirtDtb(options: QemuVirtOptions): Uint8Array {
  requireTool(QEMU_SYSTEM);
  return withTempDir((dir) => {
    const dtb = path.join(dir, 'virt.dtb');
    const args = ['-M', `virt,dumpdtb=${dtb}`, '-cpu', QEMU_CPU_RV64GC, '-smp', String(options.harts), '-m', options.memory];
    args.push('-nographic', '-monitor', 'none', '-serial', 'none');
    if (options.append !== undefined || options.initrdSize !== undefined) {
      // A raw image: QEMU loads it at the kernel address without looking inside.
      const kernel = path.join(dir, 'Image');
      writeFileSync(kernel, new Uint8Array(4096));
      args.push('-kernel', kernel);
    }
    if (options.append !== undefined) args.push('-append', options.append);
    if (options.initrdSize !== undefined) {
      const initrd = path.join(dir, 'initrd');
      writeFileSync(initrd, new Uint8Array(options.initrdSize).fill(0x5a));
      args.push('-initrd', initrd);
    }
    run(QEMU_SYSTEM.command, args);
    return new Uint8Array(readFileSync(dtb));
  });
}
