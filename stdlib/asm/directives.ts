/**
 * Assembler directives (GNU as spelling): sections, alignment, data,
 * strings, equates and `.option`. One section is assembled: `.text`,
 * `.data`, `.rodata`, `.bss` and `.section` only change how alignment pads
 * (nops in code, zeros in data), the bytes stay in source order.
 */
import { ColumnError } from './asm-error';
import { evaluate, type EvalContext, type Expr } from './expression';
import { encode32, noFields } from './instruction-encoder';
import { EquateItem, type LayoutContext, type LayoutItem } from './layout-item';
import type { OperandParser } from './operand-parser';

/** Parser state directives change. */
export interface DirectiveState {
  /** `.option rvc` in effect. */
  rvc: boolean;
  /** In a code section (alignment pads with nops). */
  code: boolean;
  /** `.option push` stack. */
  readonly optionStack: boolean[];
}

/** Directives accepted and ignored: they concern linking, debugging or ELF metadata. */
const IGNORED = new Set([
  '.globl', '.global', '.local', '.weak', '.hidden', '.type', '.size', '.file', '.ident', '.attribute',
  '.cfi_startproc', '.cfi_endproc', '.cfi_def_cfa_offset', '.cfi_offset', '.cfi_restore', '.loc', '.p2alignl',
]);
/** Section directives and whether they hold code. */
const SECTIONS: Readonly<Record<string, boolean>> = { '.text': true, '.data': false, '.rodata': false, '.bss': false };
/** Widths of the integer data directives. */
const DATA_WIDTH: Readonly<Record<string, number>> = {
  '.byte': 1, '.half': 2, '.short': 2, '.2byte': 2, '.word': 4, '.long': 4, '.4byte': 4, '.dword': 8, '.quad': 8, '.8byte': 8,
};
/** Largest alignment accepted (2^n bytes), a guard against typos like `.align 4096`. */
const MAX_ALIGN_LOG2 = 16;
/** The nops alignment pads code with: addi x0, x0, 0 and c.nop. */
const NOP = encode32('addi', noFields());
const C_NOP = 0x0001;

type Emit = (ctx: EvalContext) => Uint8Array;

/** A directive item: a size rule and an emit rule. */
class DirectiveItem implements LayoutItem {
  constructor(
    readonly line: number, readonly column: number, readonly source: string,
    private readonly sizeRule: (ctx: LayoutContext) => number, private readonly emitRule: Emit,
  ) {}
  layout(ctx: LayoutContext): number { return this.sizeRule(ctx); }
  emit(ctx: EvalContext): Uint8Array { return this.emitRule(ctx); }
}

/** Little-endian bytes of `value` in `width` bytes, checking it fits (signed or unsigned). */
function integerBytes(value: bigint, width: number, column: number): Uint8Array {
  const bits = BigInt(width * 8);
  if (width < 8 && (value < -(1n << (bits - 1n)) || value >= 1n << bits)) {
    throw new ColumnError(column, `value ${value} does not fit in ${width} byte${width > 1 ? 's' : ''}`);
  }
  const out = new Uint8Array(width);
  let v = BigInt.asUintN(Number(bits), value);
  for (let i = 0; i < width; i++) { out[i] = Number(v & 0xffn); v >>= 8n; }
  return out;
}

/** A constant operand (count, alignment): must be known when laid out. */
function constant(expr: Expr, ctx: EvalContext, what: string): bigint | undefined {
  const v = evaluate(expr, ctx);
  if (v.unknown) {
    if (ctx.strict) throw new ColumnError(expr.column, `${what} must be a constant defined before use`);
    return undefined;
  }
  if (v.rel !== 0) throw new ColumnError(expr.column, `${what} must be a constant, not an address`);
  return v.value;
}

/** Padding bytes from `address` up to a multiple of `align`: nops in code, `fill` (default 0) in data. */
function padding(address: bigint, align: bigint, code: boolean, fill: number | undefined): Uint8Array {
  const n = Number((align - (address % align)) % align);
  const out = new Uint8Array(n).fill(fill ?? 0);
  if (!code || fill !== undefined) return out;
  // Code: odd bytes stay zero, then a c.nop when the rest is not a multiple of 4 (GNU as uses it
  // even without RVC), then nops.
  let off = n % 2;
  if ((n - off) % 4 === 2) { out[off] = C_NOP & 0xff; out[off + 1] = C_NOP >> 8; off += 2; }
  for (; off + 4 <= n; off += 4) for (let i = 0; i < 4; i++) out[off + i] = (NOP >>> (8 * i)) & 0xff;
  return out;
}

/**
 * Parse directive `name` (with its leading dot) at `column`. Returns the
 * items it contributes (none for state changes and ignored directives), or
 * throws a ColumnError.
 */
