/**
 * Instruction encoding, the inverse of the decoder: fixed bits come from the
 * same tables (`ENCODINGS_32`, `ENCODINGS_16` in core/target/riscv/encoding.ts),
 * operand bits are placed per format. Immediate layouts are data below, read
 * straight off the manual's format figures.
 *
 * Fields use the decoder's conventions (`Insn`): immediates already scaled
 * (branch offsets in bytes, `lui`'s `imm` is `imm20 << 12`), RVC fields are
 * those of the base instruction it expands to. Every RVC encoding is
 * verified by decoding it back, so all the RVC constraints (x8–x15 only,
 * scaled and non-zero immediates, reserved encodings) come from the decoder.
 */
import { compilePattern, decode } from '../../core/target/riscv/decoder';
import {
  ENCODINGS_16, ENCODINGS_32, type Encoding16, type Encoding32, type Format16, type Format32, type Xlen,
} from '../../core/target/riscv/encoding';
import type { Insn } from '../../core/target/riscv/insn';

/** Operands of one instruction, as the decoder reports them. */
export interface InsnFields {
  rd: number;
  rs1: number;
  rs2: number;
  rs3: number;
  imm: number;
  csr: number;
  rm: number;
  aq: boolean;
  rl: boolean;
  pred: number;
  succ: number;
  /** `fence` mode (inst[31:28]): 0, or 0b1000 for fence.tso. */
  fm: number;
}

/** All-zero fields, to spread overrides onto. */
export function noFields(): InsnFields {
  return { rd: 0, rs1: 0, rs2: 0, rs3: 0, imm: 0, csr: 0, rm: 0, aq: false, rl: false, pred: 0, succ: 0, fm: 0 };
}

/** One immediate slice: imm[hi:lo] goes to inst[at + hi - lo : at]. */
type Slice = readonly [hi: number, lo: number, at: number];

/** Immediate layouts of the 32-bit formats (manual, "Base Instruction Formats" / "Immediate Encoding Variants"). */
const IMM_LAYOUT_32: Partial<Record<Format32, readonly Slice[]>> = {
  I: [[11, 0, 20]],
  I_shamt: [[5, 0, 20]],
  S: [[11, 5, 25], [4, 0, 7]],
  B: [[12, 12, 31], [10, 5, 25], [4, 1, 8], [11, 11, 7]],
  U: [[31, 12, 12]],
  J: [[20, 20, 31], [10, 1, 21], [11, 11, 20], [19, 12, 12]],
};

/** Immediate layouts of the RVC formats (manual, "Compressed Instruction Formats" and per-instruction figures). */
const IMM_LAYOUT_16: Record<Format16, readonly Slice[]> = {
  CIW_addi4spn: [[5, 4, 11], [9, 6, 7], [2, 2, 6], [3, 3, 5]],
  CL_w: [[5, 3, 10], [2, 2, 6], [6, 6, 5]],
  CS_w: [[5, 3, 10], [2, 2, 6], [6, 6, 5]],
  CL_d: [[5, 3, 10], [7, 6, 5]],
  CS_d: [[5, 3, 10], [7, 6, 5]],
  CI: [[5, 5, 12], [4, 0, 2]],
  CI_lui: [[17, 17, 12], [16, 12, 2]],
  CI_addi16sp: [[9, 9, 12], [4, 4, 6], [6, 6, 5], [8, 7, 3], [5, 5, 2]],
  CI_shamt: [[5, 5, 12], [4, 0, 2]],
  CI_lwsp: [[5, 5, 12], [4, 2, 4], [7, 6, 2]],
  CI_ldsp: [[5, 5, 12], [4, 3, 5], [8, 6, 2]],
  CSS_swsp: [[5, 2, 9], [7, 6, 7]],
  CSS_sdsp: [[5, 3, 10], [8, 6, 7]],
  CB_shamt: [[5, 5, 12], [4, 0, 2]],
  CB_andi: [[5, 5, 12], [4, 0, 2]],
  CB_branch: [[8, 8, 12], [4, 3, 10], [7, 6, 5], [2, 1, 3], [5, 5, 2]],
  CJ: [[11, 11, 12], [4, 4, 11], [9, 8, 9], [10, 10, 8], [6, 6, 7], [7, 7, 6], [3, 1, 3], [5, 5, 2]],
  CR: [],
  CA: [],
  NONE: [],
};

function scatter(imm: number, layout: readonly Slice[]): number {
  let bits = 0;
  for (const [hi, lo, at] of layout) bits |= ((imm >> lo) & ((1 << (hi - lo + 1)) - 1)) << at;
  return bits >>> 0;
}

interface Row32 { readonly enc: Encoding32; readonly mask: number; readonly match: number }

const rows32 = new Map<Xlen, Map<string, Row32>>();

/** The 32-bit encoding row of `op` for `xlen`, or undefined. */
export function encoding32(op: string, xlen: Xlen = 64): Encoding32 | undefined {
  return table32(xlen).get(op)?.enc;
}

function table32(xlen: Xlen): Map<string, Row32> {
  let m = rows32.get(xlen);
  if (m === undefined) {
    m = new Map();
    for (const enc of ENCODINGS_32) {
      if (enc.xlen !== undefined && enc.xlen !== xlen) continue;
      m.set(enc.op, { enc, ...compilePattern(enc.pattern, 32) });
    }
    rows32.set(xlen, m);
  }
  return m;
}

