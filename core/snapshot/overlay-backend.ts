import { BlockBackend, checkBlockRange, DELTA_BLOCK_SIZE } from '../block/block-backend';

/**
 * A copy-on-write disk over a base image that is never written (QEMU's
 * `-snapshot`): writes stay in host memory as 4 KiB blocks. Because the base
 * is intact, a snapshot restore can put the disk back exactly (blocks written
 * after the snapshot return to the base contents), and a fork gets its own
 * overlay over the same base.
 *
 * ```ts
 * const disk = new OverlayBackend(RawFileBackend.open('rootfs.img', { readOnly: true }));
 * const m = new VirtMachine({ ...defaultVirtImages(), drives: [disk] });
 * ```
 */
export class OverlayBackend implements BlockBackend {
  readonly readOnly = false;
  private blocks = new Map<number, Uint8Array>();

  constructor(
    /** The image underneath; only read. */
    readonly base: BlockBackend,
  ) {}

  get description(): string {
    return `overlay over ${this.base.description}`;
  }

  get size(): number {
    return this.base.size;
  }

  read(offset: number, into: Uint8Array): void {
    checkBlockRange(this.description, this.size, offset, into.length);
    let done = 0;
    while (done < into.length) {
      const pos = offset + done;
      const b = Math.floor(pos / DELTA_BLOCK_SIZE);
      const inBlock = pos - b * DELTA_BLOCK_SIZE;
      const n = Math.min(into.length - done, DELTA_BLOCK_SIZE - inBlock);
      const own = this.blocks.get(b);
      if (own) into.set(own.subarray(inBlock, inBlock + n), done);
      else this.base.read(pos, into.subarray(done, done + n));
      done += n;
    }
  }

  write(offset: number, data: Uint8Array): void {
    checkBlockRange(this.description, this.size, offset, data.length);
    let done = 0;
    while (done < data.length) {
      const pos = offset + done;
      const b = Math.floor(pos / DELTA_BLOCK_SIZE);
      const inBlock = pos - b * DELTA_BLOCK_SIZE;
      const n = Math.min(data.length - done, DELTA_BLOCK_SIZE - inBlock);
      this.ownBlock(b).set(data.subarray(done, done + n), inBlock);
      done += n;
    }
  }

  flush(): void {
    // Nothing is durable: the overlay lives in host memory by design.
  }

  writtenBlocks(): Map<number, Uint8Array> {
    const out = new Map<number, Uint8Array>();
    for (const b of [...this.blocks.keys()].sort((x, y) => x - y)) out.set(b, this.blocks.get(b)!.slice());
    return out;
  }

  /** Make the overlay exactly `blocks` (a {@link writtenBlocks} result): every other block reads from the base again. */
  restoreWrittenBlocks(blocks: Map<number, Uint8Array>): void {
    const next = new Map<number, Uint8Array>();
    for (const [b, data] of blocks) {
      const block = this.blankBlock(b);
      if (data.length !== block.length) throw new RangeError(`${this.description}: block ${b} has ${data.length} bytes, expected ${block.length}`);
      block.set(data);
      next.set(b, block);
    }
    this.blocks = next;
  }

  /** A second overlay over the same base with a copy of this one's blocks. */
  fork(): OverlayBackend {
    const o = new OverlayBackend(this.base);
    o.restoreWrittenBlocks(this.blocks);
    return o;
  }

  close(): void {
    this.blocks.clear();
  }

  private blankBlock(b: number): Uint8Array {
    const start = b * DELTA_BLOCK_SIZE;
    if (b < 0 || start >= this.size) throw new RangeError(`${this.description}: block ${b} is outside the image`);
    return new Uint8Array(Math.min(this.size, start + DELTA_BLOCK_SIZE) - start);
  }

  private ownBlock(b: number): Uint8Array {
    let block = this.blocks.get(b);
    if (!block) {
      block = this.blankBlock(b);
      this.base.read(b * DELTA_BLOCK_SIZE, block);
      this.blocks.set(b, block);
    }
    return block;
  }
}
