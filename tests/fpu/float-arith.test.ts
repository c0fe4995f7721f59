import { describe, expect, it } from 'vitest';
import {
  FFlag, FloatStatus, RoundingMode,
  f32Add, f32Div, f32Fmadd, f32Fnmadd, f32Mul, f32Sqrt, f32Sub,
  f64Add, f64Div, f64Fmadd, f64Fmsub, f64Fnmadd, f64Fnmsub, f64Mul, f64Sqrt, f64Sub,
} from '../../core/fpu/softfloat';

const { RNE, RTZ, RDN, RUP, RMM } = RoundingMode;
const { NX, UF, OF, DZ, NV } = FFlag;

const ONE = 0x3ff0000000000000n;
const TWO = 0x4000000000000000n;
const THREE = 0x4008000000000000n;
const HALF_ULP_OF_ONE = 0x3ca0000000000000n; // 2^-53
const NEG_ONE = 0xbff0000000000000n;
const POS_ZERO = 0n;
const NEG_ZERO = 0x8000000000000000n;
const INF = 0x7ff0000000000000n;
const NEG_INF = 0xfff0000000000000n;
const QNAN = 0x7ff8000000000000n;
const SNAN = 0x7ff0000000000001n;
const MAX = 0x7fefffffffffffffn;
const MIN_NORMAL = 0x0010000000000000n;
const F32_ONE = 0x3f800000;
const F32_INF = 0x7f800000;
const F32_QNAN = 0x7fc00000;

/** Runs an operation with a fresh accumulator; returns [result, flags]. */
function run<T>(op: (st: FloatStatus) => T): [T, number] {
  const st = new FloatStatus();
  const r = op(st);
  return [r, st.flags];
}

describe('fadd/fsub', () => {
  it('a tie rounds to even in RNE and raises only NX', () => {
    expect(run((st) => f64Add(ONE, HALF_ULP_OF_ONE, RNE, st))).toEqual([ONE, NX]);
  });

  it('the same tie rounds away from zero in RMM and up in RUP', () => {
    expect(run((st) => f64Add(ONE, HALF_ULP_OF_ONE, RMM, st))).toEqual([ONE + 1n, NX]);
    expect(run((st) => f64Add(ONE, HALF_ULP_OF_ONE, RUP, st))).toEqual([ONE + 1n, NX]);
    expect(run((st) => f64Add(ONE, HALF_ULP_OF_ONE, RDN, st))).toEqual([ONE, NX]);
  });

  it('binary32 ties: 1 + 2^-24 is 1 in RNE, 1 + 2^-23 in RMM', () => {
    expect(run((st) => f32Add(F32_ONE, 0x33800000, RNE, st))).toEqual([F32_ONE, NX]);
    expect(run((st) => f32Add(F32_ONE, 0x33800000, RMM, st))).toEqual([F32_ONE + 1, NX]);
    expect(run((st) => f32Add(F32_ONE | 0x80000000, 0xb3800000, RMM, st))).toEqual([((F32_ONE + 1) | 0x80000000) >>> 0, NX]);
  });

  it('x - x is +0, except -0 when rounding down', () => {
    expect(run((st) => f64Sub(THREE, THREE, RNE, st))).toEqual([POS_ZERO, 0]);
    expect(run((st) => f64Sub(THREE, THREE, RDN, st))).toEqual([NEG_ZERO, 0]);
    expect(run((st) => f32Sub(F32_ONE, F32_ONE, RDN, st))).toEqual([0x80000000, 0]);
  });

  it('-0 + -0 is -0 in every mode', () => {
    for (const rm of [RNE, RTZ, RDN, RUP, RMM]) expect(run((st) => f64Add(NEG_ZERO, NEG_ZERO, rm, st))).toEqual([NEG_ZERO, 0]);
  });

  it('inf - inf is the canonical NaN with NV', () => {
    expect(run((st) => f64Add(INF, NEG_INF, RNE, st))).toEqual([QNAN, NV]);
    expect(run((st) => f32Sub(F32_INF, F32_INF, RNE, st))).toEqual([F32_QNAN, NV]);
  });

  it('a NaN result never carries the operand payload', () => {
    expect(run((st) => f64Add(0xfff800000000beefn, ONE, RNE, st))).toEqual([QNAN, 0]);
    expect(run((st) => f32Add(0xffc0beef, F32_ONE, RNE, st))).toEqual([F32_QNAN, 0]);
  });

  it('a signaling NaN operand raises NV', () => {
    expect(run((st) => f64Add(SNAN, ONE, RNE, st))).toEqual([QNAN, NV]);
  });

  it('overflow gives infinity in RNE but the largest finite number in RTZ, with OF and NX', () => {
    expect(run((st) => f64Add(MAX, MAX, RNE, st))).toEqual([INF, OF | NX]);
    expect(run((st) => f64Add(MAX, MAX, RTZ, st))).toEqual([MAX, OF | NX]);
    expect(run((st) => f64Add(MAX | NEG_ZERO, MAX | NEG_ZERO, RUP, st))).toEqual([MAX | NEG_ZERO, OF | NX]);
  });

  it('accepts a binary64 passed as a signed bigint (as WebAssembly hands over an i64)', () => {
    expect(run((st) => f64Add(BigInt.asIntN(64, NEG_ONE), ONE, RNE, st))).toEqual([POS_ZERO, 0]);
  });
});

