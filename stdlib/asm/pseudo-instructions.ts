/**
 * The common pseudo-instructions, expanded exactly as GNU as expands them
 * (RISC-V Assembly Programmer's Manual, "Pseudoinstructions"; the ISA
 * manual's tables of pseudoinstructions for base and CSR instructions).
 *
 * Most expand to fixed templates at parse time; `li` depends on the value of
 * its operand and so is a plan evaluated during layout.
 */
import { csrNumber } from '../../core/target/riscv/csr-names';
import { ColumnError } from './asm-error';
import { template } from './base-syntax';
import { evaluate, type EvalContext, type Expr } from './expression';
import type { ExprOperand, InsnTemplate } from './insn-template';
import { loadImmediate } from './load-immediate';
import type { OperandParser } from './operand-parser';

/** Registers the expansions name (psABI). */
const REG = { zero: 0, ra: 1, t1: 6 } as const;
/** CSRs with dedicated pseudo-instructions (F extension, Zicntr). */
const CSR_OF: Readonly<Record<string, number>> = {
  fcsr: csrNumber('fcsr')!, frm: csrNumber('frm')!, fflags: csrNumber('fflags')!,
  cycle: csrNumber('cycle')!, time: csrNumber('time')!, instret: csrNumber('instret')!,
};

/** Instructions of one statement: fixed, or (li) computed from the evaluated operand. */
export type InsnPlan = (ctx: EvalContext) => InsnTemplate[];

type Expander = (p: OperandParser, column: number) => InsnPlan | InsnTemplate[];

const num = (value: bigint | number, column: number): Expr => ({ kind: 'number', value: BigInt(value), column });
const constOperand = (value: number, column: number): ExprOperand =>
  ({ field: 'imm', expr: num(value, column), kind: 'simm12', column });
const csrOperand = (csr: number, column: number): ExprOperand =>
  ({ field: 'csr', expr: num(csr, column), kind: 'csr', column });

/** `auipc rd, %pcrel_hi(target)` + a second instruction taking the matching low 12 bits. */
function pcrelPair(column: number, rd: number, target: Expr, targetColumn: number, second: (lo: ExprOperand) => InsnTemplate): InsnTemplate[] {
  const hi: ExprOperand = { field: 'imm', expr: { kind: 'reloc', fn: 'pcrel_hi', arg: target, column: targetColumn }, kind: 'uimm20', column: targetColumn };
  const lo: ExprOperand = { field: 'imm', expr: { kind: 'pairLo', arg: target, anchor: -4, column: targetColumn }, kind: 'simm12', column: targetColumn };
  return [template('auipc', column, { rd }, [hi], false), second(lo)];
}

/** rd, rs → `op rd, <a>, <b>` with rs placed by `place`. */
function unary(op: string, place: (rd: number, rs: number) => { rs1: number; rs2?: number; imm?: number }): Expander {
  return (p, column) => {
    const rd = p.reg('x'); p.comma();
    const rs = p.reg('x');
    const { rs1, rs2, imm } = place(rd, rs);
    return [template(op, column, { rd, rs1, rs2: rs2 ?? 0 }, imm === undefined ? [] : [constOperand(imm, column)])];
  };
}

/** Branch against zero: `beqz rs, target` → `beq rs, x0, target` (or x0 first when `zeroFirst`). */
function branchZero(op: string, zeroFirst: boolean): Expander {
  return (p, column) => {
    const rs = p.reg('x'); p.comma();
    const { expr, column: c } = p.expr();
    const regs = zeroFirst ? { rs1: REG.zero, rs2: rs } : { rs1: rs, rs2: REG.zero };
    return [template(op, column, regs, [{ field: 'imm', expr, kind: 'branch', column: c }])];
  };
}

/** Branch with swapped operands: `bgt rs, rt, target` → `blt rt, rs, target`. */
function branchSwapped(op: string): Expander {
  return (p, column) => {
    const rs = p.reg('x'); p.comma();
    const rt = p.reg('x'); p.comma();
    const { expr, column: c } = p.expr();
    return [template(op, column, { rs1: rt, rs2: rs }, [{ field: 'imm', expr, kind: 'branch', column: c }])];
  };
}

/** `csrr rd, csr`-style reads of a fixed CSR (`rdcycle rd`, `frcsr rd`). */
function readCsr(csr: number): Expander {
  return (p, column) => [template('csrrs', column, { rd: p.reg('x'), rs1: REG.zero }, [csrOperand(csr, column)])];
}

