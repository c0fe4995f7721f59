/**
 * `li rd, constant`: the instruction sequence GNU as materialises a 64-bit
 * constant with. A 12-bit signed value is one `addi rd, x0, v`. Otherwise a
 * signed 32-bit value takes `lui` and/or `addiw`; a wider one is built
 * recursively — the value without its low 12 bits, shifted
 * right past its trailing zeros, is loaded, then `slli` and `addi` put the
 * shift and the low 12 bits back. The result matches `riscv64-linux-gnu-as`
 * instruction for instruction (checked against it on random constants).
 */
import { low12 } from './expression';

/** One instruction of a load-immediate sequence (rd is the destination; `rs1: 'rd'` reads it back). */
export interface LoadImmediateStep {
  readonly op: 'lui' | 'addi' | 'addiw' | 'slli';
  /** Source register: x0 or the destination itself. */
  readonly rs1: 'zero' | 'rd';
  /** The immediate as the decoder reports it (`lui`: imm20 << 12 sign-extended). */
  readonly imm: number;
}

const isSigned32 = (v: bigint) => v === BigInt.asIntN(32, v);

/** The sequence loading the 64-bit value `value` (any bigint; taken modulo 2^64) for RV64. */
export function loadImmediate(value: bigint): LoadImmediateStep[] {
  const v = BigInt.asIntN(64, value);
  // as matches `li rd, simm12` to addi directly; only wider values go through its constant builder.
  if (v === low12(v)) return [{ op: 'addi', rs1: 'zero', imm: Number(v) }];
  return buildConstant(v);
}

function buildConstant(v: bigint): LoadImmediateStep[] {
  const lower = low12(v);
  const upper = BigInt.asIntN(64, v - lower);
  if (!isSigned32(v)) {
    let shift = 12n;
    while (((upper >> shift) & 1n) === 0n) shift++;
    const steps = buildConstant(upper >> shift);
    steps.push({ op: 'slli', rs1: 'rd', imm: Number(shift) });
    if (lower !== 0n) steps.push({ op: 'addi', rs1: 'rd', imm: Number(lower) });
    return steps;
  }
  const steps: LoadImmediateStep[] = [];
  if (upper !== 0n) steps.push({ op: 'lui', rs1: 'zero', imm: Number(BigInt.asIntN(32, upper)) });
  if (lower !== 0n || upper === 0n) {
    // After lui the sum must wrap at 32 bits (0x7ffff800 = lui 0x80000 + -2048), hence addiw;
    // as uses addiw without a lui too (`li t3, 0x80000000` starts with addiw t3, zero, 1).
    steps.push({ op: 'addiw', rs1: upper === 0n ? 'zero' : 'rd', imm: Number(lower) });
  }
  return steps;
}
