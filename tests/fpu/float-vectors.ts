/**
 * Seeded generation of soft-float test vectors: special values, boundary
 * values, structured random values that stress rounding (long runs of ones
 * or zeros below the rounding point, near-cancelling sums, exact quotients
 * and squares, tiny and huge results) and plain random bit patterns.
 */
import type { FloatVector } from './fpref-oracle';

/** mulberry32: small, fast, good enough to spread test cases; seeded so failures reproduce. */
export class SeededRandom {
  private state: number;
  constructor(seed: number) { this.state = seed >>> 0; }
  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** Uniform integer in [0, n). */
  below(n: number): number { return Math.floor((this.u32() / 2 ** 32) * n); }
  u64(): bigint { return (BigInt(this.u32()) << 32n) | BigInt(this.u32()); }
  pick<T>(xs: readonly T[]): T { return xs[this.below(xs.length)]; }
}

/** Shape of a binary format, as the generator needs it. */
export interface VectorFormat {
  expBits: number;
  fracBits: number;
  /** Special and boundary values, as bits. */
  specials: readonly bigint[];
}

function f64Bits(x: number): bigint {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, x);
  return b.getBigUint64(0);
}
function f32Bits(x: number): bigint {
  const b = new DataView(new ArrayBuffer(4));
  b.setFloat32(0, x);
  return BigInt(b.getUint32(0));
}

/** Values around the integer-conversion limits, as numbers. */
const INT_BOUNDARIES = [
  0.5, 1.5, 2.5, 0.49999999999999994, 1, 2, 3,
  2 ** 31 - 1, 2 ** 31 - 0.5, 2 ** 31, 2 ** 31 + 1, 2 ** 31 - 1.5,
  2 ** 32 - 1, 2 ** 32 - 0.5, 2 ** 32, 2 ** 32 + 1,
  2 ** 63, 2 ** 64, 2 ** 62, 2 ** 53, 2 ** 53 + 2, 2 ** 24, 2 ** 24 + 2,
];

export const F64_FORMAT: VectorFormat = {
  expBits: 11,
  fracBits: 52,
  specials: [
    0n, 0x8000000000000000n, 0x7ff0000000000000n, 0xfff0000000000000n,
    0x7ff8000000000000n, 0xfff8000000000000n, 0x7ff0000000000001n, 0x7ff4000000000000n, 0x7ffc00000000abcdn,
    1n, 0x000fffffffffffffn, 0x0010000000000000n, 0x0010000000000001n, 0x7fefffffffffffffn,
    0x800fffffffffffffn, 0x8010000000000000n, 0xffefffffffffffffn, 0x8000000000000001n,
    0x3ff0000000000000n, 0xbff0000000000000n, 0x3ff0000000000001n, 0x3fefffffffffffffn,
    0x43dfffffffffffffn, 0x43efffffffffffffn, 0x41dfffffffc00000n, 0xc1e0000000200000n,
    ...INT_BOUNDARIES.flatMap((x) => [f64Bits(x), f64Bits(-x)]),
  ],
};

export const F32_FORMAT: VectorFormat = {
  expBits: 8,
  fracBits: 23,
  specials: [
    0n, 0x80000000n, 0x7f800000n, 0xff800000n,
    0x7fc00000n, 0xffc00000n, 0x7f800001n, 0x7fa00000n, 0x7fc0abcdn,
    1n, 0x007fffffn, 0x00800000n, 0x00800001n, 0x7f7fffffn,
    0x807fffffn, 0x80800000n, 0xff7fffffn, 0x80000001n,
    0x3f800000n, 0xbf800000n, 0x3f800001n, 0x3f7fffffn,
    0x4effffffn, 0x4f000000n, 0x4f7fffffn, 0x5effffffn, 0x5f7fffffn,
    ...INT_BOUNDARIES.flatMap((x) => [f32Bits(x), f32Bits(-x)]),
  ],
};

/** A trailing-significand pattern that puts the interesting bits near the rounding point. */
function fraction(rng: SeededRandom, fracBits: number): bigint {
  const mask = (1n << BigInt(fracBits)) - 1n;
  const r = rng.u64() & mask;
  switch (rng.below(5)) {
    case 0: return r;
    case 1: return r & ~((1n << BigInt(rng.below(fracBits))) - 1n); // trailing zeros: exact results
    case 2: return r | ((1n << BigInt(rng.below(fracBits))) - 1n); // trailing ones: carries
    case 3: return (r & (mask ^ (mask >> 1n))) | BigInt(rng.below(4)); // nearly a power of two
    default: return mask ^ (1n << BigInt(rng.below(fracBits))); // nearly all ones
  }
}

/** A value with a chosen unbiased exponent and a structured significand. */
export function valueWithExponent(rng: SeededRandom, fmt: VectorFormat, unbiased: number): bigint {
  const bias = (1 << (fmt.expBits - 1)) - 1;
  const biased = Math.max(0, Math.min((1 << fmt.expBits) - 2, unbiased + bias));
  const sign = rng.below(2) ? 1n << BigInt(fmt.expBits + fmt.fracBits) : 0n;
  return sign | (BigInt(biased) << BigInt(fmt.fracBits)) | fraction(rng, fmt.fracBits);
}

/** One operand: mostly moderate magnitudes, with specials, extremes and raw random bits mixed in. */
export function operand(rng: SeededRandom, fmt: VectorFormat): bigint {
  const bias = (1 << (fmt.expBits - 1)) - 1;
  const width = 1 + fmt.expBits + fmt.fracBits;
  const k = rng.below(100);
  if (k < 15) return rng.pick(fmt.specials);
  if (k < 35) return rng.u64() & ((1n << BigInt(width)) - 1n);
  if (k < 80) return valueWithExponent(rng, fmt, rng.below(81) - 40);
  if (k < 90) return valueWithExponent(rng, fmt, 1 - bias - rng.below(fmt.fracBits + 3) + 2); // subnormal / tiny
  return valueWithExponent(rng, fmt, bias - rng.below(8)); // huge
}

/** Flips the sign and/or nudges the low bits of a value, for near-cancellation and near-equality. */
export function nudge(rng: SeededRandom, fmt: VectorFormat, x: bigint): bigint {
  const width = BigInt(1 + fmt.expBits + fmt.fracBits);
  const signBit = 1n << (width - 1n);
  const delta = BigInt(rng.below(5)) - 2n;
  let y = (x & ~signBit) + delta;
  if (y < 0n) y = 0n;
  return rng.below(2) ? y | signBit : y;
}

/** A vector for `insn` with the rounding mode and static/dynamic choice cycling. */
export function vector(insn: string, i: number, a: bigint, b = 0n, c = 0n): FloatVector {
  return { insn, rm: i % 5, staticRm: Math.floor(i / 5) % 2 === 1, a, b, c };
}