/** `fscsr rs` / `fscsr rd, rs` (and `fsrmi imm` / `fsrmi rd, imm` when `immediate`). */
function writeCsr(csr: number, immediate: boolean): Expander {
  return (p, column) => {
    let rd: number = REG.zero;
    if (p.isReg('x') && p.cur.peek(1)?.text === ',') { rd = p.reg('x'); p.comma(); }
    if (immediate) {
      const { expr, column: c } = p.expr();
      return [template('csrrwi', column, { rd }, [csrOperand(csr, column), { field: 'imm', expr, kind: 'uimm5', column: c }])];
    }
    return [template('csrrw', column, { rd, rs1: p.reg('x') }, [csrOperand(csr, column)])];
  };
}

/** `csrw csr, rs` → `csrrw x0, csr, rs` (an immediate source picks the `…i` form, as GNU as does). */
function csrWrite(op: string, forceImmediate: boolean): Expander {
  return (p, column) => {
    const csr = p.csr(); p.comma();
    const c: ExprOperand = { field: 'csr', expr: csr.expr, kind: 'csr', column: csr.column, undefinedMessage: csr.undefinedMessage };
    if (forceImmediate || !p.isReg('x')) {
      const { expr, column: ic } = p.expr();
      return [template(`${op}i`, column, { rd: REG.zero }, [c, { field: 'imm', expr, kind: 'uimm5', column: ic }])];
    }
    return [template(op, column, { rd: REG.zero, rs1: p.reg('x') }, [c])];
  };
}

/** fmv/fabs/fneg.{s,d} rd, rs → fsgnj{,x,n}.{s,d} rd, rs, rs. */
function signInjection(op: string): Expander {
  return (p, column) => {
    const rd = p.reg('f'); p.comma();
    const rs = p.reg('f');
    return [template(op, column, { rd, rs1: rs, rs2: rs })];
  };
}

/** `li rd, value`: GNU as's constant sequence, planned once the value is known. */
const li: Expander = (p, column) => {
  const rd = p.reg('x'); p.comma();
  const { expr, column: c } = p.expr();
  return (ctx: EvalContext) => {
    const v = evaluate(expr, ctx);
    return loadImmediate(v.value).map((s) => {
      const rs1 = s.rs1 === 'rd' ? rd : REG.zero;
      if (s.op === 'lui') {
        return template('lui', column, { rd }, [{ field: 'imm', expr: num((s.imm >>> 12) & 0xfffff, c), kind: 'uimm20', column: c }]);
      }
      return template(s.op, column, { rd, rs1 }, [{ field: 'imm', expr: num(s.imm, c), kind: s.op === 'slli' ? 'shamt6' : 'simm12', column: c }]);
    });
  };
};

/** `la`/`lla rd, symbol` → auipc + addi (non-PIC, as GNU as assembles `la` by default). */
const la: Expander = (p, column) => {
  const rd = p.reg('x'); p.comma();
  const { expr, column: c } = p.expr();
  return pcrelPair(column, rd, expr, c, (lo) => template('addi', column, { rd, rs1: rd }, [lo], false));
};

/** `call target` → auipc ra, … ; jalr ra, …(ra). `call rd, target` goes through t1 (as GNU as does). */
const call: Expander = (p, column) => {
  let rd: number = REG.ra;
  let temp: number = REG.ra;
  if (p.isReg('x') && p.cur.peek(1)?.text === ',') { rd = p.reg('x'); p.comma(); temp = REG.t1; }
  const { expr, column: c } = p.expr();
  return pcrelPair(column, temp, expr, c, (lo) => template('jalr', column, { rd, rs1: temp }, [lo], false));
};

/** `tail target` → auipc t1, … ; jalr x0, …(t1). */
const tail: Expander = (p, column) => {
  const { expr, column: c } = p.expr();
  return pcrelPair(column, REG.t1, expr, c, (lo) => template('jalr', column, { rd: REG.zero, rs1: REG.t1 }, [lo], false));
};

/** `j target` → jal x0, target. */
const j: Expander = (p, column) => {
  const { expr, column: c } = p.expr();
  return [template('jal', column, { rd: REG.zero }, [{ field: 'imm', expr, kind: 'jump', column: c }])];
};

/** `jr rs` (or `jr offset(rs)`) → jalr x0, offset(rs). */
const jr: Expander = (p, column) => {
  const m = p.isReg('x') ? { base: p.reg('x'), offset: num(0, column), column } : p.mem();
  const offset: ExprOperand = { field: 'imm', expr: m.offset, kind: 'simm12', column: m.column };
  return [template('jalr', column, { rd: REG.zero, rs1: m.base }, [offset], m.offset.kind === 'number')];
};

