/**
 * Conversions of the F and D extensions: fcvt between binary32 and binary64,
 * from floating point to integers (w, wu, l, lu) and from integers.
 *
 * Float-to-integer follows RISC-V's saturation table (F chapter, "Single-
 * Precision Floating-Point Conversion"): an out-of-range or NaN operand
 * raises NV (and not NX) and gives the largest value of the target type
 * (NaN, too large) or the smallest (too negative); an in-range inexact
 * conversion raises NX. Range is judged after rounding, so fcvt.wu of -0.5
 * in RTZ is 0 with NX, and of -1.0 is 0 with NV.
 *
 * Every binary32 and binary64 value is exactly a JavaScript number, and
 * rounding a number to an integral number is exact, so float-to-integer
 * needs no bigint arithmetic.
 */
import { BINARY32, BINARY64, CANONICAL_NAN_F32, CANONICAL_NAN_F64, FloatFormat, FloatKind, unpack } from './float-format';
import { FFlag, FloatStatus, RoundingMode } from './float-status';
import { POW2, scratchF32, scratchF64, scratchU32, scratchU64 } from './host-float';
import { roundPack } from './round-pack';

/** Integer limits, as numbers (all exact in binary64). */
const INT_LIMIT = {
  i32Min: -(2 ** 31), i32Max: 2 ** 31 - 1,
  u32Max: 2 ** 32 - 1,
  i64Min: -(2 ** 63), i64End: 2 ** 63,
  u64End: 2 ** 64,
  /** Above this magnitude every binary64 is an integer. */
  integral: 2 ** 52,
  /** Below this magnitude every integer is a binary64 (so Number(bigint) is exact). */
  exactInteger: 2 ** 53,
  /** Below this magnitude every integer is a binary32. */
  exactInteger32: 2 ** 24,
} as const;

/** `x` (finite) rounded to an integral number in mode `rm`; exact. */
export function roundToIntegral(x: number, rm: number): number {
  switch (rm) {
    case RoundingMode.RTZ: return Math.trunc(x);
    case RoundingMode.RDN: return Math.floor(x);
    case RoundingMode.RUP: return Math.ceil(x);
    case RoundingMode.RNE:
    case RoundingMode.RMM: {
      // On the magnitude, where a - floor(a) is exact (not so for -0.49999999999999994 + 1).
      const a = Math.abs(x);
      if (!(a < INT_LIMIT.integral)) return x;
      const f = Math.floor(a);
      const d = a - f;
      const r = d < 0.5 ? f : d > 0.5 || rm === RoundingMode.RMM || f % 2 !== 0 ? f + 1 : f;
      return x < 0 ? -r : r;
    }
    default: throw new RangeError(`invalid rounding mode ${rm} (resolve DYN before calling the FPU)`);
  }
}

/**
 * The integral value of `x` in mode `rm` if it lies in [min, max], raising NX
 * when inexact; otherwise NV and the saturated value (`max` for NaN).
 */
function toIntegerSaturated(x: number, rm: number, min: number, max: number, st: FloatStatus): number {
  if (x !== x) {
    st.flags |= FFlag.NV;
    return max;
  }
  const t = roundToIntegral(x, rm);
  if (t < min || t > max) {
    st.flags |= FFlag.NV;
    return t < min ? min : max;
  }
  if (t !== x) st.flags |= FFlag.NX;
  return t === 0 ? 0 : t; // no -0 as an integer
}

/** As {@link toIntegerSaturated} for 64-bit targets, whose limits are not all numbers. */
function toInteger64(x: number, rm: number, signed: boolean, st: FloatStatus): bigint {
  const min = signed ? INT_LIMIT.i64Min : 0;
  const end = signed ? INT_LIMIT.i64End : INT_LIMIT.u64End;
  const maxBig = signed ? (1n << 63n) - 1n : (1n << 64n) - 1n;
  if (x !== x) {
    st.flags |= FFlag.NV;
    return maxBig;
  }
  const t = roundToIntegral(x, rm);
  if (t < min || t >= end) {
    st.flags |= FFlag.NV;
    return t < min ? BigInt(min) : maxBig;
  }
  if (t !== x) st.flags |= FFlag.NX;
  return BigInt(t);
}

