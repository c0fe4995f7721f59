import { JMP_CACHE_ENTRIES, JMP_CACHE_ENTRY_SIZE, ENV, MEMORY, PAGE_SIZE, chainSlot, jmpCacheIndex } from './env';
import { EntryLog } from '../memory/entry-log';
import { SharedMemory } from '../memory/shared-memory';
import { FetchedInsn, pcKeyOf, TranslationBlock } from './translation-block';

/** An empty jump cache: every entry's pc is -1 (odd: never a pc) and its table index 0. */
const EMPTY_JUMP_CACHE = (() => {
  const b = new Uint8Array(JMP_CACHE_ENTRIES * JMP_CACHE_ENTRY_SIZE);
  const v = new DataView(b.buffer);
  for (let i = 0; i < JMP_CACHE_ENTRIES; i++) v.setBigInt64(i * JMP_CACHE_ENTRY_SIZE, -1n, true);
  return b;
})();

/** Entries of the table of recently found blocks. */
const RECENT_ENTRIES = 4096;
/** Jump-cache entries remembered per hart between clears. */
const JUMP_LOG_SIZE = 512;

/** Counters of the translation cache, as plain data. */
export interface TbCacheStats {
  /** Blocks translated since the machine started. */
  translated: number;
  /** Whole-cache flushes. */
  flushes: number;
  /** Blocks invalidated because their code was written. */
  invalidations: number;
  /** Chain slots linked. */
  links: number;
}

/**
 * The translation-block cache: blocks by (pc, flags, max length), by RAM page
 * for invalidation, and by id for chain-slot linking. Shared by all harts.
 */
export class TbCache<G extends FetchedInsn = FetchedInsn> {
  readonly stats: TbCacheStats = { translated: 0, flushes: 0, invalidations: 0, links: 0 };
  /** Blocks by the number key of their pc (see pcKey in translation-block.ts). */
  private readonly byPc = new Map<number, TranslationBlock<G>[]>();
  /** Recently found blocks, direct-mapped by pc (see {@link lookupHalves}); stale entries are skipped by `valid`. */
  private readonly recent: (TranslationBlock<G> | undefined)[] = new Array(RECENT_ENTRIES).fill(undefined);
  private readonly byPage = new Map<number, Set<TranslationBlock<G>>>();
  private readonly byId: (TranslationBlock<G> | undefined)[] = [];
  /**
   * Per RAM page holding code, one bit per 2-byte parcel that some block was
   * made from: a store to the page's data (code and data often share a page)
   * is recognised without looking at the blocks.
   */
  private readonly codeBits = new Map<number, Uint32Array>();
  private nextId = 0;
  /** Per hart (by env), the jump-cache entries filled since its last clear (see {@link EntryLog}). */
  private readonly jumpLogs = new Map<number, EntryLog>();
  /** Envs of every hart (jump caches to keep coherent). */
  readonly envs: number[] = [];
  /** Called on a full flush (the backend drops its compiled code). */
  onFlush: () => void = () => {};

  constructor(readonly mem: SharedMemory) {}

  /**
   * The live block for this key, if any. With `host` (paged code), the block
   * must also have been made from the code at that host address.
   */
  lookup(pc: bigint, flags: number, maxInsns: number, host?: number): TranslationBlock<G> | undefined {
    const u = BigInt.asUintN(64, pc);
    return this.lookupHalves(Number(u & 0xffffffffn), Number(u >> 32n), flags, maxInsns, host);
  }

  /**
   * {@link lookup} by the pc's unsigned 32-bit halves (the execution loop's
   * way: no BigInt). A direct-mapped table of recent finds answers most calls
   * before the map is asked.
   */
  lookupHalves(lo: number, hi: number, flags: number, maxInsns: number, host?: number): TranslationBlock<G> | undefined {
    const slot = (lo >>> 1) & (RECENT_ENTRIES - 1);
    const r = this.recent[slot];
    if (r !== undefined && r.valid && r.pcLow === lo && r.pcHigh === hi && r.flags === flags && r.maxInsns === maxInsns
      && (host === undefined || r.hostSpans[0][0] === host)) return r;
    const list = this.byPc.get(pcKeyOf(lo, hi));
    if (!list) return undefined;
    for (const tb of list) {
      if (tb.flags !== flags || tb.maxInsns !== maxInsns || tb.pcHigh !== hi) continue;
      if (host !== undefined && tb.hostSpans[0]?.[0] !== host) continue;
      this.recent[slot] = tb;
      return tb;
    }
    return undefined;
  }

