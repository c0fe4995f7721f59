import { describe, expect, it } from 'vitest';
import { mimeBundle } from '../../../stdlib/display';
import { blockView } from '../../../stdlib/views/block-view';
import { tbTable } from '../../../stdlib/views/tb-table';
import { benchMachine } from './machines';

describe('translated block view', () => {
  it('shows guest code, IR, optimised IR and WebAssembly of a hot block side by side', () => {
    const m = benchMachine();
    m.runSync(2_000_000);
    const core = m.inspectBlock();
    const v = blockView(m);
    expect(v.rows.map((r) => r.stage)).toEqual(['guest', 'IR', 'optimised IR', 'WebAssembly']);
    expect(v.rows[0].lines).toEqual(core.guest);
    expect(v.rows[3].lines.join('\n')).toBe(core.wasm);
    const text = v.toString();
    expect(text.split('\n')[0]).toContain(`block 0x${core.pc.toString(16)}: ${core.stats.guestInsns} guest insns`);
    expect(text.split('\n')[1]).toMatch(/^guest\s+│ IR\s+│ optimised IR\s+│ WebAssembly/);
    expect(text).toContain(core.guest[0].replace(/\t/g, ' ').slice(0, 20));
    const html = v[mimeBundle]()['text/html'] as string;
    expect(html.match(/<pre /g)).toHaveLength(4);
    expect(html).toContain('(func $tb_');
    expect(html).not.toContain('<script');
  });

  it('retranslates with passes switched off', () => {
    const m = benchMachine();
    m.runSync(100_000);
    const off = blockView(m, m.cpu.pc, { passes: { constantFold: false, copyPropagation: false, deadCode: false, envForwarding: false } });
    expect(off.rows[2].lines).toEqual(off.rows[1].lines);
  });

  it('says when an address holds no code: the block only raises the fetch fault', () => {
    const m = benchMachine();
    const v = blockView(m, 0x10n);
    expect(v.rows[0].lines).toEqual([]);
    expect(v.toString().split('\n')[0]).toBe('block 0x10: no guest instructions: fetching there faults, so the block only raises the exception (see the IR)');
    expect(v.rows[1].lines.join('\n')).toContain('raise_exception');
    expect(() => blockView(m, 'start')).toThrow(/pc 'start' is not a number/);
  });
});

describe('translation-cache table', () => {
  it('lists every live block with its sizes, sorted as asked', () => {
    const m = benchMachine();
    m.runSync(2_000_000);
    const v = tbTable(m, { sortBy: 'guestInsns', limit: 5 });
    expect(v.rows).toHaveLength(m.engine.cache.size);
    const sizes = v.rows.map((r) => r.guestInsns);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    const biggest = v.rows[0];
    const tb = m.block(biggest.pc);
    expect(biggest.irOpsOptimized).toBe(tb.stats.irOpsOptimized);
    const lines = v.toString().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${m.engine.cache.size} blocks .*5 shown, sorted by guestInsns`));
    expect(lines).toHaveLength(1 + 2 + 5);
    expect(lines[3]).toMatch(new RegExp(`^\\s*${biggest.pc.toString(16)}\\s+0x[0-9a-f]+\\s+${biggest.guestInsns}\\s`));
    const html = v[mimeBundle]()['text/html'] as string;
    expect(html.match(/<tr>/g)).toHaveLength(6);
  });

  it('sorts by pc by default and rejects an unknown sort key', () => {
    const m = benchMachine();
    m.runSync(100_000);
    const pcs = tbTable(m).rows.map((r) => r.pc);
    expect(pcs).toEqual([...pcs].sort((a, b) => (a < b ? -1 : 1)));
    expect(() => tbTable(m, { sortBy: 'speed' as never })).toThrow(/cannot sort by 'speed': use one of pc, flags/);
  });
});
