import { AsyncRunOptions, RiscvMachine, RunResult } from '../core/machine/riscv-machine';
import { mimeBundle, MimeBundle } from './display';
import { Column, htmlTable, textTable } from './views/table';

/** One sample of a running machine: what happened during one slice of a run. */
export interface RecordingRow {
  /** Wall-clock seconds since recording started, at the end of the slice. */
  t: number;
  /** Instructions retired since recording started (all harts). */
  insns: number;
  /** Instructions retired in this slice. */
  sliceInsns: number;
  /** Wall-clock seconds of this slice. */
  seconds: number;
  /** Millions of instructions per second in this slice. */
  mips: number;
  /** Exceptions and interrupts taken in this slice. */
  exceptions: number;
  interrupts: number;
  /** Blocks translated in this slice. */
  blocks: number;
  /** Seconds of this slice spent translating (decode, IR, passes) and compiling WebAssembly. */
  translateSeconds: number;
  compileSeconds: number;
  /** Softmmu counters in this slice: TLB fills (misses) and flushes, slow-path loads and stores, MMIO accesses. */
  tlbFills: number;
  tlbFlushes: number;
  slowLoads: number;
  slowStores: number;
  mmio: number;
  /** Virtual time (`mtime` ticks) at the end of the slice. */
  mtime: number;
}

/** Options of {@link Recorder} and {@link record}. */
export interface RecorderOptions {
  /** Count hart pcs at each slice end (a statistical profile of hot blocks; default true). */
  samplePcs?: boolean;
}

type Counters = ReturnType<RiscvMachine['stats']>;

/**
 * A recording of a run: one row per slice, plus pc samples. Plain data,
 * charted by `mipsChart`, `trapTimelineChart`, `tlbChart`,
 * `translationVsExecutionChart` and `hottestBlocksChart`.
 */
export class Recording {
  constructor(
    readonly rows: RecordingRow[],
    /** How often each pc was the next to run at a slice end (all harts). */
    readonly pcSamples: Map<bigint, number>,
  ) {}

  /** Instructions, seconds and average MIPS over the whole recording. */
  get totals(): { insns: number; seconds: number; mips: number; exceptions: number; interrupts: number; blocks: number } {
    const sum = (f: (r: RecordingRow) => number) => this.rows.reduce((a, r) => a + f(r), 0);
    const insns = sum((r) => r.sliceInsns);
    const seconds = sum((r) => r.seconds);
    return {
      insns, seconds, mips: seconds > 0 ? insns / seconds / 1e6 : 0,
      exceptions: sum((r) => r.exceptions), interrupts: sum((r) => r.interrupts), blocks: sum((r) => r.blocks),
    };
  }

  private title(): string {
    const t = this.totals;
    return `${this.rows.length} slices, ${t.insns.toLocaleString('en-US')} instructions in ${t.seconds.toFixed(2)} s `
      + `(${t.mips.toFixed(1)} MIPS), ${t.exceptions} exceptions, ${t.interrupts} interrupts, ${t.blocks} blocks translated`;
  }

  toString(): string {
    return textTable(COLUMNS, this.rows.slice(-SHOWN_ROWS), this.title());
  }

  [mimeBundle](): MimeBundle {
    return { 'text/plain': this.toString(), 'text/html': htmlTable(COLUMNS, this.rows.slice(-SHOWN_ROWS), { title: this.title() }) };
  }
}

/** Rows shown in the text and HTML forms (the last ones); `rows` keeps all. */
const SHOWN_ROWS = 20;

