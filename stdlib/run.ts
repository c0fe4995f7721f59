import { RiscvMachine, RunResult } from '../core/machine/riscv-machine';
import { display, updateDisplay } from './display';

/** What {@link runAsync} needs of a machine: its sliced asynchronous run ({@link RiscvMachine.run}). */
export type SliceableMachine = Pick<RiscvMachine, 'run'>;

/** Result of {@link runAsync}: a machine's run result, or 'interrupt' when a front end asked it to stop. */
export interface AsyncRunResult {
  reason: Exclude<RunResult['reason'], 'interrupted'> | 'interrupt';
  /** Instructions retired during this run. */
  insns: number;
  /** Wall-clock seconds. */
  seconds: number;
}

/** Options of {@link runAsync}. */
export interface RunAsyncOptions {
  /** Steps per slice between yields to the event loop (default 2,000,000: a few ms of guest code). */
  sliceInsns?: number;
  /** Show a live progress line in the notebook (updated in place) while running (default false). */
  progress?: boolean;
}

/** Milliseconds between progress updates: often enough to look live, rarely enough to cost nothing. */
const PROGRESS_INTERVAL_MS = 250;

/**
 * Run `machine` for at most `maxInsns` steps without blocking the event loop
 * (the machine's own sliced `run`), optionally with a live progress line, so
 * the notebook's interrupt button (or Ctrl-C in the REPL) stops it at an
 * instruction boundary. The machine is left intact; run it again to continue.
 * Unlike `m.run()`, it returns when every hart idles instead of waiting for input.
 *
 * ```ts
 * const r = await runAsync(m, 1e9, { progress: true });
 * if (r.reason === 'interrupt') { ... }  // m.runSync() or runAsync(m) continues
 * ```
 */
export async function runAsync(machine: SliceableMachine, maxInsns = Number.MAX_SAFE_INTEGER, options: RunAsyncOptions = {}): Promise<AsyncRunResult> {
  const t0 = performance.now();
  let insns = 0;
  let lastShown = t0;
  const progressId = options.progress ? display(progressText(0, 0)) : undefined;
  const r = await machine.run(maxInsns, {
    sliceInsns: options.sliceInsns ?? 2_000_000,
    untilIdle: true,
    onProgress: (slice) => {
      insns += slice.insns;
      const now = performance.now();
      if (progressId && now - lastShown >= PROGRESS_INTERVAL_MS) {
        updateDisplay(progressId, progressText(insns, (now - t0) / 1000));
        lastShown = now;
      }
    },
  });
  const reason = r.reason === 'interrupted' ? 'interrupt' : r.reason;
  const seconds = (performance.now() - t0) / 1000;
  if (progressId) updateDisplay(progressId, `${progressText(r.insns, seconds)} — ${reason}`);
  return { reason, insns: r.insns, seconds };
}

function progressText(insns: number, seconds: number): string {
  const mips = seconds > 0 ? (insns / seconds / 1e6).toFixed(1) : '—';
  return `${insns.toLocaleString('en-US')} instructions, ${seconds.toFixed(1)} s, ${mips} MIPS`;
}
