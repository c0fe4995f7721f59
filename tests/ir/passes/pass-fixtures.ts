import { HelperInfo, IrBlock } from '../../../core/ir/ir';
import { formatBlock } from '../../../core/ir/printer';

/** Env layout of the test blocks: x0..x31 as i64 from offset 64, like a RISC-V target would. */
export const X = (i: number): number => 64 + 8 * i;

/** Print a block with x-register names, as the specs below expect it. */
export function show(block: IrBlock): string {
  return formatBlock(block, {
    envName: (o) => (o >= 64 && o < 64 + 8 * 32 && o % 8 === 0 ? `x${(o - 64) / 8}` : undefined),
  });
}

/** Build the expected text from lines (the printer indents ops by one space). */
export function lines(...ls: string[]): string {
  return ls.map((l) => (l.startsWith(' ----') ? l : ` ${l}`)).join('\n');
}

const base = { mayRaise: false, readsEnv: false, writesEnv: false, pure: false, fn: () => 0n };
/** A pure helper: no effect, result depends only on the arguments. */
export const pureHelper: HelperInfo = { ...base, name: 'pure', args: ['i64'], ret: 'i64', pure: true, fn: (a: bigint) => BigInt.asIntN(64, a * 3n + 1n) };
/** A helper that reads env (e.g. a CSR read). */
export const readsEnvHelper: HelperInfo = { ...base, name: 'reads_env', args: [], ret: 'i64', readsEnv: true };
/** A helper that writes env (e.g. a CSR write). */
export const writesEnvHelper: HelperInfo = { ...base, name: 'writes_env', args: [] , writesEnv: true };
/** A helper that may raise (e.g. ecall). */
export const raisingHelper: HelperInfo = { ...base, name: 'may_raise', args: [], mayRaise: true };
/** A helper with an effect outside env (e.g. a device poke), not pure. */
export const impureHelper: HelperInfo = { ...base, name: 'impure', args: ['i64'] };
