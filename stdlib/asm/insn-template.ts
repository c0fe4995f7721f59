/**
 * An instruction whose immediate operands are still expressions: the
 * assembler's unit between parsing (and pseudo-instruction expansion) and
 * encoding. Layout evaluates it leniently (forward labels may be unknown) to
 * learn its size; emission evaluates it strictly, range-checks every
 * operand against the table below and encodes it — as a 32-bit
 * instruction, as the explicit RVC form the source named, or (with `.option
 * rvc`) as the RVC form `compressInsn` finds.
 */
import type { Xlen } from '../../core/target/riscv/encoding';
import { ColumnError } from './asm-error';
import { compressInsn } from './compressor';
import { evaluate, type EvalContext, type Expr } from './expression';
import { encode16, encode32, encoding16, type InsnFields } from './instruction-encoder';

/**
 * What an immediate operand may hold, named after the manual's immediate
 * kinds. `pcrel` kinds are given as a target address and encoded as the
 * offset from the instruction.
 */
export const IMMEDIATE_RANGES = {
  /** I/S-type signed 12-bit immediate. */
  simm12: { min: -2048n, max: 2047n, align: 1n, pcrel: false, what: 'immediate' },
  /** lui/auipc 20-bit upper immediate (GNU as takes it unsigned). */
  uimm20: { min: 0n, max: 0xfffffn, align: 1n, pcrel: false, what: 'immediate' },
  /** Shift amounts of RV64 slli/srli/srai. */
  shamt6: { min: 0n, max: 63n, align: 1n, pcrel: false, what: 'shift amount' },
  /** Shift amounts of the *w shifts. */
  shamt5: { min: 0n, max: 31n, align: 1n, pcrel: false, what: 'shift amount' },
  /** The 5-bit zero-extended immediate of csrr*i. */
  uimm5: { min: 0n, max: 31n, align: 1n, pcrel: false, what: 'immediate' },
  /** CSR numbers. */
  csr: { min: 0n, max: 0xfffn, align: 1n, pcrel: false, what: 'CSR number' },
  /** B-type branch offset: ±4 KiB, even. */
  branch: { min: -4096n, max: 4094n, align: 2n, pcrel: true, what: 'branch target' },
  /** J-type jump offset: ±1 MiB, even. */
  jump: { min: -(1n << 20n), max: (1n << 20n) - 2n, align: 2n, pcrel: true, what: 'jump target' },
  /** Operands of explicit RVC forms: range and alignment are checked by encoding them. */
  rvc: { min: -(1n << 63n), max: (1n << 63n) - 1n, align: 1n, pcrel: false, what: 'immediate' },
  /** Branch/jump targets of explicit RVC forms. */
  rvcTarget: { min: -(1n << 63n), max: (1n << 63n) - 1n, align: 1n, pcrel: true, what: 'branch target' },
} as const;

/** Name of an immediate kind in {@link IMMEDIATE_RANGES}. */
export type ImmediateKind = keyof typeof IMMEDIATE_RANGES;

/** An operand still to be evaluated: which field it fills and what it may hold. */
export interface ExprOperand {
  /** `imm` (scaled as the decoder reports it: `lui` gets `imm20 << 12`) or `csr`. */
  readonly field: 'imm' | 'csr';
  readonly expr: Expr;
  readonly kind: ImmediateKind;
  /** Column of the operand, for range errors. */
  readonly column: number;
  /** Message when the expression names an undefined symbol (a CSR name that is not one). */
  readonly undefinedMessage?: string;
}

/** One machine instruction to emit. */
export interface InsnTemplate {
  /** Base instruction (`ENCODINGS_32` op). */
  readonly op: string;
  /** Explicit RVC mnemonic from the source (`c.addi`): must be encoded as exactly that. */
  readonly cname?: string;
  /** Register and constant fields; immediates from `operands` are added at encoding. */
  readonly fields: InsnFields;
  readonly operands: readonly ExprOperand[];
  /** Column of the mnemonic (errors about the whole instruction). */
  readonly column: number;
  /**
   * Whether `.option rvc` may compress it: GNU as compresses constant operands
   * and relaxes branches/jumps, but keeps instructions carrying a relocation
   * (`%lo(sym)`, the halves of `la`/`call`) at 32 bits.
   */
  readonly compressible: boolean;
}

