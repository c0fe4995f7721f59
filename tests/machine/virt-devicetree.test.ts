import { describe, expect, it } from 'vitest';
import { encodeFdt, decodeFdt, fdtProperty, findFdtNode, FdtNode, fdtStrings, fdtU32, fdtU64 } from '../../core/devicetree/fdt';
import { buildVirtDeviceTree, VirtDeviceTreeConfig } from '../../core/machine/virt-devicetree';
import { TIMEBASE_FREQUENCY, VIRT_MAP } from '../../core/machine/virt-map';
import { dtcDecompile, qemuVirtDtb } from '../devicetree/reference-tools';

/**
 * QEMU 7.2 nodes Orrery leaves out on purpose, because it has no such device:
 * the PMU (no Sscofpmf counters), fw_cfg, the CFI flash, the dynamic sysbus
 * ("platform-bus") and the PCIe host.
 */
const LEFT_OUT = ['/pmu', '/fw-cfg@10100000', '/flash@20000000', '/platform-bus@4000000', '/soc/pci@30000000'];

const RAM_SIZE = 256n << 20n;
const BOOTARGS = 'console=ttyS0 earlycon=sbi root=/dev/vda';

function config(harts: number): VirtDeviceTreeConfig {
  return {
    harts,
    ramBase: VIRT_MAP.dram.base,
    ramSize: RAM_SIZE,
    bootargs: BOOTARGS,
    isa: 'rv64imafdc_zicsr_zifencei',
    // QEMU 7.2 cannot print anything else for rv64; Orrery picks what its MMU implements.
    mmuType: 'riscv,sv48',
    virtioSlots: 8,
    timebaseFrequency: TIMEBASE_FREQUENCY,
  };
}

function paths(node: FdtNode, prefix = ''): string[] {
  return node.children.flatMap((c) => [`${prefix}/${c.name}`, ...paths(c, `${prefix}/${c.name}`)]);
}

function addressOf(value: ReturnType<typeof fdtProperty>): bigint {
  if (value?.kind !== 'u32' || typeof value.cells[0] !== 'number') throw new Error(`not a u32 address: ${JSON.stringify(value)}`);
  return BigInt(value.cells[0]);
}

describe('virt device tree against QEMU 7.2', () => {
  for (const harts of [1, 2, 4]) {
    it(`matches QEMU's dumpdtb node for node with ${harts} hart${harts > 1 ? 's' : ''}, -append and -initrd`, () => {
      const qemu = decodeFdt(qemuVirtDtb({ harts, memory: '256M', append: BOOTARGS, initrdSize: 100_000 })).root;
      // Where QEMU put the initramfs and the random seed it chose are inputs, not choices.
      const chosen = findFdtNode(qemu, '/chosen');
      if (chosen === undefined) throw new Error('QEMU tree has no /chosen');
      const seed = fdtProperty(chosen, 'rng-seed');
      if (seed?.kind !== 'bytes') throw new Error('QEMU tree has no rng-seed bytes');
      const orrery = buildVirtDeviceTree({
        ...config(harts),
        initrd: { start: addressOf(fdtProperty(chosen, 'linux,initrd-start')), end: addressOf(fdtProperty(chosen, 'linux,initrd-end')) },
        rngSeed: seed.bytes,
      });

      const qemuPaths = paths(qemu);
      const orreryPaths = paths(orrery);
      expect(qemuPaths.filter((p) => !orreryPaths.includes(p))).toEqual(
        qemuPaths.filter((p) => LEFT_OUT.some((l) => p === l || p.startsWith(`${l}/`))),
      );
      for (const p of ['', ...orreryPaths]) {
        const mine = findFdtNode(orrery, p || '/');
        const theirs = findFdtNode(qemu, p || '/');
        expect(theirs, `QEMU has ${p || '/'}`).toBeDefined();
        // Same properties, same order, same typed values (so the same bytes and phandles).
        expect(mine?.props, `properties of ${p || '/'}`).toEqual(theirs?.props);
        // Same children in QEMU's order, less the ones left out.
        const kept = (theirs?.children ?? []).map((c) => c.name).filter((n) => !LEFT_OUT.includes(`${p}/${n}`));
        expect(mine?.children.map((c) => c.name), `children of ${p || '/'}`).toEqual(kept);
      }
    });
  }

  it('dtc reads the encoded virt tree', () => {
    const { dts, warnings } = dtcDecompile(encodeFdt(buildVirtDeviceTree(config(2))));
    expect(dts).toContain('stdout-path = "/soc/serial@10000000";');
    // The only warning is the one dtc also gives for QEMU's tree (the riscv,cpu-intc binding has no #address-cells).
    const lines = warnings.split('\n').filter((l) => l.includes('Warning'));
    expect(lines.every((l) => l.includes('Missing #address-cells in interrupt provider'))).toBe(true);
  });
});

