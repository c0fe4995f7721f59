/**
 * The one place where an exact real result becomes a floating-point bit
 * pattern: rounding in all five RISC-V modes, overflow, subnormals, and the
 * flags that go with them. Every operation of the exact core ends here.
 *
 * RISC-V detects tininess *after* rounding (Volume I, "F" chapter): a result
 * is tiny when, rounded to the format's precision with an unbounded exponent
 * range, its magnitude is below the smallest normal number. UF is raised only
 * when the result is tiny and inexact.
 */
import { FloatFormat, infinityBits, zeroBits } from './float-format';
import { FFlag, FloatStatus, RoundingMode } from './float-status';

/**
 * Whether to add one unit in the last place when dropping `rem`, given
 * `half` (= 2^(dropped bits - 1)) and the parity of the kept part.
 */
export function roundIncrement(rm: number, sign: number, lsbOdd: boolean, rem: bigint, half: bigint): boolean {
  switch (rm) {
    case RoundingMode.RNE: return rem > half || (rem === half && lsbOdd);
    case RoundingMode.RTZ: return false;
    case RoundingMode.RDN: return sign !== 0 && rem !== 0n;
    case RoundingMode.RUP: return sign === 0 && rem !== 0n;
    case RoundingMode.RMM: return rem >= half;
    default: throw new RangeError(`invalid rounding mode ${rm} (resolve DYN before calling the FPU)`);
  }
}

/** Number of significant bits of a positive bigint. */
export function bitLength(x: bigint): number {
  // toString(2) is linear in the size and much faster than a shift loop in V8.
  return x === 0n ? 0 : x.toString(2).length;
}

/**
 * Rounds `(-1)^sign * sig * 2^exp` (exact, any size of `sig`) to `fmt` in
 * mode `rm`, ORs NX/UF/OF into `st`, and returns the bit pattern (unsigned).
 * A zero `sig` gives a zero of the given sign.
 */
export function roundPack(fmt: FloatFormat, sign: 0 | 1, exp: number, sig: bigint, rm: number, st: FloatStatus): bigint {
  if (sig === 0n) return zeroBits(fmt, sign);
  const fracBits = fmt.fracBits;
  const top = exp + bitLength(sig) - 1; // value lies in [2^top, 2^(top+1))
  // The quantum (weight of the last kept bit): fixed at the subnormal level.
  let quantum = Math.max(top, fmt.emin) - fracBits;
  const drop = quantum - exp;
  let mant: bigint;
  let inexact = false;
  let tiny = top < fmt.emin;
  if (drop <= 0) {
    mant = sig << BigInt(-drop);
  } else {
    const d = BigInt(drop);
    mant = sig >> d;
    const rem = sig & ((1n << d) - 1n);
    if (rem !== 0n) {
      inexact = true;
      if (roundIncrement(rm, sign, (mant & 1n) !== 0n, rem, 1n << (d - 1n))) mant += 1n;
      if (tiny && top === fmt.emin - 1) tiny = !roundsToMinNormal(fmt, sign, exp, sig, rm);
    }
  }
  if (mant >> BigInt(fracBits + 1) !== 0n) {
    // Rounding carried into a new binade: renormalise (the dropped bit is 0).
    mant >>= 1n;
    quantum += 1;
  }
  if (inexact) {
    st.flags |= FFlag.NX;
    if (tiny) st.flags |= FFlag.UF;
  }
  const hidden = 1n << BigInt(fracBits);
  if (mant < hidden) return zeroBits(fmt, sign) | mant; // subnormal (or zero)
  const biased = quantum + fracBits + fmt.bias;
  if (biased >= fmt.expMax) return overflow(fmt, sign, rm, st);
  return zeroBits(fmt, sign) | (BigInt(biased) << BigInt(fracBits)) | (mant - hidden);
}

/**
 * Tininess after rounding for a value in [2^(emin-1), 2^emin): does rounding
 * to full precision with an unbounded exponent reach 2^emin?
 */
function roundsToMinNormal(fmt: FloatFormat, sign: 0 | 1, exp: number, sig: bigint, rm: number): boolean {
  const drop = BigInt(fmt.emin - 1 - fmt.fracBits - exp);
  if (drop <= 0n) return false;
  let mant = sig >> drop;
  const rem = sig & ((1n << drop) - 1n);
  if (roundIncrement(rm, sign, (mant & 1n) !== 0n, rem, 1n << (drop - 1n))) mant += 1n;
  return mant >> BigInt(fmt.fracBits + 1) !== 0n;
}

/** The overflow result: infinity or the largest finite number, depending on the mode (IEEE 754 §7.4). */
export function overflow(fmt: FloatFormat, sign: 0 | 1, rm: number, st: FloatStatus): bigint {
  st.flags |= FFlag.OF | FFlag.NX;
  const toInfinity =
    rm === RoundingMode.RNE || rm === RoundingMode.RMM ||
    (rm === RoundingMode.RUP && sign === 0) || (rm === RoundingMode.RDN && sign === 1);
  return toInfinity ? infinityBits(fmt, sign) : zeroBits(fmt, sign) | fmt.maxFinite;
}
