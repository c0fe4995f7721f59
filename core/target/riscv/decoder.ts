/**
 * The RISC-V decoder: raw instruction bits → `Insn`, for RV32GC and RV64GC.
 *
 * All matching is derived from the encoding tables in `encoding.ts`; this
 * file only knows how to turn a pattern into a mask/match pair, how to index
 * the rows for speed, and how each format's fields are extracted.
 *
 * Index: 32-bit rows are bucketed by inst[6:0] and funct3 (1024 buckets of a
 * few rows each); 16-bit encodings are resolved once per XLEN into a 64 Ki
 * table of row numbers, so a compressed decode is one array read.
 */
import type { Insn } from './insn';
import {
  ENCODINGS_16,
  ENCODINGS_32,
  type Encoding16,
  type Encoding32,
  type Xlen,
} from './encoding';

/** A pattern string turned into the two numbers a match needs. */
export interface MaskMatch {
  readonly mask: number;
  readonly match: number;
}

/**
 * Compile a table pattern (`'0000000 ----- ----- 000 ----- 0110011'`) into
 * `{mask, match}`: `raw` matches when `(raw & mask) === match`.
 */
export function compilePattern(pattern: string, bits: 16 | 32): MaskMatch {
  const p = pattern.replace(/ /g, '');
  if (p.length !== bits || /[^01-]/.test(p)) {
    throw new Error(`encoding pattern must be ${bits} characters of 0/1/-: '${pattern}'`);
  }
  let mask = 0;
  let match = 0;
  for (let i = 0; i < bits; i++) {
    const bit = bits - 1 - i;
    if (p[i] !== '-') {
      mask |= 1 << bit;
      if (p[i] === '1') match |= 1 << bit;
    }
  }
  return { mask: mask >>> 0, match: match >>> 0 };
}

/**
 * Instruction length from the first (lowest-addressed) 16-bit parcel:
 * 2 when bits[1:0] ≠ 11, 4 for the 32-bit space. Longer encodings
 * (48-bit and up, bits[4:2] = 111) are not supported and throw.
 */
export function insnLength(firstHalfword: number): 2 | 4 {
  if ((firstHalfword & 0b11) !== 0b11) return 2;
  if ((firstHalfword & 0b11100) === 0b11100) {
    throw new RangeError(
      `instruction parcel 0x${(firstHalfword & 0xffff).toString(16)} starts an encoding longer than 32 bits`,
    );
  }
  return 4;
}

interface Row32 extends MaskMatch {
  readonly enc: Encoding32;
  /** Index of `enc` in ENCODINGS_32. */
  readonly index: number;
}

/** Buckets of 32-bit rows keyed by opcode (inst[6:0]) << 3 | funct3, one index per XLEN. */
const index32 = new Map<Xlen, Row32[][]>();

function buildIndex32(xlen: Xlen): Row32[][] {
  const buckets: Row32[][] = Array.from({ length: 1024 }, () => []);
  for (let index = 0; index < ENCODINGS_32.length; index++) {
    const enc = ENCODINGS_32[index];
    if (enc.xlen !== undefined && enc.xlen !== xlen) continue;
    const { mask, match } = compilePattern(enc.pattern, 32);
    const row: Row32 = { mask, match, enc, index };
    // A row whose funct3 is a field goes into all eight buckets of its opcode.
    const f3Fixed = ((mask >>> 12) & 7) === 7;
    for (let f3 = 0; f3 < 8; f3++) {
      if (f3Fixed && f3 !== ((match >>> 12) & 7)) continue;
      buckets[((match & 0x7f) << 3) | f3].push(row);
    }
  }
  return buckets;
}

/** Per XLEN: for every 16-bit value, the row in ENCODINGS_16 (or -1: no row / reserved). */
const index16 = new Map<Xlen, Int16Array>();

function buildIndex16(xlen: Xlen): Int16Array {
  const table = new Int16Array(65536).fill(-1);
  const rows = ENCODINGS_16.map((enc, i) => ({ i, enc, ...compilePattern(enc.pattern, 16) }))
    .filter((r) => r.enc.xlen === undefined || r.enc.xlen === xlen);
  for (let raw = 0; raw < 65536; raw++) {
    if ((raw & 3) === 3) continue;
    const row = rows.find((r) => (raw & r.mask) === r.match);
    if (row !== undefined && !isReserved16(row.enc, raw, xlen)) table[raw] = row.i;
  }
  return table;
}

