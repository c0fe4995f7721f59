import { RiscvMachine } from '../../../core/machine/riscv-machine';

const h64 = (v: bigint) => v.toString(16).padStart(16, '0');

/** `info mtree`: the physical address space, one line per region, as QEMU prints it. */
export function formatMemoryTree(m: RiscvMachine): string {
  const lines = ['address-space: memory', `  ${h64(0n)}-${h64((1n << 64n) - 1n)} (prio -1, i/o): system`];
  for (const r of m.bus.regions) {
    lines.push(`    ${h64(r.base)}-${h64(r.base + r.size - 1n)} (prio 0, ${r.kind === 'ram' ? 'ram' : 'i/o'}): ${r.name}`);
  }
  return lines.join('\n');
}
