import { describe, expect, it } from 'vitest';
import { Plic, PLIC_REG } from '../../core/devices/plic';
import { WiredIrqLine } from '../../core/devices/irq';
import { PLIC_SOURCES, VIRT_IRQ } from '../../core/machine/virt-map';

/** A virt-sized PLIC for one hart: context 0 = M-mode, context 1 = S-mode. */
function plic(contexts = 2): { p: Plic; out: WiredIrqLine[] } {
  const out = Array.from({ length: contexts }, (_, i) => new WiredIrqLine(`ctx${i}`, () => {}));
  return { p: new Plic({ sources: PLIC_SOURCES, contexts, outputs: out }), out };
}

const rd = (p: Plic, off: number): number => Number(p.read(off, 4));
const wr = (p: Plic, off: number, v: number): void => p.write(off, 4, BigInt(v));
const priority = (n: number): number => PLIC_REG.priorityBase + 4 * n;
const enable = (ctx: number, word = 0): number => PLIC_REG.enableBase + PLIC_REG.enableStride * ctx + 4 * word;
const threshold = (ctx: number): number => PLIC_REG.contextBase + PLIC_REG.contextStride * ctx;
const claim = (ctx: number): number => threshold(ctx) + PLIC_REG.claimOffset;

/** Enable `sources` for `ctx` as the Linux driver does, one bit at a time. */
function enableSources(p: Plic, ctx: number, ...sources: number[]): void {
  for (const n of sources) {
    const off = enable(ctx, n >> 5);
    wr(p, off, rd(p, off) | (1 << (n & 31)));
  }
}