export function parseDirective(
  name: string, column: number, p: OperandParser, state: DirectiveState, line: number, source: string,
): LayoutItem[] {
  const item = (size: (ctx: LayoutContext) => number, emit: Emit) => [new DirectiveItem(line, column, source, size, emit)];
  const exprList = (): { expr: Expr; column: number }[] => {
    const list = [p.expr()];
    while (p.more()) list.push(p.expr());
    return list;
  };
  if (IGNORED.has(name)) {
    while (!p.cur.atEnd()) p.cur.next();
    return [];
  }
  if (name in SECTIONS) { state.code = SECTIONS[name]; return []; }
  if (name === '.section') {
    const t = p.cur.next('a section name');
    state.code = t.text.startsWith('.text');
    while (!p.cur.atEnd()) p.cur.next();
    return [];
  }
  if (name in DATA_WIDTH) {
    const width = DATA_WIDTH[name];
    const values = exprList();
    return item(() => width * values.length, (ctx) => {
      const out = new Uint8Array(width * values.length);
      values.forEach((v, i) => out.set(integerBytes(evaluate(v.expr, ctx).value, width, v.column), i * width));
      return out;
    });
  }
  switch (name) {
    case '.string': case '.asciz': case '.ascii': {
      const parts: number[] = [];
      do {
        const t = p.cur.next('a string');
        if (t.kind !== 'string') throw new ColumnError(t.column, `expected a string, found '${t.text}'`);
        for (const ch of Buffer.from(t.text, 'latin1')) parts.push(ch);
        if (name !== '.ascii') parts.push(0);
      } while (p.more());
      const bytes = Uint8Array.from(parts);
      return item(() => bytes.length, () => bytes);
    }
    case '.zero': case '.space': case '.skip': {
      const count = p.expr();
      const fill = p.more() ? p.expr() : undefined;
      const size = (ctx: EvalContext) => {
        const n = constant(count.expr, ctx, 'the size');
        if (n !== undefined && n < 0n) throw new ColumnError(count.column, `negative size ${n}`);
        return Number(n ?? 0n);
      };
      return item(size, (ctx) => {
        const f = fill === undefined ? 0n : constant(fill.expr, ctx, 'the fill value') ?? 0n;
        return new Uint8Array(size(ctx)).fill(Number(BigInt.asUintN(8, f)));
      });
    }
    case '.align': case '.p2align': case '.balign': {
      const a = p.expr();
      const fill = p.more() ? p.expr() : undefined;
      const code = state.code;
      const alignment = (ctx: EvalContext): bigint => {
        const v = constant(a.expr, ctx, 'the alignment') ?? 0n;
        if (name === '.balign') {
          if (v !== 0n && (v & (v - 1n)) !== 0n) throw new ColumnError(a.column, `alignment ${v} is not a power of 2`);
          return v === 0n ? 1n : v;
        }
        // On RISC-V `.align n` is 2^n bytes, like .p2align.
        if (v < 0n || v > BigInt(MAX_ALIGN_LOG2)) throw new ColumnError(a.column, `alignment 2^${v} out of range 0..${MAX_ALIGN_LOG2}`);
        return 1n << v;
      };
      const fillByte = (ctx: EvalContext) => (fill === undefined ? undefined : Number(BigInt.asUintN(8, constant(fill.expr, ctx, 'the fill value') ?? 0n)));
      return item(
        (ctx) => padding(ctx.pc, alignment(ctx), code, undefined).length,
        (ctx) => padding(ctx.pc, alignment(ctx), code, fillByte(ctx)),
      );
    }
    case '.equ': case '.set': case '.equiv': {
      const t = p.cur.next('a symbol name');
      if (t.kind !== 'ident') throw new ColumnError(t.column, `expected a symbol name, found '${t.text}'`);
      p.comma();
      const { expr } = p.expr();
      return [new EquateItem(line, column, source, t.text, expr)];
    }
    case '.option': {
      const t = p.cur.next('an option');
      switch (t.text) {
        case 'rvc': state.rvc = true; break;
        case 'norvc': state.rvc = false; break;
        case 'push': state.optionStack.push(state.rvc); break;
        case 'pop': {
          const v = state.optionStack.pop();
          if (v === undefined) throw new ColumnError(t.column, '.option pop without .option push');
          state.rvc = v;
          break;
        }
        case 'relax': case 'norelax': case 'pic': case 'nopic': case 'csr-check': case 'no-csr-check': break;
        default: throw new ColumnError(t.column, `unknown option '${t.text}' (expected rvc, norvc, push, pop, relax, norelax, pic, nopic)`);
      }
      return [];
    }
    case '.insn': {
      // Raw form only: `.insn 2, value` / `.insn 4, value`.
      const len = p.expr();
      p.comma();
      const v = p.expr();
      return item((ctx) => Number(constant(len.expr, ctx, 'the length') ?? 4n), (ctx) => {
        const n = constant(len.expr, ctx, 'the length');
        if (n !== 2n && n !== 4n) throw new ColumnError(len.column, '.insn takes a length of 2 or 4 bytes');
        return integerBytes(BigInt.asUintN(Number(n) * 8, evaluate(v.expr, ctx).value), Number(n), v.column);
      });
    }
  }
  throw new ColumnError(column, `unknown directive '${name}'`);
}
