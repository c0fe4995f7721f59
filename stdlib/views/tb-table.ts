import { RiscvMachine } from '../../core/machine/riscv-machine';
import { mimeBundle, MimeBundle } from '../display';
import { hex } from './number-format';
import { Column, htmlTable, textTable } from './table';

/** One translation block as a row of the cache table. */
export interface TbRow {
  pc: bigint;
  /** Translation flags (privilege, FP state, MMU index: see TB_FLAGS). */
  flags: number;
  guestInsns: number;
  guestBytes: number;
  irOps: number;
  irOpsOptimized: number;
  /** Bytes of WebAssembly (0 while interpreted). */
  hostBytes: number;
  /** Microseconds to translate it (decode, IR, passes). */
  translateMicros: number;
  /** Runs in the interpreter (before it was compiled). */
  interpretedRuns: number;
  compiled: boolean;
  /** Chain slots linked to successors (0..2). */
  linked: number;
  /** Blocks chained into this one. */
  incoming: number;
  /** It spans two pages. */
  crossPage: boolean;
}

/** Columns {@link tbTable} can sort by. */
export type TbSortKey = keyof Omit<TbRow, 'compiled' | 'crossPage'>;

/** Options of {@link tbTable}. */
export interface TbTableOptions {
  /** Sort key, descending except `pc` (default 'pc'). */
  sortBy?: TbSortKey;
  /** Rows shown (default 20; `rows` keeps all of them). */
  limit?: number;
}

const SORT_KEYS: readonly TbSortKey[] = [
  'pc', 'flags', 'guestInsns', 'guestBytes', 'irOps', 'irOpsOptimized', 'hostBytes', 'translateMicros', 'interpretedRuns', 'linked', 'incoming',
];

const COLUMNS: readonly Column<TbRow>[] = [
  { header: 'pc', cell: (r) => r.pc.toString(16), align: 'right' },
  { header: 'flags', cell: (r) => hex(r.flags, 2), align: 'right' },
  { header: 'insns', cell: (r) => String(r.guestInsns), align: 'right' },
  { header: 'bytes', cell: (r) => String(r.guestBytes), align: 'right' },
  { header: 'IR', cell: (r) => String(r.irOps), align: 'right' },
  { header: 'IR opt', cell: (r) => String(r.irOpsOptimized), align: 'right' },
  { header: 'wasm B', cell: (r) => (r.compiled ? String(r.hostBytes) : '—'), align: 'right' },
  { header: 'µs', cell: (r) => r.translateMicros.toFixed(1), align: 'right' },
  { header: 'interp runs', cell: (r) => String(r.interpretedRuns), align: 'right' },
  { header: 'linked', cell: (r) => String(r.linked), align: 'right' },
  { header: 'in', cell: (r) => String(r.incoming), align: 'right' },
  { header: '2 pages', cell: (r) => (r.crossPage ? 'yes' : ''), align: 'right' },
];

/** The translation cache as a table (QEMU's `info jit`, block by block). */
export class TbTableView {
  constructor(
    /** Every live block, sorted. */
    readonly rows: TbRow[],
    /** Rows shown in the text and HTML forms. */
    readonly limit: number,
    readonly title: string,
  ) {}

  toString(): string {
    return textTable(COLUMNS, this.rows.slice(0, this.limit), this.title);
  }

  [mimeBundle](): MimeBundle {
    return { 'text/plain': this.toString(), 'text/html': htmlTable(COLUMNS, this.rows.slice(0, this.limit), { title: this.title }) };
  }
}

/** Every live translation block of `m` as plain rows, in cache order. */
export function tbRows(m: RiscvMachine): TbRow[] {
  return [...m.engine.cache.blocks()].map((tb) => ({
    pc: tb.pc,
    flags: tb.flags,
    guestInsns: tb.stats.guestInsns,
    guestBytes: tb.stats.guestBytes,
    irOps: tb.stats.irOps,
    irOpsOptimized: tb.stats.irOpsOptimized,
    hostBytes: tb.stats.hostBytes,
    translateMicros: tb.stats.translateSeconds * 1e6,
    interpretedRuns: tb.stats.interpretedRuns,
    compiled: tb.compiled !== undefined,
    linked: (tb.outgoing[0] ? 1 : 0) + (tb.outgoing[1] ? 1 : 0),
    incoming: tb.incoming.length,
    crossPage: tb.ramPages.length > 1,
  }));
}

/**
 * The translation-block cache as a table, one block per row: size at each
 * stage, translation cost, chaining. Sorted by `sortBy` (descending; `pc`
 * ascending), the first `limit` shown:
 *
 * ```ts
 * tbTable(m, { sortBy: 'guestInsns', limit: 10 })
 * ```
 */
export function tbTable(m: RiscvMachine, options: TbTableOptions = {}): TbTableView {
  const key = options.sortBy ?? 'pc';
  if (!SORT_KEYS.includes(key)) throw new RangeError(`cannot sort by '${key}': use one of ${SORT_KEYS.join(', ')}`);
  const limit = options.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`limit ${limit} is not a non-negative integer`);
  const rows = tbRows(m);
  rows.sort((a, b) => (key === 'pc' ? (a.pc < b.pc ? -1 : a.pc > b.pc ? 1 : 0) : Number(b[key]) - Number(a[key])));
  const info = m.jitInfo();
  const title = `${info.blocks} blocks (${info.compiledBlocks} compiled), ${info.avgGuestInsns.toFixed(1)} insns/block, `
    + `${info.flushes} flushes, ${info.invalidations} invalidations${rows.length > limit ? `; ${limit} shown, sorted by ${key}` : ''}`;
  return new TbTableView(rows, limit, title);
}
