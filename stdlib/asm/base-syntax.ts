/**
 * Operand syntax of the 32-bit instructions (every row of `ENCODINGS_32`),
 * as GNU as and objdump write them: which operands, in which order, from
 * which register file, per encoding format.
 */
import { compilePattern } from '../../core/target/riscv/decoder';
import { OPCODE, type Encoding32, type Xlen } from '../../core/target/riscv/encoding';
import { ColumnError } from './asm-error';
import { encoding32, noFields, type InsnFields } from './instruction-encoder';
import type { ExprOperand, ImmediateKind, InsnTemplate } from './insn-template';
import type { OperandParser } from './operand-parser';
import type { RegisterFile } from './registers';

/** `rm` value meaning "use frm" (the default when the operand is omitted). */
const RM_DYN = 7;
/** Conversions that are always exact: GNU as encodes them with rm = 0 (rne) unless told otherwise. */
const EXACT_CONVERSIONS = new Set(['fcvt.d.s', 'fcvt.d.w', 'fcvt.d.wu']);

/** Which register file rd, rs1, rs2, rs3 of `op` come from. */
export function registerFiles(enc: Encoding32): { rd: RegisterFile; rs1: RegisterFile; rs2: RegisterFile } {
  const X = { rd: 'x', rs1: 'x', rs2: 'x' } as const;
  if (enc.ext !== 'F' && enc.ext !== 'D') return X;
  const major = compilePattern(enc.pattern, 32).match & 0x7f;
  if (major === OPCODE.LOAD_FP) return { rd: 'f', rs1: 'x', rs2: 'x' };
  if (major === OPCODE.STORE_FP) return { rd: 'x', rs1: 'x', rs2: 'f' };
  const [name, a, b] = enc.op.split('.');
  const isInt = (t: string | undefined) => t === 'w' || t === 'wu' || t === 'l' || t === 'lu' || t === 'x';
  if (name === 'feq' || name === 'flt' || name === 'fle' || name === 'fclass') return { rd: 'x', rs1: 'f', rs2: 'f' };
  // fmv.x.w moves to an x register, fmv.w.x from one; fcvt names both sides' types.
  if (name === 'fmv') return { rd: a === 'x' ? 'x' : 'f', rs1: b === 'x' ? 'x' : 'f', rs2: 'f' };
  if (name === 'fcvt') return { rd: isInt(a) ? 'x' : 'f', rs1: isInt(b) ? 'x' : 'f', rs2: 'f' };
  return { rd: 'f', rs1: 'f', rs2: 'f' };
}

/** Split `amoadd.w.aqrl` into the base op and its ordering bits. */
function orderingSuffix(mnemonic: string): { op: string; aq: boolean; rl: boolean } {
  const m = /^(.*?)(\.aqrl|\.aq|\.rl)$/.exec(mnemonic);
  if (m === null || !/^(lr|sc|amo)/.test(m[1])) return { op: mnemonic, aq: false, rl: false };
  return { op: m[1], aq: m[2] !== '.rl', rl: m[2] !== '.aq' };
}

/** Helper building a template with fixed fields and expression operands. */
export function template(
  op: string, column: number, fields: Partial<InsnFields>, operands: ExprOperand[] = [], compressible = true,
): InsnTemplate {
  return { op, column, fields: { ...noFields(), ...fields }, operands, compressible };
}

/** True when an expression is a plain number (GNU as compresses only constant operands). */
function isConstant(o: ExprOperand): boolean {
  const e = o.expr;
  return e.kind === 'number' || (e.kind === 'unary' && e.arg.kind === 'number');
}

/**
 * Parse the operands of a 32-bit instruction `mnemonic` (with `.aq`/`.rl`
 * suffixes for atomics). Returns undefined when no 32-bit instruction has
 * that name.
 */