/** Every pseudo-instruction, by mnemonic. */
const PSEUDO: Readonly<Record<string, Expander>> = {
  nop: (_p, column) => [template('addi', column, {}, [constOperand(0, column)])],
  li, la, lla: la, call, tail, j, jr,
  ret: (_p, column) => [template('jalr', column, { rd: REG.zero, rs1: REG.ra }, [constOperand(0, column)])],
  mv: unary('addi', (_rd, rs) => ({ rs1: rs, imm: 0 })),
  not: unary('xori', (_rd, rs) => ({ rs1: rs, imm: -1 })),
  neg: unary('sub', (_rd, rs) => ({ rs1: REG.zero, rs2: rs })),
  negw: unary('subw', (_rd, rs) => ({ rs1: REG.zero, rs2: rs })),
  'sext.w': unary('addiw', (_rd, rs) => ({ rs1: rs, imm: 0 })),
  'zext.b': unary('andi', (_rd, rs) => ({ rs1: rs, imm: 255 })),
  seqz: unary('sltiu', (_rd, rs) => ({ rs1: rs, imm: 1 })),
  snez: unary('sltu', (_rd, rs) => ({ rs1: REG.zero, rs2: rs })),
  sltz: unary('slt', (_rd, rs) => ({ rs1: rs, rs2: REG.zero })),
  sgtz: unary('slt', (_rd, rs) => ({ rs1: REG.zero, rs2: rs })),
  beqz: branchZero('beq', false), bnez: branchZero('bne', false),
  blez: branchZero('bge', true), bgez: branchZero('bge', false),
  bltz: branchZero('blt', false), bgtz: branchZero('blt', true),
  bgt: branchSwapped('blt'), ble: branchSwapped('bge'), bgtu: branchSwapped('bltu'), bleu: branchSwapped('bgeu'),
  csrr: (p, column) => {
    const rd = p.reg('x'); p.comma();
    const csr = p.csr();
    return [template('csrrs', column, { rd, rs1: REG.zero }, [{ field: 'csr', expr: csr.expr, kind: 'csr', column: csr.column, undefinedMessage: csr.undefinedMessage }])];
  },
  csrw: csrWrite('csrrw', false), csrs: csrWrite('csrrs', false), csrc: csrWrite('csrrc', false),
  csrwi: csrWrite('csrrw', true), csrsi: csrWrite('csrrs', true), csrci: csrWrite('csrrc', true),
  rdcycle: readCsr(CSR_OF.cycle), rdtime: readCsr(CSR_OF.time), rdinstret: readCsr(CSR_OF.instret),
  frcsr: readCsr(CSR_OF.fcsr), frrm: readCsr(CSR_OF.frm), frflags: readCsr(CSR_OF.fflags),
  fscsr: writeCsr(CSR_OF.fcsr, false), fsrm: writeCsr(CSR_OF.frm, false), fsflags: writeCsr(CSR_OF.fflags, false),
  fsrmi: writeCsr(CSR_OF.frm, true), fsflagsi: writeCsr(CSR_OF.fflags, true),
  'fmv.s': signInjection('fsgnj.s'), 'fmv.d': signInjection('fsgnj.d'),
  'fabs.s': signInjection('fsgnjx.s'), 'fabs.d': signInjection('fsgnjx.d'),
  'fneg.s': signInjection('fsgnjn.s'), 'fneg.d': signInjection('fsgnjn.d'),
  'fence.tso': (_p, column) => [template('fence', column, { fm: 0b1000, pred: 0b0011, succ: 0b0011 })],
  pause: (_p, column) => [template('fence', column, { pred: 0b0001, succ: 0 })],
  // csrrw x0, cycle, x0: GNU as's 32-bit `unimp` (c.unimp, all zeros, under .option rvc).
  unimp: (_p, column) => [template('csrrw', column, {}, [csrOperand(CSR_OF.cycle, column)], false)],
};

/** True when `mnemonic` is a pseudo-instruction. */
export function isPseudo(mnemonic: string): boolean {
  return Object.prototype.hasOwnProperty.call(PSEUDO, mnemonic);
}

/** Parse pseudo-instruction `mnemonic`'s operands into a plan. */
export function parsePseudo(mnemonic: string, column: number, p: OperandParser): InsnPlan {
  const expander = PSEUDO[mnemonic];
  if (expander === undefined) throw new ColumnError(column, `unknown instruction '${mnemonic}'`);
  const r = expander(p, column);
  return typeof r === 'function' ? r : () => r;
}
