import { RiscvCpu } from '../../core/target/riscv/cpu';
import { X_ABI } from '../../core/target/riscv/cpu-layout';
import { MonitorError } from './monitor-error';

/** The other name of `s0`, as assemblers accept it. */
const FRAME_POINTER = { name: 'fp', index: 8 } as const;

/**
 * The value of a register named as the monitor accepts it: `pc`, `x0`..`x31`,
 * ABI names (`sp`, `a0`, `fp`), CSRs that are plain storage (`satp`, `mepc`),
 * each with an optional `$` (QEMU's spelling). Undefined when there is no such register.
 */
export function registerValue(cpu: RiscvCpu, name: string): bigint | undefined {
  const n = name.replace(/^\$/, '').toLowerCase();
  if (n === 'pc') return cpu.pc;
  const x = /^x(\d+)$/.exec(n);
  if (x && Number(x[1]) < 32) return cpu.x(Number(x[1]));
  const abi = (X_ABI as readonly string[]).indexOf(n);
  if (abi >= 0) return cpu.x(abi);
  if (n === FRAME_POINTER.name) return cpu.x(FRAME_POINTER.index);
  if (n === 'priv') return BigInt(cpu.priv);
  const csr = (cpu.csr as unknown as Record<string, unknown>)[n];
  if (typeof csr === 'bigint') return csr;
  return undefined;
}

/**
 * Evaluate a monitor address: numbers (`0x80000000`, `0x8000_0000`, `4096`)
 * and registers (see {@link registerValue}) joined by `+` and `-`
 * (`sp+16`, `$pc - 8`). Throws a {@link MonitorError} naming the bad part
 * and the command it came from.
 */
export function parseAddress(text: string, cpu: RiscvCpu, where: string): bigint {
  const src = text.trim();
  if (src === '') throw new MonitorError(`${where}: an address is missing (a number like 0x80000000, or a register like pc or sp+16)`);
  const tokens = src.split(/\s*([+-])\s*/);
  let value = 0n;
  let sign = 1n;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (i % 2 === 1) { sign = t === '-' ? -1n : 1n; continue; }
    if (t === '' && i === 0) continue; // a leading sign
    value += sign * term(t, cpu, src, where);
  }
  return BigInt.asUintN(64, value);
}

function term(t: string, cpu: RiscvCpu, whole: string, where: string): bigint {
  if (/^0[xX][0-9a-fA-F_]+$/.test(t) || /^\d[\d_]*$/.test(t)) return BigInt(t.replace(/_/g, ''));
  const r = registerValue(cpu, t);
  if (r !== undefined) return r;
  if (/^[0-9]/.test(t)) throw new MonitorError(`${where}: '${t}' in '${whole}' is not a number (write hex as 0x…)`);
  throw new MonitorError(`${where}: unknown register '${t}' in '${whole}' (registers: pc, x0-x31, zero ra sp gp tp t0-t6 s0-s11 fp a0-a7, CSRs such as satp mepc)`);
}