/** Evaluate the operands into fields. Strict contexts range-check; lenient ones tolerate unknown symbols. */
export function resolveFields(t: InsnTemplate, ctx: EvalContext): { fields: InsnFields; unknown: boolean } {
  const fields = { ...t.fields };
  let unknown = false;
  for (const o of t.operands) {
    let v;
    try {
      v = evaluate(o.expr, ctx);
    } catch (e) {
      if (e instanceof ColumnError && o.undefinedMessage !== undefined && e.reason.startsWith('undefined label')) {
        throw new ColumnError(o.column, o.undefinedMessage);
      }
      throw e;
    }
    const range = IMMEDIATE_RANGES[o.kind];
    let value = range.pcrel ? v.value - ctx.pc : v.value;
    if (v.unknown) {
      unknown = true;
      value = 0n;
    } else if (value < range.min || value > range.max) {
      const shown = range.pcrel ? `offset ${value}` : `${value}`;
      throw new ColumnError(o.column, `${range.what} out of range: ${shown} is not in ${range.min}..${range.max}`);
    } else if (value % range.align !== 0n) {
      throw new ColumnError(o.column, `${range.what} misaligned: offset ${value} is not a multiple of ${range.align}`);
    }
    if (o.field === 'csr') fields.csr = Number(value);
    else if (o.kind === 'uimm20') fields.imm = Number(BigInt.asIntN(32, value << 12n));
    else fields.imm = Number(BigInt.asIntN(64, value));
  }
  return { fields, unknown };
}

/** Registers of the popular RVC subset, for the explicit-form error message. */
const RVC_REGISTERS = 'x8-x15 (s0, s1, a0-a5)';

/**
 * Encode a template at `ctx.pc` in `size` bytes (2: compressed, 4: full).
 * Returns the little-endian bytes.
 */
export function encodeTemplate(t: InsnTemplate, ctx: EvalContext, size: 2 | 4, xlen: Xlen): Uint8Array {
  const { fields } = resolveFields(t, ctx);
  if (t.cname !== undefined) {
    const enc = encoding16(t.cname, xlen);
    const raw = enc === undefined ? undefined : encode16(enc, fields, xlen);
    if (raw === undefined) throw new ColumnError(t.column, explainRvcFailure(t.cname, fields));
    return le(raw, 2);
  }
  if (size === 2) {
    const raw = compressInsn(t.op, fields, xlen);
    if (raw === undefined) throw new Error(`internal: '${t.op}' laid out as compressed but does not compress`);
    return le(raw, 2);
  }
  try {
    return le(encode32(t.op, fields, xlen), 4);
  } catch (e) {
    if (e instanceof RangeError) throw new ColumnError(t.column, e.message);
    throw e;
  }
}

/** Why an explicit RVC form cannot encode its operands. */
function explainRvcFailure(cname: string, f: InsnFields): string {
  const shortRegs = /^c\.(addi4spn|lw|ld|sw|sd|fld|fsd|flw|fsw|srli|srai|andi|sub|xor|or|and|subw|addw|beqz|bnez)$/;
  const regs = [f.rd, f.rs1, f.rs2].filter((r, i) => r !== 0 || i === 0);
  if (shortRegs.test(cname) && regs.some((r) => (r < 8 || r > 15) && r !== 2)) {
    return `'${cname}' needs registers ${RVC_REGISTERS}`;
  }
  return `'${cname}' cannot encode these operands (immediate ${f.imm} out of range, misaligned, zero where it must not be, or a register it does not allow)`;
}

/** Little-endian bytes of a 16- or 32-bit instruction. */
export function le(raw: number, size: 2 | 4): Uint8Array {
  const b = new Uint8Array(size);
  for (let i = 0; i < size; i++) b[i] = (raw >>> (8 * i)) & 0xff;
  return b;
}
