/**
 * Rounding modes, exception flags and the flag accumulator shared by every
 * soft-float operation. Numbers are those of the RISC-V `frm` and `fflags`
 * fields (Volume I, "F" chapter, "Floating-Point Control and Status Register").
 */

/** Rounding modes as encoded in `frm` and in an instruction's `rm` field. */
export const RoundingMode = {
  /** Round to nearest, ties to even. */
  RNE: 0,
  /** Round towards zero. */
  RTZ: 1,
  /** Round down (towards -infinity). */
  RDN: 2,
  /** Round up (towards +infinity). */
  RUP: 3,
  /** Round to nearest, ties to max magnitude. */
  RMM: 4,
  /**
   * Dynamic: use `frm`. Only valid in an instruction's `rm` field; the caller
   * resolves it before calling into the FPU (an invalid `frm` is an illegal
   * instruction, which is the translator's business, not the FPU's).
   */
  DYN: 7,
} as const;

/** A rounding mode the FPU accepts: RNE, RTZ, RDN, RUP or RMM (0..4). */
export type RoundingModeNumber = 0 | 1 | 2 | 3 | 4;

/** Accrued exception bits, as in `fflags`. */
export const FFlag = {
  /** Inexact. */
  NX: 1,
  /** Underflow (tiny after rounding and inexact). */
  UF: 2,
  /** Overflow (always together with NX). */
  OF: 4,
  /** Divide by zero. */
  DZ: 8,
  /** Invalid operation. */
  NV: 16,
} as const;

/**
 * The accumulator every operation ORs its exception flags into, like the
 * accrued-exception bits of `fflags`. One object lives as long as the hart;
 * operations never allocate one.
 *
 * @example
 * const st = new FloatStatus();
 * f64Div(0x3ff0000000000000n, 0n, RoundingMode.RNE, st); // 1/0
 * st.flags === FFlag.DZ;
 */
export class FloatStatus {
  /** Accrued flags (`fflags` bits, see {@link FFlag}). Clear it by assigning 0. */
  flags = 0;

  /** The flags as their spec names, e.g. `["NX", "OF"]`: handy in a notebook. */
  names(): string[] {
    return Object.entries(FFlag)
      .filter(([, bit]) => (this.flags & bit) !== 0)
      .map(([name]) => name);
  }
}
