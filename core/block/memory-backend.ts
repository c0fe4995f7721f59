import { BlockBackend, checkBlockRange, DELTA_BLOCK_SIZE, deltaBlocksOf, SECTOR_SIZE } from './block-backend';

/** Options of {@link MemoryBackend}. */
export interface MemoryBackendOptions {
  /** Refuse writes (default false). */
  readOnly?: boolean;
  /** Name for inspection (default `memory`). */
  description?: string;
}

/**
 * A disk held in host memory: scratch disks, tests, and images built from a
 * notebook cell. Nothing reaches the host file system.
 */
export class MemoryBackend implements BlockBackend {
  readonly description: string;
  readonly readOnly: boolean;
  private bytes: Uint8Array | undefined;
  private readonly written = new Set<number>();

  /**
   * @param contents size in bytes (a zero-filled disk) or initial contents (copied);
   *   either way a multiple of 512 bytes.
   */
  constructor(contents: number | Uint8Array, options: MemoryBackendOptions = {}) {
    this.description = options.description ?? 'memory';
    this.readOnly = options.readOnly ?? false;
    const size = typeof contents === 'number' ? contents : contents.length;
    if (!Number.isSafeInteger(size) || size < 0 || size % SECTOR_SIZE !== 0) {
      throw new RangeError(`${this.description}: size ${size} is not a multiple of ${SECTOR_SIZE} bytes`);
    }
    this.bytes = typeof contents === 'number' ? new Uint8Array(size) : contents.slice();
  }

  get size(): number {
    return this.open().length;
  }

  read(offset: number, into: Uint8Array): void {
    const bytes = this.open();
    checkBlockRange(this.description, bytes.length, offset, into.length);
    into.set(bytes.subarray(offset, offset + into.length));
  }

  write(offset: number, data: Uint8Array): void {
    const bytes = this.open();
    if (this.readOnly) throw new Error(`${this.description} is read-only`);
    checkBlockRange(this.description, bytes.length, offset, data.length);
    bytes.set(data, offset);
    for (const b of deltaBlocksOf(offset, data.length)) this.written.add(b);
  }

  flush(): void {
    this.open();
  }

  writtenBlocks(): Map<number, Uint8Array> {
    const bytes = this.open();
    const out = new Map<number, Uint8Array>();
    for (const b of [...this.written].sort((x, y) => x - y)) {
      out.set(b, bytes.slice(b * DELTA_BLOCK_SIZE, Math.min(bytes.length, (b + 1) * DELTA_BLOCK_SIZE)));
    }
    return out;
  }

  close(): void {
    this.bytes = undefined;
  }

  private open(): Uint8Array {
    if (!this.bytes) throw new Error(`${this.description} is closed`);
    return this.bytes;
  }
}
