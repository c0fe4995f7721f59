import { RiscvMachine } from '../../../core/machine/riscv-machine';
import { VirtMachine } from '../../../core/machine/virt-machine';
import { VIRT_IRQ } from '../../../core/machine/virt-map';

const PRIV_NAME: Record<number, string> = { 0: 'U', 1: 'S', 3: 'M' };
const h = (v: bigint) => `0x${v.toString(16)}`;

/** PLIC source of a virt device by its name (`uart0`, `rtc`, `virtio3`), or undefined. */
function virtIrq(name: string): number | undefined {
  if (name === 'uart0') return VIRT_IRQ.uart0;
  if (name === 'rtc') return VIRT_IRQ.rtc;
  const v = /^virtio(\d+)$/.exec(name);
  return v ? VIRT_IRQ.virtio0 + Number(v[1]) : undefined;
}

/**
 * `info qtree`: the machine's devices as a tree, as QEMU lists them: each
 * device on the system bus with its class, its MMIO window, its interrupt
 * source and (virtio) the device behind the transport; then the harts.
 */
export function formatDeviceTree(m: RiscvMachine): string {
  const lines = [`machine: ${m.constructor.name}`, '  bus: main-system-bus'];
  for (const r of m.bus.regions) {
    if (r.kind === 'ram') {
      lines.push(`    dev: ram, size ${r.size / (1024n * 1024n)} MiB at ${h(r.base)}`);
      continue;
    }
    const dev = r.device as unknown as { constructor: { name: string }; device?: { constructor: { name: string } } };
    lines.push(`    dev: ${dev.constructor.name}, id "${r.name}"`);
    lines.push(`      mmio ${h(r.base)}/${h(r.size)}`);
    const irq = m instanceof VirtMachine ? virtIrq(r.name) : undefined;
    if (irq !== undefined) lines.push(`      irq: plic source ${irq}`);
    if ('device' in dev) lines.push(`      child: ${dev.device ? dev.device.constructor.name : '(empty slot)'}`);
  }
  lines.push('  cpus:');
  for (const c of m.harts) {
    lines.push(`    hart${c.hartId}: RiscvCpu, priv ${PRIV_NAME[c.priv] ?? c.priv}, pc ${h(c.pc)}${c.waiting ? ', waiting (wfi)' : ''}`);
  }
  return lines.join('\n');
}
