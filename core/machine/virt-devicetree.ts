/**
 * The device tree of Orrery's `virt` machine, as QEMU 7.2's `virt` writes it
 * (`qemu-system-riscv64 -M virt,dumpdtb=virt.dtb`), restricted to the devices
 * Orrery has. Node names, property order, node order and phandle numbers
 * follow QEMU's blob, so firmware and kernels see the same tree on both.
 *
 * QEMU builds its tree with libfdt's read-write calls, which insert a new
 * node before its older siblings and a new property before the older ones;
 * that is why its `/soc` lists the virtio slots from 8 down to 1, and why the
 * tree order below is the reverse of QEMU's creation order.
 *
 * Left out because Orrery lacks them: `/pmu`, `/fw-cfg@10100000`,
 * `/flash@20000000`, `/platform-bus@4000000`, `/soc/pci@30000000`.
 * QEMU 7.2 has no `/aliases` node, so neither does this tree.
 */
import { FdtNode, FdtValue, fdtBytes, fdtEmpty, fdtNode, fdtRef, fdtString, fdtStrings, fdtU32, fdtU64 } from '../devicetree/fdt';
import { PLIC_SOURCES, VIRT_IRQ, VIRT_MAP, VIRTIO_COUNT } from './virt-map';

/** What the `virt` tree depends on. */
export interface VirtDeviceTreeConfig {
  /** Number of harts (cpu@0 … cpu@harts-1), all in one cluster. */
  harts: number;
  /** Guest RAM: `/memory@<ramBase>` covers [ramBase, ramBase + ramSize). */
  ramBase: bigint;
  ramSize: bigint;
  /** Kernel command line (`/chosen/bootargs`); omitted when undefined. */
  bootargs?: string;
  /** Where the initramfs was loaded: `/chosen/linux,initrd-start` and `-end` (end exclusive). */
  initrd?: { start: bigint; end: bigint };
  /**
   * `riscv,isa` of every hart, e.g. `"rv64imafdc_zicsr_zifencei"`: base and
   * single-letter extensions in canonical order, then `_`-separated
   * multi-letter ones. That is what QEMU 7.2 prints for
   * `-cpu rv64,h=false,zba=false,zbb=false,zbc=false,zbs=false,sstc=false,Zihintpause=false`;
   * Linux 6.1 reads the letters and ignores multi-letter names it does not know.
   */
  isa: string;
  /** `mmu-type` of every hart. QEMU 7.2 always prints `riscv,sv48` for rv64. */
  mmuType: 'riscv,sv39' | 'riscv,sv48' | 'riscv,sv57';
  /** Number of virtio-mmio slots (QEMU: 8). */
  virtioSlots: number;
  /** `/cpus/timebase-frequency`: the `mtime` rate in Hz. */
  timebaseFrequency: number;
  /** `/chosen/stdout-path`; default the UART, `/soc/serial@10000000`. */
  stdoutPath?: string;
  /** `/chosen/rng-seed` bytes (QEMU 7.2 passes 32 random bytes); omitted when undefined. */
  rngSeed?: Uint8Array;
}

/** Values the bindings fix, named as in the bindings. */
const VIRT_FDT = {
  /** Root `compatible` and `model`, as QEMU's (OpenSBI and Linux match on them). */
  compatible: 'riscv-virtio',
  model: 'riscv-virtio,qemu',
  /** NS16550A input clock: QEMU's 3.6864 MHz (`clock-frequency = <0x384000>`). */
  uartClockFrequency: 0x384000,
  /** Interrupt numbers on a hart's local interrupt controller (mip bits). */
  irqMSoft: 3,
  irqMTimer: 7,
  irqSExternal: 9,
  irqMExternal: 11,
  /** sifive,test1 values that power off and reboot (FINISHER_PASS, FINISHER_RESET). */
  poweroffValue: 0x5555,
  rebootValue: 0x7777,
} as const;

function hexAddress(a: bigint): string {
  return a.toString(16);
}

/** `reg` of a device on `/soc` (#address-cells = #size-cells = 2). */
function socReg(base: bigint, size: bigint): FdtValue {
  return fdtU64(base, size);
}

