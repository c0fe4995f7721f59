import { PAGE_BITS } from '../../exec/env';
import { Access } from '../../memory/softmmu';
import { PmpResult, PmpRules } from './pmp';
import { PRIV } from './spec';

/** Page-table entry bits (privileged spec, "Sv39: Page-Based 39-bit Virtual-Memory System"). */
export const PTE = {
  V: 0x01, R: 0x02, W: 0x04, X: 0x08, U: 0x10, G: 0x20, A: 0x40, D: 0x80,
  /** The PPN starts at bit 10 and has 44 bits (bits 53:10). */
  PPN_SHIFT: 10,
  /** Bits 63:54 (N, PBMT, reserved) sit above bit 22 of the high word; nonzero faults without Svnapot/Svpbmt. */
  HI_RESERVED_SHIFT: 22,
} as const;

/** Fields of `satp` on RV64. */
export const SATP = {
  MODE_SHIFT: 60n,
  ASID_SHIFT: 44n,
  /** ASID bits implemented (all 16: Linux probes them by writing ones). */
  ASID_MASK: 0xffffn << 44n,
  PPN_MASK: (1n << 44n) - 1n,
} as const;

/** `satp.MODE` values. */
export const SATP_MODE = { Bare: 0, Sv39: 8, Sv48: 9, Sv57: 10 } as const;

/** Page-table levels of a translation mode, or 0 for Bare and unimplemented modes. */
export function pagingLevels(mode: number): number {
  return mode >= SATP_MODE.Sv39 && mode <= SATP_MODE.Sv57 ? mode - SATP_MODE.Sv39 + 3 : 0;
}

/** Why a walk failed. */
export const enum WalkResult {
  Ok = 0,
  /** Raise the page fault of the access type. */
  PageFault = 1,
  /** A PTE is outside RAM or PMP denies reading it: raise the access fault of the access type. */
  AccessFault = 2,
}

/** Where page tables live: RAM inside the shared memory, and who hears about PTE write-backs. */
export interface PageTableMemory {
  readonly view: DataView;
  /** Guest physical address of RAM and its size, as numbers. */
  readonly ramBase: number;
  readonly ramSize: number;
  /** Byte offset of RAM in {@link view}. */
  readonly hostBase: number;
  /** A PTE at host address `host` was rewritten (A/D update): translated code on that page must be dropped. */
  pteWritten(host: number): void;
}

const TWO32 = 2 ** 32;
/** PPNs at or above this give addresses beyond 2^53 (no RAM or device there). */
const PPN_EXACT_LIMIT = 2 ** (53 - PAGE_BITS);
const PTE_SIZE = 8;
/** log2 of PTEs per table. */
const VPN_BITS = 9;

/**
 * The Sv39/Sv48/Sv57 page-table walk of the privileged specification
 * ("Virtual Address Translation Process"), with hardware A/D updates as QEMU
 * does them. Works on 32-bit halves as numbers, so a walk allocates nothing
 * but the final physical address. Results are left in fields to avoid an
 * object per walk.
 */
export class PageTableWalker {
  /** Physical address found by the last successful walk. */
  paddr = 0n;
  /** Level of the leaf PTE (0: 4 KiB page, 1: megapage, ...) and its host address, for inspection. */
  leafLevel = 0;
  leafHost = 0;
  /** The leaf's PTE bits after the walk (A/D included). */
  leafBits = 0;
  /** Walks performed (TLB misses under translation). */
  walks = 0;

  constructor(readonly memory: PageTableMemory) {}

