/**
 * The physical memory map and interrupt numbers of QEMU's RISC-V `virt`
 * machine (QEMU 7.2, hw/riscv/virt.c facts), so the same firmware and kernels
 * run on both. Only the parts Orrery implements are listed.
 */
export const VIRT_MAP = {
  /** SiFive test/syscon device: poweroff and reboot. */
  test: { base: 0x100000n, size: 0x1000n },
  /** Goldfish RTC. */
  rtc: { base: 0x101000n, size: 0x1000n },
  /** CLINT (ACLINT mswi + mtimer). */
  clint: { base: 0x2000000n, size: 0x10000n },
  /** PLIC. QEMU 7.2 maps a window for 512 harts × 2 contexts whatever -smp says. */
  plic: { base: 0xc000000n, size: 0x600000n },
  /** NS16550A UART. */
  uart0: { base: 0x10000000n, size: 0x100n },
  /** First of {@link VIRTIO_COUNT} virtio-mmio slots, {@link VIRT_MAP.virtio.stride} apart. */
  virtio: { base: 0x10001000n, size: 0x1000n, stride: 0x1000n },
  /** Guest RAM. */
  dram: { base: 0x80000000n },
} as const;

/** PLIC interrupt source numbers. */
export const VIRT_IRQ = {
  /** virtio-mmio slot i uses source 1 + i. */
  virtio0: 1,
  uart0: 10,
  rtc: 11,
} as const;

/** Number of virtio-mmio slots. */
export const VIRTIO_COUNT = 8;
/** PLIC sources (source 0 is reserved), as QEMU's VIRT_IRQCHIP_NUM_SOURCES. */
export const PLIC_SOURCES = 96;
/** PLIC priority levels: priorities 0..7. */
export const PLIC_PRIORITIES = 7;
/** `mtime` frequency: 10 MHz, as QEMU's RISCV_ACLINT_DEFAULT_TIMEBASE_FREQ. */
export const TIMEBASE_FREQUENCY = 10_000_000;
