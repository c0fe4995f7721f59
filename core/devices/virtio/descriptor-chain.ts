import { Bus } from '../../memory/bus';

/** One guest buffer of a descriptor chain: guest physical address and length. */
export interface VirtqBuffer {
  readonly addr: bigint;
  readonly len: number;
}

/**
 * A descriptor chain as the device sees it (virtio 1.2 §2.7.5): the
 * device-readable buffers, then the device-writable ones, each read or
 * written as one byte stream whatever the framing (VERSION_1 implies
 * ANY_LAYOUT). Data moves through the bus, so an address outside RAM
 * surfaces as a `RangeError` the device can turn into an error status.
 */
export class DescriptorChain {
  /** Total bytes the driver gave the device to read. */
  readonly readableLength: number;
  /** Total bytes the device may write. */
  readonly writableLength: number;

  constructor(
    private readonly bus: Bus,
    /** Index of the head descriptor: the id that goes on the used ring. */
    readonly head: number,
    readonly readable: readonly VirtqBuffer[],
    readonly writable: readonly VirtqBuffer[],
  ) {
    this.readableLength = readable.reduce((n, b) => n + b.len, 0);
    this.writableLength = writable.reduce((n, b) => n + b.len, 0);
  }

  /** Copy `length` bytes starting `offset` bytes into the readable part. */
  read(offset: number, length: number): Uint8Array {
    if (offset < 0 || offset + length > this.readableLength) {
      throw new RangeError(`read of ${offset}..+${length} beyond the ${this.readableLength} readable bytes`);
    }
    const out = new Uint8Array(length);
    let done = 0;
    for (const [addr, start, n] of this.pieces(this.readable, offset, length)) {
      out.set(this.bus.readPhys(addr + BigInt(start), n), done);
      done += n;
    }
    return out;
  }

  /** Copy `data` to `offset` bytes into the writable part. */
  write(offset: number, data: Uint8Array): void {
    if (offset < 0 || offset + data.length > this.writableLength) {
      throw new RangeError(`write of ${offset}..+${data.length} beyond the ${this.writableLength} writable bytes`);
    }
    let done = 0;
    for (const [addr, start, n] of this.pieces(this.writable, offset, data.length)) {
      this.bus.writePhys(addr + BigInt(start), data.subarray(done, done + n));
      done += n;
    }
  }

  /** The (buffer address, offset in buffer, byte count) pieces covering `offset..+length` of `buffers`. */
  private *pieces(buffers: readonly VirtqBuffer[], offset: number, length: number): Generator<[bigint, number, number]> {
    let skip = offset;
    let left = length;
    for (const b of buffers) {
      if (left === 0) return;
      if (skip >= b.len) {
        skip -= b.len;
        continue;
      }
      const n = Math.min(b.len - skip, left);
      yield [b.addr, skip, n];
      left -= n;
      skip = 0;
    }
  }
}
