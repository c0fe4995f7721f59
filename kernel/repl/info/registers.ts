import { RiscvCpu } from '../../../core/target/riscv/cpu';
import { F_ABI, X_ABI } from '../../../core/target/riscv/cpu-layout';
import { PRIV } from '../../../core/target/riscv/spec';

/** CSRs `info registers` lists, in QEMU's order (riscv_cpu_dump_state). */
const DUMPED_CSRS = [
  'mstatus', 'mip', 'mie', 'mideleg', 'medeleg', 'mtvec', 'stvec', 'mepc', 'sepc',
  'mcause', 'scause', 'mtval', 'stval', 'mscratch', 'sscratch', 'satp',
] as const;

/** Registers per line, as QEMU prints them. */
const PER_LINE = 4;

const PRIV_NAME: Record<number, string> = { [PRIV.U]: 'U', [PRIV.S]: 'S', [PRIV.M]: 'M' };

const h64 = (v: bigint) => BigInt.asUintN(64, v).toString(16).padStart(16, '0');

/**
 * One hart's state in the layout of QEMU's `info registers` for RISC-V: pc,
 * privilege, the trap CSRs, then x0..x31 and f0..f31 four to a line with
 * their ABI names.
 */
export function formatRegisters(cpu: RiscvCpu): string {
  const lines: string[] = [];
  lines.push(` pc       ${h64(cpu.pc)}`);
  lines.push(` priv     ${PRIV_NAME[cpu.priv] ?? cpu.priv}${cpu.waiting ? ' (wfi)' : ''}`);
  lines.push(` mhartid  ${h64(BigInt(cpu.hartId))}`);
  for (const name of DUMPED_CSRS) {
    const v = name === 'mip' ? cpu.mip() : cpu.csr[name];
    lines.push(` ${name.padEnd(8)} ${h64(v)}`);
  }
  const bank = (prefix: string, names: readonly string[], read: (i: number) => bigint) => {
    for (let i = 0; i < names.length; i += PER_LINE) {
      const row: string[] = [];
      for (let j = i; j < i + PER_LINE; j++) row.push(`${`${prefix}${j}/${names[j]}`.padEnd(8)} ${h64(read(j))}`);
      lines.push(` ${row.join(' ')}`);
    }
  };
  bank('x', X_ABI, (i) => cpu.x(i));
  bank('f', F_ABI, (i) => cpu.f(i));
  return lines.join('\n');
}