  /**
   * Translate `vaddr` for `access` at privilege `priv` (0 U, 1 S) under
   * `satp`. `sum`: S-mode may read/write U pages; `mxr`: X pages are readable.
   * PTE reads are S-mode reads for PMP.
   */
  walk(satp: bigint, vaddr: bigint, access: Access, priv: number, sum: boolean, mxr: boolean, pmp: PmpRules): WalkResult {
    this.walks++;
    const levels = pagingLevels(Number(satp >> SATP.MODE_SHIFT));
    const lo = Number(vaddr & 0xffffffffn);
    const hi = Number((vaddr >> 32n) & 0xffffffffn) | 0;
    // Bits 63..VA width-1 must all equal (the address is sign-extended).
    const top = hi >> (levels * VPN_BITS + PAGE_BITS - 1 - 32);
    if (top !== 0 && top !== -1) return WalkResult.PageFault;

    const mem = this.memory;
    const view = mem.view;
    let table = Number(satp & SATP.PPN_MASK);
    for (let level = levels - 1; level >= 0; level--) {
      if (table >= PPN_EXACT_LIMIT) return WalkResult.AccessFault;
      const shift = PAGE_BITS + level * VPN_BITS;
      const vpn = (shift >= 32 ? hi >>> (shift - 32) : (lo >>> shift) | (hi << (32 - shift))) & 0x1ff;
      const pteAddr = table * 4096 + vpn * PTE_SIZE;
      const off = pteAddr - mem.ramBase;
      if (off < 0 || off >= mem.ramSize) return WalkResult.AccessFault;
      if (pmp.check(pteAddr, PTE_SIZE, Access.Read, PRIV.S) === PmpResult.Denied) return WalkResult.AccessFault;
      const host = mem.hostBase + off;
      const pteLo = view.getUint32(host, true);
      const pteHi = view.getUint32(host + 4, true);
      if (!(pteLo & PTE.V) || (pteHi >>> PTE.HI_RESERVED_SHIFT) !== 0) return WalkResult.PageFault;
      if ((pteLo & (PTE.R | PTE.W)) === PTE.W) return WalkResult.PageFault;
      const ppn = (pteHi & 0x3fffff) * 2 ** 22 + (pteLo >>> PTE.PPN_SHIFT);
      if (!(pteLo & (PTE.R | PTE.X))) {
        // Pointer to the next level; the last level must be a leaf.
        if (level === 0) return WalkResult.PageFault;
        table = ppn;
        continue;
      }
      if (!leafAllows(pteLo, access, priv, sum, mxr)) return WalkResult.PageFault;
      // A superpage's PPN must be aligned to its size.
      const spanPages = 2 ** (level * VPN_BITS);
      if (ppn % spanPages !== 0) return WalkResult.PageFault;
      let bits = pteLo | PTE.A | (access === Access.Write ? PTE.D : 0);
      if (bits !== pteLo) {
        view.setUint32(host, bits, true);
        mem.pteWritten(host);
      }
      bits &= 0x3ff;
      // Offset within the (super)page: the low `shift` bits of the address (at most 48 bits, exact).
      const inPage = (hi & 0xffff) * TWO32 % 2 ** shift + (lo >>> 0) % 2 ** shift;
      this.paddr = ppn < PPN_EXACT_LIMIT
        ? BigInt(ppn * 4096 + inPage)
        : (BigInt(ppn) << BigInt(PAGE_BITS)) + BigInt(inPage);
      this.leafLevel = level;
      this.leafHost = host;
      this.leafBits = bits;
      return WalkResult.Ok;
    }
    return WalkResult.PageFault;
  }
}

/** The leaf permission rules: R/W/X with MXR, and U with SUM (S never executes U pages). */
function leafAllows(pte: number, access: Access, priv: number, sum: boolean, mxr: boolean): boolean {
  if (pte & PTE.U) {
    if (priv === PRIV.S && (access === Access.Exec || !sum)) return false;
  } else if (priv === PRIV.U) {
    return false;
  }
  switch (access) {
    case Access.Read: return (pte & PTE.R) !== 0 || (mxr && (pte & PTE.X) !== 0);
    case Access.Write: return (pte & PTE.W) !== 0;
    default: return (pte & PTE.X) !== 0;
  }
}