const COLUMNS: readonly Column<RecordingRow>[] = [
  { header: 't (s)', cell: (r) => r.t.toFixed(3), align: 'right' },
  { header: 'insns', cell: (r) => String(r.insns), align: 'right' },
  { header: 'MIPS', cell: (r) => r.mips.toFixed(1), align: 'right' },
  { header: 'exc', cell: (r) => String(r.exceptions), align: 'right' },
  { header: 'irq', cell: (r) => String(r.interrupts), align: 'right' },
  { header: 'blocks', cell: (r) => String(r.blocks), align: 'right' },
  { header: 'TLB fills', cell: (r) => String(r.tlbFills), align: 'right' },
  { header: 'translate ms', cell: (r) => (r.translateSeconds * 1e3).toFixed(2), align: 'right' },
];

/**
 * Samples a machine while it runs: pass {@link Recorder.onProgress} to
 * `m.run(n, { onProgress })` (or use {@link Recorder.run}); every slice adds
 * a row of counter differences. Slices are the unit of time: a smaller
 * `sliceInsns` gives a finer timeline at a small cost.
 *
 * ```ts
 * const rec = new Recorder(m);
 * await m.run(50e6, { sliceInsns: 500_000, onProgress: rec.onProgress });
 * mipsChart(rec.recording)
 * ```
 */
export class Recorder {
  private readonly rows: RecordingRow[] = [];
  private readonly pcSamples = new Map<bigint, number>();
  private last: Counters;
  private readonly t0 = performance.now();
  private insns = 0;
  private readonly samplePcs: boolean;

  constructor(readonly machine: RiscvMachine, options: RecorderOptions = {}) {
    this.last = machine.stats();
    this.samplePcs = options.samplePcs ?? true;
  }

  /** Call after every slice (it is bound: pass it as `onProgress` as is). */
  readonly onProgress = (slice: RunResult): void => {
    const m = this.machine;
    const now = m.stats();
    const d = (f: (c: Counters) => number) => f(now) - f(this.last);
    this.insns += slice.insns;
    const soft = (c: Counters) => c.softmmu;
    this.rows.push({
      t: (performance.now() - this.t0) / 1000,
      insns: this.insns,
      sliceInsns: slice.insns,
      seconds: slice.seconds,
      mips: slice.seconds > 0 ? slice.insns / slice.seconds / 1e6 : 0,
      exceptions: d((c) => c.engine.exceptions),
      interrupts: d((c) => c.engine.interrupts),
      blocks: d((c) => c.cache.translated),
      translateSeconds: d((c) => c.engine.translateSeconds),
      compileSeconds: d((c) => c.jit.compileSeconds),
      tlbFills: d((c) => soft(c).tlbFills),
      tlbFlushes: d((c) => soft(c).tlbFlushes),
      slowLoads: d((c) => soft(c).slowLoads),
      slowStores: d((c) => soft(c).slowStores),
      mmio: d((c) => soft(c).mmioLoads + soft(c).mmioStores),
      mtime: Number(m.hartTime(m.cpu)),
    });
    this.last = now;
    if (this.samplePcs) for (const h of m.harts) this.pcSamples.set(h.pc, (this.pcSamples.get(h.pc) ?? 0) + 1);
  };

  /** What has been recorded so far. */
  get recording(): Recording {
    return new Recording([...this.rows], new Map(this.pcSamples));
  }

  /** Run the machine for `maxInsns` steps while recording (options as `m.run`, `onProgress` chained). */
  async run(maxInsns: number, options: AsyncRunOptions = {}): Promise<Recording> {
    const theirs = options.onProgress;
    await this.machine.run(maxInsns, { ...options, onProgress: (s) => { this.onProgress(s); theirs?.(s); } });
    return this.recording;
  }
}

/**
 * Run `m` for `maxInsns` steps in slices of `sliceInsns` (default 250,000),
 * recording every slice: `const rec = await record(m, 20e6)`.
 */
export async function record(m: RiscvMachine, maxInsns: number, options: AsyncRunOptions & RecorderOptions = {}): Promise<Recording> {
  const { samplePcs, ...run } = options;
  return new Recorder(m, { samplePcs }).run(maxInsns, { sliceInsns: 250_000, untilIdle: true, ...run });
}