describe('fmul/fdiv/fsqrt', () => {
  it('inf * 0 is invalid', () => {
    expect(run((st) => f64Mul(INF, NEG_ZERO, RNE, st))).toEqual([QNAN, NV]);
  });

  it('underflow is signalled only when the tiny result is inexact', () => {
    // MIN_NORMAL * 0.5 is exactly the subnormal 2^-1023: tiny but exact.
    expect(run((st) => f64Mul(MIN_NORMAL, 0x3fe0000000000000n, RNE, st))).toEqual([0x0008000000000000n, 0]);
    // MIN_NORMAL * (1/3-ish) is tiny and inexact.
    expect(run((st) => f64Div(MIN_NORMAL, THREE, RNE, st))[1]).toBe(UF | NX);
  });

  it('tininess is detected after rounding: a result that rounds to the smallest normal at full precision is not tiny', () => {
    // 2^-600 * -2^-477 + 2^-1022 = 2^-1022 - 2^-1077: with an unbounded exponent it
    // rounds (RNE) to 2^-1022, so it is not tiny: NX without UF.
    const a = 0x1a70000000000000n;
    const b = 0xa220000000000000n;
    expect(run((st) => f64Fmadd(a, b, MIN_NORMAL, RNE, st))).toEqual([MIN_NORMAL, NX]);
    // In RTZ it stays below 2^-1022: the largest subnormal, tiny and inexact.
    expect(run((st) => f64Fmadd(a, b, MIN_NORMAL, RTZ, st))).toEqual([0x000fffffffffffffn, UF | NX]);
  });

  it('a tiny result that rounds up to the smallest normal only on the subnormal grid still raises UF', () => {
    // (2 - 2^-52) * 2^-1023 = 2^-1022 - 2^-1075: exact at full precision (tiny), a tie on the subnormal grid.
    expect(run((st) => f64Mul(0x3fffffffffffffffn, 0x0008000000000000n, RNE, st))).toEqual([MIN_NORMAL, UF | NX]);
  });

  it('x / 0 is a correctly signed infinity with DZ; 0 / 0 is invalid', () => {
    expect(run((st) => f64Div(NEG_ONE, POS_ZERO, RNE, st))).toEqual([NEG_INF, DZ]);
    expect(run((st) => f64Div(POS_ZERO, NEG_ZERO, RNE, st))).toEqual([QNAN, NV]);
    expect(run((st) => f32Div(F32_ONE, 0, RNE, st))).toEqual([F32_INF, DZ]);
  });

  it('1 / 3 rounds differently in RDN and RUP', () => {
    const [down] = run((st) => f64Div(ONE, THREE, RDN, st));
    const [up] = run((st) => f64Div(ONE, THREE, RUP, st));
    expect(up - down).toBe(1n);
    expect(run((st) => f32Div(F32_ONE, 0x40400000, RNE, st))).toEqual([0x3eaaaaab, NX]);
  });

  it('sqrt of an exact square is exact; sqrt(2) is inexact', () => {
    expect(run((st) => f64Sqrt(0x4022000000000000n /* 9 */, RNE, st))).toEqual([THREE, 0]);
    expect(run((st) => f64Sqrt(TWO, RNE, st))).toEqual([0x3ff6a09e667f3bcdn, NX]);
    expect(run((st) => f32Sqrt(0x40000000, RUP, st))).toEqual([0x3fb504f4, NX]);
  });

  it('sqrt(-0) is -0 without flags; sqrt of a negative number is invalid', () => {
    expect(run((st) => f64Sqrt(NEG_ZERO, RNE, st))).toEqual([NEG_ZERO, 0]);
    expect(run((st) => f64Sqrt(NEG_ONE, RNE, st))).toEqual([QNAN, NV]);
  });

  it('binary32 products that are exact raise nothing', () => {
    expect(run((st) => f32Mul(0x40400000, 0x40400000, RNE, st))).toEqual([0x41100000, 0]); // 3*3 = 9
  });
});

