import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BlockBackend } from '../block/block-backend';
import { RawFileBackend } from '../block/raw-file';
import { Aclint } from '../devices/aclint';
import { Device, DeviceState } from '../devices/device';
import { GoldfishRtc } from '../devices/goldfish-rtc';
import { Ns16550a } from '../devices/ns16550a';
import { Plic } from '../devices/plic';
import { SifiveTest } from '../devices/sifive-test';
import { VirtioBlk } from '../devices/virtio/virtio-blk';
import { VirtioMmio } from '../devices/virtio/virtio-mmio';
import { VirtioRng } from '../devices/virtio/virtio-rng';
import { encodeFdt, FdtNode } from '../devicetree/fdt';
import { formatDts } from '../devicetree/dts';
import { IRQ } from '../target/riscv/spec';
import { placeBootImages, BootPlan, BootSources } from './virt-boot';
import { buildVirtDeviceTree } from './virt-devicetree';
import { PLIC_SOURCES, TIMEBASE_FREQUENCY, VIRT_IRQ, VIRT_MAP, VIRTIO_COUNT } from './virt-map';
import { RiscvMachine, RiscvMachineOptions } from './riscv-machine';
import { SnapshotParts } from '../snapshot/snapshot-parts';

/** A disk: a raw image file, like QEMU's `-drive file=…,format=raw[,readonly=on]`. */
export interface DriveOptions {
  /** Path of the raw image. */
  file: string;
  /** Open read-only (default true: the image is never changed unless you ask). */
  readOnly?: boolean;
}

/** Options of the virt machine: QEMU's `-m -smp -bios -kernel -initrd -append -dtb -drive`. */
export interface VirtMachineOptions extends RiscvMachineOptions, BootSources {
  /** Disks (`/dev/vda`, `/dev/vdb`, …), on the virtio-mmio slots from the highest down, as QEMU places `-device`s. */
  drives?: (DriveOptions | BlockBackend)[];
  /** A virtio-rng device after the disks (default true). */
  rng?: boolean;
  /** Seed of the virtio-rng's deterministic generator (default 1). */
  rngSeed?: number;
  /** Where guest console output goes, as it is written (it is also kept in {@link VirtMachine.consoleText}). */
  onConsole?: (bytes: Uint8Array) => void;
  /**
   * When every hart idles, wait in real time until the next timer deadline
   * instead of skipping to it at once (default false: deterministic). For
   * interactive consoles: an idle guest then costs no host CPU. Time while
   * busy still follows instruction counts.
   */
  realtimeIdle?: boolean;
  /** Wall-clock time the RTC shows at virtual time 0, in ms since 1970 (default 2026-01-01T00:00:00Z, so runs repeat exactly). */
  rtcEpochMs?: number;
}

/** The package's root folder (where `images/` is), from either the sources or `dist/`. */
export function packageRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return join(__dirname, '..', '..');
    dir = up;
  }
  return dir;
}

/** Default guest images in the package: OpenSBI fw_dynamic, Linux 6.1 and a BusyBox initramfs. */
export function defaultVirtImages(): { bios: string; kernel: string; initrd: string; append: string } {
  const root = join(packageRoot(), 'images', 'virt');
  return {
    bios: join(root, 'opensbi', 'fw_dynamic.bin'),
    kernel: join(root, 'linux', 'Image.gz'),
    initrd: join(root, 'rootfs', 'rootfs.cpio.gz'),
    append: 'console=ttyS0',
  };
}

/** Path of the U-Boot image in the package (S-mode, for `qemu-riscv64_smode`). */
export function defaultUbootImage(): string {
  return join(packageRoot(), 'images', 'virt', 'u-boot', 'u-boot.bin');
}

/** The devices of a virt machine by name, for inspection and poking from a cell. */
export interface VirtDevices {
  uart0: Ns16550a;
  plic: Plic;
  clint: Aclint;
  rtc: GoldfishRtc;
  test: SifiveTest;
  virtio: VirtioMmio[];
  [name: string]: Device | Device[];
}

