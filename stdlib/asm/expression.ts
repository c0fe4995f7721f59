/**
 * Assembler expressions: numbers, symbols, `.` (the current address), unary
 * `- ~ +`, binary `* / % << >> & | ^ + -` (GNU as precedence: multiplicative
 * and shifts bind tightest, then bitwise, then additive) and the relocation
 * functions `%hi`, `%lo`, `%pcrel_hi`, `%pcrel_lo`.
 *
 * Values are 64-bit two's complement (`bigint`, kept signed). Each value
 * also counts its label terms (`rel`): `label - label` is absolute (rel 0),
 * `label + 4` is an address (rel 1). `li` uses that to tell a constant from
 * an address.
 */
import { ColumnError } from './asm-error';
import type { TokenCursor } from './token-cursor';

/** Relocation functions as GNU as spells them. */
export type RelocFunction = 'hi' | 'lo' | 'pcrel_hi' | 'pcrel_lo';

/** An expression tree; `column` is where it starts in the line. */
export type Expr =
  | { readonly kind: 'number'; readonly value: bigint; readonly column: number }
  | { readonly kind: 'symbol'; readonly name: string; readonly display: string; readonly column: number }
  | { readonly kind: 'dot'; readonly column: number }
  | { readonly kind: 'unary'; readonly op: string; readonly arg: Expr; readonly column: number }
  | { readonly kind: 'binary'; readonly op: string; readonly left: Expr; readonly right: Expr; readonly column: number }
  | { readonly kind: 'reloc'; readonly fn: RelocFunction; readonly arg: Expr; readonly column: number }
  /** The low 12 bits of `arg - (pc + anchor)`: the second half of an auipc pair the assembler expands itself (la, call). */
  | { readonly kind: 'pairLo'; readonly arg: Expr; readonly anchor: number; readonly column: number };

/** A symbol's value as the evaluator sees it. */
export interface SymbolValue {
  readonly value: bigint;
  /** Number of label terms (0: an absolute constant). */
  readonly rel: number;
}

/** An evaluated expression. */
export interface Value extends SymbolValue {
  /** A symbol was not (yet) defined: the value is a placeholder. */
  readonly unknown: boolean;
}

/** What evaluation needs from the assembler. */
export interface EvalContext {
  /** Address of the instruction or datum being assembled (`.` and pc-relative functions). */
  readonly pc: bigint;
  /** A symbol's value, or undefined when it is not defined (yet). */
  lookup(name: string): SymbolValue | undefined;
  /** For `%pcrel_lo(label)`: the target of the `%pcrel_hi` of the auipc at `address`. */
  pcrelHiTarget(address: bigint): bigint | undefined;
  /** When true an undefined symbol is an error; when false (layout) it evaluates to a placeholder. */
  readonly strict: boolean;
}

const RELOC_FUNCTIONS: readonly RelocFunction[] = ['pcrel_hi', 'pcrel_lo', 'hi', 'lo'];

/** Binary operators by precedence level (higher binds tighter). */
const PRECEDENCE: Readonly<Record<string, number>> = {
  '*': 3, '/': 3, '%': 3, '<<': 3, '>>': 3,
  '&': 2, '|': 2, '^': 2,
  '+': 1, '-': 1,
};

/** Resolves numeric local label references (`1b`, `1f`) to unique symbol names. */
export type LocalLabelResolver = (text: string, column: number) => string;

/**
 * Parse an expression at the cursor. Stops before a token that cannot
 * continue it (`,`, or the `(` of an `offset(reg)` operand).
 */
export function parseExpression(cur: TokenCursor, local: LocalLabelResolver, minPrec = 1): Expr {
  let left = parseUnary(cur, local);
  for (;;) {
    const t = cur.peek();
    if (t === undefined || t.kind !== 'punct') return left;
    const prec = PRECEDENCE[t.text];
    if (prec === undefined || prec < minPrec) return left;
    cur.next();
    const right = parseExpression(cur, local, prec + 1);
    left = { kind: 'binary', op: t.text, left, right, column: left.column };
  }
}

function parseUnary(cur: TokenCursor, local: LocalLabelResolver): Expr {
  const t = cur.next('an expression');
  switch (t.kind) {
    case 'number': return { kind: 'number', value: t.value ?? 0n, column: t.column };
    case 'local': return { kind: 'symbol', name: local(t.text, t.column), display: t.text, column: t.column };
    case 'ident':
      if (t.text === '.') return { kind: 'dot', column: t.column };
      return { kind: 'symbol', name: t.text, display: t.text, column: t.column };
    case 'string':
      throw new ColumnError(t.column, 'expected an expression, found a string');
    case 'punct':
      if (t.text === '-' || t.text === '~' || t.text === '+') {
        return { kind: 'unary', op: t.text, arg: parseUnary(cur, local), column: t.column };
      }
      if (t.text === '(') {
        const inner = parseExpression(cur, local);
        cur.expect(')');
        return inner;
      }
      if (t.text === '%') {
        const name = cur.next('a relocation function');
        const fn = RELOC_FUNCTIONS.find((f) => f === name.text);
        if (name.kind !== 'ident' || fn === undefined) {
          throw new ColumnError(name.column, `unknown relocation function '%${name.text}' (expected %hi, %lo, %pcrel_hi or %pcrel_lo)`);
        }
        cur.expect('(');
        const arg = parseExpression(cur, local);
        cur.expect(')');
        return { kind: 'reloc', fn, arg, column: t.column };
      }
  }
  throw new ColumnError(t.column, `expected an expression, found '${t.text}'`);
}

