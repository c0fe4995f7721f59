/**
 * The softmmu's slow path as the backends see it: a guest memory access by
 * virtual address for the hart whose env is at `env`, with a given MMU index.
 * Translates (TLB fill, page walk), dispatches to RAM or a device, and throws
 * a {@link GuestException} on a fault. The WebAssembly backend calls it when
 * its inline TLB check misses; the interpreter calls it for every access.
 */
export interface GuestAccess {
  /** Load `size` bytes; the result is sign- or zero-extended to 64 bits as `signed` says. */
  load(env: number, addr: bigint, size: 1 | 2 | 4 | 8, signed: boolean, mmuIdx: number): bigint;
  /** Store the low `size` bytes of `value`. */
  store(env: number, addr: bigint, value: bigint, size: 1 | 2 | 4 | 8, mmuIdx: number): void;
}
