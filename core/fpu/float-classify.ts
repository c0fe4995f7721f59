/**
 * fclass.s / fclass.d: the 10-bit mask saying what a bit pattern encodes
 * (exactly one bit set). Never raises flags.
 */

/** The `fclass` result bits, named as in the RISC-V F chapter's table. */
export const FClass = {
  negativeInfinity: 1 << 0,
  negativeNormal: 1 << 1,
  negativeSubnormal: 1 << 2,
  negativeZero: 1 << 3,
  positiveZero: 1 << 4,
  positiveSubnormal: 1 << 5,
  positiveNormal: 1 << 6,
  positiveInfinity: 1 << 7,
  signalingNaN: 1 << 8,
  quietNaN: 1 << 9,
} as const;

/** Class from sign, exponent field, whether the fraction is zero, and the quiet bit. */
function classify(negative: boolean, exp: number, expMax: number, fracZero: boolean, quiet: boolean): number {
  if (exp === expMax) {
    if (!fracZero) return quiet ? FClass.quietNaN : FClass.signalingNaN;
    return negative ? FClass.negativeInfinity : FClass.positiveInfinity;
  }
  if (exp === 0) {
    if (fracZero) return negative ? FClass.negativeZero : FClass.positiveZero;
    return negative ? FClass.negativeSubnormal : FClass.positiveSubnormal;
  }
  return negative ? FClass.negativeNormal : FClass.positiveNormal;
}

/** fclass.s: the class mask of a binary32 bit pattern (see {@link FClass}). */
export function f32Classify(a: number): number {
  return classify((a & 0x80000000) !== 0, (a >>> 23) & 0xff, 0xff, (a & 0x7fffff) === 0, (a & 0x400000) !== 0);
}

/** fclass.d: the class mask of a binary64 bit pattern (see {@link FClass}). */
export function f64Classify(a: bigint): number {
  const hi = Number(BigInt.asUintN(32, a >> 32n));
  const lo = Number(BigInt.asUintN(32, a));
  return classify((hi & 0x80000000) !== 0, (hi >>> 20) & 0x7ff, 0x7ff, (hi & 0xfffff) === 0 && lo === 0, (hi & 0x80000) !== 0);
}