describe('virt device tree configuration', () => {
  it('leaves out bootargs, initrd and rng-seed when not given, and points stdout at the UART', () => {
    const chosen = findFdtNode(buildVirtDeviceTree({ ...config(1), bootargs: undefined }), '/chosen');
    expect(chosen?.props.map((p) => p.name)).toEqual(['stdout-path']);
    expect(fdtProperty(chosen!, 'stdout-path')).toEqual({ kind: 'string', value: '/soc/serial@10000000' });
  });

  it('writes initrd addresses above 4 GiB as two cells', () => {
    const tree = buildVirtDeviceTree({ ...config(1), initrd: { start: 0x1_0000_0000n, end: 0x1_0010_0000n } });
    expect(fdtProperty(findFdtNode(tree, '/chosen')!, 'linux,initrd-start')).toEqual(fdtU64(0x1_0000_0000n));
  });

  it('describes the RAM, the MMU and the number of virtio slots it is given', () => {
    const tree = buildVirtDeviceTree({ ...config(4), ramSize: 2n << 30n, mmuType: 'riscv,sv39', virtioSlots: 2 });
    expect(fdtProperty(findFdtNode(tree, '/memory@80000000')!, 'reg')).toEqual(fdtU64(0x80000000n, 0x80000000n));
    expect(fdtProperty(findFdtNode(tree, '/cpus/cpu@3')!, 'mmu-type')).toEqual({ kind: 'string', value: 'riscv,sv39' });
    const soc = findFdtNode(tree, '/soc')!;
    expect(soc.children.filter((c) => c.name.startsWith('virtio_mmio')).map((c) => c.name)).toEqual([
      'virtio_mmio@10002000',
      'virtio_mmio@10001000',
    ]);
    expect(fdtProperty(findFdtNode(soc, 'virtio_mmio@10002000')!, 'interrupts')).toEqual(fdtU32(2));
    expect(fdtProperty(findFdtNode(soc, 'clint@2000000')!, 'compatible')).toEqual(fdtStrings('sifive,clint0', 'riscv,clint0'));
  });

  it('numbers phandles as QEMU does: harts last to first, then the PLIC and the test device', () => {
    const tree = buildVirtDeviceTree(config(4));
    const phandle = (p: string): unknown => fdtProperty(findFdtNode(tree, p)!, 'phandle');
    expect(phandle('/cpus/cpu@3')).toEqual(fdtU32(1));
    expect(phandle('/cpus/cpu@3/interrupt-controller')).toEqual(fdtU32(2));
    expect(phandle('/cpus/cpu@0')).toEqual(fdtU32(7));
    expect(phandle('/soc/plic@c000000')).toEqual(fdtU32(9));
    expect(phandle('/soc/test@100000')).toEqual(fdtU32(10));
  });

  it('refuses zero harts and more virtio slots than the memory map has', () => {
    expect(() => buildVirtDeviceTree(config(0))).toThrow(/harts must be a positive integer/);
    expect(() => buildVirtDeviceTree({ ...config(1), virtioSlots: 9 })).toThrow(/virtioSlots must be 0..8/);
  });
});