export function parseBaseInstruction(mnemonic: string, column: number, p: OperandParser, xlen: Xlen): InsnTemplate[] | undefined {
  const { op, aq, rl } = orderingSuffix(mnemonic);
  const enc = encoding32(op, xlen);
  if (enc === undefined) return undefined;
  if ((aq || rl) && enc.format !== 'AMO' && enc.format !== 'LR') return undefined;
  const files = registerFiles(enc);
  const major = compilePattern(enc.pattern, 32).match & 0x7f;
  const imm = (kind: ImmediateKind): ExprOperand => {
    const { expr, column: c } = p.expr();
    return { field: 'imm', expr, kind, column: c };
  };
  const one = (fields: Partial<InsnFields>, operands: ExprOperand[] = [], relaxable = false) =>
    [template(op, column, fields, operands, relaxable || operands.every(isConstant))];
  const optionalRm = (dflt: number) => (p.more() ? p.roundingMode() : dflt);

  switch (enc.format) {
    case 'R': {
      const rd = p.reg(files.rd); p.comma();
      const rs1 = p.reg(files.rs1); p.comma();
      const immForm = encoding32(op.endsWith('w') ? `${op.slice(0, -1)}iw` : `${op}i`, xlen);
      if (files.rs2 === 'x' && immForm !== undefined && !p.isReg('x')) {
        // `add a0, a1, 5` is addi (objdump prints addi that way, and GNU as reads it back).
        const kind = immForm.format === 'I_shamt' ? (immForm.op.endsWith('w') ? 'shamt5' : 'shamt6') : 'simm12';
        return [template(immForm.op, column, { rd, rs1 }, [imm(kind)], true)].map((t) => ({ ...t, compressible: t.operands.every(isConstant) }));
      }
      return one({ rd, rs1, rs2: p.reg(files.rs2) });
    }
    case 'R_rm': {
      const rd = p.reg(files.rd); p.comma();
      const rs1 = p.reg(files.rs1); p.comma();
      const rs2 = p.reg(files.rs2);
      return one({ rd, rs1, rs2, rm: optionalRm(RM_DYN) });
    }
    case 'R1': {
      const rd = p.reg(files.rd); p.comma();
      return one({ rd, rs1: p.reg(files.rs1) });
    }
    case 'R1_rm': {
      const rd = p.reg(files.rd); p.comma();
      const rs1 = p.reg(files.rs1);
      return one({ rd, rs1, rm: optionalRm(EXACT_CONVERSIONS.has(op) ? 0 : RM_DYN) });
    }
    case 'R4': {
      const rd = p.reg('f'); p.comma();
      const rs1 = p.reg('f'); p.comma();
      const rs2 = p.reg('f'); p.comma();
      const rs3 = p.reg('f');
      return one({ rd, rs1, rs2, rs3, rm: optionalRm(RM_DYN) });
    }
    case 'I': {
      if (op === 'jalr') return parseJalr(p, column);
      if (major === OPCODE.LOAD || major === OPCODE.LOAD_FP) {
        const rd = p.reg(files.rd); p.comma();
        const m = p.mem(major === OPCODE.LOAD);
        if (m.base === undefined) {
          // `lw rd, symbol`: GNU as loads pc-relatively through rd.
          return [
            template('auipc', column, { rd }, [{ field: 'imm', expr: { kind: 'reloc', fn: 'pcrel_hi', arg: m.offset, column: m.column }, kind: 'uimm20', column: m.column }], false),
            template(op, column, { rd, rs1: rd }, [{ field: 'imm', expr: { kind: 'pairLo', arg: m.offset, anchor: -4, column: m.column }, kind: 'simm12', column: m.column }], false),
          ];
        }
        const o: ExprOperand = { field: 'imm', expr: m.offset, kind: 'simm12', column: m.column };
        return one({ rd, rs1: m.base }, [o]);
      }
      const rd = p.reg(files.rd); p.comma();
      const rs1 = p.reg(files.rs1); p.comma();
      return one({ rd, rs1 }, [imm('simm12')]);
    }
    case 'I_shamt': {
      const rd = p.reg('x'); p.comma();
      const rs1 = p.reg('x'); p.comma();
      return one({ rd, rs1 }, [imm(op.endsWith('w') || xlen === 32 ? 'shamt5' : 'shamt6')]);
    }
    case 'S': {
      const rs2 = p.reg(files.rs2); p.comma();
      const m = p.mem(major === OPCODE.STORE);
      if (m.base === undefined) {
        // `sw rs2, symbol, rt`: GNU as addresses the symbol through the temporary rt.
        p.comma();
        const rt = p.reg('x');
        return [
          template('auipc', column, { rd: rt }, [{ field: 'imm', expr: { kind: 'reloc', fn: 'pcrel_hi', arg: m.offset, column: m.column }, kind: 'uimm20', column: m.column }], false),
          template(op, column, { rs1: rt, rs2 }, [{ field: 'imm', expr: { kind: 'pairLo', arg: m.offset, anchor: -4, column: m.column }, kind: 'simm12', column: m.column }], false),
        ];
      }
      return one({ rs1: m.base, rs2 }, [{ field: 'imm', expr: m.offset, kind: 'simm12', column: m.column }]);
    }
    case 'B': {
      const rs1 = p.reg('x'); p.comma();
      const rs2 = p.reg('x'); p.comma();
      return one({ rs1, rs2 }, [imm('branch')], true);
    }
    case 'U': {
      const rd = p.reg('x'); p.comma();
      return one({ rd }, [imm('uimm20')]);
    }
    case 'J': {
      // `jal target` links through ra; `jal rd, target`.
      // GNU as compresses the `j` pseudo-instruction, never an explicit jal (c.jal is RV32 only).
      const rd = p.isReg('x') && p.cur.peek(1)?.text === ',' ? p.reg('x') : 1;
      if (rd !== 1 || p.cur.peek()?.text === ',') p.comma();
      return [template(op, column, { rd }, [imm('jump')], false)];
    }
    case 'AMO': {
      const rd = p.reg('x'); p.comma();
      const rs2 = p.reg('x'); p.comma();
      return one({ rd, rs2, rs1: p.amoAddress(), aq, rl });
    }
    case 'LR': {
      const rd = p.reg('x'); p.comma();
      return one({ rd, rs1: p.amoAddress(), aq, rl });
    }
    case 'CSR': case 'CSRI': {
      const rd = p.reg('x'); p.comma();
      const csr = p.csr(); p.comma();
      const csrOperand: ExprOperand = { field: 'csr', expr: csr.expr, kind: 'csr', column: csr.column, undefinedMessage: csr.undefinedMessage };
      // GNU as picks the immediate form when the source is not a register (`csrrw a0, mstatus, 5`).
      if (enc.format === 'CSR' && !p.isReg('x')) {
        return [template(`${op}i`, column, { rd }, [csrOperand, imm('uimm5')])];
      }
      if (enc.format === 'CSR') return one({ rd, rs1: p.reg('x') }, [csrOperand]);
      return one({ rd }, [csrOperand, imm('uimm5')]);
    }
    case 'FENCE': {
      if (p.cur.atEnd()) return one({ pred: 0xf, succ: 0xf });
      const pred = p.fenceSet(); p.comma();
      return one({ pred, succ: p.fenceSet() });
    }
    case 'SFENCE': {
      if (p.cur.atEnd()) return one({});
      const rs1 = p.reg('x');
      return one({ rs1, rs2: p.more() ? p.reg('x') : 0 });
    }
    case 'NONE':
      return one({});
  }
}

