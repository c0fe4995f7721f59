import { ENV } from '../../exec/env';

/**
 * Where a RISC-V hart's registers live in its env. Generated code reads and
 * writes them with `ld`/`st` at these offsets; JavaScript through the shared
 * memory's views.
 */
export const RV_ENV = {
  /** Integer register `x[i]` (i64). */
  x: (i: number): number => ENV.target + i * 8,
  /** Floating-point register `f[i]` (i64 bit pattern; singles NaN-boxed). */
  f: (i: number): number => ENV.target + 256 + i * 8,
  /** i32: fcsr (frm << 5 | fflags), in env so generated FP fast paths can check it. */
  fcsr: ENV.target + 512,
  /**
   * i32, set by every CSR write: 1 when the block must end after it (the
   * translation state changed, an interrupt became deliverable, or the CSR is
   * not known to be free of such effects), 0 when execution may go on.
   */
  csrExit: ENV.target + 516,
  /** End of the RISC-V state. */
  end: ENV.target + 520,
} as const;

/** ABI names of the integer registers, by number. */
export const X_ABI = [
  'zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6',
] as const;

/** ABI names of the floating-point registers, by number. */
export const F_ABI = [
  'ft0', 'ft1', 'ft2', 'ft3', 'ft4', 'ft5', 'ft6', 'ft7', 'fs0', 'fs1', 'fa0', 'fa1', 'fa2', 'fa3', 'fa4', 'fa5',
  'fa6', 'fa7', 'fs2', 'fs3', 'fs4', 'fs5', 'fs6', 'fs7', 'fs8', 'fs9', 'fs10', 'fs11', 'ft8', 'ft9', 'ft10', 'ft11',
] as const;

/** Name of the env field at `offset` for printed IR (`x10`, `f3`, `pc`). */
export function rvEnvName(offset: number): string | undefined {
  if (offset === ENV.pc) return 'pc';
  if (offset >= ENV.target && offset < ENV.target + 256 && offset % 8 === 0) return `x${(offset - ENV.target) / 8}`;
  if (offset >= ENV.target + 256 && offset < ENV.target + 512 && offset % 8 === 0) return `f${(offset - ENV.target - 256) / 8}`;
  if (offset === RV_ENV.fcsr) return 'fcsr';
  for (const [name, off] of Object.entries(ENV)) if (off === offset) return name;
  return undefined;
}
