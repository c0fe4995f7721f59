import { FloatBinaryOpc, IrType, Label, MemOp, Temp, Value } from '../../../ir/ir';
import { RV_ENV } from '../cpu-layout';
import { FFLAGS } from '../spec';
import { DisasContext, InsnTranslator } from './context';

/**
 * F and D: loads and stores are inline guest memory ops; moves are inline bit
 * operations; arithmetic, conversions and comparisons call the soft-float
 * helpers (`fp-helpers.ts`), which are exact in every rounding mode.
 */

/** Every FP translator first checks mstatus.FS (Off makes FP instructions illegal). */
function fp(body: InsnTranslator, staticRm = false): InsnTranslator {
  return (ctx, i) => {
    if (!ctx.fpOn) return ctx.illegal();
    if (staticRm && (i.rm === 5 || i.rm === 6)) return ctx.illegal();
    body(ctx, i);
  };
}

const BOX = -0x100000000n; // upper 32 bits all ones

/** Helper names by op ('fadd.s' → 'fadd_s'), made once per op rather than per instruction. */
const HELPER_NAMES: Record<string, string> = {};

function helperName(op: string): string {
  return HELPER_NAMES[op] ??= op.replace(/\./g, '_');
}

/** fd = helper(fs1[, fs2[, fs3]], rm) */
function arith(nargs: 1 | 2 | 3, rm: boolean): InsnTranslator {
  return fp((ctx, i) => {
    const regs = [i.rs1, i.rs2, i.rs3].slice(0, nargs).map((r) => ctx.getF(r));
    const args = rm ? [...regs, ctx.b.i32(i.rm)] : regs;
    ctx.setF(i.rd, ctx.b.call(ctx.helpers.fp[helperName(i.op)], ...args));
  }, rm);
}

/** xd = helper(fs1[, fs2][, rm]) */
function toInt(nargs: 1 | 2, rm: boolean): InsnTranslator {
  return fp((ctx, i) => {
    const regs = [i.rs1, i.rs2].slice(0, nargs).map((r) => ctx.getF(r));
    const args = rm ? [...regs, ctx.b.i32(i.rm)] : regs;
    ctx.setX(i.rd, ctx.b.call(ctx.helpers.fp[helperName(i.op)], ...args));
  }, rm);
}

/** fd = helper(xs1, rm) */
function fromInt(): InsnTranslator {
  return fp((ctx, i) => {
    ctx.setF(i.rd, ctx.b.call(ctx.helpers.fp[helperName(i.op)], ctx.getX(i.rs1), ctx.b.i32(i.rm)));
  }, true);
}

/** Memory operand descriptors: immutable, shared by every op. */
const U32: MemOp = { size: 4, signed: false };
const U64: MemOp = { size: 8, signed: false };

const flw: InsnTranslator = fp((ctx, i) => {
  const v = ctx.b.qemuLd('i64', ctx.address(i.rs1, i.imm), U32, ctx.mmuIdx);
  ctx.setF(i.rd, ctx.bin('or', 'i64', v, ctx.i64(BOX)));
});
const fld: InsnTranslator = fp((ctx, i) => {
  ctx.setF(i.rd, ctx.b.qemuLd('i64', ctx.address(i.rs1, i.imm), U64, ctx.mmuIdx));
});
const fsw: InsnTranslator = fp((ctx, i) => {
  ctx.b.qemuSt('i64', ctx.getF(i.rs2), ctx.address(i.rs1, i.imm), U32, ctx.mmuIdx);
});
const fsd: InsnTranslator = fp((ctx, i) => {
  ctx.b.qemuSt('i64', ctx.getF(i.rs2), ctx.address(i.rs1, i.imm), U64, ctx.mmuIdx);
});

/*
 * Fast paths. Host WebAssembly/JavaScript arithmetic is IEEE round-to-nearest-
 * even without flags, so it gives the exact RISC-V result whenever (a) the
 * rounding mode is RNE, (b) fflags.NX is already set (so an inexact result adds
 * no flag; programs accrue NX early and keep it) and (c) the result is a normal
 * number (so no NaN, infinity, overflow, underflow or division by zero was
 * involved). Otherwise the block takes the soft-float helper.
 */

const SIGN64 = -(1n << 63n);
const ABS64 = (1n << 63n) - 1n;
const INF64 = 0x7ff0000000000000n;