function isReserved16(enc: Encoding16, raw: number, xlen: Xlen): boolean {
  if (enc.reserved === undefined) return false;
  const f = fields16(enc, raw);
  for (const r of enc.reserved) {
    switch (r) {
      case 'imm=0': if (f.imm === 0) return true; break;
      case 'rd=0': if (f.rd === 0) return true; break;
      case 'rs1=0': if (f.rs1 === 0) return true; break;
      case 'shamt5': if (xlen === 32 && (raw & 0x1000) !== 0) return true; break;
    }
  }
  return false;
}

/** `bits` wide field of `raw` starting at bit `lo`. */
function bits(raw: number, hi: number, lo: number): number {
  return (raw >>> lo) & ((1 << (hi - lo + 1)) - 1);
}

/** Sign-extend the low `width` bits of `v`. */
function sext(v: number, width: number): number {
  const shift = 32 - width;
  return (v << shift) >> shift;
}

interface Fields {
  rd: number;
  rs1: number;
  rs2: number;
  imm: number;
}

/** Extract the operands of an RVC encoding per its format, then apply the expansion's implicit registers. */
function fields16(enc: Encoding16, raw: number): Fields {
  const r5hi = bits(raw, 11, 7); // rd/rs1 full register
  const r5lo = bits(raw, 6, 2); // rs2 full register
  const r3hi = 8 + bits(raw, 9, 7); // rs1'/rd' (x8..x15)
  const r3lo = 8 + bits(raw, 4, 2); // rs2'/rd'
  const b12 = bits(raw, 12, 12);
  let rd = 0, rs1 = 0, rs2 = 0, imm = 0;
  switch (enc.format) {
    case 'CIW_addi4spn':
      rd = r3lo;
      imm = (bits(raw, 12, 11) << 4) | (bits(raw, 10, 7) << 6) | (bits(raw, 6, 6) << 2) | (bits(raw, 5, 5) << 3);
      break;
    case 'CL_w': case 'CS_w':
      rs1 = r3hi;
      if (enc.format === 'CL_w') rd = r3lo; else rs2 = r3lo;
      imm = (bits(raw, 12, 10) << 3) | (bits(raw, 6, 6) << 2) | (bits(raw, 5, 5) << 6);
      break;
    case 'CL_d': case 'CS_d':
      rs1 = r3hi;
      if (enc.format === 'CL_d') rd = r3lo; else rs2 = r3lo;
      imm = (bits(raw, 12, 10) << 3) | (bits(raw, 6, 5) << 6);
      break;
    case 'CI':
      rd = rs1 = r5hi;
      imm = sext((b12 << 5) | r5lo, 6);
      break;
    case 'CI_lui':
      rd = r5hi;
      imm = sext((b12 << 17) | (r5lo << 12), 18);
      break;
    case 'CI_addi16sp':
      rd = rs1 = 2;
      imm = sext((b12 << 9) | (bits(raw, 6, 6) << 4) | (bits(raw, 5, 5) << 6) | (bits(raw, 4, 3) << 7)
        | (bits(raw, 2, 2) << 5), 10);
      break;
    case 'CI_shamt':
      rd = rs1 = r5hi;
      imm = (b12 << 5) | r5lo;
      break;
    case 'CI_lwsp':
      rd = r5hi; rs1 = 2;
      imm = (b12 << 5) | (bits(raw, 6, 4) << 2) | (bits(raw, 3, 2) << 6);
      break;
    case 'CI_ldsp':
      rd = r5hi; rs1 = 2;
      imm = (b12 << 5) | (bits(raw, 6, 5) << 3) | (bits(raw, 4, 2) << 6);
      break;
    case 'CSS_swsp':
      rs1 = 2; rs2 = r5lo;
      imm = (bits(raw, 12, 9) << 2) | (bits(raw, 8, 7) << 6);
      break;
    case 'CSS_sdsp':
      rs1 = 2; rs2 = r5lo;
      imm = (bits(raw, 12, 10) << 3) | (bits(raw, 9, 7) << 6);
      break;
    case 'CB_shamt':
      rd = rs1 = r3hi;
      imm = (b12 << 5) | r5lo;
      break;
    case 'CB_andi':
      rd = rs1 = r3hi;
      imm = sext((b12 << 5) | r5lo, 6);
      break;
    case 'CB_branch':
      rs1 = r3hi;
      imm = sext((b12 << 8) | (bits(raw, 11, 10) << 3) | (bits(raw, 6, 5) << 6) | (bits(raw, 4, 3) << 1)
        | (bits(raw, 2, 2) << 5), 9);
      break;
    case 'CJ':
      imm = sext((b12 << 11) | (bits(raw, 11, 11) << 4) | (bits(raw, 10, 9) << 8) | (bits(raw, 8, 8) << 10)
        | (bits(raw, 7, 7) << 6) | (bits(raw, 6, 6) << 7) | (bits(raw, 5, 3) << 1) | (bits(raw, 2, 2) << 5), 12);
      break;
    case 'CR':
      rd = rs1 = r5hi; rs2 = r5lo;
      break;
    case 'CA':
      rd = rs1 = r3hi; rs2 = r3lo;
      break;
    case 'NONE':
      break;
  }
  const fixed = enc.implicit;
  if (fixed !== undefined) {
    if (fixed.rd !== undefined) rd = fixed.rd;
    if (fixed.rs1 !== undefined) rs1 = fixed.rs1;
    if (fixed.rs2 !== undefined) rs2 = fixed.rs2;
  }
  return { rd, rs1, rs2, imm };
}

