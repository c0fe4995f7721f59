import {
  ENV, MEMORY, PAGE_BITS, PAGE_SIZE, TLB_ENTRIES, TLB_ENTRY, TLB_ENTRY_SIZE, TLB_MMU_MODES,
} from '../exec/env';
import { GuestAccess } from '../exec/guest-access';
import { Bus, PAGE_FLAG } from './bus';
import { EntryLog } from './entry-log';
import { SharedMemory } from './shared-memory';

/** Kinds of guest memory access. */
export const enum Access { Read = 0, Write = 1, Exec = 2 }

/** What a target tells the softmmu: how virtual addresses map, and which exceptions faults raise. */
export interface AddressTranslation {
  /**
   * Translate a virtual address for an access of `size` bytes (default 1; the
   * access never crosses a page) with an MMU index, or throw the target's
   * page-fault exception. Permission checks (PMP, page bits) happen here.
   */
  translate(env: number, vaddr: bigint, access: Access, mmuIdx: number, size?: number): bigint;
  /** The exception for a physical address with nothing behind it. */
  accessFault(access: Access, vaddr: bigint): unknown;
  /**
   * False when the result of the last `translate` holds for part of its page
   * only (e.g. a PMP boundary inside it): the softmmu then does not keep it in
   * the TLB, so every access to that page takes the slow path. Absent means true.
   */
  readonly lastCacheable?: boolean;
  /**
   * log2 of the size of the mapping the last `translate` used (12 for a 4 KiB
   * page, 21 for a 2 MiB megapage, ...), or 0 when it used no page table (the
   * result cannot change with one). Absent means 64: any page flush drops it.
   */
  readonly lastSpanBits?: number;
  /** Called once by the softmmu that uses this translation (page-table walks read its RAM). */
  attach?(mmu: SoftMmu): void;
}

/** Counters of the softmmu, as plain data. */
export interface SoftMmuStats {
  tlbFills: number;
  tlbFlushes: number;
  /** Flushes of the mappings of one address (`sfence.vma` with an address). */
  tlbPageFlushes: number;
  slowLoads: number;
  slowStores: number;
  mmioLoads: number;
  mmioStores: number;
  codeWrites: number;
}

const INVALID_TAG = -1n;
/** Entries a hart's fill log holds before its next flush rewrites the whole table instead. */
const FILL_LOG_SIZE = 256;

/** A hart's TLB entries filled since its last full flush (see SoftMmu.fillLogs). */
interface FillLog {
  readonly filled: EntryLog;
  /** By log index: the virtual page number each entry maps and log2 of its mapping's size (0: no page table). */
  readonly pages: Float64Array;
  readonly spans: Uint8Array;
  /** Largest span of an instruction-fetch fill. */
  maxExecSpan: number;
}
const PAGE_MASK = BigInt(PAGE_SIZE - 1);
const TABLE_SIZE = TLB_ENTRIES * TLB_ENTRY_SIZE;

/**
 * The software MMU: a direct-mapped TLB per hart and MMU index living in the
 * hart's env (generated code checks it inline), and the slow path that fills
 * it, performs MMIO, splits page-crossing accesses and catches stores to pages
 * that hold translated code.
 */
export class SoftMmu implements GuestAccess {
  readonly stats: SoftMmuStats = {
    tlbFills: 0, tlbFlushes: 0, tlbPageFlushes: 0, slowLoads: 0, slowStores: 0, mmioLoads: 0, mmioStores: 0, codeWrites: 0,
  };
  /**
   * Set by the engine: called when a store of `size` bytes at host address
   * `host` hits a RAM page holding translated code. Returns whether the page
   * still holds code afterwards (its stores then keep taking the slow path).
   */
  onCodeWrite: (ramPage: number, host: number, size: number) => boolean = () => false;
  /** Envs of all harts, so page-level changes reach every TLB. */
  readonly envs: number[] = [];

  constructor(readonly mem: SharedMemory, readonly bus: Bus, readonly target: AddressTranslation) {
    target.attach?.(this);
  }

  /** Per hart (by env), the entries filled since its last flush (see {@link EntryLog}). */
  private readonly fillLogs = new Map<number, FillLog>();

  /** Register a hart's env and empty its TLB. */
  addHart(env: number): void {
    this.envs.push(env);
    this.fillLogs.set(env, {
      filled: new EntryLog(FILL_LOG_SIZE), pages: new Float64Array(FILL_LOG_SIZE), spans: new Uint8Array(FILL_LOG_SIZE), maxExecSpan: 0,
    });
    this.flush(env);
  }

