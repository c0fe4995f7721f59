import { describe, expect, it } from 'vitest';
import { SpikeMachine } from '../../core/machine/spike-machine';
import { listBenchWorkloads } from '../support/guest';

/** The inspection API of a running machine: every stage of a block, registers, stepping, breakpoints, stats. */
function crc32(): SpikeMachine {
  const m = new SpikeMachine({ onConsole: () => {} });
  m.loadElf(listBenchWorkloads().find((w) => w.name === 'crc32')!.elf);
  return m;
}

describe('inspecting a running program', () => {
  it('shows a hot block as guest disassembly, IR before and after the passes, and WebAssembly', async () => {
    const m = crc32();
    m.runSync(2_000_000);
    const v = m.inspectBlock();
    expect(v.pc).toBe(m.cpu.pc);
    expect(v.guest.length).toBe(v.stats.guestInsns);
    expect(v.guest[0]).toMatch(/^[0-9a-f]+:\s+\S+/);
    // One marker per guest instruction, with its disassembly, in both IR listings.
    for (const ir of [v.ir, v.irOptimized]) expect(ir.split('\n').filter((l) => l.startsWith(' ---- '))).toHaveLength(v.guest.length);
    expect(v.stats.irOpsOptimized).toBeLessThanOrEqual(v.stats.irOps);
    expect(v.wasm).toMatch(/^\(func \$tb_[0-9a-f]+ \(param \$env i32\) \(result i32\)/);
    expect(v.stats.hostBytes).toBeGreaterThan(0);
    const wabt = await (require('wabt') as () => Promise<any>)();
    const mod = wabt.parseWat('block.wat', `(module (import "env" "memory" (memory 1)) (table 1 funcref) ${v.wasm!.replace(/call \d+/g, 'unreachable')})`,
      { tail_call: true });
    expect(() => mod.validate()).not.toThrow();
  });

  it('retranslates a block with passes switched off, leaving the cache alone', () => {
    const m = crc32();
    m.runSync(100_000);
    // A block the passes changed.
    const live = [...m.engine.cache.blocks()].find((tb) => tb.irOptimized.ops.length < tb.ir.ops.length && tb.maxInsns > 1 && tb.flags === m.cpu.tbFlags())!;
    const off = m.inspectBlock(live.pc, { passes: { constantFold: false, copyPropagation: false, deadCode: false, envForwarding: false } });
    expect(off.irOptimized).toBe(off.ir);
    expect(m.inspectBlock(live.pc).irOptimized).not.toBe(off.irOptimized);
    expect(m.block(live.pc)).toBe(live);
    expect(off.wasm).toContain('(func $tb_');
  });

  it('reads and writes registers, and steps one instruction at a time', () => {
    const m = crc32();
    const pc = m.cpu.pc;
    const first = m.inspectBlock().guest[0];
    m.step();
    expect(m.cpu.retired()).toBe(1n);
    expect(m.cpu.pc).not.toBe(pc);
    m.cpu.setX(10, 0x1234n);
    expect(m.cpu.registers().a0).toBe(0x1234n);
    m.cpu.setX(0, 5n);
    expect(m.cpu.x(0)).toBe(0n);
    expect(first).toContain(pc.toString(16));
  });

  it('stops at a breakpoint before the instruction runs, and continues from it', () => {
    const m = crc32();
    m.runSync(50_000);
    const bp = m.cpu.pc;
    m.runSync(10);
    m.addBreakpoint(bp);
    const r = m.runSync(1_000_000);
    expect(r.reason).toBe('breakpoint');
    expect(m.cpu.pc).toBe(bp);
    const again = m.runSync(1_000_000);
    expect(again.reason).toBe('breakpoint');
    expect(again.insns).toBeGreaterThan(0);
    m.removeBreakpoint(bp);
    expect(m.runSync().reason).toBe('exit');
  });

  it('reports statistics as plain data', () => {
    const m = crc32();
    m.runSync();
    const s = m.stats();
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(s.cache.translated).toBeGreaterThan(0);
    expect(s.engine.insnsWasm + s.engine.insnsInterpreted).toBe(s.insnsRetired);
    expect(s.chainHits).toBeGreaterThan(0);
    expect(s.jit.functions).toBeGreaterThan(0);
    const j = m.jitInfo();
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
    expect(j.blocks).toBe(s.cache.live);
    expect(j.avgIrOpsOptimized).toBeLessThan(j.avgIrOps);
    expect(j.linkedSlots.one + j.linkedSlots.two).toBeGreaterThan(0);
    expect(j.avgHostBytes).toBeGreaterThan(0);
  });
});