describe('fused multiply-add', () => {
  it('rounds once: (1 + 2^-27)(1 - 2^-27) + 2^-53 = 1 + 2^-54 exactly, which RUP rounds up', () => {
    const a = 0x3ff0000002000000n; // 1 + 2^-27
    const b = 0x3feffffffc000000n; // 1 - 2^-27
    // a*b = 1 - 2^-54 exactly; + 2^-53 = 1 + 2^-54: RUP must give 1 + 2^-52.
    expect(run((st) => f64Fmadd(a, b, HALF_ULP_OF_ONE, RUP, st))).toEqual([ONE + 1n, NX]);
    expect(run((st) => f64Fmadd(a, b, HALF_ULP_OF_ONE, RNE, st))).toEqual([ONE, NX]);
  });

  it('fmsub, fnmsub and fnmadd negate the product and/or the addend', () => {
    expect(run((st) => f64Fmsub(TWO, THREE, ONE, RNE, st))[0]).toBe(0x4014000000000000n); // 2*3-1 = 5
    expect(run((st) => f64Fnmsub(TWO, THREE, ONE, RNE, st))[0]).toBe(0xc014000000000000n); // -(2*3)+1 = -5
    expect(run((st) => f64Fnmadd(TWO, THREE, ONE, RNE, st))[0]).toBe(0xc01c000000000000n); // -(2*3)-1 = -7
  });

  it('fnmadd of zeros gives -0: the product and the addend are both negated', () => {
    expect(run((st) => f64Fnmadd(POS_ZERO, ONE, POS_ZERO, RNE, st))).toEqual([NEG_ZERO, 0]);
    expect(run((st) => f32Fnmadd(0, F32_ONE, 0, RNE, st))).toEqual([0x80000000, 0]);
  });

  it('inf * 0 + qNaN raises NV', () => {
    expect(run((st) => f64Fmadd(INF, POS_ZERO, QNAN, RNE, st))).toEqual([QNAN, NV]);
    expect(run((st) => f32Fmadd(F32_INF, 0, F32_QNAN, RNE, st))).toEqual([F32_QNAN, NV]);
  });

  it('an exactly cancelling sum is +0 (RNE) or -0 (RDN)', () => {
    expect(run((st) => f64Fmsub(TWO, THREE, 0x4018000000000000n, RNE, st))).toEqual([POS_ZERO, 0]);
    expect(run((st) => f64Fmsub(TWO, THREE, 0x4018000000000000n, RDN, st))).toEqual([NEG_ZERO, 0]);
  });
});