function decode16(raw: number, xlen: Xlen): Insn | null {
  let table = index16.get(xlen);
  if (table === undefined) {
    table = buildIndex16(xlen);
    index16.set(xlen, table);
  }
  const i = table[raw];
  if (i < 0) return null;
  const enc = ENCODINGS_16[i];
  const f = fields16(enc, raw);
  return {
    op: enc.op, rd: f.rd, rs1: f.rs1, rs2: f.rs2, rs3: 0, imm: f.imm, csr: 0, rm: 0,
    aq: false, rl: false, pred: 0, succ: 0, len: 2, raw, cname: enc.cname,
  };
}

/**
 * A decoded instruction whose fields `decode32Into` overwrites in place: a
 * front end decoding every fetched instruction reuses one and allocates
 * nothing per decode. Read it before the next decode into it.
 */
export class InsnFields implements Insn {
  op = '';
  rd = 0;
  rs1 = 0;
  rs2 = 0;
  rs3 = 0;
  imm = 0;
  csr = 0;
  rm = 0;
  aq = false;
  rl = false;
  pred = 0;
  succ = 0;
  len: 2 | 4 = 4;
  raw = 0;
  cname: string | undefined = undefined;
}

/** The 32-bit row index of each XLEN (built on first use). */
function buckets32(xlen: Xlen): Row32[][] {
  let buckets = index32.get(xlen);
  if (buckets === undefined) {
    buckets = buildIndex32(xlen);
    index32.set(xlen, buckets);
  }
  return buckets;
}

let buckets64: Row32[][] | undefined;

/**
 * Decode a 32-bit encoding (`raw & 3 === 3`, not a 48-bit or longer one)
 * into `out`. Returns the index of its row in ENCODINGS_32, or -1 for an
 * illegal encoding (then `out` is unchanged). Fields as `decode`.
 */
export function decode32Into(raw: number, xlen: Xlen, out: InsnFields): number {
  const buckets = xlen === 64 ? (buckets64 ??= buckets32(64)) : buckets32(xlen);
  const rows = buckets[((raw & 0x7f) << 3) | ((raw >>> 12) & 7)];
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    if (((raw & row.mask) >>> 0) === row.match) {
      fields32(row.enc, raw, out);
      return row.index;
    }
  }
  return -1;
}

function decode32(raw: number, xlen: Xlen): Insn | null {
  const f = new InsnFields();
  if (decode32Into(raw, xlen, f) < 0) return null;
  return {
    op: f.op, rd: f.rd, rs1: f.rs1, rs2: f.rs2, rs3: f.rs3, imm: f.imm, csr: f.csr, rm: f.rm,
    aq: f.aq, rl: f.rl, pred: f.pred, succ: f.succ, len: 4, raw: f.raw, cname: undefined,
  };
}

