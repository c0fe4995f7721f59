/**
 * The exact core of the arithmetic operations: decompose the operands,
 * compute the real result with integer arithmetic (bigint, unbounded) plus a
 * sticky bit where the result is not finite in binary, and hand it to
 * {@link roundPack}. Format-generic and correct in every rounding mode; the
 * fast paths in `f64-arith.ts`/`f32-arith.ts` fall back to it whenever they
 * are not sure.
 *
 * NaN results are always the canonical NaN (RISC-V does not propagate
 * payloads); a signaling NaN operand raises NV.
 */
import { FloatFormat, FloatKind, UnpackedFloat, infinityBits, isNaNKind, unpack, zeroBits } from './float-format';
import { FFlag, FloatStatus, RoundingMode } from './float-status';
import { bitLength, roundPack } from './round-pack';

/** Canonical NaN, raising NV if any operand is a signaling NaN. */
function nanResult(fmt: FloatFormat, st: FloatStatus, ...ops: UnpackedFloat[]): bigint {
  for (const x of ops) if (x.kind === FloatKind.SignalingNaN) st.flags |= FFlag.NV;
  return fmt.canonicalNaN;
}

function invalid(fmt: FloatFormat, st: FloatStatus): bigint {
  st.flags |= FFlag.NV;
  return fmt.canonicalNaN;
}

/**
 * Exact sum of two finite values (already decomposed, signs applied) rounded
 * to `fmt`. `zeroSign` is the sign of an exact zero sum of non-zero operands.
 */
function addFinite(fmt: FloatFormat, sa: 0 | 1, ea: number, ma: bigint, sb: 0 | 1, eb: number, mb: bigint, rm: number, st: FloatStatus): bigint {
  if (ma === 0n && mb === 0n) {
    // IEEE 754 §6.3: equal signs keep theirs; otherwise +0, except -0 in RDN.
    if (sa === sb) return zeroBits(fmt, sa);
    return zeroBits(fmt, rm === RoundingMode.RDN ? 1 : 0);
  }
  if (ma === 0n) return roundPack(fmt, sb, eb, mb, rm, st);
  if (mb === 0n) return roundPack(fmt, sa, ea, ma, rm, st);
  // A far smaller operand only matters as a sticky bit: replace it with one
  // that lies between the same rounding boundaries, to keep shifts short.
  const topA = ea + bitLength(ma);
  const topB = eb + bitLength(mb);
  if (topB < ea - 2) { eb = ea - 3; mb = 1n; } else if (topA < eb - 2) { ea = eb - 3; ma = 1n; }
  const e = Math.min(ea, eb);
  let va = ma << BigInt(ea - e);
  let vb = mb << BigInt(eb - e);
  if (sa) va = -va;
  if (sb) vb = -vb;
  const sum = va + vb;
  if (sum === 0n) return zeroBits(fmt, rm === RoundingMode.RDN ? 1 : 0);
  return sum < 0n ? roundPack(fmt, 1, e, -sum, rm, st) : roundPack(fmt, 0, e, sum, rm, st);
}

/** a + b (with `negateB`, a - b), exactly rounded. */
export function exactAdd(fmt: FloatFormat, a: bigint, b: bigint, negateB: boolean, rm: number, st: FloatStatus): bigint {
  const x = unpack(fmt, a);
  const y = unpack(fmt, b);
  if (negateB) y.sign = y.sign ? 0 : 1;
  if (isNaNKind(x.kind) || isNaNKind(y.kind)) return nanResult(fmt, st, x, y);
  if (x.kind === FloatKind.Infinity) {
    if (y.kind === FloatKind.Infinity && x.sign !== y.sign) return invalid(fmt, st);
    return infinityBits(fmt, x.sign);
  }
  if (y.kind === FloatKind.Infinity) return infinityBits(fmt, y.sign);
  return addFinite(fmt, x.sign, x.exp, x.sig, y.sign, y.exp, y.sig, rm, st);
}

/** a * b, exactly rounded. */
export function exactMul(fmt: FloatFormat, a: bigint, b: bigint, rm: number, st: FloatStatus): bigint {
  const x = unpack(fmt, a);
  const y = unpack(fmt, b);
  if (isNaNKind(x.kind) || isNaNKind(y.kind)) return nanResult(fmt, st, x, y);
  const sign = (x.sign ^ y.sign) as 0 | 1;
  if (x.kind === FloatKind.Infinity || y.kind === FloatKind.Infinity) {
    if (x.kind === FloatKind.Zero || y.kind === FloatKind.Zero) return invalid(fmt, st);
    return infinityBits(fmt, sign);
  }
  return roundPack(fmt, sign, x.exp + y.exp, x.sig * y.sig, rm, st);
}

