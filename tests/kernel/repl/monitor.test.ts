import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { requestInterrupt } from '../../../core/exec/run-control';
import { SpikeMachine } from '../../../core/machine/spike-machine';
import { VirtMachine } from '../../../core/machine/virt-machine';
import { PRIV } from '../../../core/target/riscv/spec';
import { Monitor } from '../../../kernel/repl/monitor';
import { MonitorError } from '../../../kernel/repl/monitor-error';
import { BENCH_DIR } from '../../support/guest';
import { iType, jal, OPC, sType, uType } from '../../support/rv-encode';
import path from 'node:path';

const RAM = 0x80000000n;
/** Where the store loop writes (a RAM page away from the code). */
const DATA = 0x80010000n;

/**
 * A virt machine without firmware running a store loop at the start of RAM:
 *   0: auipc t0, 0x10        t0 = DATA
 *   4: addi t1, t1, 1
 *   8: sd   t1, 0(t0)
 *   c: j    4
 */
function storeLoopMachine(): VirtMachine {
  const words = [uType(OPC.AUIPC, 5, 0x10), iType(OPC.OP_IMM, 6, 0, 6, 1), sType(OPC.STORE, 3, 5, 6, 0), jal(0, -8)];
  const code = new Uint8Array(new Uint32Array(words).buffer);
  return new VirtMachine({ bios: 'none', kernel: code, rng: false, ramSize: 64 << 20 });
}

function monitorOf(m: unknown): Monitor {
  return new Monitor({ machine: () => m });
}

function snapshot(m: VirtMachine | SpikeMachine) {
  return { regs: m.cpu.registers(), retired: m.cpu.retired(), tlb: m.mmu.stats.tlbFills, breakpoints: [...m.engine.breakpoints] };
}

