/**
 * The assembler driver: source text → parsed layout items → layout rounds
 * until addresses settle → bytes, symbols and a listing. Every problem is
 * collected with its line and column and reported together.
 */
import type { Xlen } from '../../core/target/riscv/encoding';
import { AsmError, ColumnError, type AsmDiagnostic } from './asm-error';
import { parseBaseInstruction } from './base-syntax';
import { parseCompressedInstruction } from './compressed-syntax';
import { parseDirective, type DirectiveState } from './directives';
import type { EvalContext, SymbolValue } from './expression';
import { InsnItem, LabelItem, EquateItem, type LayoutContext, type LayoutItem } from './layout-item';
import { lexLine, type Token } from './lexer';
import { OperandParser } from './operand-parser';
import { AssembledProgram, type ListingRow } from './program';
import { isPseudo, parsePseudo, type InsnPlan } from './pseudo-instructions';
import { TokenCursor } from './token-cursor';

/** Options of {@link assemble}. */
export interface AssembleOptions {
  /** Address of the first byte (default 0x80000000, where RAM starts). */
  address?: bigint;
  /** Register width; only RV64 is supported. */
  xlen?: 64;
  /**
   * Start with `.option rvc`: use 16-bit encodings where one expresses the
   * instruction, as GNU as does with the C extension (default false: only
   * explicit `c.` mnemonics are 16-bit).
   */
  compress?: boolean;
}

/** Default load address: the start of RAM on Orrery's machines. */
export const DEFAULT_ADDRESS = 0x80000000n;
/** Layout rounds before giving up (sizes only grow, so real programs settle in a few). */
const MAX_LAYOUT_ROUNDS = 64;
/** Marks generated names of numeric local labels (`1:` → `1\u00022`), which cannot clash with source names. */
const LOCAL_MARK = '\u0002';

/** An instruction that failed to parse keeps its 4 bytes so later addresses stay where the author expects. */
class PlaceholderItem implements LayoutItem {
  constructor(readonly line: number, readonly column: number, readonly source: string) {}
  layout(): number { return 4; }
  emit(): Uint8Array { return new Uint8Array(4); }
}

/**
 * Assemble RV64GC source text. Returns the program (bytes, symbols,
 * listing); throws an {@link AsmError} listing every problem with its line
 * and column.
 *
 * @example
 * const p = assemble(`
 *   li a0, 0
 *   li a1, 10
 * 1: add a0, a0, a1
 *   addi a1, a1, -1
 *   bnez a1, 1b
 * `);
 * p.bytes.length // 20
 */
export function assemble(source: string, options: AssembleOptions = {}): AssembledProgram {
  const xlen: Xlen = options.xlen ?? 64;
  if (xlen !== 64) throw new RangeError('only RV64 (xlen 64) is supported');
  const base = options.address ?? DEFAULT_ADDRESS;
  const lines = source.split('\n');
  const diagnostics: AsmDiagnostic[] = [];
  const report = (line: number, column: number, reason: string) =>
    diagnostics.push({ line, column, reason, sourceLine: lines[line - 1].replace(/\r$/, '') });

  const items = parseProgram(lines, xlen, options.compress ?? false, report);
  const { sizes, symbols, pcrelHi } = layOut(items, base, report);

  const lookup = (name: string) => symbols.get(name);
  const listing: ListingRow[] = [];
  const parts: Uint8Array[] = [];
  let address = base;
  items.forEach((item, i) => {
    const ctx: EvalContext = { pc: address, strict: true, lookup, pcrelHiTarget: (a) => pcrelHi.get(a) };
    let bytes: Uint8Array;
    try {
      bytes = item.emit(ctx);
      if (bytes.length !== sizes[i]) throw new ColumnError(item.column, `internal: size changed after layout (${sizes[i]} → ${bytes.length})`);
    } catch (e) {
      if (!(e instanceof ColumnError)) throw e;
      report(item.line, e.column, e.reason);
      bytes = new Uint8Array(sizes[i]);
    }
    const kind = item instanceof InsnItem ? 'insn' : item instanceof LabelItem || item instanceof EquateItem ? 'label' : 'data';
    listing.push({ address, bytes, source: item.source, line: item.line, kind });
    parts.push(bytes);
    address += BigInt(bytes.length);
  });
  if (diagnostics.length > 0) {
    diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
    throw new AsmError(dedupe(diagnostics));
  }
  const out = new Uint8Array(Number(address - base));
  let off = 0;
  for (const p of parts) { out.set(p, off); off += p.length; }
  const visible = new Map<string, bigint>();
  for (const [name, v] of symbols) if (!name.includes(LOCAL_MARK)) visible.set(name, v.value);
  return new AssembledProgram(out, base, visible, listing);
}

/** The same problem can be found by two layout paths; report it once. */
function dedupe(ds: AsmDiagnostic[]): AsmDiagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.line}:${d.column}:${d.reason}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

type Report = (line: number, column: number, reason: string) => void;

