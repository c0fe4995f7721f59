/**
 * Automatic RVC selection (`.option rvc` / `compress: true`): the 16-bit
 * form of a base instruction, when one expresses it exactly, as GNU as picks
 * it. Candidates are the RVC rows that expand to the instruction (from
 * `ENCODINGS_16`); `encode16` accepts one only when the decoder gives the
 * same instruction back. HINT encodings (legal, but never what a program
 * means) are not chosen.
 */
import type { Xlen } from '../../core/target/riscv/encoding';
import { compressedFormsOf, encode16, type InsnFields } from './instruction-encoder';

/** RVC forms whose encoding with rd = x0 is a HINT. */
const HINT_IF_RD_ZERO = new Set(['c.li', 'c.lui', 'c.mv', 'c.add', 'c.slli', 'c.addi']);
/** RVC forms whose encoding with a zero immediate is a HINT (or a different instruction). */
const HINT_IF_IMM_ZERO = new Set(['c.addi', 'c.slli', 'c.srli', 'c.srai']);

function isHint(cname: string, f: InsnFields): boolean {
  if (HINT_IF_RD_ZERO.has(cname) && f.rd === 0) return true;
  if (HINT_IF_IMM_ZERO.has(cname) && f.imm === 0) return true;
  return cname === 'c.nop' && f.imm !== 0;
}

/**
 * The 16-bit encoding of base instruction `op` with fields `f`, or undefined
 * when none expresses it. `addi rd, rs, 0` (the `mv` expansion) becomes
 * `c.mv`, as `as` compresses `mv`.
 */
export function compressInsn(op: string, f: InsnFields, xlen: Xlen = 64): number | undefined {
  for (const enc of compressedFormsOf(op, xlen)) {
    if (isHint(enc.cname, f)) continue;
    const raw = encode16(enc, f, xlen);
    if (raw !== undefined) return raw;
  }
  if (op === 'addi' && f.imm === 0 && f.rs1 !== 0 && f.rd !== 0) {
    return compressInsn('add', { ...f, rs1: 0, rs2: f.rs1 }, xlen);
  }
  if (op === 'add' && f.rd !== 0 && f.rs2 === f.rd && f.rs1 !== 0) {
    // add is commutative: `add rd, rs, rd` is c.add rd, rs.
    return compressInsn('add', { ...f, rs1: f.rd, rs2: f.rs1 }, xlen);
  }
  return undefined;
}