const DEFAULT_RTC_EPOCH_MS = Date.UTC(2026, 0, 1);

/**
 * A machine compatible with QEMU's RISC-V `virt` board: RAM at 0x80000000,
 * CLINT, PLIC, an NS16550A UART, Goldfish RTC, the SiFive test device for
 * poweroff/reboot and eight virtio-mmio slots (disks, then an entropy
 * source). The device tree is generated from this description; firmware,
 * kernel, initrd and device tree are placed as QEMU places them, and every
 * hart starts in the firmware with `a0` = hart id and `a1` = the device tree,
 * `a2` = OpenSBI's fw_dynamic information.
 *
 * ```ts
 * const m = new VirtMachine({ ...defaultVirtImages() });
 * await m.run();                       // boots; the console is in m.consoleText
 * m.sendInput('uname -m\n');
 * ```
 */
export class VirtMachine extends RiscvMachine {
  readonly dev: VirtDevices;
  /** The device tree the firmware was given, as data. */
  readonly deviceTree: FdtNode;
  /** The device tree blob. */
  readonly dtb: Uint8Array;
  /** Where everything was placed in RAM. */
  readonly bootPlan: BootPlan;
  /** Exit status once the guest powered off (0 = normal poweroff). */
  exitCode: number | undefined;
  /** Block backends of the disks, in slot order. */
  readonly drives: BlockBackend[] = [];
  private readonly consoleChunks: Uint8Array[] = [];
  private consoleLength = 0;
  private pendingOutput: number[] = [];
  private readonly options: VirtMachineOptions;
  private idleDeadline: bigint | undefined;
  private typed: number[] = [];

