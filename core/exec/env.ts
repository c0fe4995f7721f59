/**
 * The layout of the one `WebAssembly.Memory` that generated code, the
 * interpreter and JavaScript share: per-hart CPU state ("env"), the softmmu
 * TLB and jump cache inside each env, the block-chaining slots, and guest RAM.
 *
 * Generated code receives its hart's env base as a parameter and addresses
 * everything per-hart relative to it, so one translated block serves every
 * hart. Offsets here are engine fields every target has; a target's own
 * registers start at {@link ENV_TARGET}.
 */

/** Engine fields inside an env (byte offsets). */
export const ENV = {
  /** i64: guest instructions entered so far (blocks add their length on entry). */
  icount: 0,
  /** i64: a block whose length would take `icount` past this does not start; the loop regains control. */
  icountLimit: 8,
  /** i64: the guest pc, valid whenever control is outside generated code. */
  pc: 16,
  /** i64: pc of the instruction whose helper or memory slow path is running (for precise traps). */
  faultPc: 24,
  /** i32: instructions of the current block not retired if the running helper raises (it and those after it). */
  faultUnretired: 32,
  /** i32: 1 + id of the block whose unlinked `goto_tb` slot exited to the loop, or 0. */
  exitTb: 36,
  /** i32: that slot (0 or 1). */
  exitSlot: 40,
  /**
   * i32: the translation flags the loop entered generated code with. A
   * jump-cache entry matches only a hart in its block's flags, so the cache
   * need not be emptied when they change (every trap and return does).
   */
  tbFlags: 44,
  /** i64: block transitions that followed a linked chain slot inside generated code. */
  chainHits: 48,
  /** i64: indirect jumps that hit the jump cache inside generated code. */
  jmpCacheHits: 56,
  /** First byte of the target's own state. */
  target: 64,
  /** The softmmu TLB: {@link TLB_MMU_MODES} tables of {@link TLB_ENTRIES} entries. */
  tlb: 0x1000,
  /** The jump cache: {@link JMP_CACHE_ENTRIES} entries of {pc: i64, tableIndex: i32, flags: i32}. */
  jmpCache: 0x41000,
} as const;

/** Byte size of one hart's env region. */
export const ENV_SIZE = 0x80000;

/** log2 of the guest page size the softmmu works in. */
export const PAGE_BITS = 12;
export const PAGE_SIZE = 1 << PAGE_BITS;

/** Entries per TLB table (direct-mapped by virtual page number). */
export const TLB_ENTRIES = 1024;
/** Number of MMU indexes (privilege/translation regimes) with a TLB table each. */
export const TLB_MMU_MODES = 8;
/** Bytes per TLB entry. */
export const TLB_ENTRY_SIZE = 32;
/**
 * Fields of a TLB entry. A tag is the virtual page number (`vaddr >> 12`) the
 * entry maps for that kind of access, or -1 when it maps nothing. `addend` is
 * an i32 such that `(i32)vaddr + addend` is the host address in the memory.
 */
export const TLB_ENTRY = { tagRead: 0, tagWrite: 8, tagExec: 16, addend: 24 } as const;

/** Entries in a hart's jump cache (direct-mapped by pc). */
export const JMP_CACHE_ENTRIES = 4096;
export const JMP_CACHE_ENTRY_SIZE = 16;
/** Jump cache index of a pc. RISC-V pcs are 2-byte aligned, hence the shift. */
export function jmpCacheIndex(pc: bigint): number {
  return Number((pc >> 1n) & BigInt(JMP_CACHE_ENTRIES - 1));
}

/** Absolute layout of the shared memory. */
export const MEMORY = {
  /** Chain slots: per block two i32 table indexes of linked successors (0 = unlinked). */
  chainBase: 0x10000,
  /** Maximum live blocks before the cache is flushed (bounded by the chain area). */
  maxBlocks: 0x20000,
  /** First hart's env. */
  envBase: 0x200000,
  /** Maximum harts. */
  maxHarts: 8,
  /** Where guest RAM starts in the memory. */
  ramBase: 0x1000000,
} as const;

/** Env base address of hart `i`. */
export function envBase(hart: number): number {
  return MEMORY.envBase + hart * ENV_SIZE;
}

/** Address of chain slot `slot` of block `id`. */
export function chainSlot(id: number, slot: number): number {
  return MEMORY.chainBase + id * 8 + slot * 4;
}
