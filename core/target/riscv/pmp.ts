import { PAGE_SIZE } from '../../exec/env';
import { Access } from '../../memory/softmmu';
import { PRIV } from './spec';

/** Number of PMP entries this hart implements (pmpcfg0/pmpcfg2, pmpaddr0..15). */
export const PMP_ENTRIES = 16;

/** Bits of one pmpcfg byte (privileged spec, "Physical Memory Protection CSRs"). */
export const PMPCFG = {
  R: 0x01,
  W: 0x02,
  X: 0x04,
  /** Address-matching mode field (see {@link PMP_A}). */
  A: 0x18,
  A_SHIFT: 3,
  /** Locked: the entry ignores writes and applies to M-mode too. */
  L: 0x80,
  /** Bits 5-6 are reserved and read as zero. */
  WRITABLE: 0x9f,
} as const;

/** Values of the pmpcfg.A field. */
export const PMP_A = { OFF: 0, TOR: 1, NA4: 2, NAPOT: 3 } as const;

/** Outcome of a PMP check. */
export const enum PmpResult {
  Denied = 0,
  /** Allowed, and every byte of the access's 4 KiB page gets the same answer (a TLB may keep it). */
  Allowed = 1,
  /** Allowed, but a PMP boundary falls inside the page: do not cache the translation. */
  AllowedPartialPage = 2,
}

/** The pmpcfg byte of entry `i` from the RV64 CSR values (entries 0-7 in pmpcfg0, 8-15 in pmpcfg2). */
export function pmpCfgByte(pmpcfg: readonly bigint[], i: number): number {
  return Number((pmpcfg[(i >> 3) * 2] >> BigInt((i & 7) * 8)) & 0xffn);
}

/** The permission bit an access needs. */
const ACCESS_PERM = [PMPCFG.R, PMPCFG.W, PMPCFG.X];

/**
 * One hart's PMP entries decoded into address ranges, re-decoded whenever the
 * pmpcfg/pmpaddr CSR values change. Ranges are kept as float64 numbers: exact
 * below 2^53, which covers every address that has RAM or a device behind it.
 */
export class PmpRules {
  /** Start (inclusive) and end (exclusive) byte address of each entry. */
  readonly start = new Float64Array(PMP_ENTRIES);
  readonly end = new Float64Array(PMP_ENTRIES);
  /** pmpcfg byte of each entry. */
  readonly cfg = new Uint8Array(PMP_ENTRIES);
  /** Indexes of the entries that are not OFF, in priority order, and their count. */
  readonly activeIdx = new Uint8Array(PMP_ENTRIES);
  active = 0;
  /** Some active entry is locked (M-mode accesses must be checked). */
  anyLocked = false;
  private readonly seenCfg: bigint[] = [-1n, -1n];
  private readonly seenAddr: bigint[] = new Array(PMP_ENTRIES).fill(-1n);

  /** Re-decode if the CSR values differ from those decoded last. Cheap when nothing changed. */
  sync(pmpcfg: readonly bigint[], pmpaddr: readonly bigint[]): void {
    let same = pmpcfg[0] === this.seenCfg[0] && pmpcfg[2] === this.seenCfg[1];
    for (let i = 0; same && i < PMP_ENTRIES; i++) same = pmpaddr[i] === this.seenAddr[i];
    if (same) return;
    this.seenCfg[0] = pmpcfg[0];
    this.seenCfg[1] = pmpcfg[2];
    for (let i = 0; i < PMP_ENTRIES; i++) this.seenAddr[i] = pmpaddr[i];
    this.decode(pmpcfg, pmpaddr);
  }

  private decode(pmpcfg: readonly bigint[], pmpaddr: readonly bigint[]): void {
    this.active = 0;
    this.anyLocked = false;
    for (let i = 0; i < PMP_ENTRIES; i++) {
      const cfg = pmpCfgByte(pmpcfg, i);
      this.cfg[i] = cfg;
      const a = (cfg & PMPCFG.A) >> PMPCFG.A_SHIFT;
      let lo = 0n;
      let hi = 0n;
      if (a === PMP_A.TOR) {
        lo = i === 0 ? 0n : pmpaddr[i - 1] << 2n;
        hi = pmpaddr[i] << 2n;
      } else if (a === PMP_A.NA4) {
        lo = pmpaddr[i] << 2n;
        hi = lo + 4n;
      } else if (a === PMP_A.NAPOT) {
        // pmpaddr = base >> 2 | (size/8 - 1): the trailing ones give the size.
        let t = 0n;
        while (t < 64n && ((pmpaddr[i] >> t) & 1n)) t++;
        lo = (pmpaddr[i] & ~((1n << t) - 1n)) << 2n;
        hi = lo + (1n << (t + 3n));
      } else {
        continue;
      }
      this.start[i] = Number(lo);
      this.end[i] = Number(hi);
      this.activeIdx[this.active++] = i;
      if (cfg & PMPCFG.L) this.anyLocked = true;
    }
  }

  /**
   * Check an access of `size` bytes at physical address `addr` by privilege
   * `priv` (0 U, 1 S, 3 M). The lowest-numbered entry that matches any byte
   * decides; matching only some of the bytes fails. M-mode is checked against
   * locked entries only. When no entry matches, M-mode succeeds and S/U fail
   * if any entry is configured (QEMU's rule, which OpenSBI relies on).
   */
  check(addr: number, size: number, access: Access, priv: number): PmpResult {
    if (this.active === 0) return PmpResult.Allowed;
    if (priv === PRIV.M && !this.anyLocked) return PmpResult.Allowed;
    const pageStart = addr - (addr % PAGE_SIZE);
    const pageEnd = pageStart + PAGE_SIZE;
    const last = addr + size;
    let partialPage = false;
    let decided = -1;
    for (let k = 0; k < this.active; k++) {
      const i = this.activeIdx[k];
      const s = this.start[i];
      const e = this.end[i];
      // Any entry with a boundary inside the page makes the page's answers differ.
      if (s < pageEnd && e > pageStart && (s > pageStart || e < pageEnd)) partialPage = true;
      if (decided >= 0 || !(addr < e && last > s)) continue;
      if (addr < s || last > e) return PmpResult.Denied;
      decided = i;
    }
    let ok: boolean;
    if (decided < 0) {
      ok = priv === PRIV.M;
    } else {
      const cfg = this.cfg[decided];
      ok = (priv === PRIV.M && !(cfg & PMPCFG.L)) || (cfg & ACCESS_PERM[access]) !== 0;
    }
    if (!ok) return PmpResult.Denied;
    return partialPage ? PmpResult.AllowedPartialPage : PmpResult.Allowed;
  }
}