describe('monitor: .x and .xp', () => {
  it('.x/Ni disassembles as objdump does', () => {
    const elf = path.join(BENCH_DIR, 'crc32.elf');
    const m = new SpikeMachine();
    m.loadElf(elf);
    const mine = monitorOf(m).examine('6i', 'pc').split('\n');
    const r = spawnSync('riscv64-linux-gnu-objdump', ['-d', '--start-address=0x80000000', '--stop-address=0x80000020', elf], { encoding: 'utf8' });
    if (r.error) throw new Error('riscv64-linux-gnu-objdump is missing: install the Debian package binutils-riscv64-linux-gnu');
    const theirs = r.stdout.split('\n').filter((l) => /^\s*800000[01][0-9a-f]:/.test(l))
      .map((l) => l.split('\t').slice(2).join(' ').replace(/\s+#.*$/, ''));
    expect(mine).toHaveLength(6);
    mine.forEach((line, i) => {
      expect(line).toMatch(/^00000000800000[0-9a-f]{2}: {2}[0-9a-f]{4,8} +\S/);
      expect(line.split(/ {2,}/).slice(2).join(' ').replace(/\s+/g, ' ')).toBe(theirs[i].replace(/\s+/g, ' '));
    });
  });

  it('.x/Nxg prints little-endian doublewords, two to a line, at their addresses', () => {
    const m = storeLoopMachine();
    m.bus.writePhys(DATA, Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 0xff, 0, 0, 0, 0, 0, 0, 0x80]));
    const out = monitorOf(m).examine('3xg', '0x8001_0000');
    expect(out.split('\n')).toEqual([
      '0000000080010000: 0x0807060504030201 0x80000000000000ff',
      '0000000080010010: 0x0000000000000000',
    ]);
    expect(monitorOf(m).examine('2db', '0x80010008')).toBe('0000000080010008: -1 0');
  });

  it('addresses take registers and offsets', () => {
    const m = storeLoopMachine();
    m.cpu.setX(2, DATA + 0x20n);
    m.bus.writePhys(DATA + 0x10n, Uint8Array.from([0xaa, 0xbb, 0xcc, 0xdd]));
    expect(monitorOf(m).examine('1xw', 'sp - 0x10')).toBe('0000000080010010: 0xddccbbaa');
  });

  it('a wrong address or register says what and where, and leaves the machine as it was', () => {
    const m = storeLoopMachine();
    m.runSync(10);
    const before = snapshot(m);
    const mon = monitorOf(m);
    const err = (f: () => unknown) => { try { f(); } catch (e) { expect(e).toBeInstanceOf(MonitorError); return (e as Error).message; } throw new Error('no error'); };
    expect(err(() => mon.examine('4i', 'blah+4'))).toMatch(/^\.x\/4i blah\+4: unknown register 'blah' in 'blah\+4'/);
    expect(err(() => mon.examine('4x', '0x10000000'))).toMatch(/0x10000000 is in the MMIO window of uart0/);
    expect(err(() => mon.examine('4x', '0x4000'))).toMatch(/nothing is mapped at 0x4000/);
    expect(err(() => mon.examine('4q', 'pc'))).toMatch(/unknown letter 'q'/);
    expect(err(() => mon.examine('2xg', '0x83fffffc'))).toMatch(/nothing is mapped at 0x84000000/);
    expect(err(() => mon.info('registers 3'))).toMatch(/no hart '3' \(this machine has hart 0\)/);
    expect(err(() => mon.info('pic'))).toMatch(/no topic 'pic'; topics: registers, jit, tlb, mtree, qtree, irq/);
    expect(err(() => mon.break('x99'))).toMatch(/unknown register 'x99'/);
    expect(err(() => mon.watch('0x10000000'))).toMatch(/MMIO window of uart0; watchpoints work on RAM \(the address is physical\)/);
    expect(snapshot(m)).toEqual(before);
  });

  it('virtual addresses go through the page tables without touching them', () => {
    const m = storeLoopMachine();
    // Sv39: root table at 0x80100000, one 1 GiB leaf mapping VA 0x40000000 to PA 0x80000000 (RWX, V).
    const root = 0x80100000n;
    const pte = ((RAM >> 12n) << 10n) | 0xfn;
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, pte, true);
    m.bus.writePhys(root + 1n * 8n, b);
    m.cpu.csr.satp = (8n << 60n) | (root >> 12n);
    m.cpu.priv = PRIV.S;
    const mon = monitorOf(m);
    expect(mon.examine('1xw', '0x40000000')).toBe(`0000000040000000: 0x${uType(OPC.AUIPC, 5, 0x10).toString(16).padStart(8, '0')}`);
    expect(() => mon.examine('1xw', '0x0')).toThrow(/0x0 is not mapped: level-2 PTE at physical 0x80100000 is 0x0/);
    expect(mon.examine('1xw', '0x40000000', false)).toContain('0x');
    // The PTE's accessed bit stays clear: a debugger read is not a guest access.
    expect(new DataView(m.bus.readPhys(root + 8n, 8).buffer).getBigUint64(0, true)).toBe(pte);
    expect(mon.examine('1xw', '0x80000000', true).split(': ')[1]).toBe(mon.examine('1xw', '0x40000000').split(': ')[1]);
  });
});

