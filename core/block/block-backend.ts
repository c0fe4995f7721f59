/**
 * Granule of the write delta a backend keeps ({@link BlockBackend.writtenBlocks}):
 * 4 KiB, the guest page size and Linux's usual block size, so a snapshot of a
 * disk that saw a few file writes stays small.
 */
export const DELTA_BLOCK_SIZE = 4096;

/** Sector size of every disk image: sizes must be multiples of it. */
export const SECTOR_SIZE = 512;

/**
 * A disk image as a device sees it: a fixed-size array of bytes read and
 * written at byte offsets. Devices (virtio-blk) check ranges before calling;
 * a backend still throws a `RangeError` for accesses outside `[0, size)`.
 */
export interface BlockBackend {
  /** Where the bytes come from, for inspection (`disk.img`, `memory`). */
  readonly description: string;
  /** Size in bytes, a multiple of {@link SECTOR_SIZE}. */
  readonly size: number;
  /** Writes are refused (they throw). */
  readonly readOnly: boolean;
  /** Fill `into` with the bytes at `offset`. */
  read(offset: number, into: Uint8Array): void;
  /** Store `data` at `offset`. Throws on a read-only backend. */
  write(offset: number, data: Uint8Array): void;
  /** Make earlier writes durable (fsync for files). */
  flush(): void;
  /**
   * Blocks of {@link DELTA_BLOCK_SIZE} bytes written since open, index to
   * current contents (the last block is shorter when `size` is not a multiple
   * of the block size), in ascending index order. This is the delta over the
   * base image that a snapshot stores.
   */
  writtenBlocks(): Map<number, Uint8Array>;
  /** Release the image; later calls throw. */
  close(): void;
}

/** Indexes of the delta blocks touched by a write of `length` bytes at `offset`. */
export function deltaBlocksOf(offset: number, length: number): number[] {
  if (length <= 0) return [];
  const first = Math.floor(offset / DELTA_BLOCK_SIZE);
  const last = Math.floor((offset + length - 1) / DELTA_BLOCK_SIZE);
  const out: number[] = [];
  for (let b = first; b <= last; b++) out.push(b);
  return out;
}

/** Throw a `RangeError` unless `[offset, offset + length)` lies inside a backend of `size` bytes. */
export function checkBlockRange(description: string, size: number, offset: number, length: number): void {
  if (!Number.isSafeInteger(offset) || offset < 0 || offset + length > size) {
    throw new RangeError(`${description}: access at ${offset}..+${length} is outside the ${size}-byte image`);
  }
}
