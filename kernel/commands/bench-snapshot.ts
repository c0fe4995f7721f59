import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultVirtImages, VirtMachine } from '../../core/machine/virt-machine';
import { resumeVirtMachine, Snapshot } from '../../core/snapshot';
import { SHELL_PROMPT } from './bench-boot';

/** The bars of issue 5: save and restore each under a second, the file under 40 MB; the goals are 0.3 s and 20 MB. */
export const SNAPSHOT_BARS = { seconds: 1, bytes: 40e6, goalSeconds: 0.3, goalBytes: 20e6 } as const;

/** RAM of the benchmark guest, as `orrery boot` gives it. */
const RAM_SIZE = 256 << 20;

/** Snapshot costs of a Linux guest at its shell prompt, as plain data (seconds, bytes). */
export interface SnapshotBenchResult {
  ramSize: number;
  /** Instructions the boot to the shell took. */
  bootInsns: number;
  bootSeconds: number;
  /** `m.snapshot()`, the first in the process (it scans RAM never touched before). */
  snapshotSeconds: number;
  /** `s.save(file)`: deduplicate, compress, write. */
  saveSeconds: number;
  fileBytes: number;
  /** Non-zero RAM, and the distinct pages stored. */
  ramBytes: number;
  uniquePages: number;
  /** `Snapshot.load(file)`: read, check, decompress. */
  loadSeconds: number;
  /** `m.restore(s)` into the machine it was taken from. */
  restoreSeconds: number;
  /**
   * `resumeVirtMachine(s)`: a new machine built from the snapshot and restored (what `orrery boot --loadvm` does),
   * in this process: its 240 MB JS heap after the boot makes V8 collect garbage when the new machine's memory is allocated.
   */
  resumeSeconds: number;
  /** `Snapshot.load` and `resumeVirtMachine` in a fresh process, as `orrery boot --loadvm` runs them (undefined when run from sources). */
  freshProcess?: { loadSeconds: number; resumeSeconds: number };
  /** A second `snapshot()` + `save()` of the same machine (RAM already scanned once). */
  warmSnapshotSeconds: number;
  warmSaveSeconds: number;
  /** The restored and resumed machines' state hashes equal the snapshot's. */
  verified: boolean;
}

const since = (t0: number) => (performance.now() - t0) / 1000;

/**
 * Boot the default virt machine (256 MiB, OpenSBI + Linux + BusyBox) to its
 * shell prompt with deterministic time, then time a snapshot, its file, and
 * the way back: load, restore into the same machine, resume in a new one.
 */
