import { ColumnError } from './asm-error';
import type { Token } from './lexer';

/** Reads one statement's tokens left to right; errors point at the current token (or the end). */
export class TokenCursor {
  private pos = 0;

  /** `endColumn` is where "expected … at end of line" errors point. */
  constructor(readonly tokens: readonly Token[], readonly endColumn: number) {}

  /** The token `ahead` positions on, or undefined past the end. */
  peek(ahead = 0): Token | undefined {
    return this.tokens[this.pos + ahead];
  }

  /** True when every token was consumed. */
  atEnd(): boolean {
    return this.pos >= this.tokens.length;
  }

  /** Column of the current token, or of the end of the statement. */
  column(): number {
    return this.peek()?.column ?? this.endColumn;
  }

  /** Consume and return the current token (an error at the end of the statement). */
  next(what = 'an operand'): Token {
    const t = this.tokens[this.pos];
    if (t === undefined) throw new ColumnError(this.endColumn, `expected ${what}`);
    this.pos++;
    return t;
  }

  /** True (and consumed) when the current token is the punctuation `p`. */
  accept(p: string): boolean {
    const t = this.peek();
    if (t !== undefined && t.kind === 'punct' && t.text === p) {
      this.pos++;
      return true;
    }
    return false;
  }

  /** Consume the punctuation `p` or fail naming it. */
  expect(p: string): void {
    if (!this.accept(p)) {
      const t = this.peek();
      throw new ColumnError(this.column(), t === undefined ? `expected '${p}'` : `expected '${p}', found '${t.text}'`);
    }
  }

  /** Fail unless every token was consumed. */
  expectEnd(): void {
    const t = this.peek();
    if (t !== undefined) throw new ColumnError(t.column, `unexpected '${t.text}' after the operands`);
  }
}
