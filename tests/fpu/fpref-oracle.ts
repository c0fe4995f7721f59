/**
 * The reference for the soft-float tests: real RISC-V F/D instructions,
 * executed by `fixtures/fpref.c` cross-compiled for rv64gc and run under
 * QEMU user mode. One process per batch of vectors.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The tools the oracle needs, with the Debian package that provides each. */
const TOOLS = [
  { command: 'riscv64-linux-gnu-gcc', debianPackage: 'gcc-riscv64-linux-gnu (plus libc6-dev-riscv64-cross)' },
  { command: 'qemu-riscv64', debianPackage: 'qemu-user' },
] as const;

/** One test vector: instruction, static or dynamic rounding mode, rm, operand bits. */
export interface FloatVector {
  insn: string;
  staticRm: boolean;
  rm: number;
  a: bigint;
  b: bigint;
  c: bigint;
}

/** What the hardware produced: the destination register bits and fflags. */
export interface FloatOutcome {
  result: bigint;
  flags: number;
}

function requireTool(command: string, debianPackage: string): void {
  const probe = spawnSync(command, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(`${command} is required by the FPU reference tests; install the Debian package ${debianPackage}`);
  }
}

/** Builds fpref once (per test file) and returns the path of the static binary. */
export function buildOracle(): string {
  for (const t of TOOLS) requireTool(t.command, t.debianPackage);
  const dir = mkdtempSync(join(tmpdir(), 'orrery-fpref-'));
  const exe = join(dir, 'fpref');
  execFileSync('riscv64-linux-gnu-gcc', [
    '-O2', '-static', '-march=rv64gc', '-o', exe, join(__dirname, 'fixtures', 'fpref.c'),
  ]);
  return exe;
}

/** Runs a batch of vectors through the real instructions. */
export function runOracle(exe: string, vectors: readonly FloatVector[]): FloatOutcome[] {
  const input = vectors
    .map((v) => `${v.insn} ${v.staticRm ? 's' : 'd'} ${v.rm} ${hex(v.a)} ${hex(v.b)} ${hex(v.c)}\n`)
    .join('');
  const run = spawnSync('qemu-riscv64', [exe], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.error || run.status !== 0) {
    throw new Error(`qemu-riscv64 fpref failed: ${run.error?.message ?? run.stderr}`);
  }
  const lines = run.stdout.trimEnd().split('\n');
  if (lines.length !== vectors.length) {
    throw new Error(`fpref answered ${lines.length} lines for ${vectors.length} vectors: ${lines.slice(0, 3).join(' | ')}`);
  }
  return lines.map((line) => {
    const [r, f] = line.split(' ');
    return { result: BigInt('0x' + r), flags: Number(f) };
  });
}

function hex(x: bigint): string {
  return BigInt.asUintN(64, x).toString(16);
}
