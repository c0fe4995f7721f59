/**
 * The assembler's lexer: one source line → statements of tokens, each token
 * with its 1-based column so that every diagnostic can point at it.
 *
 * GNU as conventions: `#` and `//` start a comment (outside strings), `;`
 * separates statements on one line, `1b`/`1f` refer to numeric local labels,
 * `0b…` is binary and `0x…` hexadecimal.
 */

/** What a token is. `local` is a numeric local-label reference (`1b`, `2f`). */
export type TokenKind = 'ident' | 'number' | 'local' | 'string' | 'punct';

/** One token of a source line. */
export interface Token {
  readonly kind: TokenKind;
  /** The token's text; for strings the decoded contents, for punctuation the operator. */
  readonly text: string;
  /** 1-based column of the token's first character. */
  readonly column: number;
  /** 1-based column just past the token's last character. */
  readonly end: number;
  /** Numeric value of `number` tokens (and character literals). */
  readonly value?: bigint;
}

/** A lexing problem at a column of the line. */
export interface LexProblem {
  readonly column: number;
  readonly message: string;
}

/** One line split into statements (`;`-separated), each a token list. */
export interface LexedLine {
  readonly statements: Token[][];
  readonly problems: LexProblem[];
}

const IDENT_START = /[A-Za-z_.$]/;
const IDENT_PART = /[A-Za-z0-9_.$]/;
/** Operators, longest first. */
const PUNCT = ['<<', '>>', '(', ')', ',', ':', '+', '-', '*', '/', '%', '~', '&', '|', '^', '=', '!'];

/** Character escapes of `.string` and character literals (GNU as accepts the C set). */
const ESCAPES: Readonly<Record<string, number>> = {
  n: 10, t: 9, r: 13, b: 8, f: 12, v: 11, a: 7, e: 27, '\\': 92, '"': 34, "'": 39, '0': 0,
};

/** Decode one escape sequence starting after the backslash at `line[i]`; returns [code, next index]. */
function escape(line: string, i: number): [number, number] {
  const c = line[i];
  if (c === 'x') {
    const m = /^[0-9a-fA-F]{1,2}/.exec(line.slice(i + 1));
    if (m) return [parseInt(m[0], 16), i + 1 + m[0].length];
  }
  const oct = /^[0-7]{1,3}/.exec(line.slice(i));
  if (oct) return [parseInt(oct[0], 8) & 0xff, i + oct[0].length];
  if (c !== undefined && c in ESCAPES) return [ESCAPES[c], i + 1];
  return [c === undefined ? 92 : c.charCodeAt(0), i + 1];
}

/** Parse a numeric literal's text (decimal, 0x, 0b, 0o / leading-zero octal). */
function numberValue(text: string): bigint | undefined {
  try {
    if (/^0[xX][0-9a-fA-F]+$/.test(text) || /^0[bB][01]+$/.test(text)) return BigInt(text);
    if (/^0[oO][0-7]+$/.test(text)) return BigInt(`0o${text.slice(2)}`);
    if (/^0[0-7]+$/.test(text)) return BigInt(`0o${text.slice(1)}`);
    if (/^[0-9]+$/.test(text)) return BigInt(text);
  } catch {
    return undefined;
  }
  return undefined;
}

/** Split one source line into statements of tokens, dropping comments. */
export function lexLine(line: string): LexedLine {
  const statements: Token[][] = [[]];
  const problems: LexProblem[] = [];
  const push = (t: Token) => statements[statements.length - 1].push(t);
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    const column = i + 1;
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '#' || (c === '/' && line[i + 1] === '/')) break;
    if (c === ';') { statements.push([]); i++; continue; }
    if (c === '"') {
      let s = '';
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\') {
          const [code, next] = escape(line, i + 1);
          s += String.fromCharCode(code);
          i = next;
        } else {
          s += line[i++];
        }
      }
      if (i >= line.length) problems.push({ column, message: 'unterminated string' });
      i++;
      push({ kind: 'string', text: s, column, end: i + 2 });
      continue;
    }
    if (c === "'") {
      // Character literal: 'a' (GNU as also takes a lone 'a without the closing quote).
      let code: number;
      let next: number;
      if (line[i + 1] === '\\') [code, next] = escape(line, i + 2);
      else if (i + 1 < line.length) [code, next] = [line.charCodeAt(i + 1), i + 2];
      else { problems.push({ column, message: 'empty character literal' }); i++; continue; }
      if (line[next] === "'") next++;
      push({ kind: 'number', text: line.slice(i, next), column, end: next + 1, value: BigInt(code) });
      i = next;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let j = i;
      while (j < line.length && /[0-9A-Za-z_]/.test(line[j])) j++;
      const text = line.slice(i, j);
      if (/^[0-9]+[bf]$/.test(text) && !/^0[bB][01]+$/.test(text)) {
        push({ kind: 'local', text, column, end: j + 1 });
      } else {
        const value = numberValue(text);
        if (value === undefined) problems.push({ column, message: `bad number '${text}'` });
        push({ kind: 'number', text, column, end: j + 1, value: value ?? 0n });
      }
      i = j;
      continue;
    }
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < line.length && IDENT_PART.test(line[j])) j++;
      push({ kind: 'ident', text: line.slice(i, j), column, end: j + 1 });
      i = j;
      continue;
    }
    const op = PUNCT.find((p) => line.startsWith(p, i));
    if (op !== undefined) {
      push({ kind: 'punct', text: op, column, end: i + op.length + 1 });
      i += op.length;
      continue;
    }
    problems.push({ column, message: `unexpected character '${c}'` });
    i++;
  }
  return { statements: statements.filter((s) => s.length > 0), problems };
}