describe('PLIC', () => {
  it('claims the highest-priority enabled pending source of a context and clears its pending bit', () => {
    const { p, out } = plic();
    wr(p, priority(VIRT_IRQ.uart0), 1);
    wr(p, priority(VIRT_IRQ.rtc), 3);
    enableSources(p, 1, VIRT_IRQ.uart0, VIRT_IRQ.rtc);
    p.source(VIRT_IRQ.uart0).set(true);
    p.source(VIRT_IRQ.rtc).set(true);
    expect(rd(p, PLIC_REG.pendingBase)).toBe((1 << 10) | (1 << 11));
    expect(out[1].level).toBe(true);
    // Context 0 (M-mode) enabled nothing: its line stays low.
    expect(out[0].level).toBe(false);
    expect(rd(p, claim(1))).toBe(VIRT_IRQ.rtc);
    expect(rd(p, PLIC_REG.pendingBase)).toBe(1 << 10);
    expect(rd(p, claim(1))).toBe(VIRT_IRQ.uart0);
    expect(rd(p, claim(1))).toBe(0);
    expect(out[1].level).toBe(false);
  });

  it('breaks priority ties by the lowest source id', () => {
    const { p } = plic();
    for (const n of [40, 7, 33]) {
      wr(p, priority(n), 2);
      enableSources(p, 0, n);
      p.source(n).set(true);
    }
    expect([rd(p, claim(0)), rd(p, claim(0)), rd(p, claim(0))]).toEqual([7, 33, 40]);
  });

  it('interrupts a context only for priorities above its threshold; priority 0 never interrupts', () => {
    const { p, out } = plic();
    wr(p, priority(5), 2);
    wr(p, priority(6), 0);
    enableSources(p, 0, 5, 6);
    enableSources(p, 1, 5);
    wr(p, threshold(0), 2);
    p.source(5).set(true);
    p.source(6).set(true);
    expect(out[0].level).toBe(false);
    expect(out[1].level).toBe(true);
    expect(rd(p, claim(0))).toBe(0);
    wr(p, threshold(0), 1);
    expect(out[0].level).toBe(true);
    expect(rd(p, threshold(0))).toBe(1);
    // Context 0 claims it: it is no longer offered to context 1 either.
    expect(rd(p, claim(0))).toBe(5);
    expect(out[1].level).toBe(false);
    expect(rd(p, claim(1))).toBe(0);
  });

  it('keeps a claimed source from becoming pending until it is completed, then re-arms while the line is high', () => {
    const { p, out } = plic();
    wr(p, priority(10), 1);
    enableSources(p, 1, 10);
    const line = p.source(10);
    line.set(true);
    expect(rd(p, claim(1))).toBe(10);
    // The device keeps its line high while the handler runs: no new request yet.
    expect(rd(p, PLIC_REG.pendingBase)).toBe(0);
    expect(out[1].level).toBe(false);
    wr(p, claim(1), 10);
    expect(rd(p, PLIC_REG.pendingBase)).toBe(1 << 10);
    expect(out[1].level).toBe(true);
    expect(rd(p, claim(1))).toBe(10);
    // Handled properly this time: the device lowers its line before the completion.
    line.set(false);
    wr(p, claim(1), 10);
    expect(rd(p, PLIC_REG.pendingBase)).toBe(0);
    expect(out[1].level).toBe(false);
  });

  it('withdraws a request whose line goes low before it is claimed (level-triggered, as QEMU)', () => {
    const { p, out } = plic();
    wr(p, priority(3), 1);
    enableSources(p, 0, 3);
    p.source(3).set(true);
    expect(out[0].level).toBe(true);
    p.source(3).set(false);
    expect(out[0].level).toBe(false);
    expect(rd(p, claim(0))).toBe(0);
  });

  it('ignores a completion for a source the context has not enabled', () => {
    const { p } = plic();
    wr(p, priority(9), 1);
    enableSources(p, 0, 9);
    p.source(9).set(true);
    expect(rd(p, claim(0))).toBe(9);
    wr(p, claim(1), 9);
    expect(p.info()[0].claimed).toEqual([9]);
    wr(p, claim(0), 9);
    expect(p.info()[0].claimed).toEqual([]);
    expect(rd(p, claim(0))).toBe(9);
  });

  it('reaches sources in the upper enable and pending words', () => {
    const { p } = plic();
    wr(p, priority(95), 7);
    enableSources(p, 1, 95);
    p.source(95).set(true);
    expect(rd(p, PLIC_REG.pendingBase + 8)).toBe(1 << 31 >>> 0);
    expect(rd(p, enable(1, 2))).toBe(1 << 31 >>> 0);
    expect(rd(p, claim(1))).toBe(95);
  });

  it('keeps priorities and thresholds to 3 bits, hardwires source 0, and makes pending bits read-only', () => {
    const { p, out } = plic();
    wr(p, priority(1), 0xff);
    expect(rd(p, priority(1))).toBe(7);
    wr(p, priority(0), 5);
    expect(rd(p, priority(0))).toBe(0);
    wr(p, threshold(1), 9);
    expect(rd(p, threshold(1))).toBe(1);
    wr(p, enable(1), 0xffffffff);
    expect(rd(p, enable(1)) >>> 0).toBe(0xfffffffe);
    p.source(0).set(true);
    wr(p, PLIC_REG.pendingBase, 0xffffffff);
    expect(rd(p, PLIC_REG.pendingBase)).toBe(0);
    expect(out[1].level).toBe(false);
  });

  it('reads zero and ignores writes at undefined offsets, wrong sizes and absent contexts', () => {
    const { p } = plic();
    wr(p, priority(4), 3);
    expect(p.read(priority(4), 1)).toBe(0n);
    expect(p.read(priority(4), 8)).toBe(0n);
    p.write(priority(4), 2, 1n);
    expect(rd(p, priority(4))).toBe(3);
    expect(rd(p, priority(4) + 2)).toBe(0);
    for (const off of [priority(PLIC_SOURCES), PLIC_REG.pendingBase + 0x100, enable(0, 3), enable(2), threshold(1) + 8, threshold(2), claim(2), 0x1ffffc, 0x5ffffc]) {
      expect(() => wr(p, off, 0xffffffff)).not.toThrow();
      expect(rd(p, off)).toBe(0);
    }
    expect(rd(p, priority(4))).toBe(3);
  });

  it('lists enabled, pending and claimed sources per context for the info view', () => {
    const { p } = plic(4);
    for (const n of [1, 10, 11]) wr(p, priority(n), 1);
    enableSources(p, 1, 10, 11);
    enableSources(p, 2, 1);
    p.source(10).set(true);
    p.source(11).set(true);
    expect(rd(p, claim(1))).toBe(10);
    const info = p.info();
    expect(info.map((c) => [c.hart, c.mode])).toEqual([[0, 'M'], [0, 'S'], [1, 'M'], [1, 'S']]);
    expect(info[1]).toMatchObject({ enabled: [10, 11], pending: [11], claimed: [10], irq: true, threshold: 0 });
    expect(info[2]).toMatchObject({ enabled: [1], pending: [], claimed: [], irq: false });
  });

  it('describes every register of its window', () => {
    const { p } = plic();
    const names = p.registers.map((r) => r.name);
    expect(names).toContain('priority[95]');
    expect(names).toContain('claim[1]');
    expect(p.registers.find((r) => r.name === 'threshold[1]')!.offset).toBe(0x201000);
    expect(p.size).toBe(0x202000);
  });

  it('saves and restores its state exactly, driving the outputs to match', () => {
    const a = plic();
    wr(a.p, priority(10), 2);
    wr(a.p, priority(11), 1);
    enableSources(a.p, 1, 10, 11);
    a.p.source(10).set(true);
    a.p.source(11).set(true);
    expect(rd(a.p, claim(1))).toBe(10);
    const saved = a.p.saveState();
    const b = plic();
    b.p.loadState(structuredClone(saved));
    expect(b.p.saveState()).toEqual(saved);
    expect(b.out.map((l) => l.level)).toEqual(a.out.map((l) => l.level));
    expect(b.out[1].level).toBe(true);
    // The restored PLIC continues exactly like the original.
    for (const q of [a.p, b.p]) {
      wr(q, claim(1), 10);
    }
    expect([rd(b.p, claim(1)), rd(b.p, claim(1))]).toEqual([rd(a.p, claim(1)), rd(a.p, claim(1))]);
    expect(b.p.saveState()).toEqual(a.p.saveState());
  });

  it('refuses a saved state of a PLIC with another shape', () => {
    const small = new Plic({ sources: 32, contexts: 2, outputs: plic().out });
    expect(() => plic().p.loadState(small.saveState())).toThrow(/priority/);
  });

  it('reset clears the configuration but sees lines that are still high', () => {
    const { p, out } = plic();
    wr(p, priority(10), 1);
    enableSources(p, 0, 10);
    p.source(10).set(true);
    expect(rd(p, claim(0))).toBe(10);
    p.reset();
    expect(out[0].level).toBe(false);
    expect(rd(p, priority(10))).toBe(0);
    expect(p.info()[0].claimed).toEqual([]);
    expect(rd(p, PLIC_REG.pendingBase)).toBe(1 << 10);
  });
});
