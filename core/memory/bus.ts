import { MEMORY, PAGE_BITS } from '../exec/env';
import { SharedMemory } from './shared-memory';

/** A memory-mapped device as the bus sees it: register reads and writes at offsets in its window. */
export interface MmioDevice {
  /** Short name for the memory tree (`uart0`, `htif`). */
  readonly name: string;
  /** Read `size` bytes at `offset`; return the zero-extended value. */
  read(offset: number, size: 1 | 2 | 4 | 8): bigint;
  /** Write the low `size` bytes of `value` at `offset`. */
  write(offset: number, size: 1 | 2 | 4 | 8, value: bigint): void;
}

/** One mapped range of the physical address space. */
export interface Region {
  readonly base: bigint;
  readonly size: bigint;
  readonly name: string;
  /** RAM regions are backed by the shared memory at `hostBase`; others by a device. */
  readonly kind: 'ram' | 'mmio';
  readonly hostBase?: number;
  readonly device?: MmioDevice;
}

/** Per-RAM-page flags that force stores to the page through the slow path. */
export const PAGE_FLAG = {
  /** Translated code was made from this page: stores must invalidate it. */
  code: 1,
  /** A watcher wants to see stores to this page (HTIF `tohost`). */
  watch: 2,
} as const;

/**
 * The physical address space: RAM and devices. The bus is the only thing a
 * device knows; the softmmu asks it where a physical address lands.
 */
export class Bus {
  readonly regions: Region[] = [];
  /** Flags per 4 KiB page of RAM (see {@link PAGE_FLAG}). */
  readonly pageFlags: Uint8Array;
  /** Guest physical base of RAM. */
  readonly ramBase: bigint;
  private readonly watchers = new Map<bigint, (paddr: bigint) => void>();
  /**
   * Set by the execution engine: `size` bytes at host address `host` on RAM
   * page `page` (which holds translated code) were written by a device or a
   * loader. Returns whether the page still holds code afterwards.
   */
  onCodeWrite: (page: number, host: number, size: number) => boolean = () => false;

  constructor(readonly mem: SharedMemory, ramBase: bigint) {
    this.ramBase = ramBase;
    this.pageFlags = new Uint8Array(Math.ceil(mem.ramSize / (1 << PAGE_BITS)));
    this.regions.push({ base: ramBase, size: BigInt(mem.ramSize), name: 'ram', kind: 'ram', hostBase: MEMORY.ramBase });
  }

  /** Map a device window. Throws if it overlaps an existing region. */
  mapDevice(base: bigint, size: bigint, device: MmioDevice): void {
    for (const r of this.regions) {
      if (base < r.base + r.size && r.base < base + size) {
        throw new Error(`${device.name} at 0x${base.toString(16)} overlaps ${r.name} at 0x${r.base.toString(16)}`);
      }
    }
    this.regions.push({ base, size, name: device.name, kind: 'mmio', device });
    this.regions.sort((a, b) => (a.base < b.base ? -1 : 1));
  }

  /** The region containing `paddr`, or undefined. */
  find(paddr: bigint): Region | undefined {
    for (const r of this.regions) {
      if (paddr >= r.base && paddr - r.base < r.size) return r;
    }
    return undefined;
  }

  /** Host address in the shared memory of a RAM physical address, or -1 when it is not RAM. */
  ramHost(paddr: bigint): number {
    const off = paddr - this.ramBase;
    if (off < 0n || off >= BigInt(this.mem.ramSize)) return -1;
    return MEMORY.ramBase + Number(off);
  }

  /** Call `fn` after every guest store that touches physical address `paddr` (8-byte granule). */
  watch(paddr: bigint, fn: (paddr: bigint) => void): void {
    this.watchers.set(paddr & ~7n, fn);
    const host = this.ramHost(paddr);
    if (host >= 0) this.pageFlags[(host - MEMORY.ramBase) >>> PAGE_BITS] |= PAGE_FLAG.watch;
  }

  /** Tell watchers about a store (called by the softmmu's slow path for watched pages). */
  notifyStore(paddr: bigint, size: number): void {
    const first = paddr & ~7n;
    const last = (paddr + BigInt(size) - 1n) & ~7n;
    for (let g = first; g <= last; g += 8n) this.watchers.get(g)?.(g);
  }

  /** Copy bytes into guest physical memory (loaders, DMA). Throws if the range is not RAM. */
  writePhys(paddr: bigint, data: Uint8Array): void {
    const host = this.ramHost(paddr);
    if (host < 0 || this.ramHost(paddr + BigInt(data.length) - 1n) < 0 && data.length > 0) {
      throw new RangeError(`0x${paddr.toString(16)}..+0x${data.length.toString(16)} is not in RAM`);
    }
    this.mem.bytes.set(data, host);
    // DMA over translated code (a program read from disk into a page that held code) drops those blocks.
    if (data.length === 0) return;
    const first = (host - MEMORY.ramBase) >>> PAGE_BITS;
    const last = (host + data.length - 1 - MEMORY.ramBase) >>> PAGE_BITS;
    for (let page = first; page <= last; page++) {
      if (!(this.pageFlags[page] & PAGE_FLAG.code)) continue;
      const start = Math.max(host, MEMORY.ramBase + page * (1 << PAGE_BITS));
      const end = Math.min(host + data.length, MEMORY.ramBase + (page + 1) * (1 << PAGE_BITS));
      if (!this.onCodeWrite(page, start, end - start)) this.pageFlags[page] &= ~PAGE_FLAG.code;
    }
  }

  /** Copy bytes out of guest physical memory. */
  readPhys(paddr: bigint, length: number): Uint8Array {
    const host = this.ramHost(paddr);
    if (host < 0 || (length > 0 && this.ramHost(paddr + BigInt(length) - 1n) < 0)) {
      throw new RangeError(`0x${paddr.toString(16)}..+0x${length.toString(16)} is not in RAM`);
    }
    return this.mem.bytes.slice(host, host + length);
  }
}