/** Branch to `slow` unless fcsr allows host arithmetic: NX accrued and, for the dynamic mode, frm = RNE. */
function requireFastFcsr(ctx: DisasContext, rm: number, slow: Label): void {
  const b = ctx.b;
  const fcsr = b.and('i32', b.ld('i32', RV_ENV.fcsr), b.i32(rm === 7 ? 0xe0 | FFLAGS.NX : FFLAGS.NX));
  b.brcond('i32', 'ne', fcsr, b.i32(FFLAGS.NX), slow);
}

/** Branch to `slow` unless `bits` (binary64 in i64, binary32 in i32) is a normal number. */
function requireNormal(ctx: DisasContext, type: IrType, bits: Value, slow: Label): void {
  const b = ctx.b;
  const [shift, expMask] = type === 'i64' ? [52, 0x7ff] : [23, 0xff];
  const c = (v: number) => (type === 'i64' ? b.i64(v) : b.i32(v));
  const exp = b.and(type, b.shr(type, bits, c(shift)), c(expMask));
  b.brcond(type, 'geu', b.sub(type, exp, c(1)), c(expMask - 1), slow);
}

/**
 * Branch to `slow` unless `r` is normal or a zero that is exact: any zero sum
 * or difference (x + -x), the root of a zero, and a product or quotient whose
 * (dividend) operand is zero. Other zeros may be underflows, which set UF.
 */
function requireNormalOrExactZero(
  ctx: DisasContext, op: FloatBinaryOpc | 'fsqrt', type: IrType, r: Value, ops: Value[], slow: Label,
): void {
  const b = ctx.b;
  const abs = (v: Value) => b.and(type, v, type === 'i64' ? b.i64(ABS64) : b.i32(0x7fffffff));
  const zero = type === 'i64' ? b.i64(0) : b.i32(0);
  const notZero = b.label();
  const ok = b.label();
  b.brcond(type, 'ne', abs(r), zero, notZero);
  if (op === 'fmul') {
    const anyZero = b.or(type, b.setcond(type, 'eq', abs(ops[0]), zero), b.setcond(type, 'eq', abs(ops[1]), zero));
    b.brcond(type, 'eq', anyZero, zero, slow);
  } else if (op === 'fdiv') {
    b.brcond(type, 'ne', abs(ops[0]), zero, slow);
  }
  b.br(ok);
  b.setLabel(notZero);
  requireNormal(ctx, type, r, slow);
  b.setLabel(ok);
}

/** The binary32 in a 64-bit register, branching to `slow` when it is not NaN-boxed. */
function unboxed(ctx: DisasContext, v: Value, slow: Label): Temp {
  const b = ctx.b;
  b.brcond('i64', 'ne', b.shr('i64', v, b.i64(32)), b.i64(0xffffffff), slow);
  return b.trunc(v);
}

/** Branch to `slow` when `bits` is a NaN. */
function requireNotNaN(ctx: DisasContext, type: IrType, bits: Value, slow: Label): void {
  const b = ctx.b;
  if (type === 'i64') b.brcond('i64', 'gtu', b.and('i64', bits, b.i64(ABS64)), b.i64(INF64), slow);
  else b.brcond('i32', 'gtu', b.and('i32', bits, b.i32(0x7fffffff)), b.i32(0x7f800000), slow);
}

/** fd = fs1 op fs2 (or sqrt fs1) with a host fast path and the soft-float helper as the slow path. */
function fastArith(op: FloatBinaryOpc | 'fsqrt', nargs: 1 | 2): InsnTranslator {
  const slowPath = arith(nargs, true);
  return fp((ctx, i) => {
    if (!ctx.fpFastPath || (i.rm !== 0 && i.rm !== 7)) return slowPath(ctx, i);
    const b = ctx.b;
    const slow = b.label();
    const done = b.label();
    const regs = [i.rs1, i.rs2].slice(0, nargs).map((r) => ctx.getF(r));
    const single = i.op.endsWith('.s');
    const type: IrType = single ? 'i32' : 'i64';
    requireFastFcsr(ctx, i.rm, slow);
    const ops = single ? regs.map((v) => unboxed(ctx, v, slow)) : regs;
    const r = op === 'fsqrt' ? b.unary('fsqrt', type, ops[0]) : b.binary(op, type, ops[0], ops[1]);
    requireNormalOrExactZero(ctx, op, type, r, ops, slow);
    ctx.setF(i.rd, single ? b.or('i64', b.zext(r), b.i64(BOX)) : r);
    b.br(done);
    b.setLabel(slow);
    ctx.setF(i.rd, b.call(ctx.helpers.fp[helperName(i.op)], ...regs, b.i32(i.rm)));
    b.setLabel(done);
  }, true);
}

