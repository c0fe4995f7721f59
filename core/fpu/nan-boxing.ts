/**
 * NaN-boxing of binary32 values in the 64-bit FP registers of an RV64 hart
 * with D (Volume I, "D" chapter, "NaN Boxing of Narrower Values"): a 32-bit
 * value is stored with the upper 32 bits all ones; an F instruction reading a
 * register that is not properly boxed sees the canonical NaN.
 */
import { CANONICAL_NAN_F32 } from './float-format';

/** The upper-half pattern of a properly boxed binary32. */
const BOX = 0xffffffff00000000n;

/** The binary32 operand an F instruction reads from a 64-bit register (canonical NaN if not boxed). */
export function unboxF32(bits64: bigint): number {
  if ((bits64 & BOX) !== BOX) return CANONICAL_NAN_F32;
  return Number(BigInt.asUintN(32, bits64));
}

/** The 64-bit register value an F instruction writes for a binary32 result (unsigned bigint). */
export function boxF32(bits32: number): bigint {
  return BOX | BigInt(bits32 >>> 0);
}
