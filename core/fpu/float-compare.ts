/**
 * fmin/fmax and feq/flt/fle for binary32 and binary64.
 *
 * fmin/fmax follow RISC-V F/D 2.2 (IEEE 754-2019 minimumNumber/maximumNumber):
 * -0 is less than +0; a NaN operand yields the other operand; two NaNs yield
 * the canonical NaN; a signaling NaN operand raises NV.
 * feq is a quiet comparison (NV only for signaling NaNs); flt and fle are
 * signaling (NV for any NaN). Comparisons with a NaN are false.
 */
import { CANONICAL_NAN_F32, CANONICAL_NAN_F64 } from './float-format';
import { FFlag, FloatStatus } from './float-status';
import { scratchF32, scratchF64, scratchU32, scratchU64 } from './host-float';

/** NaN kind of a decoded operand: not a NaN, quiet, or signaling. */
const NOT_NAN = 0;
const QUIET = 1;
const SIGNALING = 2;

/** binary32: NaN kind of a bit pattern. */
function nanKind32(bits: number): number {
  if ((bits & 0x7f800000) !== 0x7f800000 || (bits & 0x7fffff) === 0) return NOT_NAN;
  return (bits & 0x400000) !== 0 ? QUIET : SIGNALING;
}

/** binary64: NaN kind of the value currently in the scratch buffer. */
function nanKind64InScratch(): number {
  const hi = scratchU32[1];
  if ((hi & 0x7ff00000) !== 0x7ff00000 || ((hi & 0xfffff) === 0 && scratchU32[0] === 0)) return NOT_NAN;
  return (hi & 0x80000) !== 0 ? QUIET : SIGNALING;
}

function f32Value(bits: number): number {
  scratchU32[0] = bits;
  return scratchF32[0];
}

/**
 * The common min/max decision on decoded operands: returns 0 to pick the
 * first operand, 1 for the second, 2 for the canonical NaN.
 */
function pick(x: number, xNaN: number, y: number, yNaN: number, wantMax: boolean, st: FloatStatus): 0 | 1 | 2 {
  if (xNaN !== NOT_NAN || yNaN !== NOT_NAN) {
    if (xNaN === SIGNALING || yNaN === SIGNALING) st.flags |= FFlag.NV;
    if (xNaN !== NOT_NAN && yNaN !== NOT_NAN) return 2;
    return xNaN !== NOT_NAN ? 1 : 0;
  }
  if (x === y) {
    // Only ±0 compare equal with different bits: -0 < +0.
    const xNegative = Object.is(x, -0);
    return wantMax === xNegative ? 1 : 0;
  }
  return (x > y) === wantMax ? 0 : 1;
}

function minMax32(a: number, b: number, wantMax: boolean, st: FloatStatus): number {
  const choice = pick(f32Value(a), nanKind32(a), f32Value(b), nanKind32(b), wantMax, st);
  return choice === 2 ? CANONICAL_NAN_F32 : (choice === 0 ? a : b) >>> 0;
}

function minMax64(a: bigint, b: bigint, wantMax: boolean, st: FloatStatus): bigint {
  scratchU64[0] = a;
  const x = scratchF64[0];
  const xNaN = nanKind64InScratch();
  scratchU64[0] = b;
  const choice = pick(x, xNaN, scratchF64[0], nanKind64InScratch(), wantMax, st);
  return choice === 2 ? CANONICAL_NAN_F64 : BigInt.asUintN(64, choice === 0 ? a : b);
}

/** fmin.s: the smaller operand (-0 < +0; a NaN operand yields the other). */
export function f32Min(a: number, b: number, st: FloatStatus): number {
  return minMax32(a, b, false, st);
}

/** fmax.s: the larger operand (+0 > -0; a NaN operand yields the other). */
export function f32Max(a: number, b: number, st: FloatStatus): number {
  return minMax32(a, b, true, st);
}

/** fmin.d: the smaller operand (-0 < +0; a NaN operand yields the other). */
export function f64Min(a: bigint, b: bigint, st: FloatStatus): bigint {
  return minMax64(a, b, false, st);
}

/** fmax.d: the larger operand (+0 > -0; a NaN operand yields the other). */
export function f64Max(a: bigint, b: bigint, st: FloatStatus): bigint {
  return minMax64(a, b, true, st);
}

/** Comparison kinds, as the three RISC-V instructions. */
const EQ = 0;
const LT = 1;
const LE = 2;

function compare(x: number, xNaN: number, y: number, yNaN: number, op: number, st: FloatStatus): 0 | 1 {
  if (xNaN !== NOT_NAN || yNaN !== NOT_NAN) {
    if (op !== EQ || xNaN === SIGNALING || yNaN === SIGNALING) st.flags |= FFlag.NV;
    return 0;
  }
  const r = op === EQ ? x === y : op === LT ? x < y : x <= y;
  return r ? 1 : 0;
}

function compare32(a: number, b: number, op: number, st: FloatStatus): 0 | 1 {
  return compare(f32Value(a), nanKind32(a), f32Value(b), nanKind32(b), op, st);
}

function compare64(a: bigint, b: bigint, op: number, st: FloatStatus): 0 | 1 {
  scratchU64[0] = a;
  const x = scratchF64[0];
  const xNaN = nanKind64InScratch();
  scratchU64[0] = b;
  return compare(x, xNaN, scratchF64[0], nanKind64InScratch(), op, st);
}

/** feq.s: 1 if a == b (+0 == -0), 0 otherwise; NV only for a signaling NaN. */
export function f32Eq(a: number, b: number, st: FloatStatus): 0 | 1 { return compare32(a, b, EQ, st); }
/** flt.s: 1 if a < b; NV for any NaN operand. */
export function f32Lt(a: number, b: number, st: FloatStatus): 0 | 1 { return compare32(a, b, LT, st); }
/** fle.s: 1 if a <= b; NV for any NaN operand. */
export function f32Le(a: number, b: number, st: FloatStatus): 0 | 1 { return compare32(a, b, LE, st); }
/** feq.d: 1 if a == b (+0 == -0), 0 otherwise; NV only for a signaling NaN. */
export function f64Eq(a: bigint, b: bigint, st: FloatStatus): 0 | 1 { return compare64(a, b, EQ, st); }
/** flt.d: 1 if a < b; NV for any NaN operand. */
export function f64Lt(a: bigint, b: bigint, st: FloatStatus): 0 | 1 { return compare64(a, b, LT, st); }
/** fle.d: 1 if a <= b; NV for any NaN operand. */
export function f64Le(a: bigint, b: bigint, st: FloatStatus): 0 | 1 { return compare64(a, b, LE, st); }