  /** Invalidate every TLB entry of one hart (e.g. `sfence.vma` without arguments, `satp` writes). */
  flush(env: number): void {
    const log = this.fillLogs.get(env);
    const filled = log?.filled;
    if (filled && !filled.lost) {
      for (let i = 0; i < filled.count; i++) this.invalidateEntry(filled.entries[i]);
    } else {
      // All-ones bytes make every tag -1 (matches no page); addends are then never read.
      this.mem.bytes.fill(0xff, env + ENV.tlb, env + ENV.tlb + TLB_MMU_MODES * TABLE_SIZE);
    }
    if (log) {
      log.filled.reset();
      log.maxExecSpan = 0;
    }
    this.stats.tlbFlushes++;
  }

  /**
   * Invalidate what a hart's TLB holds from mappings that cover virtual
   * address `vaddr` (`sfence.vma` with an address): every entry made through
   * the same page, megapage or larger page. Returns log2 of the largest
   * mapping any instruction fetch used since the last full flush (the engine
   * drops jump-cache entries within that distance), or 64 when it flushed
   * everything because it lost track.
   */
  flushMapping(env: number, vaddr: bigint): number {
    const log = this.fillLogs.get(env);
    if (!log || log.filled.lost) {
      this.flush(env);
      return 64;
    }
    const page = Number(BigInt.asUintN(64, vaddr) >> BigInt(PAGE_BITS));
    for (let i = 0; i < log.filled.count; i++) {
      const span = log.spans[i];
      if (span === 0) continue;
      const size = 2 ** (span - PAGE_BITS);
      if (Math.floor(log.pages[i] / size) === Math.floor(page / size)) this.invalidateEntry(log.filled.entries[i]);
    }
    this.stats.tlbPageFlushes++;
    return log.maxExecSpan;
  }

  /** Note a filled entry, its page and the size of its mapping, for {@link flush} and {@link flushMapping}. */
  private logFill(env: number, e: number, vpn: bigint, field: number): void {
    const log = this.fillLogs.get(env);
    const i = log ? log.filled.add(e) : -1;
    if (!log || i < 0) return;
    const span = this.target.lastSpanBits ?? 64;
    log.pages[i] = Number(vpn);
    log.spans[i] = span;
    if (field === TLB_ENTRY.tagExec && span > log.maxExecSpan) log.maxExecSpan = span;
  }

  /** Make TLB entry `e` map nothing for any kind of access (all-ones tags). */
  private invalidateEntry(e: number): void {
    this.mem.bytes.fill(0xff, e, e + TLB_ENTRY.addend);
  }

  /** Invalidate the entries for one virtual page in every MMU index of one hart. */
  flushPage(env: number, vaddr: bigint): void {
    const vpn = vaddr >> BigInt(PAGE_BITS);
    for (let m = 0; m < TLB_MMU_MODES; m++) {
      const e = this.entry(env, m, vpn);
      this.invalidateEntryIf(e, vpn);
    }
  }

  /** Drop the write entries that map a RAM page in every hart, so stores to it take the slow path. */
  protectRamPage(ramPage: number): void {
    const host = MEMORY.ramBase + ramPage * PAGE_SIZE;
    for (const env of this.envs) {
      const filled = this.fillLogs.get(env)?.filled;
      if (filled && !filled.lost) {
        for (let i = 0; i < filled.count; i++) this.protectEntry(filled.entries[i], host);
      } else {
        for (let i = 0; i < TLB_MMU_MODES * TLB_ENTRIES; i++) this.protectEntry(env + ENV.tlb + i * TLB_ENTRY_SIZE, host);
      }
    }
  }

  /** Invalidate entry `e`'s write tag if it maps host page `host` (number math: no BigInt per entry). */
  private protectEntry(e: number, host: number): void {
    const view = this.mem.view;
    const lo = view.getInt32(e + TLB_ENTRY.tagWrite, true);
    if (lo === -1 && view.getInt32(e + TLB_ENTRY.tagWrite + 4, true) === -1) return;
    const addend = view.getInt32(e + TLB_ENTRY.addend, true);
    if ((((lo << PAGE_BITS) >>> 0) + addend) >>> 0 === host) view.setBigInt64(e + TLB_ENTRY.tagWrite, INVALID_TAG, true);
  }

  private entry(env: number, mmuIdx: number, vpn: bigint): number {
    return env + ENV.tlb + mmuIdx * TABLE_SIZE + Number(vpn & BigInt(TLB_ENTRIES - 1)) * TLB_ENTRY_SIZE;
  }

