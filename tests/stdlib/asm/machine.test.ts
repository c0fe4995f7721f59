/** Programs assembled from a cell run on the Spike-like machine. */
import { describe, expect, it } from 'vitest';
import { SpikeMachine } from '../../../core/machine/spike-machine';
import { asm, asmInto, assemble } from '../../../stdlib/asm';

/** HTIF exit: write (code << 1) | 1 to tohost; tohost is 8 bytes, 8-aligned. */
const EXIT = `
exit:
    la    t0, tohost
    slli  a0, a0, 1
    ori   a0, a0, 1
    sd    a0, 0(t0)
1:  j     1b
    .align 3
tohost:   .dword 0
fromhost: .dword 0
`;

function run(m: SpikeMachine, tohost: bigint, start: bigint): void {
  m.attachHtif(tohost);
  m.cpu.pc = start;
  const r = m.runSync(1_000_000);
  expect(r.reason).toBe('exit');
}

describe('assembled programs run on a SpikeMachine', () => {
  it('a sum loop assembled at 0x80000000 leaves 1+2+…+100 = 5050 in a0', () => {
    const m = new SpikeMachine({ onConsole: () => {} });
    const p = asm`
        li    a0, 0
        li    a1, 100
    1:  add   a0, a0, a1
        addi  a1, a1, -1
        bnez  a1, 1b
        mv    s0, a0
        li    a0, 0
        j     exit
    ${EXIT}`.load(m);
    run(m, p.symbol('tohost'), p.address);
    expect(m.cpu.x(8)).toBe(5050n);
    expect(m.exitCode).toBe(0);
  });

  it('asmInto writes at another address; calls, loads from data and 64-bit li compute the right values', () => {
    const m = new SpikeMachine({ onConsole: () => {} });
    const p = asmInto(m, 0x80010000n, `
        .option rvc
    _start:
        la    sp, stack_top
        la    a0, table
        li    a1, 4
        call  sum_dwords          # a0 = sum of the table
        li    t1, 0x123456789abcdef0
        add   a0, a0, t1
        mv    s1, a0
        li    a0, 7
        j     exit
    sum_dwords:                   # a0 = base, a1 = count
        mv    t0, zero
    2:  ld    t2, 0(a0)
        add   t0, t0, t2
        addi  a0, a0, 8
        addi  a1, a1, -1
        bgtz  a1, 2b
        mv    a0, t0
        ret
        .align 3
    table: .dword 1, 20, 300, 4000
        .zero 64
    stack_top:
    ${EXIT}`);
    expect(p.address).toBe(0x80010000n);
    run(m, p.symbol('tohost'), p.symbol('_start'));
    expect(m.cpu.x(9)).toBe(BigInt.asUintN(64, 0x123456789abcdef0n + 4321n));
    expect(m.exitCode).toBe(7);
  });

  it('loading again replaces the code the machine has already translated', () => {
    const m = new SpikeMachine({ onConsole: () => {} });
    const first = assemble(`li s2, 1\n j exit\n${EXIT}`).load(m);
    run(m, first.symbol('tohost'), first.address);
    expect(m.cpu.x(18)).toBe(1n);
    const second = assemble(`li s2, 2\n j exit\n${EXIT}`);
    expect(second.symbol('tohost')).toBe(first.symbol('tohost'));
    second.load(m);
    m.halted = false;
    m.cpu.pc = second.address;
    expect(m.runSync(1_000_000).reason).toBe('exit');
    expect(m.cpu.x(18)).toBe(2n);
  });
});