/** Sign-extend the low 12 bits (what `%lo` and the I/S immediates hold). */
export function low12(v: bigint): bigint {
  return BigInt.asIntN(12, v);
}

/** The 20-bit upper part that, with `low12(v)` added, gives `v` (what `%hi` holds). */
export function high20(v: bigint): bigint {
  return BigInt.asUintN(20, (v + 0x800n) >> 12n);
}

const wrap = (v: bigint) => BigInt.asIntN(64, v);

/** Evaluate an expression. Undefined symbols are errors when `ctx.strict`. */
export function evaluate(e: Expr, ctx: EvalContext): Value {
  switch (e.kind) {
    case 'number': return { value: wrap(e.value), rel: 0, unknown: false };
    case 'dot': return { value: ctx.pc, rel: 1, unknown: false };
    case 'symbol': {
      const s = ctx.lookup(e.name);
      if (s === undefined) {
        if (ctx.strict) throw new ColumnError(e.column, `undefined label '${e.display}'`);
        return { value: ctx.pc, rel: 1, unknown: true };
      }
      return { ...s, unknown: false };
    }
    case 'unary': {
      const a = evaluate(e.arg, ctx);
      const value = e.op === '-' ? -a.value : e.op === '~' ? ~a.value : a.value;
      return { value: wrap(value), rel: e.op === '-' ? -a.rel : e.op === '+' ? a.rel : 0, unknown: a.unknown };
    }
    case 'binary': {
      const a = evaluate(e.left, ctx);
      const b = evaluate(e.right, ctx);
      const unknown = a.unknown || b.unknown;
      if ((e.op === '/' || e.op === '%') && b.value === 0n) {
        if (unknown) return { value: 0n, rel: 0, unknown };
        throw new ColumnError(e.column, 'division by zero');
      }
      let value: bigint;
      let rel = 0;
      switch (e.op) {
        case '+': value = a.value + b.value; rel = a.rel + b.rel; break;
        case '-': value = a.value - b.value; rel = a.rel - b.rel; break;
        case '*': value = a.value * b.value; break;
        case '/': value = a.value / b.value; break;
        case '%': value = a.value % b.value; break;
        case '<<': value = a.value << BigInt.asUintN(6, b.value); break;
        case '>>': value = a.value >> BigInt.asUintN(6, b.value); break;
        case '&': value = a.value & b.value; break;
        case '|': value = a.value | b.value; break;
        default: value = a.value ^ b.value; break;
      }
      return { value: wrap(value), rel, unknown };
    }
    case 'reloc': return evaluateReloc(e.fn, e.arg, ctx);
    case 'pairLo': {
      const a = evaluate(e.arg, ctx);
      return { value: low12(a.value - (ctx.pc + BigInt(e.anchor))), rel: 0, unknown: a.unknown };
    }
  }
}

function evaluateReloc(fn: RelocFunction, arg: Expr, ctx: EvalContext): Value {
  const a = evaluate(arg, ctx);
  switch (fn) {
    case 'hi': return { value: high20(a.value), rel: 0, unknown: a.unknown };
    case 'lo': return { value: low12(a.value), rel: 0, unknown: a.unknown };
    case 'pcrel_hi': return { value: high20(a.value - ctx.pc), rel: 0, unknown: a.unknown };
    case 'pcrel_lo': {
      // The operand names the auipc (a label on it); the offset is that auipc's target minus its address.
      if (a.unknown) return { value: 0n, rel: 0, unknown: true };
      const target = ctx.pcrelHiTarget(a.value);
      if (target === undefined) {
        if (!ctx.strict) return { value: 0n, rel: 0, unknown: true };
        throw new ColumnError(arg.column,
          `%pcrel_lo needs a label on an auipc with %pcrel_hi, none at 0x${BigInt.asUintN(64, a.value).toString(16)}`);
      }
      return { value: low12(target - a.value), rel: 0, unknown: false };
    }
  }
}

/** True when the expression mentions a relocation function at its top (`%lo(x)`), for operand checks. */
export function isReloc(e: Expr, fn?: RelocFunction): boolean {
  return e.kind === 'reloc' && (fn === undefined || e.fn === fn);
}
