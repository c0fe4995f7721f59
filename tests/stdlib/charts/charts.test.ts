import { beforeAll, describe, expect, it } from 'vitest';
import { SpikeMachine } from '../../../core/machine/spike-machine';
import { blockSizeChart, hottestBlocksChart, translationVsExecutionChart } from '../../../stdlib/charts/block-charts';
import { chart, Chart, compileVegaLite } from '../../../stdlib/charts/chart';
import { mipsChart, tlbChart, trapTimelineChart } from '../../../stdlib/charts/run-charts';
import { mimeBundle } from '../../../stdlib/display';
import { record, Recording } from '../../../stdlib/recorder';
import { benchMachine } from '../views/machines';

/** What every chart must be: a valid spec whose inline data are its rows, an SVG with marks, one bundle without HTML. */
function expectWellFormed(c: Chart): void {
  expect(() => compileVegaLite(c.spec)).not.toThrow();
  expect((c.spec as { data: { values: unknown[] } }).data.values).toEqual(c.rows);
  expect(c.svg).toMatch(/^<svg /);
  expect(c.svg).toMatch(/class="mark-(rect|line|area|symbol)/);
  const bundle = c[mimeBundle]();
  expect(Object.keys(bundle).sort()).toEqual(['application/vnd.vegalite.v5+json', 'image/svg+xml', 'text/plain']);
  expect(bundle['application/vnd.vegalite.v5+json']).toBe(c.spec);
  expect(JSON.parse(JSON.stringify(c.spec))).toEqual(c.spec);
}

let m: SpikeMachine;
let rec: Recording;

beforeAll(async () => {
  m = benchMachine('crc32');
  rec = await record(m, 3_000_000, { sliceInsns: 100_000 });
});

describe('recording a run', () => {
  it('takes one row per slice with counter differences that add up to the machine totals', () => {
    expect(rec.rows).toHaveLength(30);
    expect(rec.rows[29].insns).toBe(3_000_000);
    expect(rec.totals.insns).toBe(Number(m.cpu.retired()));
    const s = m.stats();
    expect(rec.totals.blocks).toBe(s.cache.translated);
    expect(rec.rows.reduce((a, r) => a + r.tlbFills, 0)).toBeLessThanOrEqual(s.softmmu.tlbFills);
    expect(rec.rows.every((r) => r.mips > 0 && r.t > 0)).toBe(true);
    expect([...rec.pcSamples.values()].reduce((a, b) => a + b, 0)).toBe(30);
    expect(rec.toString().split('\n')[0]).toMatch(/^30 slices, 3,000,000 instructions in/);
  });
});

describe('charts', () => {
  it('charts the block-size distribution of the translation cache', async () => {
    const c = await blockSizeChart(m);
    expectWellFormed(c);
    expect(c.rows.reduce((a, r) => a + r.blocks, 0)).toBe(m.engine.cache.size);
    expect(c.summary).toMatch(new RegExp(`^block sizes: ${m.engine.cache.size} blocks`));
  });

  it('ranks the hottest blocks from pc samples', async () => {
    const c = await hottestBlocksChart(rec, 5, m);
    expectWellFormed(c);
    expect(c.rows.length).toBeLessThanOrEqual(5);
    const shares = c.rows.map((r) => r.share);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
    const top = [...rec.pcSamples].sort((a, b) => b[1] - a[1])[0];
    expect(c.rows[0]).toMatchObject({ pc: `0x${top[0].toString(16)}`, count: top[1], share: top[1] / 30 });
    expect(c.rows[0].insns).toBeGreaterThan(0);
  });

  it('ranks blocks by their runs with the interpreter backend', async () => {
    const im = benchMachine('crc32', { backend: 'interp' });
    im.runSync(200_000);
    const c = await hottestBlocksChart(im, 3);
    expectWellFormed(c);
    const best = [...im.engine.cache.blocks()].sort((a, b) => b.stats.interpretedRuns - a.stats.interpretedRuns)[0];
    expect(c.rows[0].count).toBe(best.stats.interpretedRuns);
    expect(c.summary).toMatch(/^hottest blocks by runs: /);
  });

  it('splits time into translation, compilation and execution', async () => {
    const c = await translationVsExecutionChart(rec);
    expectWellFormed(c);
    expect(c.rows).toHaveLength(3 * rec.rows.length);
    const translate = c.rows.filter((r) => r.phase === 'translate').reduce((a, r) => a + r.seconds, 0);
    expect(translate).toBeCloseTo(rec.rows.reduce((a, r) => a + r.translateSeconds, 0), 9);
    const fresh = benchMachine();
    const run = fresh.runSync(500_000);
    const totals = await translationVsExecutionChart(fresh, run);
    expectWellFormed(totals);
    expect(totals.rows.map((r) => r.phase)).toEqual(['translate', 'compile', 'execute']);
    expect(totals.rows[0].seconds).toBe(fresh.stats().engine.translateSeconds);
  });

  it('charts MIPS over time', async () => {
    const c = await mipsChart(rec);
    expectWellFormed(c);
    expect(c.rows.map((r) => r.mips)).toEqual(rec.rows.map((r) => r.mips));
    expect(c.summary).toMatch(/^MIPS over 30 slices: average [0-9.]+, peak [0-9.]+$/);
  });

  it('charts exceptions and interrupts per slice', async () => {
    const c = await trapTimelineChart(rec);
    expectWellFormed(c);
    expect(c.rows).toHaveLength(60);
    expect(c.rows.filter((r) => r.kind === 'exception').reduce((a, r) => a + r.count, 0)).toBe(rec.totals.exceptions);
  });

  it('charts TLB misses per 1000 instructions, over time or as totals', async () => {
    const over = await tlbChart(rec);
    expectWellFormed(over);
    expect(over.rows).toHaveLength(4 * 30);
    const totals = await tlbChart(m);
    expectWellFormed(totals);
    const s = m.stats();
    expect(totals.rows.find((r) => r.counter === 'tlbFills')!.perKiloInsn).toBeCloseTo((1000 * s.softmmu.tlbFills) / s.insnsRetired, 12);
  });

  it('renders any vega-lite spec with rows', async () => {
    const c = await chart({ mark: 'bar', encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative' } } },
      [{ k: 'a', v: 1 }, { k: 'b', v: 3 }]);
    expectWellFormed(c);
    expect(c.svg.match(/<path /g)?.length).toBeGreaterThanOrEqual(2);
  });
});

describe('charts given bad input', () => {
  it('say what is missing or wrong', async () => {
    const empty = new Recording([], new Map());
    expect(() => mipsChart(empty)).toThrow(/the recording has no slices yet/);
    expect(() => trapTimelineChart(m as never)).toThrow(/give a Recording: const rec = await record\(m, 10e6\)/);
    expect(() => translationVsExecutionChart(m)).toThrow(/give the run result as well/);
    expect(() => hottestBlocksChart(rec, 0)).toThrow(/n = 0 is not a positive integer/);
    expect(() => blockSizeChart(benchMachine())).toThrow(/the translation cache is empty: run the machine first/);
    expect(() => tlbChart(benchMachine())).toThrow(/the machine has not run yet/);
    await expect(chart({ mark: 'bar' }, [{ pc: 1n as never }])).rejects.toThrow(/row 0, field 'pc' is a bigint/);
    await expect(chart({ mark: 'nonsense' as never }, [{ a: 1 }])).rejects.toThrow(/^the vega-lite spec does not render: /);
  });
});
