import { describe, expect, it } from 'vitest';
import {
  FFlag, FloatStatus, RoundingMode,
  f32ToF64, f32ToI32, f32ToU64, f64ToF32, f64ToI32, f64ToI64, f64ToU32, f64ToU64,
  i32ToF32, i64ToF32, i64ToF64, roundToIntegral, u32ToF64, u64ToF64,
} from '../../core/fpu/softfloat';

const { RNE, RTZ, RDN, RUP, RMM } = RoundingMode;
const { NX, UF, OF, NV } = FFlag;

function run<T>(op: (st: FloatStatus) => T): [T, number] {
  const st = new FloatStatus();
  const r = op(st);
  return [r, st.flags];
}

const f64 = (x: number) => {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  return v.getBigUint64(0);
};

describe('float to integer', () => {
  it('fcvt.w.d saturates NaN to 2^31-1 and raises NV', () => {
    expect(run((st) => f64ToI32(0x7ff8000000000000n, RTZ, st))).toEqual([2 ** 31 - 1, NV]);
    expect(run((st) => f64ToI32(0xfff8000000000000n, RTZ, st))).toEqual([2 ** 31 - 1, NV]);
  });

  it('out-of-range values saturate to the nearest limit with NV only', () => {
    expect(run((st) => f64ToI32(f64(-1e10), RNE, st))).toEqual([-(2 ** 31), NV]);
    expect(run((st) => f64ToI32(f64(2 ** 31), RTZ, st))).toEqual([2 ** 31 - 1, NV]);
    expect(run((st) => f64ToI64(0xfff0000000000000n, RTZ, st))).toEqual([-(1n << 63n), NV]);
    expect(run((st) => f64ToU64(f64(2 ** 64), RTZ, st))).toEqual([(1n << 64n) - 1n, NV]);
  });

  it('fcvt.wu.d of -0.5 in RTZ is 0 with NX only; of -1.0 it is 0 with NV', () => {
    expect(run((st) => f64ToU32(f64(-0.5), RTZ, st))).toEqual([0, NX]);
    expect(run((st) => f64ToU32(f64(-1), RTZ, st))).toEqual([0, NV]);
  });

  it('range is judged after rounding: -0.5 rounds down to -1, which is out of range for wu', () => {
    expect(run((st) => f64ToU32(f64(-0.5), RDN, st))).toEqual([0, NV]);
    expect(run((st) => f64ToI32(f64(2 ** 31 - 0.5), RNE, st))).toEqual([2 ** 31 - 1, NV]);
    expect(run((st) => f64ToI32(f64(2 ** 31 - 0.5), RTZ, st))).toEqual([2 ** 31 - 1, NX]);
  });

  it('applies each rounding mode to halfway cases', () => {
    const at = (x: number, rm: number) => run((st) => f64ToI32(f64(x), rm, st))[0];
    expect([RNE, RTZ, RDN, RUP, RMM].map((rm) => at(2.5, rm))).toEqual([2, 2, 2, 3, 3]);
    expect([RNE, RTZ, RDN, RUP, RMM].map((rm) => at(-2.5, rm))).toEqual([-2, -2, -3, -2, -3]);
    expect(at(-0.49999999999999994, RMM)).toBe(0);
  });

  it('fcvt.lu.s of the largest binary32 below 2^64 is exact', () => {
    expect(run((st) => f32ToU64(0x5f7fffff, RNE, st))).toEqual([0xffffff0000000000n, 0]);
  });

  it('fcvt.w.s of a subnormal is 0 with NX', () => {
    expect(run((st) => f32ToI32(1, RNE, st))).toEqual([0, NX]);
  });

  it('roundToIntegral is exact for large values', () => {
    expect(roundToIntegral(2 ** 60 + 2 ** 8, RNE)).toBe(2 ** 60 + 2 ** 8);
  });
});

describe('integer to float', () => {
  it('fcvt.d.w and fcvt.d.wu are exact', () => {
    expect(u32ToF64(0xffffffff)).toBe(f64(2 ** 32 - 1));
  });

  it('fcvt.d.l rounds 2^63-1 up to 2^63 in RNE but down in RTZ', () => {
    const max = (1n << 63n) - 1n;
    expect(run((st) => i64ToF64(max, RNE, st))).toEqual([f64(2 ** 63), NX]);
    expect(run((st) => i64ToF64(max, RTZ, st))).toEqual([f64(2 ** 63) - 1n, NX]);
  });

  it('fcvt.d.lu reads its operand as unsigned', () => {
    expect(run((st) => u64ToF64(-1n, RNE, st))).toEqual([f64(2 ** 64), NX]);
  });

  it('fcvt.s.w of 2^24 + 1 is inexact and ties to even', () => {
    expect(run((st) => i32ToF32(2 ** 24 + 1, RNE, st))).toEqual([0x4b800000, NX]);
    expect(run((st) => i32ToF32(2 ** 24 + 1, RUP, st))).toEqual([0x4b800001, NX]);
  });

  it('fcvt.s.l rounds once (no double rounding through binary64)', () => {
    // 2^60 + 2^36 + 1: a binary64 first rounding would land on the binary32 tie 2^60 + 2^36
    // and round to even (2^60); the exact value is above the tie, so it rounds up.
    const v = (1n << 60n) + (1n << 36n) + 1n;
    expect(run((st) => i64ToF32(v, RNE, st))).toEqual([0x5d800001, NX]);
  });
});

describe('binary32 <-> binary64', () => {
  it('widening is exact and a signaling NaN becomes the canonical NaN with NV', () => {
    expect(run((st) => f32ToF64(0x3f800000, st))).toEqual([0x3ff0000000000000n, 0]);
    expect(run((st) => f32ToF64(0x00000001, st))).toEqual([f64(2 ** -149), 0]);
    expect(run((st) => f32ToF64(0xff800001, st))).toEqual([0x7ff8000000000000n, NV]);
  });

  it('narrowing rounds, overflows and underflows per the mode', () => {
    expect(run((st) => f64ToF32(f64(1e300), RNE, st))).toEqual([0x7f800000, OF | NX]);
    expect(run((st) => f64ToF32(f64(1e300), RTZ, st))).toEqual([0x7f7fffff, OF | NX]);
    expect(run((st) => f64ToF32(f64(1e-50), RUP, st))).toEqual([0x00000001, UF | NX]);
    expect(run((st) => f64ToF32(f64(0.1), RNE, st))).toEqual([0x3dcccccd, NX]);
    expect(run((st) => f64ToF32(0x7ff4000000000000n, RNE, st))).toEqual([0x7fc00000, NV]);
  });
});