  /** An id for a new block; flushes the cache first when the chain area is full. */
  allocateId(): number {
    if (this.nextId >= MEMORY.maxBlocks) this.flush();
    return this.nextId++;
  }

  /** Add a new block. */
  insert(tb: TranslationBlock<G>): void {
    const list = this.byPc.get(tb.pcKey);
    if (list) list.push(tb);
    else this.byPc.set(tb.pcKey, [tb]);
    for (const p of tb.ramPages) {
      let set = this.byPage.get(p);
      if (!set) this.byPage.set(p, (set = new Set()));
      set.add(tb);
      this.markCode(p, tb);
    }
    this.byId[tb.id] = tb;
    this.mem.setI32(chainSlot(tb.id, 0), 0);
    this.mem.setI32(chainSlot(tb.id, 1), 0);
    this.stats.translated++;
  }

  /** The block with chain-slot id `id`, if live. */
  byIdLookup(id: number): TranslationBlock<G> | undefined {
    return this.byId[id];
  }

  /** All live blocks. */
  *blocks(): IterableIterator<TranslationBlock<G>> {
    for (const list of this.byPc.values()) yield* list;
  }

  /** Number of live blocks. */
  get size(): number {
    let n = 0;
    for (const list of this.byPc.values()) n += list.length;
    return n;
  }

  /** Point `from`'s chain slot at `to`, so generated code jumps there directly. */
  link(from: TranslationBlock<G>, slot: 0 | 1, to: TranslationBlock<G>): void {
    if (!from.valid || !to.valid || !to.compiled || from.outgoing[slot]) return;
    this.mem.setI32(chainSlot(from.id, slot), to.compiled.tableIndex);
    from.outgoing[slot] = to;
    to.incoming.push({ tb: from, slot });
    this.stats.links++;
  }

  /** Remember `tb` in a hart's jump cache, for indirect jumps from generated code. */
  fillJumpCache(env: number, tb: TranslationBlock<G>): void {
    if (!tb.compiled) return;
    // Indexed by the low word (a number): no BigInt work.
    const e = env + ENV.jmpCache + ((tb.pcLow >>> 1) & (JMP_CACHE_ENTRIES - 1)) * JMP_CACHE_ENTRY_SIZE;
    if (this.mem.i32(e + 8) === tb.compiled.tableIndex) return;
    this.mem.setI64(e, tb.pc);
    this.mem.setI32(e + 8, tb.compiled.tableIndex);
    this.mem.setI32(e + 12, tb.flags);
    this.jumpLogs.get(env)?.add(e);
  }

  /** Empty a hart's jump cache (its address translation changed, or all blocks went). */
  clearJumpCache(env: number): void {
    let log = this.jumpLogs.get(env);
    if (!log) this.jumpLogs.set(env, (log = new EntryLog(JUMP_LOG_SIZE)));
    if (log.lost) {
      this.mem.bytes.set(EMPTY_JUMP_CACHE, env + ENV.jmpCache);
    } else {
      const empty = EMPTY_JUMP_CACHE.subarray(0, JMP_CACHE_ENTRY_SIZE);
      for (let i = 0; i < log.count; i++) this.mem.bytes.set(empty, log.entries[i]);
    }
    log.reset();
  }

  /**
   * Drop a hart's jump-cache entries for pcs within 2^`bits` bytes of
   * `vaddr` (the same page, megapage, ...): that mapping may have changed.
   */
  clearJumpCacheNear(env: number, vaddr: bigint, bits: number): void {
    const log = this.jumpLogs.get(env);
    if (!log || log.lost || bits >= 64) {
      this.clearJumpCache(env);
      return;
    }
    if (bits === 0) return;
    const shift = BigInt(bits);
    const region = BigInt.asUintN(64, vaddr) >> shift;
    const empty = EMPTY_JUMP_CACHE.subarray(0, JMP_CACHE_ENTRY_SIZE);
    for (let i = 0; i < log.count; i++) {
      const e = log.entries[i];
      if (BigInt.asUintN(64, this.mem.i64(e)) >> shift === region) this.mem.bytes.set(empty, e);
    }
  }

