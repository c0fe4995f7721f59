import { MEMORY } from '../exec/env';

const WASM_PAGE = 65536;

/**
 * The one `WebAssembly.Memory` holding CPU state, TLBs, chain slots and guest
 * RAM, with typed views for JavaScript. Generated code and JavaScript see the
 * same bytes; nothing is copied between them.
 */
export class SharedMemory {
  readonly memory: WebAssembly.Memory;
  /** Little-endian view over the whole memory. */
  view: DataView;
  /** Byte view over the whole memory. */
  bytes: Uint8Array;

  /**
   * @param ramSize guest RAM in bytes, placed at {@link MEMORY.ramBase}.
   */
  constructor(readonly ramSize: number) {
    const total = MEMORY.ramBase + ramSize;
    if (total > 0xffff0000) throw new RangeError(`RAM of ${ramSize} bytes does not fit in a 4 GiB WebAssembly memory`);
    const pages = Math.ceil(total / WASM_PAGE);
    this.memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    this.view = new DataView(this.memory.buffer);
    this.bytes = new Uint8Array(this.memory.buffer);
  }

  /** Read an i64 (as a signed bigint) at a byte address. */
  i64(addr: number): bigint {
    return this.view.getBigInt64(addr, true);
  }

  setI64(addr: number, v: bigint): void {
    this.view.setBigInt64(addr, BigInt.asIntN(64, v), true);
  }

  i32(addr: number): number {
    return this.view.getInt32(addr, true);
  }

  setI32(addr: number, v: number): void {
    this.view.setInt32(addr, v | 0, true);
  }
}
