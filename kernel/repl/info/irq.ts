import { RiscvMachine } from '../../../core/machine/riscv-machine';
import { VirtMachine } from '../../../core/machine/virt-machine';
import { IRQ } from '../../../core/target/riscv/spec';

/** Interrupt bits of `mip`/`mie` by name, in priority order. */
const BITS = Object.entries(IRQ).sort((a, b) => b[1] - a[1]);

function bitNames(v: bigint): string {
  const names = BITS.filter(([, bit]) => (v >> BigInt(bit)) & 1n).map(([n]) => `${n}P`);
  return names.length ? names.join(' ') : '-';
}

const list = (xs: number[]) => (xs.length ? xs.join(' ') : '-');

/**
 * `info irq`: per hart, which interrupts are pending (`mip`), enabled (`mie`)
 * and delegated to S-mode (`mideleg`); then, on the virt machine, the PLIC per
 * context (as QEMU's `info pic`): threshold, enabled, pending and claimed
 * sources and the level of the context's output line.
 */
export function formatIrqs(m: RiscvMachine): string {
  const lines = ['harts:', `  ${'hart'.padEnd(5)} ${'mip'.padEnd(24)} ${'mie'.padEnd(24)} mideleg`];
  for (const c of m.harts) {
    lines.push(`  ${String(c.hartId).padEnd(5)} ${bitNames(c.mip()).padEnd(24)} ${bitNames(c.csr.mie).padEnd(24)} ${bitNames(c.csr.mideleg)}`);
  }
  if (m instanceof VirtMachine) {
    lines.push('plic:', `  ${'context'.padEnd(10)} ${'thresh'.padEnd(6)} ${'irq'.padEnd(4)} enabled / pending / claimed`);
    for (const c of m.dev.plic.info()) {
      if (c.enabled.length === 0 && c.claimed.length === 0 && !c.irq) continue;
      lines.push(`  ${`${c.context} h${c.hart}/${c.mode}`.padEnd(10)} ${String(c.threshold).padEnd(6)} ${(c.irq ? 'high' : 'low').padEnd(4)} ${list(c.enabled)} / ${list(c.pending)} / ${list(c.claimed)}`);
    }
    lines.push('  (contexts with nothing enabled are left out)');
  }
  return lines.join('\n');
}
