/**
 * binary32 arithmetic for the F extension: fadd.s, fsub.s, fmul.s, fdiv.s,
 * fsqrt.s and the four fused multiply-adds.
 *
 * Fast path (every mode): compute in binary64 and round to nearest binary32
 * with `Math.fround`. For +, -, *, / and sqrt that double rounding is
 * innocuous because 53 >= 2*24 + 2 (Figueroa); products of two binary32 are
 * even exact. The sign of (exact - nearest), found with exact binary64
 * arithmetic, decides NX, the one-ulp step of the directed modes and RMM
 * ties. Results that are tiny or may overflow, and fused results whose
 * binary64 sum lands exactly on a binary32 midpoint, go to the exact core.
 *
 * Operands and results are bit patterns as unsigned 32-bit numbers (a signed
 * int32 operand is accepted too).
 */
import { BINARY32 } from './float-format';
import { FFlag, FloatStatus, RoundingMode } from './float-status';
import { exactAdd, exactDiv, exactMul, exactMulAdd, exactSqrt } from './exact-arith';
import { POW2, scratchF32, scratchF64, scratchU32, twoSumError } from './host-float';

/** Exponent field of a binary32 and its all-ones value (infinity, NaN). */
const EXP_FIELD_MASK = 0x7f800000;
/** The low 29 bits of a binary64 significand that binary32 rounding drops, and their midpoint value. */
const DROPPED_BITS_MASK = 0x1fffffff;
const DROPPED_BITS_HALF = 0x10000000;

function isFinite32(bits: number): boolean {
  return (bits & EXP_FIELD_MASK) !== EXP_FIELD_MASK;
}

/** The binary32 value of a bit pattern, as a number (exact). */
function toNumber(bits: number): number {
  scratchU32[0] = bits;
  return scratchF32[0];
}

/** Half an ulp of a binary32 by biased exponent: 2^(e - 127 - 24). */
const HALF_ULP = new Float64Array(256);
for (let e = 1; e < 255; e++) HALF_ULP[e] = 2 ** (e - 127 - 24);

/**
 * Bits of the result in mode `rm`, given `r`, the binary32 nearest (ties to
 * even) to the exact value, and `err`, a number with the sign of (exact - r),
 * zero iff exact. With `mayTie`, `err` is exact and an RMM tie is recognised;
 * without, the caller guarantees the exact value is no tie. Raises NX when
 * inexact. Returns -1, raising nothing, when the exact core must decide: a
 * tiny inexact result (tininess after rounding) or a step that could overflow.
 */
function packFromNearest(r: number, err: number, mayTie: boolean, rm: number, st: FloatStatus): number {
  scratchF32[0] = r;
  const bits = scratchU32[0];
  if (err === 0) return bits;
  const magnitude = Math.abs(r);
  if (magnitude <= POW2.m126 || magnitude === Infinity) return -1;
  if (rm !== RoundingMode.RNE && magnitude >= POW2.p127) return -1;
  st.flags |= FFlag.NX;
  const away = (err > 0) === (r > 0);
  switch (rm) {
    case RoundingMode.RTZ: return away ? bits : bits - 1;
    case RoundingMode.RUP: return err > 0 ? (r > 0 ? bits + 1 : bits - 1) : bits;
    case RoundingMode.RDN: return err < 0 ? (r > 0 ? bits - 1 : bits + 1) : bits;
    case RoundingMode.RMM:
      // RNE already picked the larger magnitude unless the tie lies away from zero.
      return mayTie && away && Math.abs(err) === HALF_ULP[(bits >>> 23) & 0xff] ? bits + 1 : bits;
    default: return bits;
  }
}

/** Modes the fast paths handle: all five (anything else goes to the exact core, which rejects it). */
function fastMode(rm: number): boolean {
  return (rm >>> 0) <= RoundingMode.RMM;
}

/** Unsigned 32-bit bits of an exact-core result. */
function fromExact(bits: bigint): number {
  return Number(bits);
}

function addSub(a: number, b: number, negateB: boolean, rm: number, st: FloatStatus): number {
  if (fastMode(rm) && isFinite32(a) && isFinite32(b)) {
    const x = toNumber(a);
    const y = negateB ? -toNumber(b) : toNumber(b);
    const d = x + y;
    const r = Math.fround(d);
    // Zero sums: only the RDN sign rule differs from the host's.
    if (r !== 0 || rm !== RoundingMode.RDN) {
      // exact - r = (d - r) + e; d - r is exact (Sterbenz). A non-zero e means
      // the exact sum is not a binary64, so not a binary32 midpoint: no tie.
      const e = twoSumError(x, y, d);
      const bits = packFromNearest(r, (d - r) + e, e === 0, rm, st);
      if (bits >= 0) return bits;
    }
  }
  return fromExact(exactAdd(BINARY32, BigInt(a >>> 0), BigInt(b >>> 0), negateB, rm, st));
}

/** fadd.s: a + b rounded in `rm`. */
export function f32Add(a: number, b: number, rm: number, st: FloatStatus): number {
  return addSub(a, b, false, rm, st);
}

