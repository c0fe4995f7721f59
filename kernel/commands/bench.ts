import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SpikeMachine } from '../../core/machine/spike-machine';
import { packageRoot } from '../../core/machine/virt-machine';
import { UsageError } from './run';
import { BootBenchResult, benchBootOrrery, benchBootQemu } from './bench-boot';
import { benchSnapshot, formatSnapshotBench } from './bench-snapshot';

/** One workload of `images/bench/workloads.json`. */
export interface Workload {
  name: string;
  elf: string;
  kind: 'int' | 'fp';
  description?: string;
}

/** One row of the benchmark report, as plain data. */
export interface BenchRow {
  name: string;
  kind: string;
  insns: number;
  seconds: number;
  mips: number;
  /** Share of the run spent translating (front end, passes, WebAssembly compilation). */
  translateShare: number;
  checksum: string;
  qemuSeconds?: number;
  qemuMips?: number;
  /** Orrery's speed as a fraction of QEMU's. */
  ratio?: number;
}

const QEMU = 'qemu-system-riscv64';

function qemuAvailable(): boolean {
  return spawnSync(QEMU, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Wall-clock seconds of QEMU running `elf` on its spike machine, and what it printed. */
function runQemu(elf: string): { seconds: number; output: string; status: number | null } {
  // The console goes to a file: QEMU's stdio backend drops characters when a pipe reader falls behind.
  const dir = mkdtempSync(join(tmpdir(), 'orrery-bench-'));
  const consoleFile = join(dir, 'console.txt');
  try {
    const t0 = performance.now();
    const r = spawnSync(QEMU, ['-M', 'spike', '-bios', 'none', '-display', 'none', '-monitor', 'none',
      '-serial', `file:${consoleFile}`, '-kernel', elf], { stdio: 'ignore', timeout: 300_000 });
    const seconds = (performance.now() - t0) / 1000;
    return { seconds, output: existsSync(consoleFile) ? readFileSync(consoleFile, 'utf8') : '', status: r.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function checksumOf(text: string): string {
  return /checksum:\s*(\S+)/.exec(text)?.[1] ?? '?';
}

/** Run one workload under Orrery in this process. */
export function benchOrrery(elf: string): Omit<BenchRow, 'name' | 'kind'> {
  const chunks: Uint8Array[] = [];
  const m = new SpikeMachine({ onConsole: (b) => chunks.push(b) });
  m.loadElf(elf);
  const r = m.runSync();
  if (r.reason !== 'exit' || m.exitCode !== 0) {
    throw new Error(`${elf}: guest did not exit cleanly (${r.reason}, code ${m.exitCode})`);
  }
  const s = m.stats();
  const translate = s.engine.translateSeconds + s.jit.compileSeconds;
  return {
    insns: r.insns, seconds: r.seconds, mips: r.insns / r.seconds / 1e6,
    translateShare: translate / r.seconds, checksum: checksumOf(Buffer.concat(chunks).toString()),
  };
}

function table(rows: BenchRow[], withQemu: boolean): string {
  const head = ['workload', 'kind', 'guest insns', 'orrery s', 'MIPS', 'translate'];
  if (withQemu) head.push('qemu s', 'qemu MIPS', 'orrery/qemu');
  const body = rows.map((r) => {
    const cells = [r.name, r.kind, r.insns.toLocaleString('en-US'), r.seconds.toFixed(3), r.mips.toFixed(1), `${(r.translateShare * 100).toFixed(1)}%`];
    if (withQemu) cells.push(r.qemuSeconds?.toFixed(3) ?? '-', r.qemuMips?.toFixed(1) ?? '-', r.ratio !== undefined ? `${r.ratio.toFixed(2)}x` : '-');
    return cells;
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => (i < 2 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

function geomean(xs: number[]): number {
  return Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
}

/** `orrery bench --boot`: boot-to-shell time of the default virt machine, and QEMU's with the same images. */
async function benchBoot(harts: number, useQemu: boolean, json: boolean): Promise<number> {
  const withQemu = useQemu && qemuAvailable();
  if (useQemu && !withQemu && !json) process.stdout.write(`(${QEMU} not found: install Debian's qemu-system-misc for the side-by-side comparison)\n`);
  if (!json) process.stdout.write(`booting the virt machine (${harts} hart${harts > 1 ? 's' : ''}) to the shell prompt...\n`);
  const result: BootBenchResult = await benchBootOrrery(harts);
  if (withQemu) {
    result.qemuSeconds = await benchBootQemu(harts);
    result.ratio = result.seconds / result.qemuSeconds;
  }
  if (json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(`Orrery: ${result.seconds.toFixed(2)} s to the shell (${(result.insns / 1e6).toFixed(0)}M instructions, `
    + `${result.mips.toFixed(0)} MIPS, ${result.blocksTranslated} blocks translated, ${result.translateSeconds.toFixed(2)} s translating)\n`);
  if (result.qemuSeconds !== undefined) {
    process.stdout.write(`QEMU:   ${result.qemuSeconds.toFixed(2)} s to the shell\n`);
    process.stdout.write(`ratio:  ${result.ratio!.toFixed(2)}x QEMU's boot time (first bar 5x, goal 1.5x)\n`);
  }
  return 0;
}

/**
 * `orrery bench`: run the project's workload programs under Orrery and report
 * guest MIPS and the share of time spent translating; when
 * `qemu-system-riscv64` is installed, run the same binaries under QEMU's spike
 * machine in the same invocation and print Orrery's speed as a ratio of QEMU's.
 */
export async function benchCommand(argv: string[]): Promise<number> {
  let only: string[] | undefined;
  let json = false;
  let useQemu = true;
  let boot = false;
  let snapshot = false;
  let smp = 1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--boot') boot = true;
    else if (a === '--snapshot') snapshot = true;
    else if (a === '--smp') {
      smp = Number(argv[++i]);
      if (!Number.isInteger(smp) || smp < 1 || smp > 8) throw new UsageError('--smp takes 1 to 8');
    } else if (a === '--only') {
      const v = argv[++i];
      if (!v) throw new UsageError('--only needs a comma-separated list of workload names');
      only = v.split(',');
    } else if (a === '--json') json = true;
    else if (a === '--no-qemu') useQemu = false;
    else throw new UsageError(`unknown option ${a} (bench takes --only a,b  --json  --no-qemu  --boot [--smp N]  --snapshot)`);
  }
  if (snapshot) {
    if (!json) process.stdout.write('booting Linux (256 MiB) to the shell prompt, then timing snapshot, save, load and restore...\n');
    const r = await benchSnapshot();
    process.stdout.write(json ? `${JSON.stringify(r, null, 2)}\n` : `${formatSnapshotBench(r)}\n`);
    return 0;
  }
  if (boot) return benchBoot(smp, useQemu, json);
  const root = packageRoot();
  const manifest = join(root, 'images', 'bench', 'workloads.json');
  const all = JSON.parse(readFileSync(manifest, 'utf8')) as Workload[] | { workloads: Workload[] };
  let workloads = Array.isArray(all) ? all : all.workloads;
  if (only) {
    const unknown = only.filter((n) => !workloads.some((w) => w.name === n));
    if (unknown.length) throw new UsageError(`unknown workload ${unknown.join(', ')} (have: ${workloads.map((w) => w.name).join(', ')})`);
    workloads = workloads.filter((w) => only!.includes(w.name));
  }
  const withQemu = useQemu && qemuAvailable();
  if (useQemu && !withQemu && !json) process.stdout.write(`(${QEMU} not found: install Debian's qemu-system-misc for the side-by-side comparison)\n`);
  // QEMU's own start-up (a few tens of ms) is measured once and subtracted.
  let qemuStartup = 0;
  if (withQemu) {
    const tiny = join(root, 'images', 'bench', 'empty.elf');
    if (existsSync(tiny)) qemuStartup = Math.min(...[0, 1, 2].map(() => runQemu(tiny).seconds));
  }
  const rows: BenchRow[] = [];
  for (const w of workloads) {
    const elf = resolve(root, w.elf);
    // Best of two fresh machines, as QEMU gets its best of three.
    const runs = [benchOrrery(elf), benchOrrery(elf)];
    const row: BenchRow = { name: w.name, kind: w.kind, ...runs.reduce((best, r) => (r.seconds < best.seconds ? r : best)) };
    if (withQemu) {
      // Best of three: the workloads take a fraction of a second under QEMU, close to its start-up time.
      const q = [runQemu(elf), runQemu(elf), runQemu(elf)].reduce((best, r) => (r.seconds < best.seconds ? r : best));
      const qc = checksumOf(q.output);
      if (q.status !== 0 || qc !== row.checksum) {
        process.stderr.write(`orrery bench: QEMU run of ${w.name} ended with status ${q.status}, checksum ${qc} (Orrery: ${row.checksum})\n`);
      } else {
        row.qemuSeconds = Math.max(q.seconds - qemuStartup, 1e-3);
        row.qemuMips = row.insns / row.qemuSeconds / 1e6;
        row.ratio = row.mips / row.qemuMips;
      }
    }
    rows.push(row);
    if (!json) process.stdout.write(`${w.name}: ${row.mips.toFixed(1)} MIPS${row.ratio !== undefined ? ` (${row.ratio.toFixed(2)}x QEMU)` : ''}\n`);
  }
  if (json) {
    process.stdout.write(`${JSON.stringify({ qemuStartupSeconds: qemuStartup, rows }, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(`\n${table(rows, withQemu)}\n`);
  for (const kind of ['int', 'fp']) {
    const ks = rows.filter((r) => r.kind === kind);
    if (!ks.length) continue;
    const ratios = ks.filter((r) => r.ratio !== undefined).map((r) => r.ratio!);
    process.stdout.write(`${kind}: geometric mean ${geomean(ks.map((r) => r.mips)).toFixed(1)} MIPS`
      + `${ratios.length ? `, ${geomean(ratios).toFixed(2)}x QEMU` : ''}\n`);
  }
  return 0;
}