  private invalidateEntryIf(e: number, vpn: bigint): void {
    const view = this.mem.view;
    for (const f of [TLB_ENTRY.tagRead, TLB_ENTRY.tagWrite, TLB_ENTRY.tagExec]) {
      if (view.getBigInt64(e + f, true) === vpn) view.setBigInt64(e + f, INVALID_TAG, true);
    }
  }

  private fill(env: number, mmuIdx: number, vaddr: bigint, host: number, field: number): void {
    const view = this.mem.view;
    const vpn = vaddr >> BigInt(PAGE_BITS);
    const e = this.entry(env, mmuIdx, vpn);
    // One addend per entry: evict other kinds of access that map a different page.
    for (const f of [TLB_ENTRY.tagRead, TLB_ENTRY.tagWrite, TLB_ENTRY.tagExec]) {
      if (f !== field && view.getBigInt64(e + f, true) !== vpn) view.setBigInt64(e + f, INVALID_TAG, true);
    }
    const hostPage = host & ~(PAGE_SIZE - 1);
    const vpage = Number(BigInt.asUintN(32, vaddr & ~PAGE_MASK));
    view.setInt32(e + TLB_ENTRY.addend, (hostPage - vpage) | 0, true);
    view.setBigInt64(e + field, vpn, true);
    this.logFill(env, e, vpn, field);
    this.stats.tlbFills++;
  }

  /** Host address for a TLB hit, or -1. */
  private lookup(env: number, vaddr: bigint, mmuIdx: number, field: number): number {
    const view = this.mem.view;
    const vpn = vaddr >> BigInt(PAGE_BITS);
    const e = this.entry(env, mmuIdx, vpn);
    if (view.getBigInt64(e + field, true) !== vpn) return -1;
    return (Number(BigInt.asUintN(32, vaddr)) + view.getInt32(e + TLB_ENTRY.addend, true)) >>> 0;
  }

  /** @inheritdoc */
  load(env: number, addr: bigint, size: 1 | 2 | 4 | 8, signed: boolean, mmuIdx: number): bigint {
    addr = BigInt.asUintN(64, addr);
    const off = Number(addr & PAGE_MASK);
    let raw: bigint;
    if (off + size > PAGE_SIZE) {
      raw = 0n;
      for (let i = size - 1; i >= 0; i--) raw = (raw << 8n) | this.load(env, addr + BigInt(i), 1, false, mmuIdx);
    } else {
      let host = this.lookup(env, addr, mmuIdx, TLB_ENTRY.tagRead);
      if (host < 0) {
        this.stats.slowLoads++;
        const paddr = this.target.translate(env, addr, Access.Read, mmuIdx, size);
        host = this.bus.ramHost(paddr);
        if (host >= 0 && this.bus.ramHost(paddr + BigInt(size) - 1n) >= 0) {
          if (this.target.lastCacheable !== false) this.fill(env, mmuIdx, addr, host, TLB_ENTRY.tagRead);
        } else {
          raw = this.mmioRead(paddr, addr, size, Access.Read);
          return signed ? BigInt.asIntN(size * 8, raw) : raw;
        }
      }
      raw = readHost(this.mem.view, host, size);
    }
    return signed ? BigInt.asIntN(size * 8, raw) : BigInt.asUintN(size * 8, raw);
  }

  /** @inheritdoc */
  store(env: number, addr: bigint, value: bigint, size: 1 | 2 | 4 | 8, mmuIdx: number): void {
    addr = BigInt.asUintN(64, addr);
    const off = Number(addr & PAGE_MASK);
    if (off + size > PAGE_SIZE) {
      // Check both pages before writing anything, so a fault leaves memory untouched.
      this.target.translate(env, addr, Access.Write, mmuIdx, PAGE_SIZE - off);
      this.target.translate(env, addr + BigInt(size - 1), Access.Write, mmuIdx, off + size - PAGE_SIZE);
      for (let i = 0; i < size; i++) this.store(env, addr + BigInt(i), (value >> BigInt(8 * i)) & 0xffn, 1, mmuIdx);
      return;
    }
    let host = this.lookup(env, addr, mmuIdx, TLB_ENTRY.tagWrite);
    if (host < 0) {
      this.stats.slowStores++;
      const paddr = this.target.translate(env, addr, Access.Write, mmuIdx, size);
      const cacheable = this.target.lastCacheable !== false;
      host = this.bus.ramHost(paddr);
      if (host < 0) {
        this.mmioWrite(paddr, addr, size, value);
        return;
      }
      const page = (host - MEMORY.ramBase) >>> PAGE_BITS;
      const flags = this.bus.pageFlags[page];
      if (flags & PAGE_FLAG.code) {
        this.stats.codeWrites++;
        if (!this.onCodeWrite(page, host, size)) this.bus.pageFlags[page] &= ~PAGE_FLAG.code;
      }
      writeHost(this.mem.view, host, size, value);
      if (flags & PAGE_FLAG.watch) {
        this.bus.notifyStore(paddr, size);
        return;
      }
      if (cacheable && !(this.bus.pageFlags[page] & PAGE_FLAG.code)) this.fill(env, mmuIdx, addr, host, TLB_ENTRY.tagWrite);
      return;
    }
    writeHost(this.mem.view, host, size, value);
  }

