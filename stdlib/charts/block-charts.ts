import { RiscvMachine, RunResult } from '../../core/machine/riscv-machine';
import { Recording } from '../recorder';
import { tbRows } from '../views/tb-table';
import { chart, Chart } from './chart';

/** Width and height of the charts, in pixels. */
export const CHART_SIZE = { width: 480, height: 240 } as const;

/** A row of {@link blockSizeChart}: how many live blocks have `insns` guest instructions. */
export type BlockSizeRow = { insns: number; blocks: number };

/**
 * Distribution of block sizes (guest instructions per block) in the
 * translation cache.
 */
export function blockSizeChart(m: RiscvMachine): Promise<Chart<BlockSizeRow>> {
  const counts = new Map<number, number>();
  for (const r of tbRows(m)) counts.set(r.guestInsns, (counts.get(r.guestInsns) ?? 0) + 1);
  if (counts.size === 0) throw new RangeError('the translation cache is empty: run the machine first');
  const rows = [...counts].sort((a, b) => a[0] - b[0]).map(([insns, blocks]) => ({ insns, blocks }));
  const total = rows.reduce((a, r) => a + r.blocks, 0);
  const mean = rows.reduce((a, r) => a + r.insns * r.blocks, 0) / total;
  return chart({
    title: 'Block sizes', ...CHART_SIZE,
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'insns', type: 'quantitative', title: 'guest instructions per block', bin: { maxbins: 40 } },
      y: { field: 'blocks', type: 'quantitative', aggregate: 'sum', title: 'blocks' },
    },
  }, rows, `block sizes: ${total} blocks, ${mean.toFixed(1)} instructions on average, largest ${rows[rows.length - 1].insns}`);
}

/** A row of {@link hottestBlocksChart}. */
export type HotBlockRow = { pc: string; insns: number; count: number; share: number };

/**
 * The `n` hottest blocks (default 15). From a recording, by pc samples taken
 * at slice ends (a statistical profile: record with small slices for more
 * samples). From a machine, by interpreter runs, which count every run only
 * with the interpreter backend (`backend: 'interp'`): compiled blocks are not
 * counted one by one.
 */
export function hottestBlocksChart(source: RiscvMachine | Recording, n = 15, machine?: RiscvMachine): Promise<Chart<HotBlockRow>> {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n = ${n} is not a positive integer`);
  const m = source instanceof RiscvMachine ? source : machine;
  const insnsAt = new Map<bigint, number>();
  if (m) for (const r of tbRows(m)) insnsAt.set(r.pc, Math.max(insnsAt.get(r.pc) ?? 0, r.guestInsns));
  let counts: [bigint, number][];
  let what: string;
  if (source instanceof Recording) {
    counts = [...source.pcSamples];
    what = 'pc samples';
  } else {
    const byPc = new Map<bigint, number>();
    for (const r of tbRows(source)) byPc.set(r.pc, (byPc.get(r.pc) ?? 0) + r.interpretedRuns);
    counts = [...byPc];
    what = source.engine.options.backend === 'interp' ? 'runs' : 'interpreted runs (before compilation)';
  }
  const total = counts.reduce((a, [, c]) => a + c, 0);
  if (total === 0) throw new RangeError(`no ${what} to rank: run the machine (or record a run) first`);
  const rows = counts.sort((a, b) => b[1] - a[1]).slice(0, n).map(([pc, count]) => ({
    pc: `0x${pc.toString(16)}`, insns: insnsAt.get(pc) ?? 0, count, share: count / total,
  }));
  return chart({
    title: `Hottest blocks (${what})`, width: CHART_SIZE.width,
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'pc', type: 'nominal', sort: '-x', title: 'block pc' },
      x: { field: 'share', type: 'quantitative', axis: { format: '%' }, title: `share of ${what}` },
    },
  }, rows, `hottest blocks by ${what}: ${rows.slice(0, 3).map((r) => `${r.pc} ${(100 * r.share).toFixed(1)}%`).join(', ')}`);
}

/** A row of {@link translationVsExecutionChart}. */
export type TimeSplitRow = { t: number; phase: 'translate' | 'compile' | 'execute'; seconds: number };

/**
 * Where the time went: translating (decode, IR, passes), compiling
 * WebAssembly, and executing (the rest of the run's wall time). From a
 * recording, per slice over time; from a machine and the result of its run
 * (`translationVsExecutionChart(m, m.runSync())`), as totals. The machine's
 * counters cover its whole life, so give the run that did all the work.
 */
export function translationVsExecutionChart(source: Recording | RiscvMachine, run?: Pick<RunResult, 'seconds'>): Promise<Chart<TimeSplitRow>> {
  const rows: TimeSplitRow[] = [];
  const split = (t: number, seconds: number, translate: number, compile: number) => {
    rows.push({ t, phase: 'translate', seconds: translate }, { t, phase: 'compile', seconds: compile },
      { t, phase: 'execute', seconds: Math.max(0, seconds - translate - compile) });
  };
  if (source instanceof Recording) {
    if (source.rows.length === 0) throw new RangeError('the recording has no slices yet');
    for (const r of source.rows) split(r.t, r.seconds, r.translateSeconds, r.compileSeconds);
  } else {
    if (!run) throw new TypeError('give the run result as well: translationVsExecutionChart(m, m.runSync(n)), or a recording');
    const s = source.stats();
    split(0, run.seconds, s.engine.translateSeconds, s.jit.compileSeconds);
  }
  const sum = (p: TimeSplitRow['phase']) => rows.filter((r) => r.phase === p).reduce((a, r) => a + r.seconds, 0);
  const all = sum('translate') + sum('compile') + sum('execute');
  const pct = (p: TimeSplitRow['phase']) => `${p} ${((100 * sum(p)) / (all || 1)).toFixed(1)}%`;
  const overTime = source instanceof Recording;
  return chart({
    title: 'Translation vs execution time', ...CHART_SIZE,
    mark: overTime ? { type: 'area', tooltip: true } : { type: 'bar', tooltip: true },
    encoding: overTime
      ? {
        x: { field: 't', type: 'quantitative', title: 'wall time (s)' },
        y: { field: 'seconds', type: 'quantitative', stack: 'normalize', title: 'share of slice time' },
        color: { field: 'phase', type: 'nominal' },
      }
      : {
        x: { field: 'phase', type: 'nominal', sort: ['translate', 'compile', 'execute'] },
        y: { field: 'seconds', type: 'quantitative', title: 'seconds' },
        color: { field: 'phase', type: 'nominal' },
      },
  }, rows, `time: ${pct('translate')}, ${pct('compile')}, ${pct('execute')} of ${all.toFixed(3)} s`);
}