/** xd = fs1 cmp fs2: host compare unless an operand is a NaN (flags and quiet/signaling rules). */
function fastCompare(op: 'feq' | 'flt' | 'fle'): InsnTranslator {
  const slowPath = toInt(2, false);
  return fp((ctx, i) => {
    if (!ctx.fpFastPath) return slowPath(ctx, i);
    const b = ctx.b;
    const slow = b.label();
    const done = b.label();
    const regs = [ctx.getF(i.rs1), ctx.getF(i.rs2)];
    const single = i.op.endsWith('.s');
    const type: IrType = single ? 'i32' : 'i64';
    const ops = single ? regs.map((v) => unboxed(ctx, v, slow)) : regs;
    for (const v of ops) requireNotNaN(ctx, type, v, slow);
    const r = b.binary(op, type, ops[0], ops[1]);
    ctx.setX(i.rd, single ? b.zext(r) : r);
    b.br(done);
    b.setLabel(slow);
    ctx.setX(i.rd, b.call(ctx.helpers.fp[helperName(i.op)], ...regs));
    b.setLabel(done);
  });
}

/** Sign injection on binary64 is pure bit manipulation: no flags, no NaN rules. */
function signInjectD(kind: 'fsgnj' | 'fsgnjn' | 'fsgnjx'): InsnTranslator {
  const slowPath = arith(2, false);
  return fp((ctx, i) => {
    if (!ctx.fpFastPath) return slowPath(ctx, i);
    const b = ctx.b;
    const a = ctx.getF(i.rs1);
    const s = ctx.getF(i.rs2);
    let r: Temp;
    if (kind === 'fsgnjx') r = b.xor('i64', a, b.and('i64', s, b.i64(SIGN64)));
    else {
      const sign = b.and('i64', kind === 'fsgnj' ? s : b.xor('i64', s, b.i64(-1)), b.i64(SIGN64));
      r = b.or('i64', b.and('i64', a, b.i64(ABS64)), sign);
    }
    ctx.setF(i.rd, r);
  });
}

export const RV_FD: Record<string, InsnTranslator> = {
  flw, fld, fsw, fsd,
  // fmv.x.w copies the low 32 bits, sign-extended, with no unboxing.
  'fmv.x.w': fp((ctx, i) => ctx.setX(i.rd, ctx.sext32(ctx.getF(i.rs1)))),
  'fmv.w.x': fp((ctx, i) => ctx.setF(i.rd, ctx.bin('or', 'i64', ctx.b.unary('ext32u', 'i64', ctx.getX(i.rs1)), ctx.i64(BOX)))),
  'fmv.x.d': fp((ctx, i) => ctx.setX(i.rd, ctx.getF(i.rs1))),
  'fmv.d.x': fp((ctx, i) => ctx.setF(i.rd, ctx.getX(i.rs1))),
};

for (const sfx of ['s', 'd']) {
  for (const op of ['fadd', 'fsub', 'fmul', 'fdiv']) RV_FD[`${op}.${sfx}`] = arith(2, true);
  RV_FD[`fsqrt.${sfx}`] = arith(1, true);
  for (const op of ['fmadd', 'fmsub', 'fnmsub', 'fnmadd']) RV_FD[`${op}.${sfx}`] = arith(3, true);
  for (const op of ['fsgnj', 'fsgnjn', 'fsgnjx', 'fmin', 'fmax']) RV_FD[`${op}.${sfx}`] = arith(2, false);
  for (const op of ['feq', 'flt', 'fle']) RV_FD[`${op}.${sfx}`] = toInt(2, false);
  RV_FD[`fclass.${sfx}`] = toInt(1, false);
  for (const t of ['w', 'wu', 'l', 'lu']) {
    RV_FD[`fcvt.${t}.${sfx}`] = toInt(1, true);
    RV_FD[`fcvt.${sfx}.${t}`] = fromInt();
  }
}
for (const sfx of ['s', 'd']) {
  for (const op of ['fadd', 'fsub', 'fmul', 'fdiv'] as const) RV_FD[`${op}.${sfx}`] = fastArith(op, 2);
  RV_FD[`fsqrt.${sfx}`] = fastArith('fsqrt', 1);
  for (const op of ['feq', 'flt', 'fle'] as const) RV_FD[`${op}.${sfx}`] = fastCompare(op);
}
for (const op of ['fsgnj', 'fsgnjn', 'fsgnjx'] as const) RV_FD[`${op}.d`] = signInjectD(op);
RV_FD['fcvt.s.d'] = arith(1, true);
RV_FD['fcvt.d.s'] = arith(1, true);
