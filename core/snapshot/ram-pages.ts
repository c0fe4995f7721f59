import { createHash, Hash } from 'node:crypto';
import { MEMORY, PAGE_SIZE } from '../exec/env';
import { SharedMemory } from '../memory/shared-memory';
import { residentRamPages } from './resident-pages';

/** Schema version of {@link RamPages} and of its file form {@link PackedRam}. */
export const RAM_STATE_VERSION = 1;

/**
 * Guest RAM as 4 KiB pages. A zero page is `undefined` (elided); pages that
 * did not change since the snapshot taken before share that snapshot's
 * buffer, so periodic snapshots (rewind) cost only what changed.
 */
export interface RamPages {
  pageSize: number;
  pages: (Uint8Array | undefined)[];
}

/**
 * RAM as stored in a file: each distinct non-zero page once (`unique`, in
 * order), and per page a 1-based index into them (0 = zero page),
 * little-endian u32s in `index`.
 */
export interface PackedRam {
  pageSize: number;
  pageCount: number;
  index: Uint8Array;
  unique: Uint8Array[];
}

const ZERO_PAGE = Buffer.alloc(PAGE_SIZE);

/** A Buffer over guest RAM in the shared memory (no copy). */
function ramView(mem: SharedMemory): Buffer {
  return Buffer.from(mem.memory.buffer, MEMORY.ramBase, mem.ramSize);
}

/**
 * Copy guest RAM into pages. With `previous` (an earlier capture of the same
 * RAM), unchanged pages are shared with it instead of copied. Pages the host
 * never backed are zero without being read (see {@link residentRamPages}).
 */
export function captureRam(mem: SharedMemory, previous?: RamPages): RamPages {
  const ram = ramView(mem);
  const count = Math.ceil(mem.ramSize / PAGE_SIZE);
  // Filled, not holey: forEach over the pages must visit zero pages too (restore clears them).
  const pages: (Uint8Array | undefined)[] = new Array(count).fill(undefined);
  const prev = previous && previous.pages.length === count && previous.pageSize === PAGE_SIZE ? previous.pages : undefined;
  const resident = residentRamPages(mem);
  for (let i = 0; i < count; i++) {
    if (resident && !resident[i]) continue; // never backed: zero
    const start = i * PAGE_SIZE;
    const end = Math.min(start + PAGE_SIZE, mem.ramSize);
    const old = prev?.[i];
    if (old && ram.compare(old, 0, end - start, start, end) === 0) {
      pages[i] = old;
    } else if (ZERO_PAGE.compare(ram, start, end, 0, end - start) === 0) {
      pages[i] = undefined;
    } else {
      pages[i] = Uint8Array.prototype.slice.call(ram, start, end);
    }
  }
  return { pageSize: PAGE_SIZE, pages };
}

/**
 * Write `ram` into guest RAM (zero pages are cleared). The caller checks the
 * page count first. With `mayBeNonZero` (a page index test), zero pages it
 * rules out are known to be zero already and are left alone: touching a
 * never-used page of host memory costs a page fault (about 5-10 ms per MiB on
 * the dev box), so a freshly built machine restores without touching the
 * RAM the snapshot does not use.
 */
export function restoreRam(mem: SharedMemory, ram: RamPages, mayBeNonZero?: (page: number) => boolean): void {
  const bytes = mem.bytes;
  const resident = residentRamPages(mem);
  ram.pages.forEach((p, i) => {
    const host = MEMORY.ramBase + i * ram.pageSize;
    if (p) bytes.set(p, host);
    else if ((!resident || resident[i]) && (!mayBeNonZero || mayBeNonZero(i))) {
      bytes.fill(0, host, Math.min(host + ram.pageSize, MEMORY.ramBase + mem.ramSize));
    }
  });
}

/** Number of pages a RAM of `ramSize` bytes has. */
export function ramPageCount(ramSize: number): number {
  return Math.ceil(ramSize / PAGE_SIZE);
}

/** Feed the non-zero pages of `ram` (index, then bytes) into `hash`: the same digest as {@link hashLiveRam} of equal RAM. */
export function hashRamPages(hash: Hash, ram: RamPages): void {
  const tag = Buffer.alloc(4);
  ram.pages.forEach((p, i) => {
    if (!p) return;
    tag.writeUInt32LE(i);
    hash.update(tag);
    hash.update(p);
  });
}

/** Feed the non-zero pages of live guest RAM into `hash`, as {@link hashRamPages} does. */
export function hashLiveRam(hash: Hash, mem: SharedMemory): void {
  const ram = ramView(mem);
  const tag = Buffer.alloc(4);
  const count = ramPageCount(mem.ramSize);
  const resident = residentRamPages(mem);
  for (let i = 0; i < count; i++) {
    if (resident && !resident[i]) continue; // never backed: zero
    const start = i * PAGE_SIZE;
    const end = Math.min(start + PAGE_SIZE, mem.ramSize);
    if (ZERO_PAGE.compare(ram, start, end, 0, end - start) === 0) continue;
    tag.writeUInt32LE(i);
    hash.update(tag);
    hash.update(ram.subarray(start, end));
  }
}

/** Store each distinct non-zero page once (identical pages found by content hash). */
export function packRam(ram: RamPages): PackedRam {
  const index = new Uint32Array(ram.pages.length);
  const byContent = new Map<string, number>();
  const byBuffer = new Map<Uint8Array, number>();
  const unique: Uint8Array[] = [];
  ram.pages.forEach((p, i) => {
    if (!p) return;
    let k = byBuffer.get(p);
    if (k === undefined) {
      const key = createHash('sha1').update(p).digest('hex');
      k = byContent.get(key);
      if (k === undefined) {
        unique.push(p);
        k = unique.length;
        byContent.set(key, k);
      }
      byBuffer.set(p, k);
    }
    index[i] = k;
  });
  return { pageSize: ram.pageSize, pageCount: ram.pages.length, index: new Uint8Array(index.buffer), unique };
}

/**
 * Undo {@link packRam}: the distinct pages come as `chunks` of whole pages
 * (as decompressed), which the pages then view without copying. Throws a
 * `RangeError` naming the inconsistency when the parts do not fit together.
 */
export function unpackRam(packed: Omit<PackedRam, 'unique'>, chunks: Uint8Array[]): RamPages {
  const { pageSize, pageCount } = packed;
  if (pageSize !== PAGE_SIZE) throw new RangeError(`RAM pages are ${pageSize} bytes, expected ${PAGE_SIZE}`);
  if (packed.index.length !== pageCount * 4) throw new RangeError(`RAM page index has ${packed.index.length / 4} entries for ${pageCount} pages`);
  const unique: Uint8Array[] = [];
  for (const c of chunks) {
    if (c.length % pageSize !== 0) throw new RangeError('RAM page data is not a whole number of pages');
    for (let at = 0; at < c.length; at += pageSize) unique.push(c.subarray(at, at + pageSize));
  }
  // Copy the index out: the decoded buffer need not be 4-byte aligned.
  const index = new Uint32Array(Uint8Array.from(packed.index).buffer);
  const pages: (Uint8Array | undefined)[] = new Array(pageCount);
  for (let i = 0; i < pageCount; i++) {
    const k = index[i];
    if (k > unique.length) throw new RangeError(`RAM page ${i} refers to stored page ${k} of ${unique.length}`);
    pages[i] = k === 0 ? undefined : unique[k - 1];
  }
  return { pageSize, pages };
}

/** Bytes of guest RAM that are not zero pages. */
export function ramStoredBytes(ram: RamPages): number {
  let n = 0;
  for (const p of ram.pages) if (p) n += p.length;
  return n;
}
