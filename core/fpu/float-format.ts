/**
 * IEEE 754 binary interchange formats as data, and the decomposition of a bit
 * pattern into sign, exponent and integer significand that the exact core
 * computes with. The exact core sees every value as
 * `(-1)^sign * sig * 2^exp` with `sig` a non-negative bigint.
 */

/** Parameters of one binary format (IEEE 754-2019, table 3.5). */
export interface FloatFormat {
  readonly name: 'binary32' | 'binary64';
  /** Total width in bits. */
  readonly width: number;
  /** Width of the biased exponent field. */
  readonly expBits: number;
  /** Width of the trailing significand field (precision - 1). */
  readonly fracBits: number;
  /** Exponent bias. */
  readonly bias: number;
  /** Unbiased exponent of the smallest normal number (1 - bias). */
  readonly emin: number;
  /** The all-ones biased exponent (infinities and NaNs). */
  readonly expMax: number;
  /** RISC-V canonical NaN: positive, quiet, payload zero. */
  readonly canonicalNaN: bigint;
  /** Bit position of the quiet bit (the top trailing-significand bit). */
  readonly quietBit: bigint;
  readonly signBit: bigint;
  readonly fracMask: bigint;
  /** The largest finite magnitude, as bits. */
  readonly maxFinite: bigint;
  /** +infinity, as bits. */
  readonly infinity: bigint;
}

function format(name: 'binary32' | 'binary64', expBits: number, fracBits: number): FloatFormat {
  const width = 1 + expBits + fracBits;
  const bias = (1 << (expBits - 1)) - 1;
  const expMax = (1 << expBits) - 1;
  const fb = BigInt(fracBits);
  const fracMask = (1n << fb) - 1n;
  const infinity = BigInt(expMax) << fb;
  return {
    name, width, expBits, fracBits, bias, emin: 1 - bias, expMax,
    canonicalNaN: infinity | (1n << (fb - 1n)),
    quietBit: 1n << (fb - 1n),
    signBit: 1n << BigInt(width - 1),
    fracMask,
    maxFinite: (BigInt(expMax - 1) << fb) | fracMask,
    infinity,
  };
}

/** IEEE 754 binary32 (RISC-V "S", the F extension). */
export const BINARY32 = format('binary32', 8, 23);
/** IEEE 754 binary64 (RISC-V "D", the D extension). */
export const BINARY64 = format('binary64', 11, 52);

/** RISC-V canonical NaN bit patterns. */
export const CANONICAL_NAN_F32 = 0x7fc00000;
export const CANONICAL_NAN_F64 = 0x7ff8000000000000n;

/** What a bit pattern encodes, in the order of the `fclass` bits. */
export const FloatKind = {
  Zero: 0,
  Subnormal: 1,
  Normal: 2,
  Infinity: 3,
  SignalingNaN: 4,
  QuietNaN: 5,
} as const;
export type FloatKindNumber = (typeof FloatKind)[keyof typeof FloatKind];

/** A decomposed value: `(-1)^sign * sig * 2^exp` (for finite kinds). */
export interface UnpackedFloat {
  kind: FloatKindNumber;
  sign: 0 | 1;
  exp: number;
  sig: bigint;
}

/** Decomposes a bit pattern (unsigned, `fmt.width` bits) for the exact core. */
export function unpack(fmt: FloatFormat, bits: bigint): UnpackedFloat {
  const sign = (bits & fmt.signBit) !== 0n ? 1 : 0;
  const biased = Number((bits >> BigInt(fmt.fracBits)) & BigInt(fmt.expMax));
  const frac = bits & fmt.fracMask;
  if (biased === fmt.expMax) {
    if (frac === 0n) return { kind: FloatKind.Infinity, sign, exp: 0, sig: 0n };
    const quiet = (frac & fmt.quietBit) !== 0n;
    return { kind: quiet ? FloatKind.QuietNaN : FloatKind.SignalingNaN, sign, exp: 0, sig: frac };
  }
  if (biased === 0) {
    if (frac === 0n) return { kind: FloatKind.Zero, sign, exp: 0, sig: 0n };
    return { kind: FloatKind.Subnormal, sign, exp: fmt.emin - fmt.fracBits, sig: frac };
  }
  return {
    kind: FloatKind.Normal, sign,
    exp: biased - fmt.bias - fmt.fracBits,
    sig: frac | (1n << BigInt(fmt.fracBits)),
  };
}

/** True for both NaN kinds. */
export function isNaNKind(kind: FloatKindNumber): boolean {
  return kind === FloatKind.QuietNaN || kind === FloatKind.SignalingNaN;
}

/** Signed zero of a format, as bits. */
export function zeroBits(fmt: FloatFormat, sign: 0 | 1): bigint {
  return sign ? fmt.signBit : 0n;
}

/** Signed infinity of a format, as bits. */
export function infinityBits(fmt: FloatFormat, sign: 0 | 1): bigint {
  return sign ? fmt.signBit | fmt.infinity : fmt.infinity;
}
