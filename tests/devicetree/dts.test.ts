import { describe, expect, it } from 'vitest';
import { formatDts } from '../../core/devicetree/dts';
import { decodeFdt, fdtBytes, fdtNode, fdtRef, fdtString, fdtStrings, fdtU32, fdtU64 } from '../../core/devicetree/fdt';
import { buildVirtDeviceTree, VirtDeviceTreeConfig } from '../../core/machine/virt-devicetree';
import { dtcCompile, qemuVirtDtb } from './reference-tools';

function virtConfig(harts: number): VirtDeviceTreeConfig {
  return {
    harts,
    ramBase: 0x80000000n,
    ramSize: 0x10000000n,
    bootargs: 'console=ttyS0 earlycon=sbi',
    initrd: { start: 0x88200000n, end: 0x882186a0n },
    isa: 'rv64imafdc_zicsr_zifencei',
    mmuType: 'riscv,sv39',
    virtioSlots: 8,
    timebaseFrequency: 10_000_000,
    rngSeed: Uint8Array.from({ length: 32 }, (_, i) => i * 7),
  };
}

describe('DTS printer', () => {
  it('prints values by their type and phandle references as labels', () => {
    const dts = formatDts(buildVirtDeviceTree(virtConfig(1)));
    expect(dts.startsWith('/dts-v1/;\n\n/ {\n\t#address-cells = <0x02>;\n')).toBe(true);
    expect(dts).toContain('\t\tclock-frequency = <0x384000>;\n');
    expect(dts).toContain('\t\tcompatible = "sifive,test1", "sifive,test0", "syscon";\n');
    expect(dts).toContain('\t\tplic: plic@c000000 {\n');
    expect(dts).toContain('\t\t\tinterrupt-parent = <&plic>;\n');
    expect(dts).toContain('\t\t\tinterrupts-extended = <&interrupt_controller 0x0b &interrupt_controller 0x09>;\n');
    expect(dts).toContain('\t\tregmap = <&test>;\n');
    expect(dts).toContain('\t\treg = <0x00 0x80000000 0x00 0x10000000>;\n');
    expect(dts).toContain('\t\trng-seed = [00 07 0e 15 ');
    expect(dts).toContain('\t\tranges;\n');
    // dtc's layout: a blank line before every child node.
    expect(dts).toContain('\t\tcpu-map {\n\n\t\t\tcluster0 {\n\n\t\t\t\tcore0 {\n\t\t\t\t\tcpu = <&cpu>;\n');
  });

  it('labels stay unique when several referenced nodes share a name', () => {
    const dts = formatDts(buildVirtDeviceTree(virtConfig(2)));
    expect(dts).toContain('\t\tcpu_1: cpu@1 {\n');
    expect(dts).toContain('\t\t\tcpu_1_interrupt_controller: interrupt-controller {\n');
    expect(dts).toContain('cpu = <&cpu_1>;');
  });

  for (const harts of [1, 2]) {
    it(`dtc compiles the printed virt tree (${harts} hart${harts > 1 ? 's' : ''}) back to the same tree`, () => {
      const tree = buildVirtDeviceTree(virtConfig(harts));
      const reserve = [{ address: 0x80000000n, size: 0x40000n }];
      const decoded = decodeFdt(dtcCompile(formatDts(tree, { reserve })));
      expect(decoded.root).toEqual(tree);
      expect(decoded.reserve).toEqual(reserve);
    });
  }

  it("dtc compiles the printed form of QEMU's own tree back to the same tree", () => {
    const qemu = decodeFdt(qemuVirtDtb({ harts: 2, memory: '256M', append: 'console=ttyS0', initrdSize: 4096 }));
    expect(decodeFdt(dtcCompile(formatDts(qemu.root))).root).toEqual(qemu.root);
  });

  it('strings with quotes, backslashes and control characters survive dtc', () => {
    const tree = fdtNode(
      '',
      [['#address-cells', fdtU32(2)], ['#size-cells', fdtU32(2)]],
      [
        fdtNode('a', [['phandle', fdtU32(1)], ['#interrupt-cells', fdtU32(1)]]),
        fdtNode('b@1', [
          ['text', fdtString('say "hi"\\\tthen\nnewline\r')],
          ['list', fdtStrings('one', 'two, three')],
          ['raw', fdtBytes(new Uint8Array([0, 0xff, 0x10]))],
          ['reg', fdtU64(1n, 0xffffffffffffffffn)],
          ['interrupts-extended', fdtU32(fdtRef(1), 0xffffffff)],
        ]),
      ],
    );
    expect(decodeFdt(dtcCompile(formatDts(tree))).root).toEqual(tree);
  });
});
