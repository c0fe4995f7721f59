import { ENV } from '../../../exec/env';
import { GuestException } from '../../../exec/guest-exception';
import { HelperInfo, IrType } from '../../../ir/ir';
import * as sf from '../../../fpu/softfloat';
import { EXC } from '../spec';
import type { RiscvRuntime } from './helper-table';

/**
 * Floating-point helpers of the F and D extensions. Each takes and returns
 * 64-bit register patterns (singles NaN-boxed), resolves the dynamic rounding
 * mode from `frm`, and accrues exception flags into the hart's `fflags`.
 */
export interface FpHelpers {
  /** Helpers by name, e.g. `fp.fadd_d`. */
  readonly fp: Readonly<Record<string, HelperInfo>>;
  /** Set mstatus.FS = Dirty. */
  readonly markFsDirty: HelperInfo;
}

type F32 = number;
type F64 = bigint;
const st = new sf.FloatStatus();

/** Create the floating-point helpers for a machine. */
export function createFpHelpers(rt: RiscvRuntime): FpHelpers {
  /** The rounding mode an instruction uses, or an illegal-instruction exception for a reserved one. */
  const rmOf = (rm: number): sf.RoundingModeNumber => {
    const r = rm === 7 ? rt.current.frm : rm;
    if (r > 4) {
      const cpu = rt.current;
      const pc = rt.mmu.mem.i64(cpu.env + ENV.faultPc);
      const host = rt.mmu.fetchHost(cpu.env, pc, cpu.fetchMmuIdx());
      throw new GuestException(EXC.illegalInstruction, BigInt(rt.mmu.mem.view.getUint32(host, true)));
    }
    return r as sf.RoundingModeNumber;
  };
  const begin = () => { st.flags = 0; };
  const end = () => {
    if (st.flags) {
      rt.current.fflags |= st.flags;
      rt.current.markFsDirty();
    }
  };

  const s = (x: bigint): F32 => sf.unboxF32(x);
  const S = (x: F32): bigint => BigInt.asIntN(64, sf.boxF32(x));
  const D = (x: F64): bigint => BigInt.asIntN(64, x);
  const d = (x: bigint): F64 => BigInt.asUintN(64, x);
  const w = (x: number): bigint => BigInt(x | 0); // sign-extend a 32-bit integer result

  const table: Record<string, { args: IrType[]; rm: boolean; fn: (...a: any[]) => bigint }> = {};
  const op = (name: string, nargs: number, rm: boolean, fn: (...a: any[]) => bigint) => {
    table[name] = { args: [...new Array(nargs).fill('i64'), ...(rm ? ['i32' as const] : [])], rm, fn };
  };

  // Arithmetic
  op('fadd_s', 2, true, (a, b, r) => S(sf.f32Add(s(a), s(b), r, st)));
  op('fsub_s', 2, true, (a, b, r) => S(sf.f32Sub(s(a), s(b), r, st)));
  op('fmul_s', 2, true, (a, b, r) => S(sf.f32Mul(s(a), s(b), r, st)));
  op('fdiv_s', 2, true, (a, b, r) => S(sf.f32Div(s(a), s(b), r, st)));
  op('fsqrt_s', 1, true, (a, r) => S(sf.f32Sqrt(s(a), r, st)));
  op('fmadd_s', 3, true, (a, b, c, r) => S(sf.f32Fmadd(s(a), s(b), s(c), r, st)));
  op('fmsub_s', 3, true, (a, b, c, r) => S(sf.f32Fmsub(s(a), s(b), s(c), r, st)));
  op('fnmsub_s', 3, true, (a, b, c, r) => S(sf.f32Fnmsub(s(a), s(b), s(c), r, st)));
  op('fnmadd_s', 3, true, (a, b, c, r) => S(sf.f32Fnmadd(s(a), s(b), s(c), r, st)));
  op('fadd_d', 2, true, (a, b, r) => D(sf.f64Add(d(a), d(b), r, st)));
  op('fsub_d', 2, true, (a, b, r) => D(sf.f64Sub(d(a), d(b), r, st)));
  op('fmul_d', 2, true, (a, b, r) => D(sf.f64Mul(d(a), d(b), r, st)));
  op('fdiv_d', 2, true, (a, b, r) => D(sf.f64Div(d(a), d(b), r, st)));
  op('fsqrt_d', 1, true, (a, r) => D(sf.f64Sqrt(d(a), r, st)));
  op('fmadd_d', 3, true, (a, b, c, r) => D(sf.f64Fmadd(d(a), d(b), d(c), r, st)));
  op('fmsub_d', 3, true, (a, b, c, r) => D(sf.f64Fmsub(d(a), d(b), d(c), r, st)));
  op('fnmsub_d', 3, true, (a, b, c, r) => D(sf.f64Fnmsub(d(a), d(b), d(c), r, st)));
  op('fnmadd_d', 3, true, (a, b, c, r) => D(sf.f64Fnmadd(d(a), d(b), d(c), r, st)));
  // Sign injection (no flags; singles read through unboxing)
  const SIGN32 = 0x80000000;
  const SIGN64 = 1n << 63n;
  op('fsgnj_s', 2, false, (a, b) => S(((s(a) & ~SIGN32) | (s(b) & SIGN32)) >>> 0));
  op('fsgnjn_s', 2, false, (a, b) => S(((s(a) & ~SIGN32) | (~s(b) & SIGN32)) >>> 0));
  op('fsgnjx_s', 2, false, (a, b) => S((s(a) ^ (s(b) & SIGN32)) >>> 0));
  op('fsgnj_d', 2, false, (a, b) => D((d(a) & ~SIGN64) | (d(b) & SIGN64)));
  op('fsgnjn_d', 2, false, (a, b) => D((d(a) & ~SIGN64) | (~d(b) & SIGN64)));
  op('fsgnjx_d', 2, false, (a, b) => D(d(a) ^ (d(b) & SIGN64)));
  // Min/max, compare, classify
  op('fmin_s', 2, false, (a, b) => S(sf.f32Min(s(a), s(b), st)));
  op('fmax_s', 2, false, (a, b) => S(sf.f32Max(s(a), s(b), st)));
  op('fmin_d', 2, false, (a, b) => D(sf.f64Min(d(a), d(b), st)));
  op('fmax_d', 2, false, (a, b) => D(sf.f64Max(d(a), d(b), st)));
  op('feq_s', 2, false, (a, b) => BigInt(sf.f32Eq(s(a), s(b), st)));
  op('flt_s', 2, false, (a, b) => BigInt(sf.f32Lt(s(a), s(b), st)));
  op('fle_s', 2, false, (a, b) => BigInt(sf.f32Le(s(a), s(b), st)));
  op('feq_d', 2, false, (a, b) => BigInt(sf.f64Eq(d(a), d(b), st)));
  op('flt_d', 2, false, (a, b) => BigInt(sf.f64Lt(d(a), d(b), st)));
  op('fle_d', 2, false, (a, b) => BigInt(sf.f64Le(d(a), d(b), st)));
  op('fclass_s', 1, false, (a) => BigInt(sf.f32Classify(s(a))));
  op('fclass_d', 1, false, (a) => BigInt(sf.f64Classify(d(a))));
  // Conversions
  op('fcvt_w_s', 1, true, (a, r) => w(sf.f32ToI32(s(a), r, st)));
  op('fcvt_wu_s', 1, true, (a, r) => w(sf.f32ToU32(s(a), r, st)));
  op('fcvt_l_s', 1, true, (a, r) => BigInt.asIntN(64, sf.f32ToI64(s(a), r, st)));
  op('fcvt_lu_s', 1, true, (a, r) => BigInt.asIntN(64, sf.f32ToU64(s(a), r, st)));
  op('fcvt_w_d', 1, true, (a, r) => w(sf.f64ToI32(d(a), r, st)));
  op('fcvt_wu_d', 1, true, (a, r) => w(sf.f64ToU32(d(a), r, st)));
  op('fcvt_l_d', 1, true, (a, r) => BigInt.asIntN(64, sf.f64ToI64(d(a), r, st)));
  op('fcvt_lu_d', 1, true, (a, r) => BigInt.asIntN(64, sf.f64ToU64(d(a), r, st)));
  op('fcvt_s_w', 1, true, (x, r) => S(sf.i32ToF32(Number(BigInt.asIntN(32, x)), r, st)));
  op('fcvt_s_wu', 1, true, (x, r) => S(sf.u32ToF32(Number(BigInt.asUintN(32, x)), r, st)));
  op('fcvt_s_l', 1, true, (x, r) => S(sf.i64ToF32(BigInt.asIntN(64, x), r, st)));
  op('fcvt_s_lu', 1, true, (x, r) => S(sf.u64ToF32(BigInt.asUintN(64, x), r, st)));
  op('fcvt_d_w', 1, true, (x) => D(sf.i32ToF64(Number(BigInt.asIntN(32, x)))));
  op('fcvt_d_wu', 1, true, (x) => D(sf.u32ToF64(Number(BigInt.asUintN(32, x)))));
  op('fcvt_d_l', 1, true, (x, r) => D(sf.i64ToF64(BigInt.asIntN(64, x), r, st)));
  op('fcvt_d_lu', 1, true, (x, r) => D(sf.u64ToF64(BigInt.asUintN(64, x), r, st)));
  op('fcvt_s_d', 1, true, (a, r) => S(sf.f64ToF32(d(a), r, st)));
  op('fcvt_d_s', 1, true, (a) => D(sf.f32ToF64(s(a), st)));

  const fp: Record<string, HelperInfo> = {};
  for (const [name, t] of Object.entries(table)) {
    const impl = t.fn;
    const n = t.args.length;
    const fn = t.rm
      ? (...a: any[]) => {
        const r = rmOf(a[n - 1]);
        a[n - 1] = r;
        begin();
        const v = impl(...a);
        end();
        return v;
      }
      : (...a: any[]) => {
        begin();
        const v = impl(...a);
        end();
        return v;
      };
    // Only a dynamic rounding mode can raise (reserved frm); fcsr lives in env.
    fp[name] = { name, args: t.args, ret: 'i64', fn, mayRaise: t.rm, readsEnv: true, writesEnv: true, pure: false };
  }
  const markFsDirty: HelperInfo = {
    name: 'mark_fs_dirty', args: [], fn: () => rt.current.markFsDirty(),
    mayRaise: false, readsEnv: false, writesEnv: false, pure: false,
  };
  return { fp, markFsDirty };
}
