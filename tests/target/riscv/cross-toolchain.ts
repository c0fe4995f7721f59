/**
 * The Debian cross tools the RISC-V tests build their fixtures with. A
 * missing tool fails the test with the package to install, never a skip.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Tool → Debian package that provides it. */
export const TOOL_PACKAGES: Readonly<Record<string, string>> = {
  'riscv64-linux-gnu-gcc': 'gcc-riscv64-linux-gnu',
  'riscv64-linux-gnu-as': 'binutils-riscv64-linux-gnu',
  'riscv64-linux-gnu-objdump': 'binutils-riscv64-linux-gnu',
  'riscv64-linux-gnu-nm': 'binutils-riscv64-linux-gnu',
  'riscv64-linux-gnu-readelf': 'binutils-riscv64-linux-gnu',
  gcc: 'gcc',
};

/** Throw a clear error naming the Debian package when `tool` is not on PATH. */
export function requireTool(tool: string): void {
  const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (r.error !== undefined || r.status !== 0) {
    throw new Error(`${tool} is not installed: apt-get install ${TOOL_PACKAGES[tool] ?? tool}`);
  }
}

/** Run a tool (after checking it exists) and return its stdout. */
export function run(tool: string, args: string[]): string {
  requireTool(tool);
  return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A fresh temporary directory and its cleanup. */
export function tempDir(prefix: string): { dir: string; path: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** One instruction row of `objdump -d` output. */
export interface ObjdumpRow {
  readonly pc: bigint;
  /** The bytes column as printed (4 or 8 hex digits). */
  readonly hex: string;
  /** Mnemonic, tab, operands, comment. */
  readonly text: string;
}

/** Parse the instruction rows of `objdump -d` output (labels and `...` lines skipped). */
export function objdumpRows(output: string): ObjdumpRow[] {
  const rows: ObjdumpRow[] = [];
  for (const line of output.split('\n')) {
    const m = /^\s*([0-9a-f]+):\t([0-9a-f]+)\s*\t(.*)$/.exec(line);
    if (m !== null) rows.push({ pc: BigInt(`0x${m[1]}`), hex: m[2], text: m[3] });
  }
  return rows;
}