/** The number a binary64 bit pattern encodes (NaN for every NaN). */
function f64Value(a: bigint): number {
  scratchU64[0] = a;
  return scratchF64[0];
}

/** The number a binary32 bit pattern encodes (NaN for every NaN). */
function f32Value(a: number): number {
  scratchU32[0] = a;
  return scratchF32[0];
}

/** fcvt.w.d: to int32 (returned as a number in [-2^31, 2^31-1]). */
export function f64ToI32(a: bigint, rm: number, st: FloatStatus): number {
  return toIntegerSaturated(f64Value(a), rm, INT_LIMIT.i32Min, INT_LIMIT.i32Max, st);
}

/**
 * fcvt.wu.d: to uint32, returned as a number in [0, 2^32-1]. RV64 writes the
 * 32-bit result sign-extended to XLEN (as wasm's i32 return does).
 */
export function f64ToU32(a: bigint, rm: number, st: FloatStatus): number {
  return toIntegerSaturated(f64Value(a), rm, 0, INT_LIMIT.u32Max, st);
}

/** fcvt.l.d: to int64, as a signed bigint. */
export function f64ToI64(a: bigint, rm: number, st: FloatStatus): bigint {
  return toInteger64(f64Value(a), rm, true, st);
}

/** fcvt.lu.d: to uint64, as an unsigned bigint. */
export function f64ToU64(a: bigint, rm: number, st: FloatStatus): bigint {
  return toInteger64(f64Value(a), rm, false, st);
}

/** fcvt.w.s: to int32 (returned as a number in [-2^31, 2^31-1]). */
export function f32ToI32(a: number, rm: number, st: FloatStatus): number {
  return toIntegerSaturated(f32Value(a), rm, INT_LIMIT.i32Min, INT_LIMIT.i32Max, st);
}

/** fcvt.wu.s: to uint32, returned as a number in [0, 2^32-1] (RV64 sign-extends it). */
export function f32ToU32(a: number, rm: number, st: FloatStatus): number {
  return toIntegerSaturated(f32Value(a), rm, 0, INT_LIMIT.u32Max, st);
}

/** fcvt.l.s: to int64, as a signed bigint. */
export function f32ToI64(a: number, rm: number, st: FloatStatus): bigint {
  return toInteger64(f32Value(a), rm, true, st);
}

/** fcvt.lu.s: to uint64, as an unsigned bigint. */
export function f32ToU64(a: number, rm: number, st: FloatStatus): bigint {
  return toInteger64(f32Value(a), rm, false, st);
}

/** fcvt.d.s: widening is exact; a NaN becomes the canonical NaN (NV if signaling). */
export function f32ToF64(a: number, st: FloatStatus): bigint {
  if ((a & 0x7f800000) === 0x7f800000 && (a & 0x7fffff) !== 0) {
    if ((a & 0x400000) === 0) st.flags |= FFlag.NV;
    return CANONICAL_NAN_F64;
  }
  scratchF64[0] = f32Value(a);
  return scratchU64[0];
}

/** fcvt.s.d: narrowing, rounded in `rm`; a NaN becomes the canonical NaN (NV if signaling). */
export function f64ToF32(a: bigint, rm: number, st: FloatStatus): number {
  scratchU64[0] = a;
  const x = scratchF64[0];
  const hi = scratchU32[1];
  if (x !== x) {
    if ((hi & 0x80000) === 0) st.flags |= FFlag.NV;
    return CANONICAL_NAN_F32;
  }
  if (rm === RoundingMode.RNE) {
    const r = Math.fround(x);
    const exact = r === x;
    if (exact || (Math.abs(r) > POW2.m126 && r !== Infinity && r !== -Infinity)) {
      if (!exact) st.flags |= FFlag.NX;
      scratchF32[0] = r;
      return scratchU32[0];
    }
  }
  const u = unpack(BINARY64, BigInt.asUintN(64, a));
  if (u.kind === FloatKind.Infinity) return u.sign ? 0xff800000 : 0x7f800000;
  return Number(roundPack(BINARY32, u.sign, u.exp, u.sig, rm, st));
}