/** RVC rows by their mnemonic (`c.addi`). */
const rows16 = new Map<Xlen, Map<string, Encoding16>>();

/** The RVC encoding row called `cname` for `xlen`, or undefined. */
export function encoding16(cname: string, xlen: Xlen = 64): Encoding16 | undefined {
  let m = rows16.get(xlen);
  if (m === undefined) {
    m = new Map();
    for (const enc of ENCODINGS_16) if (enc.xlen === undefined || enc.xlen === xlen) m.set(enc.cname, enc);
    rows16.set(xlen, m);
  }
  return m.get(cname);
}

/** RVC rows that expand to base instruction `op`, in table order. */
export function compressedFormsOf(op: string, xlen: Xlen = 64): Encoding16[] {
  return ENCODINGS_16.filter((e) => e.op === op && (e.xlen === undefined || e.xlen === xlen));
}

/**
 * Encode a 32-bit instruction. The caller has range-checked the operands;
 * a field that still spills into the pattern's fixed bits (a shift amount
 * too wide for `slliw`) throws a RangeError.
 */
export function encode32(op: string, f: InsnFields, xlen: Xlen = 64): number {
  const row = table32(xlen).get(op);
  if (row === undefined) throw new RangeError(`no 32-bit encoding for '${op}' in RV${xlen}`);
  const { format } = row.enc;
  const rd = f.rd << 7, rs1 = f.rs1 << 15, rs2 = f.rs2 << 20, rm = f.rm << 12;
  let bits = 0;
  switch (format) {
    case 'R': bits = rd | rs1 | rs2; break;
    case 'R_rm': bits = rd | rs1 | rs2 | rm; break;
    case 'R1': bits = rd | rs1; break;
    case 'R1_rm': bits = rd | rs1 | rm; break;
    case 'R4': bits = rd | rs1 | rs2 | rm | (f.rs3 << 27); break;
    case 'I': case 'I_shamt': case 'U': case 'J': bits = rd | (format === 'I' || format === 'I_shamt' ? rs1 : 0); break;
    case 'S': case 'B': bits = rs1 | rs2; break;
    case 'AMO': bits = rd | rs1 | rs2 | (Number(f.aq) << 26) | (Number(f.rl) << 25); break;
    case 'LR': bits = rd | rs1 | (Number(f.aq) << 26) | (Number(f.rl) << 25); break;
    case 'CSR': bits = rd | rs1 | (f.csr << 20); break;
    case 'CSRI': bits = rd | ((f.imm & 0x1f) << 15) | (f.csr << 20); break;
    case 'FENCE': bits = (f.fm << 28) | (f.pred << 24) | (f.succ << 20); break;
    case 'SFENCE': bits = rs1 | rs2; break;
    case 'NONE': break;
  }
  const layout = IMM_LAYOUT_32[format];
  if (layout !== undefined) bits |= scatter(f.imm, layout);
  bits >>>= 0;
  if (((bits & row.mask) >>> 0) !== 0) throw new RangeError(`operand out of range for '${op}'`);
  return (bits | row.match) >>> 0;
}

/** Base-instruction fields of an RVC encoding, compared when checking an encoding round-trips. */
function sameFields(insn: Insn, op: string, f: InsnFields): boolean {
  return insn.op === op && insn.rd === f.rd && insn.rs1 === f.rs1 && insn.rs2 === f.rs2 && insn.imm === f.imm;
}

/**
 * Encode `f` (fields of the base instruction `op`) as the RVC instruction
 * `enc`, or return undefined when that encoding cannot express them
 * (registers outside x8–x15, immediate out of range or misaligned, a
 * reserved encoding such as a zero `c.addi16sp`).
 */
export function encode16(enc: Encoding16, f: InsnFields, xlen: Xlen = 64): number | undefined {
  const { match } = compilePattern(enc.pattern, 16);
  const r3 = (r: number) => (r - 8) & 7;
  let bits = 0;
  switch (enc.format) {
    case 'CIW_addi4spn': bits = r3(f.rd) << 2; break;
    case 'CL_w': case 'CL_d': bits = (r3(f.rs1) << 7) | (r3(f.rd) << 2); break;
    case 'CS_w': case 'CS_d': bits = (r3(f.rs1) << 7) | (r3(f.rs2) << 2); break;
    case 'CI': case 'CI_lui': case 'CI_shamt': case 'CI_lwsp': case 'CI_ldsp': bits = (f.rd & 31) << 7; break;
    case 'CI_addi16sp': break;
    case 'CSS_swsp': case 'CSS_sdsp': bits = (f.rs2 & 31) << 2; break;
    case 'CB_shamt': case 'CB_andi': bits = r3(f.rd) << 7; break;
    case 'CB_branch': bits = r3(f.rs1) << 7; break;
    case 'CJ': break;
    // c.jr/c.jalr name rs1 in inst[11:7] (their rd is implicit); c.mv/c.add name rd there.
    case 'CR': bits = ((enc.implicit?.rd !== undefined ? f.rs1 : f.rd) & 31) << 7 | (f.rs2 & 31) << 2; break;
    case 'CA': bits = (r3(f.rd) << 7) | (r3(f.rs2) << 2); break;
    case 'NONE': break;
  }
  bits |= scatter(f.imm, IMM_LAYOUT_16[enc.format]);
  const raw = (bits | match) & 0xffff;
  const back = decode(raw, xlen);
  if (back === null || back.cname !== enc.cname || !sameFields(back, enc.op, f)) return undefined;
  return raw;
}
