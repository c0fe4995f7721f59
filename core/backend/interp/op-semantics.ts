import { BinaryOpc, Cond, UnaryOpc } from '../../ir/ir';

/**
 * The interpreter's value representation and the arithmetic on it: i32
 * values are JavaScript numbers kept as signed 32-bit integers (`x | 0`),
 * i64 values are `bigint`s kept canonical (`BigInt.asIntN(64, x)`). These
 * tables are the exact semantics of `docs/ir.md`, specialised per width.
 */

type Fn32 = (a: number, b: number) => number;

// Float ops reinterpret bit patterns through these (JavaScript arithmetic is IEEE binary64, round to nearest even;
// binary32 results are exact after Math.fround because binary64 has more than twice the precision).
const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);
const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);
const asF64 = (bits: bigint): number => { i64[0] = bits; return f64[0]; };
const fromF64 = (x: number): bigint => { f64[0] = x; return i64[0]; };
const asF32 = (bits: number): number => { i32[0] = bits; return f32[0]; };
const fromF32 = (x: number): number => { f32[0] = x; return i32[0]; };
type Fn64 = (a: bigint, b: bigint) => bigint;

const I32_MIN = -0x80000000;
const I64_MIN = -(1n << 63n);
const s64 = (x: bigint): bigint => BigInt.asIntN(64, x);
const u64 = (x: bigint): bigint => BigInt.asUintN(64, x);

/** Binary ops on i32 (JavaScript's shift operators already take the count mod 32). */
export const BINARY_I32: Readonly<Record<BinaryOpc, Fn32>> = {
  add: (a, b) => (a + b) | 0,
  sub: (a, b) => (a - b) | 0,
  mul: (a, b) => Math.imul(a, b),
  and: (a, b) => a & b,
  or: (a, b) => a | b,
  xor: (a, b) => a ^ b,
  shl: (a, b) => a << b,
  shr: (a, b) => (a >>> b) | 0,
  sar: (a, b) => a >> b,
  rotl: (a, b) => (a << b) | (a >>> (32 - (b & 31))),
  rotr: (a, b) => (a >>> b) | (a << (32 - (b & 31))),
  div: (a, b) => (b === 0 ? -1 : a === I32_MIN && b === -1 ? I32_MIN : (a / b) | 0),
  divu: (a, b) => (b === 0 ? -1 : ((a >>> 0) / (b >>> 0)) | 0),
  rem: (a, b) => (b === 0 ? a : b === -1 ? 0 : (a % b) | 0),
  remu: (a, b) => (b === 0 ? a : ((a >>> 0) % (b >>> 0)) | 0),
  // The 64-bit product does not fit a double: use BigInt for the high halves.
  mulsh: (a, b) => Number(BigInt.asIntN(32, (BigInt(a) * BigInt(b)) >> 32n)),
  muluh: (a, b) => Number(BigInt.asIntN(32, (BigInt(a >>> 0) * BigInt(b >>> 0)) >> 32n)),
  mulsuh: (a, b) => Number(BigInt.asIntN(32, (BigInt(a) * BigInt(b >>> 0)) >> 32n)),
  fadd: (a, b) => fromF32(asF32(a) + asF32(b)),
  fsub: (a, b) => fromF32(asF32(a) - asF32(b)),
  fmul: (a, b) => fromF32(asF32(a) * asF32(b)),
  fdiv: (a, b) => fromF32(asF32(a) / asF32(b)),
  feq: (a, b) => (asF32(a) === asF32(b) ? 1 : 0),
  flt: (a, b) => (asF32(a) < asF32(b) ? 1 : 0),
  fle: (a, b) => (asF32(a) <= asF32(b) ? 1 : 0),
};

