/**
 * Orrery's soft-float: IEEE 754 binary32/binary64 arithmetic on bit patterns
 * with the semantics of the RISC-V F and D extensions, exact to the bit and
 * to the `fflags` bit.
 *
 * - binary64 values are `bigint` bit patterns (unsigned; signed accepted),
 *   binary32 values are `number` bit patterns (unsigned 32-bit).
 * - Rounding modes are RISC-V's numbers ({@link RoundingMode}); resolve DYN
 *   from `frm` before calling.
 * - Exception flags are ORed into a caller-owned {@link FloatStatus}, as the
 *   hardware accrues them into `fflags`.
 * - Every NaN result is the canonical NaN; tininess is detected after rounding.
 *
 * @example
 * import { FloatStatus, RoundingMode, f64Add } from './core/fpu/softfloat';
 * const st = new FloatStatus();
 * f64Add(0x3ff0000000000000n, 0x3ca0000000000000n, RoundingMode.RNE, st); // 1 + 2^-53
 * // → 0x3ff0000000000000n (tie to even), st.flags === FFlag.NX
 */
export { FFlag, FloatStatus, RoundingMode } from './float-status';
export type { RoundingModeNumber } from './float-status';
export { BINARY32, BINARY64, CANONICAL_NAN_F32, CANONICAL_NAN_F64 } from './float-format';
export type { FloatFormat } from './float-format';
export {
  f32Add, f32Sub, f32Mul, f32Div, f32Sqrt, f32Fmadd, f32Fmsub, f32Fnmsub, f32Fnmadd,
} from './f32-arith';
export {
  f64Add, f64Sub, f64Mul, f64Div, f64Sqrt, f64Fmadd, f64Fmsub, f64Fnmsub, f64Fnmadd,
} from './f64-arith';
export {
  f32Min, f32Max, f32Eq, f32Lt, f32Le, f64Min, f64Max, f64Eq, f64Lt, f64Le,
} from './float-compare';
export { FClass, f32Classify, f64Classify } from './float-classify';
export {
  f32ToF64, f64ToF32,
  f32ToI32, f32ToU32, f32ToI64, f32ToU64, f64ToI32, f64ToU32, f64ToI64, f64ToU64,
  i32ToF32, u32ToF32, i64ToF32, u64ToF32, i32ToF64, u32ToF64, i64ToF64, u64ToF64,
  roundToIntegral,
} from './float-convert';
export { boxF32, unboxF32 } from './nan-boxing';