  constructor(options: VirtMachineOptions = {}) {
    const ramSize = options.ramSize ?? 256 * 1024 * 1024;
    super({ mmuType: 'sv48', ...options, ramSize, ramBase: VIRT_MAP.dram.base });
    this.options = options;
    const bus = this.bus;
    const harts = this.harts;
    const clock = { now: () => this.mtime(), frequency: TIMEBASE_FREQUENCY };

    const plic = new Plic({
      sources: PLIC_SOURCES + 1, // sources 1..96 as the tree says (riscv,ndev = 96); 0 is reserved
      contexts: 2 * harts.length,
      outputs: harts.flatMap((h) => [
        this.hartIrqLine(h, IRQ.MEI, `hart${h.hartId}.meip`),
        this.hartIrqLine(h, IRQ.SEI, `hart${h.hartId}.seip`),
      ]),
    });
    const clint = new Aclint({
      harts: harts.length,
      clock,
      msip: harts.map((h) => this.hartIrqLine(h, IRQ.MSI, `hart${h.hartId}.msip`)),
      mtip: harts.map((h) => this.hartIrqLine(h, IRQ.MTI, `hart${h.hartId}.mtip`)),
    });
    const uart0 = new Ns16550a({ irq: plic.source(VIRT_IRQ.uart0), onTransmit: (b) => this.transmit(b) });
    const rtc = new GoldfishRtc({
      clock, epochNs: BigInt(options.rtcEpochMs ?? DEFAULT_RTC_EPOCH_MS) * 1_000_000n, irq: plic.source(VIRT_IRQ.rtc),
    });
    const test = new SifiveTest({
      onPowerOff: (code) => this.powerOff(code),
      onReset: () => this.powerOff(0, true),
    });

    // Open the disks first: a bad file fails before anything is mapped.
    for (const d of options.drives ?? []) {
      this.drives.push('file' in d ? RawFileBackend.open(d.file, { readOnly: d.readOnly ?? true }) : d);
    }
    if (this.drives.length + (options.rng === false ? 0 : 1) > VIRTIO_COUNT) {
      throw new RangeError(`at most ${VIRTIO_COUNT} virtio devices fit the virt machine's slots`);
    }
    // As on QEMU, the first virtio device takes the highest slot (0x10008000, source 8) and so on down.
    const virtio: VirtioMmio[] = [];
    const devices: (VirtioBlk | VirtioRng)[] = this.drives.map((backend) => new VirtioBlk({ backend }));
    if (options.rng !== false) devices.push(new VirtioRng({ seed: options.rngSeed ?? 1 }));
    for (let i = 0; i < VIRTIO_COUNT; i++) {
      const device = devices[VIRTIO_COUNT - 1 - i];
      virtio.push(new VirtioMmio({ bus, irq: plic.source(VIRT_IRQ.virtio0 + i), device, name: `virtio${i}` }));
    }

    bus.mapDevice(VIRT_MAP.test.base, VIRT_MAP.test.size, test);
    bus.mapDevice(VIRT_MAP.rtc.base, VIRT_MAP.rtc.size, rtc);
    bus.mapDevice(VIRT_MAP.clint.base, VIRT_MAP.clint.size, clint);
    bus.mapDevice(VIRT_MAP.plic.base, VIRT_MAP.plic.size, plic);
    bus.mapDevice(VIRT_MAP.uart0.base, VIRT_MAP.uart0.size, uart0);
    virtio.forEach((v, i) => bus.mapDevice(VIRT_MAP.virtio.base + BigInt(i) * VIRT_MAP.virtio.stride, VIRT_MAP.virtio.size, v));
    this.addTimedDevice(clint);
    this.addTimedDevice(rtc);
    this.dev = { uart0, plic, clint, rtc, test, virtio };

    // Boot images: read and check everything, then place; nothing is written before all checks pass.
    const mmuType = `riscv,${options.mmuType ?? 'sv48'}` as const;
    const treeFor = (initrd?: { start: bigint; end: bigint }) => buildVirtDeviceTree({
      harts: harts.length, ramBase: VIRT_MAP.dram.base, ramSize: BigInt(ramSize), bootargs: options.append,
      initrd, isa: 'rv64imafdc_zicsr_zifencei', mmuType, virtioSlots: VIRTIO_COUNT, timebaseFrequency: TIMEBASE_FREQUENCY,
    });
    const plan = placeBootImages(options, VIRT_MAP.dram.base, BigInt(ramSize), (initrd) => {
      const tree = treeFor(initrd);
      return { tree, blob: encodeFdt(tree) };
    });
    this.bootPlan = plan;
    this.deviceTree = plan.tree;
    this.dtb = plan.dtb;
    for (const { addr, bytes } of plan.writes) bus.writePhys(addr, bytes);
    for (const h of harts) {
      h.pc = plan.entry;
      h.setX(10, BigInt(h.hartId));
      h.setX(11, plan.dtbAddr);
      h.setX(12, plan.fwDynamicInfoAddr);
    }
  }

  /** The device tree as DTS source text, as `dtc -O dts` prints it. */
  dts(): string {
    return formatDts(this.deviceTree);
  }

  /** Everything the guest wrote to the console so far. */
  get consoleText(): string {
    this.flushConsole();
    return Buffer.concat(this.consoleChunks).toString('utf8');
  }

  /** Bytes written to the console so far. */
  get consoleBytes(): number {
    return this.consoleLength + this.pendingOutput.length;
  }

  /** Type into the guest console (the UART's receiver) now, e.g. `m.sendInput('ls /\n')`. */
  sendInput(text: string | Uint8Array): void {
    this.dev.uart0.receive(text);
    this.wake();
  }

  /**
   * Type into the guest console a line at a time, each line when the guest
   * waits for input: every hart idle and the UART's driver listening with
   * nothing unread. Input piped in before the shell is up is then neither
   * lost to the driver's FIFO resets nor read by the wrong program, and a
   * scripted session is deterministic.
   */
  typeInput(text: string | Uint8Array): void {
    const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    for (const b of bytes) this.typed.push(b);
    this.wake();
  }

  /** Bytes given to {@link typeInput} not yet delivered. */
  get typeAhead(): number {
    return this.typed.length;
  }

