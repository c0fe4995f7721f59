import { RiscvMachine } from '../../core/machine/riscv-machine';
import { Recording } from '../recorder';
import { CHART_SIZE } from './block-charts';
import { chart, Chart } from './chart';

function needRows(recording: Recording): void {
  if (!(recording instanceof Recording)) throw new TypeError('give a Recording: const rec = await record(m, 10e6)');
  if (recording.rows.length === 0) throw new RangeError('the recording has no slices yet: run the machine with the recorder first');
}

/** A row of {@link mipsChart}. */
export type MipsRow = { t: number; insns: number; mips: number };

/** Speed over time: millions of guest instructions per second, per slice of a recording. */
export function mipsChart(recording: Recording): Promise<Chart<MipsRow>> {
  needRows(recording);
  const rows = recording.rows.map((r) => ({ t: r.t, insns: r.insns, mips: r.mips }));
  const peak = Math.max(...rows.map((r) => r.mips));
  return chart({
    title: 'MIPS over time', ...CHART_SIZE,
    mark: { type: 'line', point: rows.length < 60, tooltip: true },
    encoding: {
      x: { field: 't', type: 'quantitative', title: 'wall time (s)' },
      y: { field: 'mips', type: 'quantitative', title: 'MIPS' },
    },
  }, rows, `MIPS over ${rows.length} slices: average ${recording.totals.mips.toFixed(1)}, peak ${peak.toFixed(1)}`);
}

/** A row of {@link trapTimelineChart}. */
export type TrapRow = { insns: number; kind: 'exception' | 'interrupt'; count: number };

/** Exceptions and interrupts taken per slice, against instructions retired. */
export function trapTimelineChart(recording: Recording): Promise<Chart<TrapRow>> {
  needRows(recording);
  const rows: TrapRow[] = recording.rows.flatMap((r) => [
    { insns: r.insns, kind: 'exception' as const, count: r.exceptions },
    { insns: r.insns, kind: 'interrupt' as const, count: r.interrupts },
  ]);
  const t = recording.totals;
  return chart({
    title: 'Traps and interrupts', ...CHART_SIZE,
    mark: { type: 'line', interpolate: 'step-before', tooltip: true },
    encoding: {
      x: { field: 'insns', type: 'quantitative', title: 'instructions retired' },
      y: { field: 'count', type: 'quantitative', title: 'taken per slice' },
      color: { field: 'kind', type: 'nominal' },
    },
  }, rows, `traps: ${t.exceptions} exceptions and ${t.interrupts} interrupts over ${t.insns.toLocaleString('en-US')} instructions`);
}

/** A row of {@link tlbChart}: a softmmu counter per 1000 instructions (at instruction count `insns` for a recording). */
export type TlbRow = { insns: number; counter: string; perKiloInsn: number };

/** The softmmu counters {@link tlbChart} shows. */
const TLB_COUNTERS = ['tlbFills', 'tlbFlushes', 'slowLoads', 'slowStores'] as const;

/**
 * TLB behaviour as misses per 1000 instructions: TLB fills (misses), flushes,
 * and loads/stores that took the slow path. Hits happen inside generated code
 * and are not counted, so a miss rate per instruction stands in for a hit
 * rate. From a recording, over time; from a machine, its totals.
 */
export function tlbChart(source: RiscvMachine | Recording): Promise<Chart<TlbRow>> {
  let rows: TlbRow[];
  if (source instanceof Recording) {
    needRows(source);
    rows = source.rows.flatMap((r) => TLB_COUNTERS.map((c) => ({
      insns: r.insns, counter: c, perKiloInsn: r.sliceInsns > 0 ? (1000 * r[c]) / r.sliceInsns : 0,
    })));
  } else if (source instanceof RiscvMachine) {
    const s = source.stats();
    if (s.insnsRetired === 0) throw new RangeError('the machine has not run yet');
    rows = TLB_COUNTERS.map((c) => ({ insns: s.insnsRetired, counter: c, perKiloInsn: (1000 * s.softmmu[c]) / s.insnsRetired }));
  } else {
    throw new TypeError('give a machine or a Recording');
  }
  const fills = rows.filter((r) => r.counter === 'tlbFills');
  const avg = fills.reduce((a, r) => a + r.perKiloInsn, 0) / (fills.length || 1);
  const overTime = source instanceof Recording;
  return chart({
    title: 'TLB misses per 1000 instructions', ...CHART_SIZE,
    mark: overTime ? { type: 'line', tooltip: true } : { type: 'bar', tooltip: true },
    encoding: overTime
      ? {
        x: { field: 'insns', type: 'quantitative', title: 'instructions retired' },
        y: { field: 'perKiloInsn', type: 'quantitative', title: 'per 1000 instructions' },
        color: { field: 'counter', type: 'nominal' },
      }
      : {
        x: { field: 'counter', type: 'nominal', sort: [...TLB_COUNTERS] },
        y: { field: 'perKiloInsn', type: 'quantitative', title: 'per 1000 instructions' },
        color: { field: 'counter', type: 'nominal' },
      },
  }, rows, `TLB fills: ${avg.toFixed(3)} per 1000 instructions${overTime ? ' (average over slices)' : ''}`);
}