/**
 * `jalr rs`, `jalr rd, rs`, `jalr rd, rs, imm`, `jalr rd, imm(rs)`, `jalr imm(rs)`. Under RVC GNU as
 * compresses only the one-register form (c.jalr).
 */
function parseJalr(p: OperandParser, column: number): InsnTemplate[] {
  const zero = (c: number): ExprOperand => ({ field: 'imm', expr: { kind: 'number', value: 0n, column: c }, kind: 'simm12', column: c });
  const c0 = p.cur.column();
  if (p.isReg('x') && p.cur.atEnd() === false && p.cur.peek(1) === undefined) {
    return [template('jalr', column, { rd: 1, rs1: p.reg('x') }, [zero(c0)])];
  }
  if (!p.isReg('x')) {
    const m = p.mem();
    return [template('jalr', column, { rd: 1, rs1: m.base }, [{ field: 'imm', expr: m.offset, kind: 'simm12', column: m.column }], false)];
  }
  const rd = p.reg('x'); p.comma();
  if (p.isReg('x') && (p.cur.peek(1) === undefined || p.cur.peek(1)?.text === ',')) {
    const rs1 = p.reg('x');
    if (!p.more()) return [template('jalr', column, { rd, rs1 }, [zero(c0)], false)];
    const { expr, column: c } = p.expr();
    return [template('jalr', column, { rd, rs1 }, [{ field: 'imm', expr, kind: 'simm12', column: c }], false)];
  }
  const m = p.mem();
  if (m.base === undefined) throw new ColumnError(m.column, "expected 'offset(register)'");
  return [template('jalr', column, { rd, rs1: m.base }, [{ field: 'imm', expr: m.offset, kind: 'simm12', column: m.column }], false)];
}
