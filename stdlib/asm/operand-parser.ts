/**
 * Readers for the operand forms of RISC-V assembly: registers of either
 * file, expressions, `offset(reg)` memory operands, rounding modes, fence
 * sets and CSRs. Each reads at a {@link TokenCursor} and throws a
 * `ColumnError` pointing at the offending token.
 */
import { csrNumber } from '../../core/target/riscv/csr-names';
import { ColumnError } from './asm-error';
import { parseExpression, type Expr, type LocalLabelResolver } from './expression';
import { lookupRegister, looksLikeRegister, type RegisterFile } from './registers';
import type { TokenCursor } from './token-cursor';

/** Rounding-mode operand names by their `rm` encoding (manual, "Floating-Point Control and Status Register"). */
export const ROUNDING_MODES: Readonly<Record<string, number>> = { rne: 0, rtz: 1, rdn: 2, rup: 3, rmm: 4, dyn: 7 };

/** Bits of a fence predecessor/successor set (manual, "Memory Ordering Instructions"): i o r w. */
export const FENCE_BITS: Readonly<Record<string, number>> = { i: 8, o: 4, r: 2, w: 1 };

const FILE_NAMES: Record<RegisterFile, string> = { x: 'an integer register', f: 'a floating-point register' };

/** Operand readers bound to one statement. */
export class OperandParser {
  constructor(readonly cur: TokenCursor, readonly local: LocalLabelResolver) {}

  /** A register of `file`. */
  reg(file: RegisterFile): number {
    const t = this.cur.next(FILE_NAMES[file]);
    const r = t.kind === 'ident' ? lookupRegister(t.text) : undefined;
    if (r === undefined) {
      if (t.kind === 'ident' && looksLikeRegister(t.text)) throw new ColumnError(t.column, `unknown register '${t.text}'`);
      throw new ColumnError(t.column, `expected ${FILE_NAMES[file]}, found '${t.text}'`);
    }
    if (r.file !== file) throw new ColumnError(t.column, `expected ${FILE_NAMES[file]}, found '${t.text}'`);
    return r.num;
  }

  /** True when the next token names a register of `file` (without consuming it). */
  isReg(file: RegisterFile, ahead = 0): boolean {
    const t = this.cur.peek(ahead);
    return t !== undefined && t.kind === 'ident' && lookupRegister(t.text)?.file === file;
  }

  comma(): void {
    this.cur.expect(',');
  }

  /** True (and consumed) when a comma follows. */
  more(): boolean {
    return this.cur.accept(',');
  }

  /** An expression and its column. */
  expr(): { expr: Expr; column: number } {
    const column = this.cur.column();
    return { expr: parseExpression(this.cur, this.local), column };
  }

  /** `offset(reg)`, `(reg)` or, when `allowBare`, just `offset`/`symbol` (base undefined). */
  mem(allowBare = false): { offset: Expr; column: number; base: number | undefined } {
    const column = this.cur.column();
    let offset: Expr = { kind: 'number', value: 0n, column };
    const t = this.cur.peek();
    const bareBase = t !== undefined && t.kind === 'punct' && t.text === '(' && this.isReg('x', 1);
    if (!bareBase) offset = parseExpression(this.cur, this.local);
    if (!this.cur.accept('(')) {
      if (allowBare) return { offset, column, base: undefined };
      throw new ColumnError(this.cur.column(), "expected '(register)' after the offset");
    }
    const base = this.reg('x');
    this.cur.expect(')');
    return { offset, column, base };
  }

  /** `(reg)` of atomics (GNU as also takes a `0(reg)`). */
  amoAddress(): number {
    const m = this.mem();
    if (m.offset.kind !== 'number' || m.offset.value !== 0n) throw new ColumnError(m.column, 'atomic memory operands take no offset');
    return m.base ?? 0;
  }

  /** A rounding-mode name. */
  roundingMode(): number {
    const t = this.cur.next('a rounding mode');
    const rm = t.kind === 'ident' ? ROUNDING_MODES[t.text] : undefined;
    if (rm === undefined) throw new ColumnError(t.column, `unknown rounding mode '${t.text}' (expected rne, rtz, rdn, rup, rmm or dyn)`);
    return rm;
  }

  /** A fence set: a combination of `i o r w` in that order, or 0. */
  fenceSet(): number {
    const t = this.cur.next('a fence set');
    if (t.kind === 'number' && t.value === 0n) return 0;
    if (t.kind === 'ident' && /^i?o?r?w?$/.test(t.text) && t.text !== '') {
      let bits = 0;
      for (const ch of t.text) bits |= FENCE_BITS[ch];
      return bits;
    }
    throw new ColumnError(t.column, `bad fence set '${t.text}' (expected letters of 'iorw' in that order)`);
  }

  /** A CSR: a name from the privileged spec, or an expression (a number or an .equ). */
  csr(): { expr: Expr; column: number; undefinedMessage?: string } {
    const t = this.cur.peek();
    if (t !== undefined && t.kind === 'ident') {
      const next = this.cur.peek(1);
      const alone = next === undefined || (next.kind === 'punct' && next.text === ',');
      const n = csrNumber(t.text);
      if (alone && n !== undefined) {
        this.cur.next();
        return { expr: { kind: 'number', value: BigInt(n), column: t.column }, column: t.column };
      }
      if (alone) {
        const { expr, column } = this.expr();
        return { expr, column, undefinedMessage: `unknown CSR '${t.text}'` };
      }
    }
    return this.expr();
  }
}