export async function benchSnapshot(maxInsns = 20e9): Promise<SnapshotBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'orrery-snapbench-'));
  const file = join(dir, 'shell.osnap');
  try {
    let t0 = performance.now();
    const m = new VirtMachine({ ...defaultVirtImages(), ramSize: RAM_SIZE });
    const boot = await m.runUntilConsole(SHELL_PROMPT, maxInsns);
    if (!boot.found) throw new Error(`the guest did not reach the shell prompt (${boot.reason} after ${boot.insns} instructions)`);
    const bootSeconds = since(t0);

    t0 = performance.now();
    const s = m.snapshot();
    const snapshotSeconds = since(t0);
    t0 = performance.now();
    const info = s.save(file);
    const saveSeconds = since(t0);

    t0 = performance.now();
    const loaded = Snapshot.load(file);
    const loadSeconds = since(t0);
    t0 = performance.now();
    m.restore(loaded);
    const restoreSeconds = since(t0);
    t0 = performance.now();
    const resumed = resumeVirtMachine(loaded);
    const resumeSeconds = since(t0);

    const want = s.hash();
    const verified = m.stateHash() === want && resumed.stateHash() === want;

    t0 = performance.now();
    const again = m.snapshot();
    const warmSnapshotSeconds = since(t0);
    t0 = performance.now();
    again.save(file);
    const warmSaveSeconds = since(t0);

    const freshProcess = resumeInFreshProcess(file);
    return {
      freshProcess,
      ramSize: RAM_SIZE, bootInsns: boot.insns, bootSeconds, snapshotSeconds, saveSeconds, fileBytes: info.bytes,
      ramBytes: info.ramBytes, uniquePages: info.uniquePages, loadSeconds, restoreSeconds, resumeSeconds,
      warmSnapshotSeconds, warmSaveSeconds, verified,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Time `Snapshot.load(file)` and `resumeVirtMachine` in a new Node process, as
 * `orrery boot --loadvm` does them. Only from the compiled `dist/` (the child
 * requires the JavaScript next to this file).
 */
function resumeInFreshProcess(file: string): SnapshotBenchResult['freshProcess'] {
  if (!__filename.endsWith('.js')) return undefined;
  const snapshotModule = join(__dirname, '..', '..', 'core', 'snapshot');
  const script = `const { Snapshot, resumeVirtMachine } = require(${JSON.stringify(snapshotModule)});
    const t0 = performance.now(); const s = Snapshot.load(${JSON.stringify(file)});
    const t1 = performance.now(); resumeVirtMachine(s); const t2 = performance.now();
    process.stdout.write(JSON.stringify({ loadSeconds: (t1 - t0) / 1000, resumeSeconds: (t2 - t1) / 1000 }));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`resuming in a fresh process failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as SnapshotBenchResult['freshProcess'];
}

/** The report `orrery bench --snapshot` prints. */
export function formatSnapshotBench(r: SnapshotBenchResult): string {
  const B = SNAPSHOT_BARS;
  const mark = (v: number, bar: number, goal: number) => (v <= goal ? 'goal met' : v <= bar ? 'under the bar' : 'OVER THE BAR');
  const s = (x: number) => `${x.toFixed(3)} s`;
  const save = r.snapshotSeconds + r.saveSeconds;
  const load = r.loadSeconds + r.restoreSeconds;
  const resume = r.loadSeconds + r.resumeSeconds;
  const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
  return [
    `Linux at the shell prompt: ${r.ramSize >> 20} MiB RAM, ${(r.bootInsns / 1e6).toFixed(0)}M instructions, booted in ${r.bootSeconds.toFixed(1)} s`,
    `RAM in use: ${mb(r.ramBytes)} non-zero, ${r.uniquePages} distinct pages`,
    '',
    `snapshot() + save():    ${s(save)}  (${s(r.snapshotSeconds)} + ${s(r.saveSeconds)})  ${mark(save, B.seconds, B.goalSeconds)}`,
    `load() + restore():     ${s(load)}  (${s(r.loadSeconds)} + ${s(r.restoreSeconds)})  ${mark(load, B.seconds, B.goalSeconds)}`,
    ...(r.freshProcess ? [`load() + new machine:   ${s(r.freshProcess.loadSeconds + r.freshProcess.resumeSeconds)}  `
      + `(${s(r.freshProcess.loadSeconds)} + ${s(r.freshProcess.resumeSeconds)}, in a fresh process as orrery boot --loadvm)  `
      + `${mark(r.freshProcess.loadSeconds + r.freshProcess.resumeSeconds, B.seconds, B.goalSeconds)}`] : []),
    `  the same here:        ${s(resume)}  (${s(r.loadSeconds)} + ${s(r.resumeSeconds)}; the booted process's heap makes V8 collect garbage when it allocates the new RAM)`,
    `file size:              ${mb(r.fileBytes)}  ${mark(r.fileBytes, B.bytes, B.goalBytes)}`,
    `again (RAM scanned):    ${s(r.warmSnapshotSeconds + r.warmSaveSeconds)}  (${s(r.warmSnapshotSeconds)} + ${s(r.warmSaveSeconds)})`,
    `bars: each time under ${B.seconds} s and the file under ${mb(B.bytes)}; goals ${B.goalSeconds} s and ${mb(B.goalBytes)}`,
    `restored state hashes match the snapshot: ${r.verified ? 'yes' : 'NO'}`,
  ].join('\n');
}
