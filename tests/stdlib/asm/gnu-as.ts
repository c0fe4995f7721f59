/**
 * The reference assembler: GNU as (`riscv64-linux-gnu-as`), linked at an
 * address with `riscv64-linux-gnu-ld --no-relax` and flattened with
 * `riscv64-linux-gnu-objcopy -O binary` (all from the Debian package
 * binutils-riscv64-linux-gnu). A missing tool fails the test naming the package.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian package of the cross binutils. */
export const BINUTILS_PACKAGE = 'binutils-riscv64-linux-gnu';

function tool(name: string, args: string[]): string {
  const probe = spawnSync(name, ['--version'], { stdio: 'ignore' });
  if (probe.error !== undefined) {
    throw new Error(`${name} is not installed: install the Debian package ${BINUTILS_PACKAGE} (apt-get install ${BINUTILS_PACKAGE})`);
  }
  try {
    return execFileSync(name, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  } catch (e) {
    const err = e as { stderr?: string };
    throw new Error(`${name} ${args.join(' ')} failed:\n${err.stderr ?? String(e)}`);
  }
}

/** Options of {@link gnuAssemble}. */
export interface GnuAsOptions {
  /** -march (default rv64gc). */
  march?: string;
  /** Link address of .text (default 0x80000000). */
  address?: bigint;
}

/** Assemble `source` with GNU as, link it at the address and return the .text bytes and objdump -d of it. */
export function gnuAssemble(source: string, opts: GnuAsOptions = {}): { bytes: Uint8Array; objdump: string } {
  const dir = mkdtempSync(join(tmpdir(), 'orrery-gas-'));
  try {
    const s = join(dir, 'p.s');
    const o = join(dir, 'p.o');
    const elf = join(dir, 'p.elf');
    const bin = join(dir, 'p.bin');
    writeFileSync(s, source);
    tool('riscv64-linux-gnu-as', [`-march=${opts.march ?? 'rv64gc'}`, '-mno-relax', s, '-o', o]);
    const at = `0x${(opts.address ?? 0x80000000n).toString(16)}`;
    tool('riscv64-linux-gnu-ld', ['--no-relax', `-Ttext=${at}`, '-e', at, o, '-o', elf]);
    tool('riscv64-linux-gnu-objcopy', ['-O', 'binary', '-j', '.text', elf, bin]);
    const objdump = tool('riscv64-linux-gnu-objdump', ['-d', elf]);
    return { bytes: new Uint8Array(readFileSync(bin)), objdump };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