describe('monitor: running', () => {
  it('.step runs one instruction, shows the registers it changed and the next instruction', async () => {
    const m = storeLoopMachine();
    const out = await monitorOf(m).step('');
    expect(out.split('\n')).toEqual(['  t0=0x80010000', '0000000080000004:  00130313  add     t1,t1,1']);
    expect(m.cpu.pc).toBe(RAM + 4n);
    expect(await monitorOf(m).step('3')).toBe('  t1=0x1\n0000000080000004:  00130313  add     t1,t1,1');
    expect(m.cpu.retired()).toBe(4n);
  });

  it('.break stops .cont before the instruction; .cont again goes on from there', async () => {
    const m = storeLoopMachine();
    const mon = monitorOf(m);
    expect(mon.break('0x80000008')).toBe('breakpoint at 0x80000008');
    expect(await mon.cont()).toMatch(/^stopped: breakpoint at pc 0x80000008 after 2 instructions\n0000000080000008: {2}0062b023 {2}sd {6}t1,0\(t0\)$/);
    expect(m.cpu.x(6)).toBe(1n);
    expect(await mon.cont()).toMatch(/^stopped: breakpoint at pc 0x80000008 after 3 instructions/);
    expect(m.cpu.x(6)).toBe(2n);
    expect(mon.break('')).toBe('  0: 0x80000008');
    expect(mon.break('-d 0x80000008')).toBe('deleted the breakpoint at 0x80000008');
    expect(mon.break('')).toMatch(/no breakpoints/);
  });

  it('.watch stops right after the instruction that stored to the physical doubleword', async () => {
    const m = storeLoopMachine();
    const mon = monitorOf(m);
    m.runSync(1000); // the page is hot in the TLB: the watchpoint must still see the next store
    expect(mon.watch('0x80010004')).toBe('watchpoint on physical 0x80010000..0x80010007 (guest stores; device DMA is not seen)');
    const t1 = m.cpu.x(6);
    const out = await mon.cont();
    expect(out).toMatch(/^stopped: watchpoint at physical 0x80010000 written by the instruction at 0x80000008, at pc 0x8000000c/);
    expect(m.cpu.x(6)).toBe(t1 + 1n);
    expect(mon.break('')).toMatch(/no breakpoints/);
    mon.watch('-d all');
    expect(mon.watch('')).toMatch(/no watchpoints/);
    const r = await m.run(100);
    expect(r.reason).toBe('budget');
  });

  it('.cont stops on an interrupt request at an instruction boundary, and continues', async () => {
    const m = storeLoopMachine();
    const mon = monitorOf(m);
    const running = mon.cont();
    setTimeout(requestInterrupt, 200);
    const out = await running;
    expect(out).toMatch(/^stopped: interrupted \(Ctrl-C\) at pc 0x800000(04|08|0c)/);
    // Every retired loop iteration stored its counter: the state is whole.
    const stored = new DataView(m.bus.readPhys(DATA, 8).buffer).getBigUint64(0, true);
    const t1 = m.cpu.x(6);
    expect(m.cpu.pc === RAM + 8n ? stored + 1n : stored).toBe(t1);
  });
});

describe('monitor: info', () => {
  it('registers, in QEMU\'s layout', () => {
    const m = storeLoopMachine();
    m.cpu.setX(10, 0x1234n);
    const out = monitorOf(m).info('registers');
    expect(out).toMatch(/^ pc {7}0000000080000000\n priv {5}M\n/);
    expect(out).toContain(' x8/s0    0000000000000000 x9/s1    0000000000000000 x10/a0   0000000000001234 x11/a1   ');
    expect(out).toMatch(/ satp {5}0000000000000000/);
    expect(out).toMatch(/ f28\/ft8 /);
  });

  it('mtree, qtree and irq describe the virt machine', () => {
    const m = storeLoopMachine();
    const mon = monitorOf(m);
    expect(mon.info('mtree')).toContain('    0000000010000000-00000000100000ff (prio 0, i/o): uart0');
    expect(mon.info('mtree')).toContain('    0000000080000000-0000000083ffffff (prio 0, ram): ram');
    const qtree = mon.info('qtree');
    expect(qtree).toMatch(/dev: Ns16550a, id "uart0"\n {6}mmio 0x10000000\/0x100\n {6}irq: plic source 10/);
    expect(qtree).toMatch(/dev: VirtioMmio, id "virtio7"\n {6}mmio 0x10008000\/0x1000\n {6}irq: plic source 8\n {6}child: \(empty slot\)/);
    expect(qtree).toContain('hart0: RiscvCpu, priv M, pc 0x80000000');
    m.cpu.csr.mie = 1n << 11n;
    expect(mon.info('irq')).toMatch(/0 {5}- {24}MEIP {21}-/);
  });

  it('tlb shows the pages a run cached, and jit the blocks it translated', () => {
    const m = storeLoopMachine();
    expect(monitorOf(m).info('tlb')).toMatch(/the TLB is empty/);
    m.runSync(100);
    const tlb = monitorOf(m).info('tlb');
    expect(tlb).toContain('hart 0, mmu index 3 (M):');
    expect(tlb).toContain('  0000000080000000 0000000080000000 --x');
    expect(tlb).toContain('  0000000080010000 0000000080010000 -w-');
    expect(monitorOf(m).info('jit')).toMatch(/^Translation buffer state:\nTB count +\d+/);
  });

  it('commands without a machine say how to make one', () => {
    expect(() => monitorOf(undefined).info('registers')).toThrow(/there is no machine: create one with m = new VirtMachine/);
    expect(() => monitorOf(42).info('registers')).toThrow(/m is a number, not a machine/);
  });
});
