/**
 * binary64 arithmetic for the D extension: fadd.d, fsub.d, fmul.d, fdiv.d,
 * fsqrt.d and the four fused multiply-adds.
 *
 * Each operation first tries the host's double arithmetic. The host rounds to
 * nearest-even; an error-free transformation (TwoSum, TwoProduct) gives the
 * exact rounding error, which decides NX and, in RTZ/RDN/RUP, whether to step
 * one ulp (RMM differs from RNE only on exact ties, which the exact error
 * reveals). Operands or results near the ends of the exponent range, specials
 * and anything else not provably exact go to the bigint exact core.
 *
 * Operands are bit patterns as `bigint`; signed values (as WebAssembly passes
 * an i64) are accepted too. Results are unsigned bit patterns.
 */
import { BINARY64 } from './float-format';
import { FFlag, FloatStatus, RoundingMode } from './float-status';
import { exactAdd, exactDiv, exactMul, exactMulAdd, exactSqrt } from './exact-arith';
import { POW2, scratchF64, scratchU32, scratchU64, twoProductError, twoSumError } from './host-float';

/** Biased-exponent field of the binary64 whose high word is `hi`. */
const EXP_FIELD_MASK = 0x7ff00000;
/** The high-word bit pattern of an all-ones exponent (infinity, NaN). */
const EXP_ALL_ONES = 0x7ff00000;
/** Biased exponents 523..1522, i.e. magnitudes in [2^-500, 2^500): TwoProduct is exact there. */
const SAFE_EXP_LOW = 1023 - 500;
const SAFE_EXP_SPAN = 1000;
/** 2^1022: results at or above it may overflow after a one-ulp step. */
const NEAR_OVERFLOW = 2 ** 1022;

/** Half an ulp of a binary64 by biased exponent: 2^(e - 1023 - 53). */
const HALF_ULP = new Float64Array(2048);
for (let e = 1; e < 2047; e++) HALF_ULP[e] = 2 ** (e - 1023 - 53);

/** True if the binary64 with high word `hi` is within [2^-500, 2^500). */
function inSafeRange(hi: number): boolean {
  return (((hi >>> 20) & 0x7ff) - SAFE_EXP_LOW) >>> 0 < SAFE_EXP_SPAN;
}

/**
 * Bits of the result in mode `rm`, given the round-to-nearest-even result `s`
 * (finite, not tiny, below 2^1022) and the error `err` (exact value minus
 * `s`, |err| <= half an ulp; only its sign matters, except that with
 * `mayTie` it is exact and an RMM tie is recognised). Without `mayTie` the
 * caller guarantees the exact value is no tie. Raises NX when inexact.
 */
function packFromNearest(s: number, err: number, mayTie: boolean, rm: number, st: FloatStatus): bigint {
  scratchF64[0] = s;
  const bits = scratchU64[0];
  if (err === 0) return bits;
  st.flags |= FFlag.NX;
  const away = (err > 0) === (s > 0);
  switch (rm) {
    case RoundingMode.RTZ: return away ? bits : bits - 1n;
    case RoundingMode.RUP: return err > 0 ? (s > 0 ? bits + 1n : bits - 1n) : bits;
    case RoundingMode.RDN: return err < 0 ? (s > 0 ? bits - 1n : bits + 1n) : bits;
    case RoundingMode.RMM:
      // RNE already picked the larger magnitude unless the tie lies away from zero.
      return mayTie && away && Math.abs(err) === HALF_ULP[(scratchU32[1] >>> 20) & 0x7ff] ? bits + 1n : bits;
    default: return bits;
  }
}

/** Modes the fast paths handle: all five (resolve DYN first; anything else goes to the exact core, which rejects it). */
function fastMode(rm: number): boolean {
  return (rm >>> 0) <= RoundingMode.RMM;
}

function addSub(a: bigint, b: bigint, negateB: boolean, rm: number, st: FloatStatus): bigint {
  if (fastMode(rm)) {
    scratchU64[0] = a;
    const x = scratchF64[0];
    const ah = scratchU32[1];
    scratchU64[0] = b;
    const y = negateB ? -scratchF64[0] : scratchF64[0];
    const bh = scratchU32[1];
    if ((ah & EXP_FIELD_MASK) !== EXP_ALL_ONES && (bh & EXP_FIELD_MASK) !== EXP_ALL_ONES) {
      const s = x + y;
      // Zero sums: only the RDN sign rule differs from the host's.
      if (Math.abs(s) < NEAR_OVERFLOW && (s !== 0 || rm !== RoundingMode.RDN)) {
        return packFromNearest(s, twoSumError(x, y, s), true, rm, st);
      }
    }
  }
  return exactAdd(BINARY64, a, b, negateB, rm, st);
}

/** fadd.d: a + b rounded in `rm`. */
export function f64Add(a: bigint, b: bigint, rm: number, st: FloatStatus): bigint {
  return addSub(a, b, false, rm, st);
}

/** fsub.d: a - b rounded in `rm`. */
export function f64Sub(a: bigint, b: bigint, rm: number, st: FloatStatus): bigint {
  return addSub(a, b, true, rm, st);
}