  protected override onAllIdle(): boolean {
    if (this.typed.length === 0 || !this.dev.uart0.readyForInput) return false;
    const nl = this.typed.indexOf(10);
    const line = this.typed.splice(0, nl < 0 ? this.typed.length : nl + 1);
    this.dev.uart0.receive(Uint8Array.from(line));
    return true;
  }

  /**
   * Run until the console output written from now on contains `text` (or
   * matches it), the budget runs out, or the guest stops. Returns the run
   * result and whether the text appeared.
   */
  async runUntilConsole(text: string | RegExp, maxInsns = Number.MAX_SAFE_INTEGER): Promise<{ found: boolean; reason: string; insns: number }> {
    const from = this.consoleBytes;
    const seen = () => {
      const tail = this.consoleTextFrom(from);
      return typeof text === 'string' ? tail.includes(text) : text.test(tail);
    };
    const r = await this.run(maxInsns, { until: seen, untilIdle: true, sliceInsns: 1_000_000 });
    return { found: seen(), reason: r.reason, insns: r.insns };
  }

  /** Console output from byte `from` on. */
  consoleTextFrom(from: number): string {
    this.flushConsole();
    return Buffer.concat(this.consoleChunks).subarray(from).toString('utf8');
  }

  protected override idle(deadline: bigint): boolean {
    if (!this.options.realtimeIdle) return true;
    this.idleDeadline = deadline;
    return false;
  }

  protected override async waitForEvent(gen: number, signal?: AbortSignal): Promise<void> {
    const deadline = this.idleDeadline;
    this.idleDeadline = undefined;
    if (deadline === undefined) return super.waitForEvent(gen, signal);
    const ms = Number(deadline - this.mtime()) * 1000 / TIMEBASE_FREQUENCY;
    const until = performance.now() + ms;
    await super.waitForEvent(gen, signal, ms);
    // The deadline came in real time: let virtual time catch up (input that woke us earlier leaves it).
    if (performance.now() >= until - 1) this.advanceClockTo(deadline);
  }

  private transmit(byte: number): void {
    this.pendingOutput.push(byte);
    if (byte === 10 || this.pendingOutput.length >= 256) this.flushConsole();
  }

  /** Hand buffered console bytes to the listener. */
  flushConsole(): void {
    if (this.pendingOutput.length === 0) return;
    const bytes = Uint8Array.from(this.pendingOutput);
    this.pendingOutput = [];
    this.consoleChunks.push(bytes);
    this.consoleLength += bytes.length;
    this.options.onConsole?.(bytes);
  }

  private powerOff(code: number, reboot = false): void {
    this.flushConsole();
    this.exitCode = code;
    this.rebootRequested = reboot;
    this.halted = true;
    this.requestStop();
  }

  /** The guest asked for a reboot (via the SiFive test device) rather than a poweroff. */
  rebootRequested = false;

  /** Snapshot parts: the devices (interrupt controllers last), power state, disks; a fork reopens the same images. */
  override snapshotParts(): SnapshotParts {
    this.flushConsole(); // output produced so far belongs to this machine's console, not to the state
    const base = super.snapshotParts();
    const d = this.dev;
    const power = {
      stateVersion: 1,
      saveState: () => ({ exitCode: this.exitCode ?? null, rebootRequested: this.rebootRequested }),
      loadState: (s: DeviceState) => {
        this.exitCode = (s.exitCode as number | null) ?? undefined;
        this.rebootRequested = Boolean(s.rebootRequested);
      },
    };
    return {
      config: {
        ...base.config, kind: 'virt',
        platform: { drives: this.drives.map((b) => ({ size: b.size, readOnly: b.readOnly })), rng: this.options.rng !== false },
      },
      parts: [
        ['uart0', d.uart0], ['rtc', d.rtc], ['test', d.test], ...d.virtio.map((v, i): [string, Device] => [`virtio${i}`, v]),
        ['power', power], ['clint', d.clint], ['plic', d.plic],
      ],
      drives: this.drives,
      spawn: (drives) => new VirtMachine({ ...this.options, ...this.engine.options, onConsole: undefined, drives }),
    };
  }
}

