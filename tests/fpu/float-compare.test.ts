import { describe, expect, it } from 'vitest';
import {
  FClass, FFlag, FloatStatus,
  f32Classify, f32Eq, f32Min, f64Classify, f64Eq, f64Le, f64Lt, f64Max, f64Min,
} from '../../core/fpu/softfloat';

const { NV } = FFlag;
const ONE = 0x3ff0000000000000n;
const TWO = 0x4000000000000000n;
const POS_ZERO = 0n;
const NEG_ZERO = 0x8000000000000000n;
const QNAN = 0x7ff8000000000000n;
const NEG_QNAN_PAYLOAD = 0xfff8000000001234n;
const SNAN = 0x7ff0000000000001n;

function run<T>(op: (st: FloatStatus) => T): [T, number] {
  const st = new FloatStatus();
  const r = op(st);
  return [r, st.flags];
}

describe('fmin/fmax', () => {
  it('fmin returns the non-NaN operand, quietly for a quiet NaN', () => {
    expect(run((st) => f64Min(QNAN, TWO, st))).toEqual([TWO, 0]);
    expect(run((st) => f64Max(ONE, NEG_QNAN_PAYLOAD, st))).toEqual([ONE, 0]);
  });

  it('a signaling NaN operand still yields the other operand, with NV', () => {
    expect(run((st) => f64Min(SNAN, ONE, st))).toEqual([ONE, NV]);
    expect(run((st) => f32Min(0x7f800001, 0x3f800000, st))).toEqual([0x3f800000, NV]);
  });

  it('two NaNs give the canonical NaN', () => {
    expect(run((st) => f64Max(NEG_QNAN_PAYLOAD, QNAN, st))).toEqual([QNAN, 0]);
    expect(run((st) => f32Min(0xffc00001, 0x7fc00000, st))).toEqual([0x7fc00000, 0]);
  });

  it('orders -0 below +0', () => {
    expect(f64Min(POS_ZERO, NEG_ZERO, new FloatStatus())).toBe(NEG_ZERO);
    expect(f64Max(NEG_ZERO, POS_ZERO, new FloatStatus())).toBe(POS_ZERO);
    expect(f64Min(NEG_ZERO, POS_ZERO, new FloatStatus())).toBe(NEG_ZERO);
  });

  it('returns an unsigned bit pattern even for a signed bigint operand', () => {
    expect(f64Min(BigInt.asIntN(64, 0xbff0000000000000n), ONE, new FloatStatus())).toBe(0xbff0000000000000n);
  });
});

describe('feq/flt/fle', () => {
  it('feq is quiet: a quiet NaN compares unequal without flags, a signaling one raises NV', () => {
    expect(run((st) => f64Eq(QNAN, QNAN, st))).toEqual([0, 0]);
    expect(run((st) => f64Eq(SNAN, ONE, st))).toEqual([0, NV]);
    expect(run((st) => f32Eq(0x7fc00000, 0x3f800000, st))).toEqual([0, 0]);
  });

  it('flt and fle signal NV for any NaN', () => {
    expect(run((st) => f64Lt(QNAN, ONE, st))).toEqual([0, NV]);
    expect(run((st) => f64Le(ONE, QNAN, st))).toEqual([0, NV]);
  });

  it('+0 and -0 are equal, not less', () => {
    expect(run((st) => f64Eq(POS_ZERO, NEG_ZERO, st))).toEqual([1, 0]);
    expect(run((st) => f64Lt(NEG_ZERO, POS_ZERO, st))).toEqual([0, 0]);
    expect(run((st) => f64Le(POS_ZERO, NEG_ZERO, st))).toEqual([1, 0]);
  });
});

describe('fclass', () => {
  it('sets exactly the bit of the value\'s class', () => {
    const cases: [bigint, number][] = [
      [0xfff0000000000000n, FClass.negativeInfinity],
      [0xbff0000000000000n, FClass.negativeNormal],
      [0x800fffffffffffffn, FClass.negativeSubnormal],
      [NEG_ZERO, FClass.negativeZero],
      [POS_ZERO, FClass.positiveZero],
      [1n, FClass.positiveSubnormal],
      [ONE, FClass.positiveNormal],
      [0x7ff0000000000000n, FClass.positiveInfinity],
      [SNAN, FClass.signalingNaN],
      [NEG_QNAN_PAYLOAD, FClass.quietNaN],
    ];
    for (const [bits, cls] of cases) expect(f64Classify(bits)).toBe(cls);
  });

  it('fclass.s tells a signaling NaN (quiet bit clear) from a quiet one', () => {
    expect(f32Classify(0x7fa00000)).toBe(1 << 8);
    expect(f32Classify(0xffc00000)).toBe(1 << 9);
    expect(f32Classify(0x00000001)).toBe(1 << 5);
  });
});
