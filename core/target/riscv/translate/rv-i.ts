import { BinaryOpc, Cond, MemOp } from '../../../ir/ir';
import { InsnTranslator } from './context';

/** RV64I: integer computation, control transfer, loads and stores. */

function aluImm(opc: BinaryOpc): InsnTranslator {
  return (ctx, i) => ctx.setX(i.rd, ctx.bin(opc, 'i64', ctx.getX(i.rs1), ctx.i64(i.imm)));
}

function aluReg(opc: BinaryOpc): InsnTranslator {
  return (ctx, i) => ctx.setX(i.rd, ctx.bin(opc, 'i64', ctx.getX(i.rs1), ctx.getX(i.rs2)));
}

/** W-form: operate on the low 32 bits, sign-extend the 32-bit result. */
function aluRegW(opc: BinaryOpc): InsnTranslator {
  return (ctx, i) => {
    const r = ctx.bin(opc, 'i32', ctx.lo32(ctx.getX(i.rs1)), ctx.lo32(ctx.getX(i.rs2)));
    ctx.setX(i.rd, ctx.b.sext(r));
  };
}

function aluImmW(opc: BinaryOpc): InsnTranslator {
  return (ctx, i) => {
    const r = ctx.bin(opc, 'i32', ctx.lo32(ctx.getX(i.rs1)), ctx.b.i32(i.imm));
    ctx.setX(i.rd, ctx.b.sext(r));
  };
}

function setLess(cond: Cond, imm: boolean): InsnTranslator {
  return (ctx, i) => ctx.setX(i.rd, ctx.b.setcond('i64', cond, ctx.getX(i.rs1), imm ? ctx.i64(i.imm) : ctx.getX(i.rs2)));
}

function branch(cond: Cond): InsnTranslator {
  return (ctx, i) => {
    const taken = ctx.b.label();
    ctx.b.brcond('i64', cond, ctx.getX(i.rs1), ctx.getX(i.rs2), taken);
    ctx.gotoTb(0, ctx.nextPc);
    ctx.b.setLabel(taken);
    ctx.gotoTb(1, ctx.pc + BigInt(i.imm));
    ctx.end = 'jump';
  };
}

function load(size: MemOp['size'], signed: boolean): InsnTranslator {
  const memop: MemOp = { size, signed }; // immutable: one per translator, not per op
  return (ctx, i) => {
    const v = ctx.b.qemuLd('i64', ctx.address(i.rs1, i.imm), memop, ctx.mmuIdx);
    ctx.setX(i.rd, v);
  };
}

function store(size: MemOp['size']): InsnTranslator {
  const memop: MemOp = { size, signed: false };
  return (ctx, i) => {
    ctx.b.qemuSt('i64', ctx.getX(i.rs2), ctx.address(i.rs1, i.imm), memop, ctx.mmuIdx);
  };
}

export const RV_I: Record<string, InsnTranslator> = {
  lui: (ctx, i) => ctx.setX(i.rd, ctx.i64(i.imm)),
  auipc: (ctx, i) => ctx.setX(i.rd, ctx.i64(ctx.pc + BigInt(i.imm))),
  jal: (ctx, i) => {
    ctx.setX(i.rd, ctx.i64(ctx.nextPc));
    ctx.gotoTb(0, ctx.pc + BigInt(i.imm));
    ctx.end = 'jump';
  },
  jalr: (ctx, i) => {
    // The target is computed before rd is written: rd may be rs1.
    const target = ctx.bin('and', 'i64', ctx.address(i.rs1, i.imm), ctx.i64(-2));
    ctx.setX(i.rd, ctx.i64(ctx.nextPc));
    ctx.b.gotoPtr(target);
    ctx.end = 'jump';
  },
  beq: branch('eq'), bne: branch('ne'), blt: branch('lt'), bge: branch('ge'), bltu: branch('ltu'), bgeu: branch('geu'),
  lb: load(1, true), lh: load(2, true), lw: load(4, true), ld: load(8, true),
  lbu: load(1, false), lhu: load(2, false), lwu: load(4, false),
  sb: store(1), sh: store(2), sw: store(4), sd: store(8),
  addi: aluImm('add'), xori: aluImm('xor'), ori: aluImm('or'), andi: aluImm('and'),
  slli: aluImm('shl'), srli: aluImm('shr'), srai: aluImm('sar'),
  slti: setLess('lt', true), sltiu: setLess('ltu', true),
  add: aluReg('add'), sub: aluReg('sub'), sll: aluReg('shl'), srl: aluReg('shr'), sra: aluReg('sar'),
  xor: aluReg('xor'), or: aluReg('or'), and: aluReg('and'),
  slt: setLess('lt', false), sltu: setLess('ltu', false),
  addiw: aluImmW('add'), slliw: aluImmW('shl'), srliw: aluImmW('shr'), sraiw: aluImmW('sar'),
  addw: aluRegW('add'), subw: aluRegW('sub'), sllw: aluRegW('shl'), srlw: aluRegW('shr'), sraw: aluRegW('sar'),
  // A single hart observes its own memory in order; fences order nothing more here.
  fence: () => {},
};

/** RV64M: multiplication and division (the IR's div/rem are total, as RISC-V defines them). */
export const RV_M: Record<string, InsnTranslator> = {
  mul: aluReg('mul'), mulh: aluReg('mulsh'), mulhsu: aluReg('mulsuh'), mulhu: aluReg('muluh'),
  div: aluReg('div'), divu: aluReg('divu'), rem: aluReg('rem'), remu: aluReg('remu'),
  mulw: aluRegW('mul'), divw: aluRegW('div'), divuw: aluRegW('divu'), remw: aluRegW('rem'), remuw: aluRegW('remu'),
};
