import type { RiscvMachine, RunResult } from '../machine/riscv-machine';
import { captureHart } from './hart-state';
import { captureSnapshot, restoreSnapshot, Snapshot } from './snapshot';
import { snapshotPackr } from './snapshot-schema';

/** Options of {@link RewindHistory}. */
export interface RewindOptions {
  /** Steps between checkpoints (default 5,000,000): the most a rewind re-executes. */
  interval?: number;
  /** Checkpoints kept (default 32); older ones are dropped, which limits how far back a rewind reaches. */
  keep?: number;
}

interface Checkpoint {
  /** Steps since recording started. */
  position: number;
  snapshot: Snapshot;
  /** Harts, time and devices encoded, to notice changes made from outside between runs. */
  outside: Buffer;
}

/**
 * Reverse execution for a machine: periodic in-memory snapshots
 * (checkpoints) plus deterministic re-execution. While recording, every run
 * of the machine goes through the history, which takes a checkpoint every
 * `interval` steps (RAM pages that did not change are shared with the
 * previous checkpoint) and notes where runs began and ended, so that
 * re-execution repeats exactly the same sequence of runs. `rewind(n)`
 * restores the last checkpoint at or before the target and re-executes up to
 * it.
 *
 * Steps are what `runSync`/`step` count: instructions retired plus traps
 * taken, over all harts. Changes made from outside between runs (console
 * input, registers set from a cell) are caught: a checkpoint is taken where
 * they happened, so re-execution never crosses them. Direct writes to guest
 * RAM from outside between runs are not noticed.
 */
export class RewindHistory {
  /** Steps executed since recording started (rewind moves it back). */
  position = 0;
  readonly interval: number;
  readonly keep: number;
  private checkpoints: Checkpoint[] = [];
  /** Positions where a run ended and the next began, after the oldest checkpoint. */
  private boundaries: number[] = [];
  private readonly inner: (maxInsns?: number) => RunResult;
  private replaying = false;

  constructor(readonly machine: RiscvMachine, options: RewindOptions = {}) {
    this.interval = Math.max(1, Math.floor(options.interval ?? 5_000_000));
    this.keep = Math.max(1, Math.floor(options.keep ?? 32));
    const proto = Object.getPrototypeOf(machine) as RiscvMachine;
    this.inner = proto.runSync.bind(machine);
    // Runs (synchronous, asynchronous slices, steps) all go through runSync: record them.
    machine.runSync = (maxInsns?: number) => this.run(maxInsns);
    this.checkpoint();
  }

  /** How many steps back a rewind can reach now. */
  get reach(): number {
    return this.position - this.checkpoints[0].position;
  }

  /** Positions of the checkpoints held, oldest first. */
  get checkpointPositions(): number[] {
    return this.checkpoints.map((c) => c.position);
  }

  /** Stop recording: runs go straight to the machine again and the checkpoints are released. */
  stop(): void {
    delete (this.machine as { runSync?: unknown }).runSync;
    this.checkpoints = [];
    this.boundaries = [];
  }

  private steps(): number {
    let n = this.machine.engine.stats.exceptions;
    for (const h of this.machine.harts) n += Number(h.retired());
    return n;
  }

  /** Harts, virtual time and devices, encoded (cheap: no RAM). */
  private outsideState(): Buffer {
    const m = this.machine;
    const parts = m.snapshotParts().parts.map(([name, p]) => [name, p.saveState()]);
    return snapshotPackr.pack({ harts: m.harts.map(captureHart), clock: m.clockState(), halted: m.halted, parts });
  }

  private checkpoint(): void {
    const previous = this.checkpoints[this.checkpoints.length - 1];
    const snapshot = captureSnapshot(this.machine, previous?.snapshot);
    if (previous && previous.position === this.position) this.checkpoints.pop();
    this.checkpoints.push({ position: this.position, snapshot, outside: this.outsideState() });
    if (this.checkpoints.length > this.keep) {
      this.checkpoints.shift();
      const oldest = this.checkpoints[0].position;
      this.boundaries = this.boundaries.filter((b) => b > oldest);
    }
  }

  /** One run as the machine's `runSync`: split at checkpoint positions, boundaries noted. */
  run(maxInsns = Number.MAX_SAFE_INTEGER): RunResult {
    if (this.replaying) return this.inner(maxInsns);
    const t0 = performance.now();
    const last = this.checkpoints[this.checkpoints.length - 1];
    // Something changed from outside since the last run ended: re-execution must not cross it.
    if (this.boundaries[this.boundaries.length - 1] === this.position || last.position === this.position) {
      if (!this.outsideMatches()) this.checkpoint();
    }
    let done = 0;
    let insns = 0;
    let reason: RunResult['reason'] = 'budget';
    while (done < maxInsns) {
      const next = this.checkpoints[this.checkpoints.length - 1].position + this.interval;
      const chunk = Math.min(maxInsns - done, next - this.position);
      const before = this.steps();
      const r = this.inner(chunk);
      const ran = this.steps() - before;
      this.position += ran;
      done += ran;
      insns += r.insns;
      reason = r.reason;
      if (this.position >= next) this.checkpoint();
      if (r.reason !== 'budget' || ran === 0) break;
    }
    if (this.checkpoints[this.checkpoints.length - 1].position !== this.position) this.boundaries.push(this.position);
    this.lastOutside = this.outsideState();
    return { reason, insns, seconds: (performance.now() - t0) / 1000 };
  }

  private lastOutside: Buffer | undefined;

  private outsideMatches(): boolean {
    const last = this.checkpoints[this.checkpoints.length - 1];
    const expected = last.position === this.position ? last.outside : this.lastOutside;
    return expected !== undefined && expected.equals(this.outsideState());
  }

  /**
   * Go back `n` steps (instructions retired plus traps taken, over all harts):
   * restore the last checkpoint at or before the target and re-execute the
   * same runs up to it. The history after the target is forgotten. Throws a
   * `RangeError` when the target is before the oldest checkpoint.
   */
  rewind(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`rewind needs a whole number of steps, not ${n}`);
    const target = this.position - n;
    const first = this.checkpoints[0].position;
    if (target < first) {
      throw new RangeError(`cannot rewind ${n} steps: the history reaches back ${this.position - first} steps (raise keep or interval)`);
    }
    let i = this.checkpoints.length - 1;
    while (this.checkpoints[i].position > target) i--;
    const cp = this.checkpoints[i];
    restoreSnapshot(this.machine, cp.snapshot);
    this.position = cp.position;
    this.replaying = true;
    try {
      for (const b of [...this.boundaries.filter((x) => x > cp.position && x < target), target]) this.replayTo(b);
    } finally {
      this.replaying = false;
    }
    this.checkpoints.length = i + 1;
    this.boundaries = this.boundaries.filter((b) => b < target);
    if (cp.position !== target) this.boundaries.push(target);
    this.lastOutside = this.outsideState();
  }

  /** Re-execute to `position` with runs that end exactly there (breakpoints on the way are stepped over). */
  private replayTo(position: number): void {
    while (this.position < position) {
      const before = this.steps();
      this.inner(position - this.position);
      const ran = this.steps() - before;
      this.position += ran;
      if (ran === 0) throw new Error(`rewind: re-execution stopped at step ${this.position} before reaching ${position}`);
    }
  }
}