/** An integer (bigint, any size) rounded to a format, in mode `rm`. */
function integerToFloat(fmt: FloatFormat, v: bigint, rm: number, st: FloatStatus): bigint {
  return v < 0n ? roundPack(fmt, 1, 0, -v, rm, st) : roundPack(fmt, 0, 0, v, rm, st);
}

/** Bits of a number that is exactly a binary64. */
function f64Bits(x: number): bigint {
  scratchF64[0] = x;
  return scratchU64[0];
}

/** Bits of a number that is exactly a binary32. */
function f32Bits(x: number): number {
  scratchF32[0] = x;
  return scratchU32[0];
}

/** fcvt.d.w: int32 to binary64 (always exact; `rm` and `st` are unused, kept for a uniform signature). */
export function i32ToF64(v: number, _rm?: number, _st?: FloatStatus): bigint {
  return f64Bits(v | 0);
}

/** fcvt.d.wu: uint32 to binary64 (always exact). The operand's low 32 bits are used. */
export function u32ToF64(v: number, _rm?: number, _st?: FloatStatus): bigint {
  return f64Bits(v >>> 0);
}

/** A 64-bit-integer's value, known to be an exact number, to binary64 bits, or the exact core. */
function int64ToF64(v: bigint, rm: number, st: FloatStatus): bigint {
  const x = Number(v); // rounds to nearest-even (ECMA-262 Number(bigint))
  if (Math.abs(x) < INT_LIMIT.exactInteger) return f64Bits(x);
  if (rm === RoundingMode.RNE) {
    if (BigInt(x) !== v) st.flags |= FFlag.NX;
    return f64Bits(x);
  }
  return integerToFloat(BINARY64, v, rm, st);
}

/** fcvt.d.l: int64 (signed bigint; an unsigned one is reinterpreted) to binary64, rounded in `rm`. */
export function i64ToF64(v: bigint, rm: number, st: FloatStatus): bigint {
  return int64ToF64(BigInt.asIntN(64, v), rm, st);
}

/** fcvt.d.lu: uint64 (bigint; a signed one is reinterpreted) to binary64, rounded in `rm`. */
export function u64ToF64(v: bigint, rm: number, st: FloatStatus): bigint {
  return int64ToF64(BigInt.asUintN(64, v), rm, st);
}

/** An integer held exactly in a number (|x| < 2^53) to binary32 bits, rounded in `rm`. */
function smallIntegerToF32(x: number, rm: number, st: FloatStatus): number {
  if (Math.abs(x) < INT_LIMIT.exactInteger32) return f32Bits(x);
  if (rm === RoundingMode.RNE) {
    const r = Math.fround(x); // integers never overflow or underflow binary32 here
    if (r !== x) st.flags |= FFlag.NX;
    return f32Bits(r);
  }
  return Number(integerToFloat(BINARY32, BigInt(x), rm, st));
}

/** fcvt.s.w: int32 to binary32, rounded in `rm`. */
export function i32ToF32(v: number, rm: number, st: FloatStatus): number {
  return smallIntegerToF32(v | 0, rm, st);
}

/** fcvt.s.wu: uint32 (the operand's low 32 bits) to binary32, rounded in `rm`. */
export function u32ToF32(v: number, rm: number, st: FloatStatus): number {
  return smallIntegerToF32(v >>> 0, rm, st);
}

function int64ToF32(v: bigint, rm: number, st: FloatStatus): number {
  const x = Number(v);
  // Number() would be a first rounding; only use it when it is exact.
  if (Math.abs(x) < INT_LIMIT.exactInteger) return smallIntegerToF32(x, rm, st);
  return Number(integerToFloat(BINARY32, v, rm, st));
}

/** fcvt.s.l: int64 (signed bigint; an unsigned one is reinterpreted) to binary32, rounded in `rm`. */
export function i64ToF32(v: bigint, rm: number, st: FloatStatus): number {
  return int64ToF32(BigInt.asIntN(64, v), rm, st);
}

/** fcvt.s.lu: uint64 (bigint; a signed one is reinterpreted) to binary32, rounded in `rm`. */
export function u64ToF32(v: bigint, rm: number, st: FloatStatus): number {
  return int64ToF32(BigInt.asUintN(64, v), rm, st);
}
