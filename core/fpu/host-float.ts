/**
 * The host's own IEEE 754 arithmetic (JavaScript numbers are binary64 with
 * round-to-nearest-even) and the error-free transformations that let the fast
 * paths decide exactness without the bigint core.
 *
 * One shared 8-byte scratch buffer converts between bit patterns and numbers;
 * the words are read little-endian (every platform Node supports).
 */

const scratch = new ArrayBuffer(8);
/** Scratch views over the same 8 bytes. */
export const scratchF64 = new Float64Array(scratch);
export const scratchU64 = new BigUint64Array(scratch);
export const scratchF32 = new Float32Array(scratch);
/** [0] is the low word, [1] the high word of the binary64 in {@link scratchF64}. */
export const scratchU32 = new Uint32Array(scratch);

if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) {
  throw new Error('core/fpu assumes a little-endian host');
}

/** Veltkamp's splitter for binary64: 2^27 + 1. */
const SPLITTER = 134217729;

/** Low part of the error-free product a*b (Dekker's TwoProduct): a*b = p + result exactly, where p = a*b rounded. Valid without overflow/underflow in the partial products. */
export function twoProductError(a: number, b: number, p: number): number {
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

/** Error of the rounded sum s = a+b (Knuth's TwoSum): a + b = s + result exactly. */
export function twoSumError(a: number, b: number, s: number): number {
  const bb = s - a;
  return (a - (s - bb)) + (b - bb);
}

/** Powers of two as numbers, named by their exponent. */
export const POW2 = {
  m126: 2 ** -126,
  p127: 2 ** 127,
  m500: 2 ** -500,
  p500: 2 ** 500,
  m900: 2 ** -900,
  p1000: 2 ** 1000,
} as const;