/** Binary ops on i64. */
export const BINARY_I64: Readonly<Record<BinaryOpc, Fn64>> = {
  add: (a, b) => s64(a + b),
  sub: (a, b) => s64(a - b),
  mul: (a, b) => s64(a * b),
  and: (a, b) => a & b,
  or: (a, b) => a | b,
  xor: (a, b) => a ^ b,
  shl: (a, b) => s64(a << (b & 63n)),
  shr: (a, b) => s64(u64(a) >> (b & 63n)),
  sar: (a, b) => a >> (b & 63n),
  rotl: (a, b) => { const s = b & 63n; const u = u64(a); return s64((u << s) | (u >> ((64n - s) & 63n))); },
  rotr: (a, b) => { const s = b & 63n; const u = u64(a); return s64((u >> s) | (u << ((64n - s) & 63n))); },
  div: (a, b) => (b === 0n ? -1n : a === I64_MIN && b === -1n ? I64_MIN : a / b),
  divu: (a, b) => (b === 0n ? -1n : s64(u64(a) / u64(b))),
  rem: (a, b) => (b === 0n ? a : a % b),
  remu: (a, b) => (b === 0n ? a : s64(u64(a) % u64(b))),
  mulsh: (a, b) => s64((a * b) >> 64n),
  muluh: (a, b) => s64((u64(a) * u64(b)) >> 64n),
  mulsuh: (a, b) => s64((a * u64(b)) >> 64n),
  fadd: (a, b) => fromF64(asF64(a) + asF64(b)),
  fsub: (a, b) => fromF64(asF64(a) - asF64(b)),
  fmul: (a, b) => fromF64(asF64(a) * asF64(b)),
  fdiv: (a, b) => fromF64(asF64(a) / asF64(b)),
  feq: (a, b) => (asF64(a) === asF64(b) ? 1n : 0n),
  flt: (a, b) => (asF64(a) < asF64(b) ? 1n : 0n),
  fle: (a, b) => (asF64(a) <= asF64(b) ? 1n : 0n),
};

/** Unary ops on i32 (`ext32s`/`ext32u` do not exist for i32; validation rejects them). */
export const UNARY_I32: Readonly<Record<UnaryOpc, (a: number) => number>> = {
  neg: (a) => -a | 0,
  not: (a) => ~a,
  ext8s: (a) => (a << 24) >> 24,
  ext8u: (a) => a & 0xff,
  ext16s: (a) => (a << 16) >> 16,
  ext16u: (a) => a & 0xffff,
  ext32s: (a) => a,
  ext32u: (a) => a,
  fsqrt: (a) => fromF32(Math.sqrt(asF32(a))),
};

/** Unary ops on i64. */
export const UNARY_I64: Readonly<Record<UnaryOpc, (a: bigint) => bigint>> = {
  neg: (a) => s64(-a),
  not: (a) => ~a,
  ext8s: (a) => BigInt.asIntN(8, a),
  ext8u: (a) => BigInt.asUintN(8, a),
  ext16s: (a) => BigInt.asIntN(16, a),
  ext16u: (a) => BigInt.asUintN(16, a),
  ext32s: (a) => BigInt.asIntN(32, a),
  ext32u: (a) => BigInt.asUintN(32, a),
  fsqrt: (a) => fromF64(Math.sqrt(asF64(a))),
};

/** Conditions on i32. */
export const COND_I32: Readonly<Record<Cond, (a: number, b: number) => boolean>> = {
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  lt: (a, b) => a < b,
  ge: (a, b) => a >= b,
  le: (a, b) => a <= b,
  gt: (a, b) => a > b,
  ltu: (a, b) => a >>> 0 < b >>> 0,
  geu: (a, b) => a >>> 0 >= b >>> 0,
  leu: (a, b) => a >>> 0 <= b >>> 0,
  gtu: (a, b) => a >>> 0 > b >>> 0,
};

/** Conditions on i64. */
export const COND_I64: Readonly<Record<Cond, (a: bigint, b: bigint) => boolean>> = {
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  lt: (a, b) => a < b,
  ge: (a, b) => a >= b,
  le: (a, b) => a <= b,
  gt: (a, b) => a > b,
  ltu: (a, b) => u64(a) < u64(b),
  geu: (a, b) => u64(a) >= u64(b),
  leu: (a, b) => u64(a) <= u64(b),
  gtu: (a, b) => u64(a) > u64(b),
};
