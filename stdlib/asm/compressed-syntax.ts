/**
 * Operand syntax of the explicit RVC mnemonics (`c.addi a0, 1`,
 * `c.lw a0, 4(a1)`, `c.j label`), as GNU as writes them. The operands become
 * the fields of the base instruction the RVC form expands to, so the encoder
 * can check them by round-tripping through the decoder.
 */
import type { Xlen } from '../../core/target/riscv/encoding';
import type { Expr } from './expression';
import { encoding16, noFields, type InsnFields } from './instruction-encoder';
import type { ExprOperand, ImmediateKind, InsnTemplate } from './insn-template';
import type { OperandParser } from './operand-parser';

/** Stack pointer: the implicit base of the `*sp` forms. */
const SP = 2;

/** Parse the operands of RVC mnemonic `cname`; undefined when there is no such mnemonic. */
export function parseCompressedInstruction(cname: string, column: number, p: OperandParser, xlen: Xlen): InsnTemplate[] | undefined {
  const enc = encoding16(cname, xlen);
  if (enc === undefined) return undefined;
  const fp = enc.ext === 'F' || enc.ext === 'D';
  const dataFile = fp ? 'f' : 'x';
  const make = (fields: Partial<InsnFields>, operands: ExprOperand[] = []): InsnTemplate[] => [{
    op: enc.op, cname, column, fields: { ...noFields(), ...enc.implicit, ...fields }, operands, compressible: true,
  }];
  const imm = (kind: ImmediateKind = 'rvc'): ExprOperand => {
    const { expr, column: c } = p.expr();
    return { field: 'imm', expr, kind, column: c };
  };
  /** c.lui takes the 20-bit upper value like lui; the field holds it sign-extended from 20 bits and shifted. */
  const upper = (): ExprOperand => {
    const { expr, column: c } = p.expr();
    const n = (value: bigint): Expr => ({ kind: 'number', value, column: c });
    const bin = (op: string, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right, column: c });
    const signExtended = bin('-', bin('^', expr, n(0x80000n)), n(0x80000n));
    return { field: 'imm', expr: bin('<<', signExtended, n(12n)), kind: 'rvc', column: c };
  };
  const memOperand = (): { base: number; o: ExprOperand } => {
    const m = p.mem();
    return { base: m.base ?? 0, o: { field: 'imm', expr: m.offset, kind: 'rvc', column: m.column } };
  };

  switch (enc.format) {
    case 'CIW_addi4spn': {
      const rd = p.reg('x'); p.comma();
      const rs1 = p.reg('x'); p.comma();
      return make({ rd, rs1 }, [imm()]);
    }
    case 'CL_w': case 'CL_d': case 'CI_lwsp': case 'CI_ldsp': {
      const rd = p.reg(dataFile); p.comma();
      const { base, o } = memOperand();
      return make({ rd, rs1: base }, [o]);
    }
    case 'CS_w': case 'CS_d': case 'CSS_swsp': case 'CSS_sdsp': {
      const rs2 = p.reg(dataFile); p.comma();
      const { base, o } = memOperand();
      return make({ rs1: base, rs2 }, [o]);
    }
    case 'CI': {
      if (cname === 'c.nop') return make({}, p.cur.atEnd() ? [] : [imm()]);
      const rd = p.reg('x'); p.comma();
      return make({ rd, rs1: enc.implicit?.rs1 ?? rd }, [imm()]);
    }
    case 'CI_lui': {
      const rd = p.reg('x'); p.comma();
      return make({ rd }, [upper()]);
    }
    case 'CI_addi16sp': {
      // GNU as writes `c.addi16sp sp, imm`.
      p.reg('x'); p.comma();
      return make({ rd: SP, rs1: SP }, [imm()]);
    }
    case 'CI_shamt': case 'CB_shamt': case 'CB_andi': {
      const rd = p.reg('x'); p.comma();
      return make({ rd, rs1: rd }, [imm()]);
    }
    case 'CB_branch': {
      const rs1 = p.reg('x'); p.comma();
      return make({ rs1 }, [imm('rvcTarget')]);
    }
    case 'CJ':
      return make({}, [imm('rvcTarget')]);
    case 'CR': {
      if (enc.implicit?.rd !== undefined) return make({ rs1: p.reg('x') }); // c.jr, c.jalr
      const rd = p.reg('x'); p.comma();
      const rs2 = p.reg('x');
      return make(cname === 'c.mv' ? { rd, rs2 } : { rd, rs1: rd, rs2 });
    }
    case 'CA': {
      const rd = p.reg('x'); p.comma();
      return make({ rd, rs1: rd, rs2: p.reg('x') });
    }
    case 'NONE':
      return make({});
  }
}