/** Parse every statement into layout items. */
function parseProgram(lines: string[], xlen: Xlen, compress: boolean, report: Report): LayoutItem[] {
  const items: LayoutItem[] = [];
  const state: DirectiveState = { rvc: compress, code: true, optionStack: [] };
  const localCount = new Map<string, number>();
  const labelLine = new Map<string, number>();

  const localResolver = (text: string, column: number): string => {
    const n = text.slice(0, -1);
    const count = localCount.get(n) ?? 0;
    if (text.endsWith('b')) {
      if (count === 0) throw new ColumnError(column, `undefined label '${text}' (no '${n}:' before it)`);
      return `${n}${LOCAL_MARK}${count}`;
    }
    return `${n}${LOCAL_MARK}${count + 1}`;
  };

  lines.forEach((text, index) => {
    const line = index + 1;
    const lexed = lexLine(text.replace(/\r$/, ''));
    for (const p of lexed.problems) report(line, p.column, p.message);
    if (lexed.problems.length > 0) return;
    for (const tokens of lexed.statements) {
      const src = (from: number, to: Token) => text.slice(from - 1, to.end - 1);
      let k = 0;
      // Labels: `name:` or `1:`, possibly several.
      while (k + 1 < tokens.length && tokens[k + 1].kind === 'punct' && tokens[k + 1].text === ':'
        && (tokens[k].kind === 'ident' || (tokens[k].kind === 'number' && /^[0-9]+$/.test(tokens[k].text)))) {
        const t = tokens[k];
        let name = t.text;
        if (t.kind === 'number') {
          const count = (localCount.get(t.text) ?? 0) + 1;
          localCount.set(t.text, count);
          name = `${t.text}${LOCAL_MARK}${count}`;
        } else if (labelLine.has(name)) {
          report(line, t.column, `label '${name}' is already defined on line ${labelLine.get(name)}`);
          k += 2;
          continue;
        } else {
          labelLine.set(name, line);
        }
        items.push(new LabelItem(line, t.column, src(t.column, tokens[k + 1]), name));
        k += 2;
      }
      if (k >= tokens.length) continue;
      const rest = tokens.slice(k);
      const first = rest[0];
      const last = rest[rest.length - 1];
      const source = src(first.column, last);
      const cur = new TokenCursor(rest, last.end);
      const p = new OperandParser(cur, localResolver);
      try {
        if (first.kind === 'ident' && rest[1]?.kind === 'punct' && rest[1].text === '=') {
          cur.next(); cur.next();
          const { expr } = p.expr();
          cur.expectEnd();
          items.push(new EquateItem(line, first.column, source, first.text, expr));
          continue;
        }
        if (first.kind !== 'ident') throw new ColumnError(first.column, `expected an instruction or directive, found '${first.text}'`);
        cur.next();
        if (first.text.startsWith('.')) {
          const produced = parseDirective(first.text.toLowerCase(), first.column, p, state, line, source);
          cur.expectEnd();
          items.push(...produced);
          continue;
        }
        const plan = parseInstruction(first.text.toLowerCase(), first.column, p, xlen);
        cur.expectEnd();
        items.push(new InsnItem(line, first.column, source, plan, state.rvc, xlen));
      } catch (e) {
        if (!(e instanceof ColumnError)) throw e;
        report(line, e.column, e.reason);
        if (!first.text.startsWith('.')) items.push(new PlaceholderItem(line, first.column, source));
      }
    }
  });
  return items;
}

/** One instruction statement → its plan (explicit RVC, pseudo-instruction or base instruction). */
function parseInstruction(mnemonic: string, column: number, p: OperandParser, xlen: Xlen): InsnPlan {
  if (mnemonic.startsWith('c.')) {
    const t = parseCompressedInstruction(mnemonic, column, p, xlen);
    if (t !== undefined) return () => t;
  } else if (isPseudo(mnemonic)) {
    return parsePseudo(mnemonic, column, p);
  } else {
    const t = parseBaseInstruction(mnemonic, column, p, xlen);
    if (t !== undefined) return () => t;
  }
  throw new ColumnError(column, `unknown instruction '${mnemonic}'`);
}

/** Lay the items out until no address or size changes. */
function layOut(items: LayoutItem[], base: bigint, report: Report): {
  sizes: number[]; symbols: Map<string, SymbolValue>; pcrelHi: Map<bigint, bigint>;
} {
  const symbols = new Map<string, SymbolValue>();
  const pcrelHi = new Map<bigint, bigint>();
  const sizes = items.map(() => 0);
  let changed = true;
  const ctx: LayoutContext = {
    pc: base,
    strict: false,
    lookup: (name) => symbols.get(name),
    pcrelHiTarget: (a) => pcrelHi.get(a),
    define: (name, v) => {
      const old = symbols.get(name);
      if (old === undefined || old.value !== v.value || old.rel !== v.rel) { symbols.set(name, v); changed = true; }
    },
    notePcrelHi: (a, t) => {
      if (pcrelHi.get(a) !== t) { pcrelHi.set(a, t); changed = true; }
    },
  };
  for (let round = 0; changed; round++) {
    if (round === MAX_LAYOUT_ROUNDS) {
      const first = items[0];
      report(first?.line ?? 1, first?.column ?? 1, `layout did not settle after ${MAX_LAYOUT_ROUNDS} rounds (sizes depend on each other)`);
      break;
    }
    changed = false;
    let address = base;
    items.forEach((item, i) => {
      (ctx as { pc: bigint }).pc = address;
      let size = sizes[i];
      try {
        size = item.layout(ctx);
      } catch (e) {
        if (!(e instanceof ColumnError)) throw e; // reported when emitted
      }
      if (size !== sizes[i]) { sizes[i] = size; changed = true; }
      address += BigInt(size);
    });
  }
  return { sizes, symbols, pcrelHi };
}