/** fmul.d: a * b rounded in `rm`; inf * 0 raises NV. */
export function f64Mul(a: bigint, b: bigint, rm: number, st: FloatStatus): bigint {
  if (fastMode(rm)) {
    scratchU64[0] = a;
    const x = scratchF64[0];
    const ah = scratchU32[1];
    scratchU64[0] = b;
    const y = scratchF64[0];
    if (inSafeRange(ah) && inSafeRange(scratchU32[1])) {
      const p = x * y;
      if (Math.abs(p) >= POW2.m900) return packFromNearest(p, twoProductError(x, y, p), true, rm, st);
    }
  }
  return exactMul(BINARY64, a, b, rm, st);
}

/** fdiv.d: a / b rounded in `rm`; x/0 raises DZ, 0/0 and inf/inf raise NV. */
export function f64Div(a: bigint, b: bigint, rm: number, st: FloatStatus): bigint {
  if (fastMode(rm)) {
    scratchU64[0] = a;
    const x = scratchF64[0];
    const ah = scratchU32[1];
    scratchU64[0] = b;
    const y = scratchF64[0];
    if (inSafeRange(ah) && inSafeRange(scratchU32[1])) {
      const q = x / y;
      const aq = Math.abs(q);
      if (aq >= POW2.m500 && aq < POW2.p500) {
        // x - q*y = (x - ph) - pl exactly; x - ph is exact (Sterbenz).
        const ph = q * y;
        const pl = twoProductError(q, y, ph);
        const d = x - ph;
        const remSign = d > pl ? 1 : d < pl ? -1 : 0;
        // A quotient is never exactly halfway between two floats: no tie.
        return packFromNearest(q, y > 0 ? remSign : -remSign, false, rm, st);
      }
    }
  }
  return exactDiv(BINARY64, a, b, rm, st);
}

/** fsqrt.d: sqrt(a) rounded in `rm`; negative operands (other than -0) raise NV. */
export function f64Sqrt(a: bigint, rm: number, st: FloatStatus): bigint {
  if (fastMode(rm)) {
    scratchU64[0] = a;
    const x = scratchF64[0];
    if (x >= POW2.m900 && x < POW2.p1000) {
      const s = Math.sqrt(x);
      const ph = s * s;
      const pl = twoProductError(s, s, ph);
      const d = x - ph;
      // A square root is never exactly halfway between two floats: no tie.
      return packFromNearest(s, d > pl ? 1 : d < pl ? -1 : 0, false, rm, st);
    }
  }
  return exactSqrt(BINARY64, a, rm, st);
}

/**
 * (±a*b) + (±c) with one rounding. The host has no fused multiply-add, so the
 * fast path sums the exact product (p + pl) and c with TwoSum and accepts the
 * rounded sum only when the remaining error is clearly below half an ulp.
 */
function mulAdd(a: bigint, b: bigint, c: bigint, negateProduct: boolean, negateAddend: boolean, rm: number, st: FloatStatus): bigint {
  if (fastMode(rm)) {
    scratchU64[0] = a;
    const x = negateProduct ? -scratchF64[0] : scratchF64[0];
    const ah = scratchU32[1];
    scratchU64[0] = b;
    const y = scratchF64[0];
    const bh = scratchU32[1];
    scratchU64[0] = c;
    const z = negateAddend ? -scratchF64[0] : scratchF64[0];
    if (inSafeRange(ah) && inSafeRange(bh) && Math.abs(z) < POW2.p1000) {
      const p = x * y;
      if (Math.abs(p) >= POW2.m900) {
        const pl = twoProductError(x, y, p);
        const s = p + z;
        const e1 = twoSumError(p, z, s);
        const t = e1 + pl;
        const e2 = twoSumError(e1, pl, t);
        const r = s + t;
        const e3 = twoSumError(s, t, r);
        const ar = Math.abs(r);
        if (ar >= POW2.m900 && ar < NEAR_OVERFLOW) {
          if (e2 === 0) return packFromNearest(r, e3, true, rm, st);
          scratchF64[0] = r;
          const hi = scratchU32[1];
          let half = HALF_ULP[(hi >>> 20) & 0x7ff];
          // At a power of two the spacing below is half as wide.
          if ((hi & 0xfffff) === 0 && scratchU32[0] === 0) half *= 0.5;
          // Clearly inside half an ulp: r is the nearest, and no tie.
          if (Math.abs(e3) + Math.abs(e2) < half * 0.999999) return packFromNearest(r, e3 + e2, false, rm, st);
        }
      }
    }
  }
  return exactMulAdd(BINARY64, a, b, c, negateProduct, negateAddend, rm, st);
}

/** fmadd.d: a*b + c, one rounding. */
export function f64Fmadd(a: bigint, b: bigint, c: bigint, rm: number, st: FloatStatus): bigint {
  return mulAdd(a, b, c, false, false, rm, st);
}

/** fmsub.d: a*b - c, one rounding. */
export function f64Fmsub(a: bigint, b: bigint, c: bigint, rm: number, st: FloatStatus): bigint {
  return mulAdd(a, b, c, false, true, rm, st);
}

/** fnmsub.d: -(a*b) + c, one rounding. */
export function f64Fnmsub(a: bigint, b: bigint, c: bigint, rm: number, st: FloatStatus): bigint {
  return mulAdd(a, b, c, true, false, rm, st);
}

/** fnmadd.d: -(a*b) - c, one rounding. */
export function f64Fnmadd(a: bigint, b: bigint, c: bigint, rm: number, st: FloatStatus): bigint {
  return mulAdd(a, b, c, true, true, rm, st);
}
