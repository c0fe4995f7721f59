import { EXC } from '../spec';
import { AMO_OP, CSR_OP } from '../helpers/helper-table';
import { DisasContext, InsnTranslator } from './context';
import { RV_ENV } from '../cpu-layout';

/** Zicsr, Zifencei, the privileged instructions, and the A extension. */

function csrInsn(op: number, immediate: boolean): InsnTranslator {
  return (ctx, i) => {
    const src = immediate ? ctx.i64(i.imm) : ctx.getX(i.rs1);
    const srcIsZero = immediate ? i.imm === 0 : i.rs1 === 0;
    // csrrw/csrrwi with rd=x0 do not read; csrrs/csrrc with a zero source do not write.
    let mode = op;
    if (op !== CSR_OP.write || i.rd !== 0) mode |= CSR_OP.read;
    if (op === CSR_OP.write || !srcIsZero) mode |= CSR_OP.doWrite;
    const old = ctx.b.call(ctx.helpers.csr, ctx.b.i32(i.csr), src, ctx.b.i32(i.raw | 0), ctx.b.i32(mode));
    ctx.setX(i.rd, old);
    // A CSR write can change privilege-dependent translation state or enable interrupts: the
    // helper says whether it did (RV_ENV.csrExit), and only then does the block return to the
    // loop; otherwise it goes on to the next instruction through a chain slot. A plain read
    // (rdtime in a delay loop) changes nothing and the block simply goes on.
    if (mode & CSR_OP.doWrite) {
      const goOn = ctx.b.label();
      ctx.b.brcond('i32', 'eq', ctx.b.ld('i32', RV_ENV.csrExit), ctx.b.i32(0), goOn);
      ctx.exitAfter();
      ctx.b.setLabel(goOn);
      ctx.gotoTb(0, ctx.nextPc);
      ctx.end = 'jump';
    }
  };
}

const ECALL_CAUSE: Record<number, number> = { 0: EXC.ecallFromU, 1: EXC.ecallFromS, 3: EXC.ecallFromM };

function amo(op: number, size: 4 | 8): InsnTranslator {
  return (ctx, i) => {
    const r = ctx.b.call(ctx.helpers.amo, ctx.b.i32(op), ctx.getX(i.rs1), ctx.getX(i.rs2), ctx.b.i32(size | (ctx.mmuIdx << 8)));
    ctx.setX(i.rd, r);
  };
}

function amoGroup(size: 4 | 8, suffix: string): Record<string, InsnTranslator> {
  const out: Record<string, InsnTranslator> = {};
  for (const [name, op] of Object.entries(AMO_OP)) out[`amo${name}.${suffix}`] = amo(op, size);
  out[`lr.${suffix}`] = (ctx, i) => {
    ctx.setX(i.rd, ctx.b.call(ctx.helpers.lr, ctx.getX(i.rs1), ctx.b.i32(size | (ctx.mmuIdx << 8))));
  };
  out[`sc.${suffix}`] = (ctx, i) => {
    ctx.setX(i.rd, ctx.b.call(ctx.helpers.sc, ctx.getX(i.rs1), ctx.getX(i.rs2), ctx.b.i32(size | (ctx.mmuIdx << 8))));
  };
  return out;
}

export const RV_SYSTEM: Record<string, InsnTranslator> = {
  csrrw: csrInsn(CSR_OP.write, false),
  csrrs: csrInsn(CSR_OP.set, false),
  csrrc: csrInsn(CSR_OP.clear, false),
  csrrwi: csrInsn(CSR_OP.write, true),
  csrrsi: csrInsn(CSR_OP.set, true),
  csrrci: csrInsn(CSR_OP.clear, true),
  ecall: (ctx) => ctx.raise(ECALL_CAUSE[ctx.priv], 0n),
  ebreak: (ctx) => ctx.raise(EXC.breakpoint, ctx.pc),
  // Stores to translated code already invalidated it (pages holding code are
  // write-protected in the TLB); ending the block makes the next fetch see it.
  'fence.i': (ctx) => ctx.exitAfter(),
  mret: (ctx: DisasContext) => {
    ctx.b.call(ctx.helpers.mret);
    ctx.b.exitTb();
    ctx.end = 'exit';
  },
  sret: (ctx: DisasContext) => {
    ctx.b.call(ctx.helpers.sret);
    ctx.b.exitTb();
    ctx.end = 'exit';
  },
  wfi: (ctx, i) => {
    ctx.b.call(ctx.helpers.wfi, ctx.b.i32(i.raw | 0));
    ctx.exitAfter();
  },
  'sfence.vma': (ctx, i) => {
    ctx.b.call(ctx.helpers.sfenceVma, ctx.b.i32(i.raw | 0), ctx.getX(i.rs1));
    ctx.exitAfter();
  },
  ...amoGroup(4, 'w'),
  ...amoGroup(8, 'd'),
};