/** fsub.s: a - b rounded in `rm`. */
export function f32Sub(a: number, b: number, rm: number, st: FloatStatus): number {
  return addSub(a, b, true, rm, st);
}

/** fmul.s: a * b rounded in `rm`; inf * 0 raises NV. */
export function f32Mul(a: number, b: number, rm: number, st: FloatStatus): number {
  if (fastMode(rm) && isFinite32(a) && isFinite32(b)) {
    const d = toNumber(a) * toNumber(b); // exact: 48 significant bits
    const r = Math.fround(d);
    const bits = packFromNearest(r, d - r, true, rm, st);
    if (bits >= 0) return bits;
  }
  return fromExact(exactMul(BINARY32, BigInt(a >>> 0), BigInt(b >>> 0), rm, st));
}

/** fdiv.s: a / b rounded in `rm`; x/0 raises DZ, 0/0 and inf/inf raise NV. */
export function f32Div(a: number, b: number, rm: number, st: FloatStatus): number {
  if (fastMode(rm) && isFinite32(a) && isFinite32(b) && (b & 0x7fffffff) !== 0) {
    const x = toNumber(a);
    const y = toNumber(b);
    const r = Math.fround(x / y);
    // sign(x/y - r) = sign(x - r*y) * sign(y); r*y is exact in binary64.
    // A quotient is never exactly halfway between two floats: no tie.
    const rem = x - r * y;
    const bits = packFromNearest(r, y > 0 ? rem : -rem, false, rm, st);
    if (bits >= 0) return bits;
  }
  return fromExact(exactDiv(BINARY32, BigInt(a >>> 0), BigInt(b >>> 0), rm, st));
}

/** fsqrt.s: sqrt(a) rounded in `rm`; negative operands (other than -0) raise NV. */
export function f32Sqrt(a: number, rm: number, st: FloatStatus): number {
  if (fastMode(rm) && (a >>> 0) < EXP_FIELD_MASK) { // positive, finite
    const x = toNumber(a);
    const r = Math.fround(Math.sqrt(x));
    // A square root is never exactly halfway between two floats: no tie.
    const bits = packFromNearest(r, x - r * r, false, rm, st);
    if (bits >= 0) return bits;
  }
  return fromExact(exactSqrt(BINARY32, BigInt(a >>> 0), rm, st));
}

/**
 * (±a*b) + (±c) with one rounding. The product is exact in binary64; the sum
 * is exact up to the TwoSum error, which only matters when the binary64 sum
 * sits exactly on a binary32 rounding midpoint.
 */
function mulAdd(a: number, b: number, c: number, negateProduct: boolean, negateAddend: boolean, rm: number, st: FloatStatus): number {
  if (fastMode(rm) && isFinite32(a) && isFinite32(b) && isFinite32(c)) {
    const x = toNumber(a);
    const p = negateProduct ? -(x * toNumber(b)) : x * toNumber(b);
    const z = negateAddend ? -toNumber(c) : toNumber(c);
    const s = p + z;
    const e = twoSumError(p, z, s);
    const r = Math.fround(s);
    // Rounding s to nearest is only wrong when s sits exactly on a binary32
    // midpoint and the lost error e would have tipped it (directed modes only
    // need the sign of exact - r, which is always right).
    let onMidpoint = false;
    if (e !== 0 && (rm === RoundingMode.RNE || rm === RoundingMode.RMM)) {
      scratchF64[0] = s;
      onMidpoint = (scratchU32[0] & DROPPED_BITS_MASK) === DROPPED_BITS_HALF;
    }
    if (!onMidpoint && (r !== 0 || rm !== RoundingMode.RDN)) {
      // s - r is exact (Sterbenz); with e !== 0 the exact value is no binary64, so no tie.
      const bits = packFromNearest(r, (s - r) + e, e === 0, rm, st);
      if (bits >= 0) return bits;
    }
  }
  return fromExact(exactMulAdd(BINARY32, BigInt(a >>> 0), BigInt(b >>> 0), BigInt(c >>> 0), negateProduct, negateAddend, rm, st));
}

/** fmadd.s: a*b + c, one rounding. */
export function f32Fmadd(a: number, b: number, c: number, rm: number, st: FloatStatus): number {
  return mulAdd(a, b, c, false, false, rm, st);
}

/** fmsub.s: a*b - c, one rounding. */
export function f32Fmsub(a: number, b: number, c: number, rm: number, st: FloatStatus): number {
  return mulAdd(a, b, c, false, true, rm, st);
}

/** fnmsub.s: -(a*b) + c, one rounding. */
export function f32Fnmsub(a: number, b: number, c: number, rm: number, st: FloatStatus): number {
  return mulAdd(a, b, c, true, false, rm, st);
}

/** fnmadd.s: -(a*b) - c, one rounding. */
export function f32Fnmadd(a: number, b: number, c: number, rm: number, st: FloatStatus): number {
  return mulAdd(a, b, c, true, true, rm, st);
}