/** a / b, exactly rounded; x/0 raises DZ, 0/0 and inf/inf raise NV. */
export function exactDiv(fmt: FloatFormat, a: bigint, b: bigint, rm: number, st: FloatStatus): bigint {
  const x = unpack(fmt, a);
  const y = unpack(fmt, b);
  if (isNaNKind(x.kind) || isNaNKind(y.kind)) return nanResult(fmt, st, x, y);
  const sign = (x.sign ^ y.sign) as 0 | 1;
  if (x.kind === FloatKind.Infinity) {
    return y.kind === FloatKind.Infinity ? invalid(fmt, st) : infinityBits(fmt, sign);
  }
  if (y.kind === FloatKind.Infinity) return zeroBits(fmt, sign);
  if (y.kind === FloatKind.Zero) {
    if (x.kind === FloatKind.Zero) return invalid(fmt, st);
    st.flags |= FFlag.DZ;
    return infinityBits(fmt, sign);
  }
  if (x.kind === FloatKind.Zero) return zeroBits(fmt, sign);
  // Enough quotient bits that a sticky bit below them decides every rounding.
  const shift = Math.max(0, fmt.fracBits + 4 + bitLength(y.sig) - bitLength(x.sig));
  const num = x.sig << BigInt(shift);
  const q = num / y.sig;
  const sticky = num - q * y.sig !== 0n ? 1n : 0n;
  return roundPack(fmt, sign, x.exp - shift - y.exp - 1, (q << 1n) | sticky, rm, st);
}

/** Integer square root (floor) of a non-negative bigint, by Newton's method. */
export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  // Start above the root: 2^ceil(bits/2).
  let x = 1n << BigInt((bitLength(n) + 1) >> 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** sqrt(a), exactly rounded; negative non-zero operands raise NV, sqrt(-0) = -0. */
export function exactSqrt(fmt: FloatFormat, a: bigint, rm: number, st: FloatStatus): bigint {
  const x = unpack(fmt, a);
  if (isNaNKind(x.kind)) return nanResult(fmt, st, x);
  if (x.kind === FloatKind.Zero) return zeroBits(fmt, x.sign);
  if (x.sign) return invalid(fmt, st);
  if (x.kind === FloatKind.Infinity) return infinityBits(fmt, 0);
  // Make the exponent even and give the root at least precision + 2 bits.
  let shift = Math.max(0, 2 * (fmt.fracBits + 4) - bitLength(x.sig));
  if ((x.exp - shift) & 1) shift += 1;
  const n = x.sig << BigInt(shift);
  const r = isqrt(n);
  const sticky = r * r !== n ? 1n : 0n;
  return roundPack(fmt, 0, ((x.exp - shift) >> 1) - 1, (r << 1n) | sticky, rm, st);
}

/**
 * The fused multiply-add family, one rounding: `(±(a*b)) + (±c)`.
 * `negateProduct` and `negateAddend` select fmadd (false, false),
 * fmsub (false, true), fnmsub (true, false) and fnmadd (true, true).
 * inf*0 raises NV even when c is a quiet NaN (RISC-V).
 */
export function exactMulAdd(
  fmt: FloatFormat, a: bigint, b: bigint, c: bigint,
  negateProduct: boolean, negateAddend: boolean, rm: number, st: FloatStatus,
): bigint {
  const x = unpack(fmt, a);
  const y = unpack(fmt, b);
  const z = unpack(fmt, c);
  const infTimesZero =
    (x.kind === FloatKind.Infinity && y.kind === FloatKind.Zero) ||
    (x.kind === FloatKind.Zero && y.kind === FloatKind.Infinity);
  if (isNaNKind(x.kind) || isNaNKind(y.kind) || isNaNKind(z.kind)) {
    if (infTimesZero) st.flags |= FFlag.NV;
    return nanResult(fmt, st, x, y, z);
  }
  if (infTimesZero) return invalid(fmt, st);
  let ps = (x.sign ^ y.sign) as 0 | 1;
  if (negateProduct) ps = ps ? 0 : 1;
  let zs = z.sign;
  if (negateAddend) zs = zs ? 0 : 1;
  const productInfinite = x.kind === FloatKind.Infinity || y.kind === FloatKind.Infinity;
  if (productInfinite) {
    if (z.kind === FloatKind.Infinity && zs !== ps) return invalid(fmt, st);
    return infinityBits(fmt, ps);
  }
  if (z.kind === FloatKind.Infinity) return infinityBits(fmt, zs);
  return addFinite(fmt, ps, x.exp + y.exp, x.sig * y.sig, zs, z.exp, z.sig, rm, st);
}