/** Extract the operands of a 32-bit encoding per its format into `out`. */
function fields32(enc: Encoding32, raw: number, out: InsnFields): void {
  let rd = bits(raw, 11, 7), rs1 = bits(raw, 19, 15), rs2 = bits(raw, 24, 20), rs3 = 0;
  let imm = 0, csr = 0, rm = 0, aq = false, rl = false, pred = 0, succ = 0;
  switch (enc.format) {
    case 'R': break;
    case 'R_rm': rm = bits(raw, 14, 12); break;
    case 'R1': rs2 = 0; break;
    case 'R1_rm': rs2 = 0; rm = bits(raw, 14, 12); break;
    case 'R4': rs3 = raw >>> 27; rm = bits(raw, 14, 12); break;
    case 'I': rs2 = 0; imm = raw >> 20; break;
    case 'I_shamt': rs2 = 0; imm = bits(raw, 25, 20); break;
    case 'S': rd = 0; imm = ((raw >> 25) << 5) | bits(raw, 11, 7); break;
    case 'B':
      rd = 0;
      imm = ((raw >> 31) << 12) | (bits(raw, 7, 7) << 11) | (bits(raw, 30, 25) << 5) | (bits(raw, 11, 8) << 1);
      break;
    case 'U': rs1 = rs2 = 0; imm = (raw & 0xfffff000) | 0; break;
    case 'J':
      rs1 = rs2 = 0;
      imm = ((raw >> 31) << 20) | (raw & 0xff000) | (bits(raw, 20, 20) << 11) | (bits(raw, 30, 21) << 1);
      break;
    case 'AMO': aq = bits(raw, 26, 26) === 1; rl = bits(raw, 25, 25) === 1; break;
    case 'LR': rs2 = 0; aq = bits(raw, 26, 26) === 1; rl = bits(raw, 25, 25) === 1; break;
    case 'CSR': rs2 = 0; csr = raw >>> 20; break;
    case 'CSRI': imm = rs1; rs1 = rs2 = 0; csr = raw >>> 20; break;
    // rd/rs1 of FENCE are reserved fields implementations must ignore; fm is read from raw.
    case 'FENCE': rd = rs1 = rs2 = 0; pred = bits(raw, 27, 24); succ = bits(raw, 23, 20); break;
    case 'SFENCE': rd = 0; break;
    case 'NONE': rd = rs1 = rs2 = 0; break;
  }
  out.op = enc.op;
  out.rd = rd;
  out.rs1 = rs1;
  out.rs2 = rs2;
  out.rs3 = rs3;
  out.imm = imm;
  out.csr = csr;
  out.rm = rm;
  out.aq = aq;
  out.rl = rl;
  out.pred = pred;
  out.succ = succ;
  out.len = 4;
  out.raw = raw >>> 0;
  out.cname = undefined;
}

/**
 * Decode one instruction.
 *
 * `raw` holds the instruction bits as an unsigned number: the 32-bit word
 * fetched at pc, or just its 16-bit first parcel for a compressed
 * instruction (the length is taken from the low bits, see `insnLength`, and
 * a compressed decode uses only `raw[15:0]`). Returns `null` for every
 * reserved or illegal encoding of RV32GC/RV64GC (`xlen` selects which);
 * HINT encodings are legal and decode to their base instruction. Compressed
 * instructions decode to the base instruction they expand to, with
 * `len: 2` and the RVC name in `cname`.
 *
 * `fence.tso` and `pause` decode as `op: 'fence'` (fence.tso: fm = 1000 in
 * `raw[31:28]`, pred = succ = rw); `fence`/`fence.i` ignore their reserved
 * rd/rs1/imm fields as the manual requires. FP rounding modes 101/110 decode
 * (the `rm` field is kept): like `dyn` with an invalid `frm`, they are an
 * illegal-instruction trap at execution time.
 *
 * @example decode(0x00a58533, 64) // { op: 'add', rd: 10, rs1: 11, rs2: 10, ... }
 */
export function decode(raw: number, xlen: Xlen): Insn | null {
  if ((raw & 3) !== 3) return decode16(raw & 0xffff, xlen);
  if ((raw & 0x1c) === 0x1c) return null; // 48-bit and longer encodings are not part of RV64GC
  return decode32(raw >>> 0, xlen);
}
