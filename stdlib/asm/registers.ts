/**
 * Register operands: `x0`..`x31`, `f0`..`f31` and the ABI names of the
 * psABI (`zero`, `ra`, `sp`, `a0`, `fa0`, ... and `fp` for `s0`), as GNU as
 * accepts them.
 */
import { F_ABI, X_ABI } from '../../core/target/riscv/cpu-layout';

/** Which register file an operand names. */
export type RegisterFile = 'x' | 'f';

const BY_NAME: ReadonlyMap<string, { file: RegisterFile; num: number }> = (() => {
  const m = new Map<string, { file: RegisterFile; num: number }>();
  for (let i = 0; i < 32; i++) {
    m.set(`x${i}`, { file: 'x', num: i });
    m.set(X_ABI[i], { file: 'x', num: i });
    m.set(`f${i}`, { file: 'f', num: i });
    m.set(F_ABI[i], { file: 'f', num: i });
  }
  m.set('fp', { file: 'x', num: 8 }); // the frame pointer is s0
  return m;
})();

/** The register `name` names, or undefined. */
export function lookupRegister(name: string): { file: RegisterFile; num: number } | undefined {
  return BY_NAME.get(name);
}

/** True when `name` looks like a register of either file (`x40`, `f99` included) — for better errors. */
export function looksLikeRegister(name: string): boolean {
  return BY_NAME.has(name) || /^[xf][0-9]+$/.test(name);
}