/**
 * `linux,initrd-start`/`-end`: QEMU 7.2 writes one u32 cell; an address above
 * 4 GiB needs two, which Linux also accepts.
 */
function initrdAddress(a: bigint): FdtValue {
  return a <= 0xffffffffn ? fdtU32(Number(a)) : fdtU64(a);
}

/**
 * The `virt` machine's device tree for `config`, ready for `encodeFdt` (the
 * blob firmware gets in `a1`) or `formatDts` (to read).
 *
 * Phandles are numbered as QEMU numbers them: harts from the last to the
 * first, each hart then its interrupt controller (hart h gets
 * 2·(harts−1−h)+1, its controller one more), then the PLIC (2·harts+1), then
 * the test device (2·harts+2).
 */
export function buildVirtDeviceTree(config: VirtDeviceTreeConfig): FdtNode {
  const { harts } = config;
  if (!Number.isInteger(harts) || harts < 1) throw new RangeError(`virt: harts must be a positive integer, got ${harts}`);
  if (!Number.isInteger(config.virtioSlots) || config.virtioSlots < 0 || config.virtioSlots > VIRTIO_COUNT) {
    throw new RangeError(`virt: virtioSlots must be 0..${VIRTIO_COUNT}, got ${config.virtioSlots}`);
  }
  const cpuPhandle = (hart: number): number => 2 * (harts - 1 - hart) + 1;
  const intcPhandle = (hart: number): number => cpuPhandle(hart) + 1;
  const plicPhandle = 2 * harts + 1;
  const testPhandle = 2 * harts + 2;
  const hartIds = Array.from({ length: harts }, (_, h) => h);

  const chosenProps: [string, FdtValue][] = [];
  if (config.initrd !== undefined) {
    chosenProps.push(['linux,initrd-end', initrdAddress(config.initrd.end)]);
    chosenProps.push(['linux,initrd-start', initrdAddress(config.initrd.start)]);
  }
  if (config.rngSeed !== undefined) chosenProps.push(['rng-seed', fdtBytes(config.rngSeed)]);
  if (config.bootargs !== undefined) chosenProps.push(['bootargs', fdtString(config.bootargs)]);
  chosenProps.push(['stdout-path', fdtString(config.stdoutPath ?? `/soc/serial@${hexAddress(VIRT_MAP.uart0.base)}`)]);

  const syscon = (name: string, value: number): FdtNode =>
    fdtNode(name, [
      ['value', fdtU32(value)],
      ['offset', fdtU32(0)],
      ['regmap', fdtU32(fdtRef(testPhandle))],
      ['compatible', fdtStrings(`syscon-${name}`)],
    ]);

  const cpu = (hart: number): FdtNode =>
    fdtNode(
      `cpu@${hart}`,
      [
        ['phandle', fdtU32(cpuPhandle(hart))],
        ['device_type', fdtString('cpu')],
        ['reg', fdtU32(hart)],
        ['status', fdtString('okay')],
        ['compatible', fdtStrings('riscv')],
        ['riscv,isa', fdtString(config.isa)],
        ['mmu-type', fdtString(config.mmuType)],
      ],
      [
        fdtNode('interrupt-controller', [
          ['#interrupt-cells', fdtU32(1)],
          ['interrupt-controller', fdtEmpty()],
          ['compatible', fdtStrings('riscv,cpu-intc')],
          ['phandle', fdtU32(intcPhandle(hart))],
        ]),
      ],
    );

  const cpus = fdtNode(
    'cpus',
    [
      ['#address-cells', fdtU32(1)],
      ['#size-cells', fdtU32(0)],
      ['timebase-frequency', fdtU32(config.timebaseFrequency)],
    ],
    [
      ...hartIds.map(cpu),
      fdtNode('cpu-map', [], [
        fdtNode('cluster0', [], hartIds.map((h) => fdtNode(`core${h}`, [['cpu', fdtU32(fdtRef(cpuPhandle(h)))]]))),
      ]),
    ],
  );

  /** A device on `/soc` whose interrupt goes to the PLIC; `extra` props go before `reg`, as in QEMU. */
  const socDevice = (
    name: string,
    compatible: string,
    base: bigint,
    size: bigint,
    irq: number,
    extra: [string, FdtValue][] = [],
  ): FdtNode =>
    fdtNode(`${name}@${hexAddress(base)}`, [
      ['interrupts', fdtU32(irq)],
      ['interrupt-parent', fdtU32(fdtRef(plicPhandle))],
      ...extra,
      ['reg', socReg(base, size)],
      ['compatible', fdtStrings(compatible)],
    ]);

  const virtio = Array.from({ length: config.virtioSlots }, (_, i) => config.virtioSlots - 1 - i).map((slot) =>
    socDevice(
      'virtio_mmio',
      'virtio,mmio',
      VIRT_MAP.virtio.base + BigInt(slot) * VIRT_MAP.virtio.stride,
      VIRT_MAP.virtio.size,
      VIRT_IRQ.virtio0 + slot,
    ),
  );

  const soc = fdtNode(
    'soc',
    [
      ['#address-cells', fdtU32(2)],
      ['#size-cells', fdtU32(2)],
      ['compatible', fdtStrings('simple-bus')],
      ['ranges', fdtEmpty()],
    ],
    [
      socDevice('rtc', 'google,goldfish-rtc', VIRT_MAP.rtc.base, VIRT_MAP.rtc.size, VIRT_IRQ.rtc),
      socDevice('serial', 'ns16550a', VIRT_MAP.uart0.base, VIRT_MAP.uart0.size, VIRT_IRQ.uart0, [
        ['clock-frequency', fdtU32(VIRT_FDT.uartClockFrequency)],
      ]),
      fdtNode(`test@${hexAddress(VIRT_MAP.test.base)}`, [
        ['phandle', fdtU32(testPhandle)],
        ['reg', socReg(VIRT_MAP.test.base, VIRT_MAP.test.size)],
        ['compatible', fdtStrings('sifive,test1', 'sifive,test0', 'syscon')],
      ]),
      ...virtio,
      fdtNode(`plic@${hexAddress(VIRT_MAP.plic.base)}`, [
        ['phandle', fdtU32(plicPhandle)],
        // QEMU 7.2 writes its source count here (0x60), not the highest source number.
        ['riscv,ndev', fdtU32(PLIC_SOURCES)],
        // QEMU 7.2 gives the PLIC its full window whatever the hart count.
        ['reg', socReg(VIRT_MAP.plic.base, VIRT_MAP.plic.size)],
        ['interrupts-extended', fdtU32(...hartIds.flatMap((h) => [fdtRef(intcPhandle(h)), VIRT_FDT.irqMExternal, fdtRef(intcPhandle(h)), VIRT_FDT.irqSExternal]))],
        ['interrupt-controller', fdtEmpty()],
        ['compatible', fdtStrings('sifive,plic-1.0.0', 'riscv,plic0')],
        ['#address-cells', fdtU32(0)],
        ['#interrupt-cells', fdtU32(1)],
      ]),
      fdtNode(`clint@${hexAddress(VIRT_MAP.clint.base)}`, [
        ['interrupts-extended', fdtU32(...hartIds.flatMap((h) => [fdtRef(intcPhandle(h)), VIRT_FDT.irqMSoft, fdtRef(intcPhandle(h)), VIRT_FDT.irqMTimer]))],
        ['reg', socReg(VIRT_MAP.clint.base, VIRT_MAP.clint.size)],
        ['compatible', fdtStrings('sifive,clint0', 'riscv,clint0')],
      ]),
    ],
  );

  return fdtNode(
    '',
    [
      ['#address-cells', fdtU32(2)],
      ['#size-cells', fdtU32(2)],
      ['compatible', fdtStrings(VIRT_FDT.compatible)],
      ['model', fdtString(VIRT_FDT.model)],
    ],
    [
      fdtNode('chosen', chosenProps),
      syscon('poweroff', VIRT_FDT.poweroffValue),
      syscon('reboot', VIRT_FDT.rebootValue),
      fdtNode(`memory@${hexAddress(config.ramBase)}`, [
        ['device_type', fdtString('memory')],
        ['reg', fdtU64(config.ramBase, config.ramSize)],
      ]),
      cpus,
      soc,
    ],
  );
}
