import { InsnTranslator } from './context';

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

function helperName(op: string): string {
  return op.replace(/\./g, '_');
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

const flw: InsnTranslator = fp((ctx, i) => {
  const v = ctx.b.qemuLd('i64', ctx.address(i.rs1, i.imm), { size: 4, signed: false }, ctx.mmuIdx);
  ctx.setF(i.rd, ctx.bin('or', 'i64', v, ctx.i64(BOX)));
});
const fld: InsnTranslator = fp((ctx, i) => {
  ctx.setF(i.rd, ctx.b.qemuLd('i64', ctx.address(i.rs1, i.imm), { size: 8, signed: false }, ctx.mmuIdx));
});
const fsw: InsnTranslator = fp((ctx, i) => {
  ctx.b.qemuSt('i64', ctx.getF(i.rs2), ctx.address(i.rs1, i.imm), { size: 4, signed: false }, ctx.mmuIdx);
});
const fsd: InsnTranslator = fp((ctx, i) => {
  ctx.b.qemuSt('i64', ctx.getF(i.rs2), ctx.address(i.rs1, i.imm), { size: 8, signed: false }, ctx.mmuIdx);
});

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
RV_FD['fcvt.s.d'] = arith(1, true);
RV_FD['fcvt.d.s'] = arith(1, true);
