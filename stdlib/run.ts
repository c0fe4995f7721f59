import { interruptGeneration, interruptRequestedSince } from '../core/exec/run-control';
import { RunResult } from '../core/machine/riscv-machine';
import { display, updateDisplay } from './display';

/** What {@link runAsync} needs of a machine: a bounded synchronous run. */
export interface SliceableMachine {
  runSync(maxInsns: number): RunResult;
}

/** Result of {@link runAsync}: a machine's run result, or 'interrupt' when a front end asked it to stop. */
export interface AsyncRunResult {
  reason: RunResult['reason'] | 'interrupt';
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
 * Run `machine` for at most `maxInsns` steps without blocking the event loop:
 * `runSync` in slices, yielding between slices, so the notebook's interrupt
 * button (or Ctrl-C in the REPL) stops it at an instruction boundary. The
 * machine is left intact; run it again to continue.
 *
 * ```ts
 * const r = await runAsync(m, 1e9, { progress: true });
 * if (r.reason === 'interrupt') { ... }  // m.runSync() or runAsync(m) continues
 * ```
 */
export async function runAsync(machine: SliceableMachine, maxInsns = Number.MAX_SAFE_INTEGER, options: RunAsyncOptions = {}): Promise<AsyncRunResult> {
  const slice = options.sliceInsns ?? 2_000_000;
  const generation = interruptGeneration();
  const t0 = performance.now();
  let insns = 0;
  let done = 0;
  let reason: AsyncRunResult['reason'] = 'budget';
  const progressId = options.progress ? display(progressText(0, 0)) : undefined;
  let lastShown = t0;
  while (done < maxInsns) {
    if (interruptRequestedSince(generation)) { reason = 'interrupt'; break; }
    const want = Math.min(slice, maxInsns - done);
    const r = machine.runSync(want);
    insns += r.insns;
    // A slice's budget counts traps as well as retired instructions; advance by the budget used.
    done += r.reason === 'budget' ? want : r.insns;
    if (r.reason !== 'budget') { reason = r.reason; break; }
    const now = performance.now();
    if (progressId && now - lastShown >= PROGRESS_INTERVAL_MS) {
      updateDisplay(progressId, progressText(insns, (now - t0) / 1000));
      lastShown = now;
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const seconds = (performance.now() - t0) / 1000;
  if (progressId) updateDisplay(progressId, `${progressText(insns, seconds)} — ${reason}`);
  return { reason, insns, seconds };
}

function progressText(insns: number, seconds: number): string {
  const mips = seconds > 0 ? (insns / seconds / 1e6).toFixed(1) : '—';
  return `${insns.toLocaleString('en-US')} instructions, ${seconds.toFixed(1)} s, ${mips} MIPS`;
}
