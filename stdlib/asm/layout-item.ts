/**
 * The units the assembler lays out and emits: one per label, equate,
 * instruction statement or data directive. Layout may run several times
 * (sizes of `li` and, with RVC, of branches depend on symbol values); sizes
 * only ever grow between rounds so that it settles, as GNU as's relaxation does.
 */
import type { Xlen } from '../../core/target/riscv/encoding';
import { ColumnError } from './asm-error';
import { compressInsn } from './compressor';
import { evaluate, type EvalContext, type Expr, type SymbolValue } from './expression';
import { encodeTemplate, resolveFields, type InsnTemplate } from './insn-template';
import type { InsnPlan } from './pseudo-instructions';

/** What layout gives an item: the lenient evaluation context at its address, and symbol definition. */
export interface LayoutContext extends EvalContext {
  /** Define (or update) a symbol. */
  define(name: string, value: SymbolValue): void;
  /** Record the `%pcrel_hi` target of an auipc at `address` (for `%pcrel_lo`). */
  notePcrelHi(address: bigint, target: bigint): void;
}

/** One layout unit. */
export interface LayoutItem {
  /** Source line (1-based) and the column where the statement starts. */
  readonly line: number;
  readonly column: number;
  /** The statement's text, for the listing. */
  readonly source: string;
  /** Size in bytes at `ctx.pc`; may define symbols. */
  layout(ctx: LayoutContext): number;
  /** The bytes at the final address (strict evaluation; throws ColumnError). */
  emit(ctx: EvalContext): Uint8Array;
}

/** `name:` — the current address. */
export class LabelItem implements LayoutItem {
  constructor(readonly line: number, readonly column: number, readonly source: string, readonly name: string) {}
  layout(ctx: LayoutContext): number {
    ctx.define(this.name, { value: ctx.pc, rel: 1 });
    return 0;
  }
  emit(): Uint8Array {
    return new Uint8Array(0);
  }
}

/** `.equ name, expr` / `.set` / `name = expr`. */
export class EquateItem implements LayoutItem {
  constructor(readonly line: number, readonly column: number, readonly source: string, readonly name: string, readonly expr: Expr) {}
  layout(ctx: LayoutContext): number {
    const v = evaluate(this.expr, ctx);
    if (!v.unknown) ctx.define(this.name, { value: v.value, rel: v.rel });
    return 0;
  }
  emit(ctx: EvalContext): Uint8Array {
    evaluate(this.expr, ctx); // reports undefined symbols
    return new Uint8Array(0);
  }
}

/** One instruction statement: its plan expands to machine instructions (several for pseudo-instructions). */
export class InsnItem implements LayoutItem {
  /** Size of each expanded instruction from the last layout round (2 or 4; grows only). */
  private sizes: (2 | 4)[] = [];

  constructor(
    readonly line: number, readonly column: number, readonly source: string,
    readonly plan: InsnPlan, readonly rvc: boolean, readonly xlen: Xlen,
  ) {}

  layout(ctx: LayoutContext): number {
    let templates: InsnTemplate[];
    try {
      templates = this.plan(ctx);
    } catch {
      templates = [];
    }
    if (templates.length !== this.sizes.length) this.sizes = templates.map(() => 2);
    let pc = ctx.pc;
    let total = 0;
    templates.forEach((t, i) => {
      const at: EvalContext = { ...ctx, pc, lookup: ctx.lookup, pcrelHiTarget: ctx.pcrelHiTarget };
      const size = this.sizeOf(t, at);
      this.sizes[i] = size > this.sizes[i] ? size : this.sizes[i];
      const hi = t.operands[0]?.expr;
      if (t.op === 'auipc' && hi !== undefined && hi.kind === 'reloc' && hi.fn === 'pcrel_hi') {
        const target = evaluate(hi.arg, at);
        if (!target.unknown) ctx.notePcrelHi(pc, target.value);
      }
      pc += BigInt(this.sizes[i]);
      total += this.sizes[i];
    });
    return total;
  }

  private sizeOf(t: InsnTemplate, ctx: EvalContext): 2 | 4 {
    if (t.cname !== undefined) return 2;
    if (!this.rvc || !t.compressible) return 4;
    try {
      const { fields } = resolveFields(t, ctx);
      return compressInsn(t.op, fields, this.xlen) !== undefined ? 2 : 4;
    } catch {
      return 4;
    }
  }

  emit(ctx: EvalContext): Uint8Array {
    const templates = this.plan(ctx);
    if (templates.length !== this.sizes.length) throw new ColumnError(this.column, 'instruction expansion changed after layout');
    const parts: Uint8Array[] = [];
    let pc = ctx.pc;
    templates.forEach((t, i) => {
      parts.push(encodeTemplate(t, { ...ctx, pc }, this.sizes[i], this.xlen));
      pc += BigInt(this.sizes[i]);
    });
    return concatBytes(parts);
  }
}

/** Concatenate byte arrays. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) { out.set(p, off); off += p.length; }
  return out;
}