  /**
   * Translate for an instruction fetch and return the host address of `vaddr`
   * and its RAM page index (for code tracking). Throws the target's fault when
   * there is no executable RAM there.
   */
  fetchHost(env: number, vaddr: bigint, mmuIdx: number): number {
    vaddr = BigInt.asUintN(64, vaddr);
    const hit = this.lookup(env, vaddr, mmuIdx, TLB_ENTRY.tagExec);
    if (hit >= 0) return hit;
    const paddr = this.target.translate(env, vaddr, Access.Exec, mmuIdx);
    const host = this.bus.ramHost(paddr);
    if (host < 0) throw this.target.accessFault(Access.Exec, vaddr);
    if (this.target.lastCacheable !== false) this.fill(env, mmuIdx, vaddr, host, TLB_ENTRY.tagExec);
    return host;
  }

  /**
   * {@link fetchHost} when the TLB has the page, else -1 (never faults): the
   * execution loop's lookup, with the address as unsigned 32-bit halves.
   */
  fetchHostHit(env: number, lo: number, hi: number, mmuIdx: number): number {
    const view = this.mem.view;
    const e = env + ENV.tlb + mmuIdx * TABLE_SIZE + ((lo >>> PAGE_BITS) & (TLB_ENTRIES - 1)) * TLB_ENTRY_SIZE;
    // The tag is the unsigned virtual page number, vaddr >> 12.
    if (view.getUint32(e + TLB_ENTRY.tagExec, true) !== ((lo >>> PAGE_BITS) | (hi << (32 - PAGE_BITS))) >>> 0) return -1;
    if (view.getUint32(e + TLB_ENTRY.tagExec + 4, true) !== hi >>> PAGE_BITS) return -1;
    return (lo + view.getInt32(e + TLB_ENTRY.addend, true)) >>> 0;
  }

  /**
   * Check that a store to `addr` would succeed without performing it (atomics
   * check write permission before they read). Returns the host address for RAM,
   * or -1 for MMIO.
   */
  probeWrite(env: number, addr: bigint, mmuIdx: number, size = 1): number {
    addr = BigInt.asUintN(64, addr);
    const paddr = this.target.translate(env, addr, Access.Write, mmuIdx, size);
    const host = this.bus.ramHost(paddr);
    if (host >= 0) return host;
    if (!this.bus.find(paddr)) throw this.target.accessFault(Access.Write, addr);
    return -1;
  }

  private mmioRead(paddr: bigint, vaddr: bigint, size: 1 | 2 | 4 | 8, access: Access): bigint {
    const region = this.bus.find(paddr);
    if (!region || !region.device || paddr - region.base + BigInt(size) > region.size) {
      throw this.target.accessFault(access, vaddr);
    }
    this.stats.mmioLoads++;
    return BigInt.asUintN(size * 8, region.device.read(Number(paddr - region.base), size));
  }

  private mmioWrite(paddr: bigint, vaddr: bigint, size: 1 | 2 | 4 | 8, value: bigint): void {
    const region = this.bus.find(paddr);
    if (!region || !region.device || paddr - region.base + BigInt(size) > region.size) {
      throw this.target.accessFault(Access.Write, vaddr);
    }
    this.stats.mmioStores++;
    region.device.write(Number(paddr - region.base), size, BigInt.asUintN(size * 8, value));
  }
}

function readHost(view: DataView, host: number, size: number): bigint {
  switch (size) {
    case 1: return BigInt(view.getUint8(host));
    case 2: return BigInt(view.getUint16(host, true));
    case 4: return BigInt(view.getUint32(host, true));
    default: return view.getBigUint64(host, true);
  }
}

function writeHost(view: DataView, host: number, size: number, value: bigint): void {
  switch (size) {
    case 1: view.setUint8(host, Number(value & 0xffn)); break;
    case 2: view.setUint16(host, Number(value & 0xffffn), true); break;
    case 4: view.setUint32(host, Number(value & 0xffffffffn), true); break;
    default: view.setBigUint64(host, BigInt.asUintN(64, value), true);
  }
}