  /** Remove one block: unlink it from chains and jump caches. */
  invalidate(tb: TranslationBlock<G>): void {
    if (!tb.valid) return;
    tb.valid = false;
    const list = this.byPc.get(tb.pcKey)!;
    list.splice(list.indexOf(tb), 1);
    if (list.length === 0) this.byPc.delete(tb.pcKey);
    for (const p of tb.ramPages) this.byPage.get(p)?.delete(tb);
    for (const { tb: from, slot } of tb.incoming) {
      if (from.outgoing[slot] === tb) {
        this.mem.setI32(chainSlot(from.id, slot), 0);
        from.outgoing[slot] = undefined;
      }
    }
    for (const slot of [0, 1] as const) {
      const to = tb.outgoing[slot];
      if (to) to.incoming.splice(to.incoming.findIndex((l) => l.tb === tb && l.slot === slot), 1);
      this.mem.setI32(chainSlot(tb.id, slot), 0);
    }
    if (tb.compiled) {
      for (const env of this.envs) {
        const e = env + ENV.jmpCache + jmpCacheIndex(tb.pc) * JMP_CACHE_ENTRY_SIZE;
        if (this.mem.i32(e + 8) === tb.compiled.tableIndex) {
          this.mem.setI64(e, -1n);
          this.mem.setI32(e + 8, 0);
        }
      }
    }
    this.stats.invalidations++;
  }

  private markCode(page: number, tb: TranslationBlock<G>): void {
    let bits = this.codeBits.get(page);
    if (!bits) this.codeBits.set(page, (bits = new Uint32Array(PAGE_SIZE / 64)));
    const base = MEMORY.ramBase + page * PAGE_SIZE;
    for (const [start, end] of tb.hostSpans) {
      for (let a = Math.max(start, base); a < Math.min(end, base + PAGE_SIZE); a += 2) {
        const parcel = (a - base) >> 1;
        bits[parcel >> 5] |= 1 << (parcel & 31);
      }
    }
  }

  private touchesCode(page: number, host: number, size: number): boolean {
    const bits = this.codeBits.get(page);
    if (!bits) return false;
    const base = MEMORY.ramBase + page * PAGE_SIZE;
    const last = Math.min(host + size - 1, base + PAGE_SIZE - 1);
    for (let parcel = (host - base) >> 1; parcel <= (last - base) >> 1; parcel++) {
      if (bits[parcel >> 5] & (1 << (parcel & 31))) return true;
    }
    return false;
  }

  /**
   * A store of `size` bytes at host address `host` hit RAM page `ramPage`:
   * invalidate the blocks whose code bytes it overwrote. Returns whether blocks
   * made from the page remain (its stores then keep taking the slow path).
   */
  invalidateRange(ramPage: number, host: number, size: number): boolean {
    const set = this.byPage.get(ramPage);
    if (!set) return false;
    if (!this.touchesCode(ramPage, host, size)) return true;
    const end = host + size;
    for (const tb of [...set]) {
      if (tb.hostSpans.some(([s, e]) => host < e && s < end)) this.invalidate(tb);
    }
    // Rebuild the page's parcel bits from the blocks that remain.
    this.codeBits.delete(ramPage);
    if (set.size === 0) {
      this.byPage.delete(ramPage);
      return false;
    }
    for (const tb of set) this.markCode(ramPage, tb);
    return true;
  }

  /** Drop every block. */
  flush(): void {
    for (const tb of this.blocks()) tb.valid = false;
    this.byPc.clear();
    this.byPage.clear();
    this.codeBits.clear();
    this.byId.length = 0;
    this.recent.fill(undefined);
    this.nextId = 0;
    new Uint8Array(this.mem.memory.buffer, MEMORY.chainBase, MEMORY.maxBlocks * 8).fill(0);
    for (const env of this.envs) this.clearJumpCache(env);
    this.stats.flushes++;
    this.onFlush();
  }
}
