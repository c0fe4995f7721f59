import { Device, DeviceState, RegisterInfo } from '../device';
import { IrqLine } from '../irq';
import { Bus } from '../../memory/bus';
import { VIRTIO_F, VIRTIO_ID, VIRTIO_STATUS, VirtioDevice, VirtioQueueContext } from './virtio-device';
import { Virtqueue, VirtqueueState } from './virtqueue';

/** virtio-mmio register offsets (virtio 1.2 §4.2.2, version 2 "modern" layout). */
export const VIRTIO_MMIO = {
  MagicValue: 0x000,
  Version: 0x004,
  DeviceID: 0x008,
  VendorID: 0x00c,
  DeviceFeatures: 0x010,
  DeviceFeaturesSel: 0x014,
  DriverFeatures: 0x020,
  DriverFeaturesSel: 0x024,
  QueueSel: 0x030,
  QueueNumMax: 0x034,
  QueueNum: 0x038,
  QueueReady: 0x044,
  QueueNotify: 0x050,
  InterruptStatus: 0x060,
  InterruptACK: 0x064,
  Status: 0x070,
  QueueDescLow: 0x080,
  QueueDescHigh: 0x084,
  QueueDriverLow: 0x090,
  QueueDriverHigh: 0x094,
  QueueDeviceLow: 0x0a0,
  QueueDeviceHigh: 0x0a4,
  SHMSel: 0x0ac,
  SHMLenLow: 0x0b0,
  SHMLenHigh: 0x0b4,
  SHMBaseLow: 0x0b8,
  SHMBaseHigh: 0x0bc,
  ConfigGeneration: 0x0fc,
  /** Device-specific configuration space starts here. */
  Config: 0x100,
} as const;

/** Fixed register values. */
export const VIRTIO_MMIO_VALUE = {
  /** "virt" in little-endian ASCII. */
  magic: 0x74726976,
  /** The modern interface; version 1 is legacy. */
  version: 2,
  /** "QEMU", what QEMU's virt reports, so guests see the same machine. */
  vendor: 0x554d4551,
  /** Size of one slot's window. */
  windowSize: 0x1000,
} as const;

/** InterruptStatus / InterruptACK bits. */
export const VIRTIO_MMIO_INT = {
  /** Used Buffer Notification. */
  VRING: 1,
  /** Configuration Change Notification. */
  CONFIG: 2,
} as const;

/** How many guest-error messages a transport keeps. */
const ERROR_LOG_LENGTH = 32;

const R = VIRTIO_MMIO;

const REGISTERS: readonly RegisterInfo[] = [
  { name: 'MagicValue', offset: R.MagicValue, size: 4, access: 'r', description: '0x74726976 ("virt")' },
  { name: 'Version', offset: R.Version, size: 4, access: 'r', description: 'Device version: 2 (modern)' },
  { name: 'DeviceID', offset: R.DeviceID, size: 4, access: 'r', description: 'Virtio subsystem device ID (0: empty slot)' },
  { name: 'VendorID', offset: R.VendorID, size: 4, access: 'r', description: 'Virtio subsystem vendor ID' },
  { name: 'DeviceFeatures', offset: R.DeviceFeatures, size: 4, access: 'r', description: 'Offered feature bits, 32 at a time (DeviceFeaturesSel)' },
  { name: 'DeviceFeaturesSel', offset: R.DeviceFeaturesSel, size: 4, access: 'w', description: 'Which 32 bits DeviceFeatures shows' },
  { name: 'DriverFeatures', offset: R.DriverFeatures, size: 4, access: 'w', description: 'Accepted feature bits, 32 at a time (DriverFeaturesSel)' },
  { name: 'DriverFeaturesSel', offset: R.DriverFeaturesSel, size: 4, access: 'w', description: 'Which 32 bits DriverFeatures sets' },
  { name: 'QueueSel', offset: R.QueueSel, size: 4, access: 'w', description: 'Virtqueue the Queue* registers refer to' },
  { name: 'QueueNumMax', offset: R.QueueNumMax, size: 4, access: 'r', description: 'Maximum size of the selected queue (0: no such queue)' },
  { name: 'QueueNum', offset: R.QueueNum, size: 4, access: 'w', description: 'Size of the selected queue' },
  { name: 'QueueReady', offset: R.QueueReady, size: 4, access: 'rw', description: 'Selected queue is set up and may be used' },
  { name: 'QueueNotify', offset: R.QueueNotify, size: 4, access: 'w', description: 'Queue index with new buffers' },
  { name: 'InterruptStatus', offset: R.InterruptStatus, size: 4, access: 'r', description: 'Pending interrupts: bit 0 used buffer, bit 1 config change' },
  { name: 'InterruptACK', offset: R.InterruptACK, size: 4, access: 'w', description: 'Clear the written InterruptStatus bits' },
  { name: 'Status', offset: R.Status, size: 4, access: 'rw', description: 'Device status; writing 0 resets the device' },
  { name: 'QueueDescLow', offset: R.QueueDescLow, size: 4, access: 'w', description: 'Descriptor table address, low 32 bits' },
  { name: 'QueueDescHigh', offset: R.QueueDescHigh, size: 4, access: 'w', description: 'Descriptor table address, high 32 bits' },
  { name: 'QueueDriverLow', offset: R.QueueDriverLow, size: 4, access: 'w', description: 'Available ring address, low 32 bits' },
  { name: 'QueueDriverHigh', offset: R.QueueDriverHigh, size: 4, access: 'w', description: 'Available ring address, high 32 bits' },
  { name: 'QueueDeviceLow', offset: R.QueueDeviceLow, size: 4, access: 'w', description: 'Used ring address, low 32 bits' },
  { name: 'QueueDeviceHigh', offset: R.QueueDeviceHigh, size: 4, access: 'w', description: 'Used ring address, high 32 bits' },
  { name: 'SHMSel', offset: R.SHMSel, size: 4, access: 'w', description: 'Shared memory region selector (none exist)' },
  { name: 'SHMLenLow', offset: R.SHMLenLow, size: 4, access: 'r', description: 'Selected region length, low (all ones: no region)' },
  { name: 'SHMLenHigh', offset: R.SHMLenHigh, size: 4, access: 'r', description: 'Selected region length, high' },
  { name: 'SHMBaseLow', offset: R.SHMBaseLow, size: 4, access: 'r', description: 'Selected region base, low' },
  { name: 'SHMBaseHigh', offset: R.SHMBaseHigh, size: 4, access: 'r', description: 'Selected region base, high' },
  { name: 'ConfigGeneration', offset: R.ConfigGeneration, size: 4, access: 'r', description: 'Changes whenever the configuration space changes' },
];

/** A transport's state as plain data (queues and the device's own state included). */
export type VirtioMmioState = {
  deviceId: number;
  status: number;
  deviceFeaturesSel: number;
  driverFeaturesSel: number;
  driverFeatures: bigint;
  queueSel: number;
  interruptStatus: number;
  configGeneration: number;
  shmSel: number;
  errors: string[];
  queues: VirtqueueState[];
  deviceStateVersion: number;
  device: DeviceState;
};

/** Options of {@link VirtioMmio}. */
export interface VirtioMmioOptions {
  /** Name in the memory tree (`virtio0`). */
  name: string;
  /** The bus the device reaches guest memory through. */
  bus: Bus;
  /** The slot's interrupt line (a PLIC source). */
  irq: IrqLine;
  /** The device behind the transport; none gives an empty slot (DeviceID 0). */
  device?: VirtioDevice;
  /** Offer VIRTIO_F_RING_EVENT_IDX (default true). */
  eventIdx?: boolean;
}

/**
 * The virtio-mmio transport, version 2 (virtio 1.2 §4.2): one slot of QEMU
 * virt's eight, a 4 KiB window of 32-bit registers with the device's
 * configuration space at 0x100. Requests are served synchronously when the
 * driver writes QueueNotify, so runs are reproducible; guest mistakes set
 * DEVICE_NEEDS_RESET and land in {@link VirtioMmio.errors}, never in a host
 * exception.
 */
export class VirtioMmio implements Device {
  readonly name: string;
  readonly size = VIRTIO_MMIO_VALUE.windowSize;
  readonly registers = REGISTERS;
  readonly stateVersion = 1;
  /** The device behind the transport, if any. */
  readonly device: VirtioDevice | undefined;
  /** The device's virtqueues. */
  readonly queues: Virtqueue[];

  /** Device status byte (Status register). */
  status = 0;
  deviceFeaturesSel = 0;
  driverFeaturesSel = 0;
  /** Features the driver accepted so far. */
  driverFeatures = 0n;
  queueSel = 0;
  /** InterruptStatus bits ({@link VIRTIO_MMIO_INT}). */
  interruptStatus = 0;
  configGeneration = 0;
  shmSel = 0;
  private log: string[] = [];
  private readonly bus: Bus;
  private readonly irq: IrqLine;
  private readonly offerEventIdx: boolean;
  private readonly context: VirtioQueueContext;

  constructor(options: VirtioMmioOptions) {
    this.name = options.name;
    this.bus = options.bus;
    this.irq = options.irq;
    this.device = options.device;
    this.offerEventIdx = options.eventIdx ?? true;
    const d = this.device;
    this.queues = d ? Array.from({ length: d.queueCount }, (_, i) => new Virtqueue(this.bus, d.queueMaxSize(i))) : [];
    const self = this;
    this.context = {
      get driverFeatures() {
        return self.driverFeatures;
      },
      log: (message) => this.record(message),
    };
  }

  /** Feature bits offered: the device's plus VERSION_1, INDIRECT_DESC and (optionally) EVENT_IDX. */
  get deviceFeatures(): bigint {
    if (!this.device) return 0n;
    return this.device.features | VIRTIO_F.VERSION_1 | VIRTIO_F.RING_INDIRECT_DESC | (this.offerEventIdx ? VIRTIO_F.RING_EVENT_IDX : 0n);
  }

  /** The last guest errors, oldest first (at most 32). */
  get errors(): readonly string[] {
    return this.log;
  }

  read(offset: number, size: 1 | 2 | 4 | 8): bigint {
    if (offset >= R.Config) return this.readConfig(offset - R.Config, size);
    if (size !== 4 || offset % 4 !== 0) {
      this.record(`${size}-byte read at 0x${offset.toString(16)}: registers are 32-bit`);
      return 0n;
    }
    return BigInt(this.readRegister(offset) >>> 0);
  }

  write(offset: number, size: 1 | 2 | 4 | 8, value: bigint): void {
    if (offset >= R.Config) {
      this.writeConfig(offset - R.Config, size, value);
      return;
    }
    if (size !== 4 || offset % 4 !== 0) {
      this.record(`${size}-byte write at 0x${offset.toString(16)} ignored: registers are 32-bit`);
      return;
    }
    this.writeRegister(offset, Number(value & 0xffffffffn));
  }

  private readRegister(offset: number): number {
    const q = this.selectedQueue();
    switch (offset) {
      case R.MagicValue: return VIRTIO_MMIO_VALUE.magic;
      case R.Version: return VIRTIO_MMIO_VALUE.version;
      case R.DeviceID: return this.device?.deviceId ?? VIRTIO_ID.none;
      case R.VendorID: return VIRTIO_MMIO_VALUE.vendor;
      case R.DeviceFeatures:
        return this.deviceFeaturesSel > 1 ? 0 : Number((this.deviceFeatures >> BigInt(32 * this.deviceFeaturesSel)) & 0xffffffffn);
      case R.QueueNumMax: return q?.maxSize ?? 0;
      case R.QueueNum: return q?.size ?? 0;
      case R.QueueReady: return q?.ready ? 1 : 0;
      case R.InterruptStatus: return this.interruptStatus;
      case R.Status: return this.status;
      case R.QueueDescLow: return Number((q?.descAddr ?? 0n) & 0xffffffffn);
      case R.QueueDescHigh: return Number((q?.descAddr ?? 0n) >> 32n);
      case R.QueueDriverLow: return Number((q?.driverAddr ?? 0n) & 0xffffffffn);
      case R.QueueDriverHigh: return Number((q?.driverAddr ?? 0n) >> 32n);
      case R.QueueDeviceLow: return Number((q?.deviceAddr ?? 0n) & 0xffffffffn);
      case R.QueueDeviceHigh: return Number((q?.deviceAddr ?? 0n) >> 32n);
      // No shared memory regions: length and base read as all ones (§4.2.2).
      case R.SHMLenLow: case R.SHMLenHigh: case R.SHMBaseLow: case R.SHMBaseHigh: return 0xffffffff;
      case R.ConfigGeneration: return this.configGeneration;
      default:
        this.record(`read of write-only or unknown register 0x${offset.toString(16)}`);
        return 0;
    }
  }

  private writeRegister(offset: number, value: number): void {
    switch (offset) {
      case R.DeviceFeaturesSel: this.deviceFeaturesSel = value; return;
      case R.DriverFeaturesSel: this.driverFeaturesSel = value; return;
      case R.DriverFeatures: this.setDriverFeatures(value); return;
      case R.QueueSel: this.queueSel = value; return;
      case R.QueueNum: this.setQueueField('QueueNum', (q) => (q.size = value)); return;
      case R.QueueReady: this.setQueueReady(value); return;
      case R.QueueNotify: this.notify(value & 0xffff); return;
      case R.InterruptACK:
        this.interruptStatus &= ~value;
        this.updateIrq();
        return;
      case R.Status: this.setStatus(value & 0xff); return;
      case R.QueueDescLow: this.setQueueField('QueueDescLow', (q) => (q.descAddr = low(q.descAddr, value))); return;
      case R.QueueDescHigh: this.setQueueField('QueueDescHigh', (q) => (q.descAddr = high(q.descAddr, value))); return;
      case R.QueueDriverLow: this.setQueueField('QueueDriverLow', (q) => (q.driverAddr = low(q.driverAddr, value))); return;
      case R.QueueDriverHigh: this.setQueueField('QueueDriverHigh', (q) => (q.driverAddr = high(q.driverAddr, value))); return;
      case R.QueueDeviceLow: this.setQueueField('QueueDeviceLow', (q) => (q.deviceAddr = low(q.deviceAddr, value))); return;
      case R.QueueDeviceHigh: this.setQueueField('QueueDeviceHigh', (q) => (q.deviceAddr = high(q.deviceAddr, value))); return;
      case R.SHMSel: this.shmSel = value; return;
      default:
        this.record(`write of 0x${value.toString(16)} to read-only or unknown register 0x${offset.toString(16)} ignored`);
    }
  }

  private readConfig(offset: number, size: 1 | 2 | 4 | 8): bigint {
    const d = this.device;
    if (!d || offset + size > d.configSize) {
      this.record(`${size}-byte config read at 0x${offset.toString(16)} beyond the ${d?.configSize ?? 0}-byte config space`);
      return 0n;
    }
    if (size === 8) return BigInt(d.readConfig(offset, 4) >>> 0) | (BigInt(d.readConfig(offset + 4, 4) >>> 0) << 32n);
    return BigInt(d.readConfig(offset, size) >>> 0);
  }

  private writeConfig(offset: number, size: 1 | 2 | 4 | 8, value: bigint): void {
    const d = this.device;
    const ok = d !== undefined && size !== 8 && offset + size <= d.configSize && d.writeConfig(offset, size, Number(value & 0xffffffffn));
    if (!ok) this.record(`${size}-byte config write at 0x${offset.toString(16)} ignored`);
  }

  private selectedQueue(): Virtqueue | undefined {
    return this.queues[this.queueSel];
  }

  private setQueueField(register: string, set: (q: Virtqueue) => void): void {
    const q = this.selectedQueue();
    if (!q) {
      this.record(`${register} write for queue ${this.queueSel}, which does not exist`);
    } else if (q.ready) {
      this.record(`${register} write for queue ${this.queueSel} ignored while it is ready`);
    } else {
      set(q);
    }
  }

  private setDriverFeatures(value: number): void {
    if (this.driverFeaturesSel > 1) return;
    const shift = BigInt(32 * this.driverFeaturesSel);
    this.driverFeatures = (this.driverFeatures & ~(0xffffffffn << shift)) | (BigInt(value >>> 0) << shift);
  }

  private setQueueReady(value: number): void {
    const q = this.selectedQueue();
    if (!q) {
      this.record(`QueueReady write for queue ${this.queueSel}, which does not exist`);
      return;
    }
    if ((value & 1) === 0) {
      q.ready = false;
      return;
    }
    const why = q.configurationError();
    if (why) {
      this.needsReset(`queue ${this.queueSel} made ready with a bad configuration: ${why}`);
      return;
    }
    q.indirectDesc = (this.driverFeatures & VIRTIO_F.RING_INDIRECT_DESC) !== 0n;
    q.eventIdx = (this.driverFeatures & VIRTIO_F.RING_EVENT_IDX) !== 0n;
    q.ready = true;
  }

  private setStatus(value: number): void {
    if (value === 0) {
      this.resetTransport();
      return;
    }
    let v = value & ~VIRTIO_STATUS.DEVICE_NEEDS_RESET;
    if (v & VIRTIO_STATUS.FEATURES_OK && !(this.status & VIRTIO_STATUS.FEATURES_OK)) {
      const why = this.featuresError();
      if (why) {
        // The driver re-reads Status and sees FEATURES_OK missing (§3.1.1 step 6).
        this.record(`FEATURES_OK refused: ${why}`);
        v &= ~VIRTIO_STATUS.FEATURES_OK;
      }
    }
    this.status = v | (this.status & VIRTIO_STATUS.DEVICE_NEEDS_RESET);
  }

  private featuresError(): string | undefined {
    if (!this.device) return 'no device in this slot';
    const extra = this.driverFeatures & ~this.deviceFeatures;
    if (extra) return `driver accepted features 0x${extra.toString(16)} that were not offered`;
    if (!(this.driverFeatures & VIRTIO_F.VERSION_1)) return 'VIRTIO_F_VERSION_1 not accepted (legacy drivers are not supported)';
    return undefined;
  }

  private notify(index: number): void {
    const d = this.device;
    if (!d || index >= this.queues.length) {
      this.needsReset(`QueueNotify for queue ${index}, which does not exist`);
      return;
    }
    if (this.status & VIRTIO_STATUS.DEVICE_NEEDS_RESET) return;
    const q = this.queues[index];
    if (!q.ready) {
      this.record(`QueueNotify for queue ${index}, which is not ready`);
      return;
    }
    const before = q.usedIdx;
    try {
      d.notify(index, q, this.context);
    } catch (e) {
      this.needsReset(`queue ${index}: ${(e as Error).message}`);
    }
    try {
      if (q.wantsInterrupt(before)) {
        this.interruptStatus |= VIRTIO_MMIO_INT.VRING;
        this.updateIrq();
      }
    } catch (e) {
      this.needsReset(`queue ${index}: ${(e as Error).message}`);
    }
  }

  /**
   * The device's configuration space changed (a disk resized from a cell,
   * say): bump ConfigGeneration and, once the driver is up, send a
   * configuration change interrupt.
   */
  configChanged(): void {
    this.configGeneration = (this.configGeneration + 1) >>> 0;
    if (this.status & VIRTIO_STATUS.DRIVER_OK) {
      this.interruptStatus |= VIRTIO_MMIO_INT.CONFIG;
      this.updateIrq();
    }
  }

  /** A guest error the device cannot recover from: DEVICE_NEEDS_RESET and, if the driver is up, a config interrupt (§2.1.2). */
  private needsReset(message: string): void {
    this.record(message);
    this.status |= VIRTIO_STATUS.DEVICE_NEEDS_RESET;
    if (this.status & VIRTIO_STATUS.DRIVER_OK) {
      this.interruptStatus |= VIRTIO_MMIO_INT.CONFIG;
      this.updateIrq();
    }
  }

  private record(message: string): void {
    this.log.push(message);
    if (this.log.length > ERROR_LOG_LENGTH) this.log.shift();
  }

  private updateIrq(): void {
    this.irq.set(this.interruptStatus !== 0);
  }

  /** The driver wrote 0 to Status: back to the initial state, keeping the error log. */
  private resetTransport(): void {
    this.status = 0;
    this.deviceFeaturesSel = 0;
    this.driverFeaturesSel = 0;
    this.driverFeatures = 0n;
    this.queueSel = 0;
    this.interruptStatus = 0;
    this.shmSel = 0;
    for (const q of this.queues) q.reset();
    this.device?.reset();
    this.updateIrq();
  }

  reset(): void {
    this.resetTransport();
    this.configGeneration = 0;
    this.log = [];
  }

  saveState(): VirtioMmioState {
    return {
      deviceId: this.device?.deviceId ?? VIRTIO_ID.none,
      status: this.status,
      deviceFeaturesSel: this.deviceFeaturesSel,
      driverFeaturesSel: this.driverFeaturesSel,
      driverFeatures: this.driverFeatures,
      queueSel: this.queueSel,
      interruptStatus: this.interruptStatus,
      configGeneration: this.configGeneration,
      shmSel: this.shmSel,
      errors: [...this.log],
      queues: this.queues.map((q) => q.saveState()),
      deviceStateVersion: this.device?.stateVersion ?? 0,
      device: this.device?.saveState() ?? {},
    };
  }

  loadState(state: DeviceState): void {
    const s = state as VirtioMmioState;
    const id = this.device?.deviceId ?? VIRTIO_ID.none;
    if (s.deviceId !== id) throw new Error(`${this.name}: saved state is for device ID ${s.deviceId}, this slot holds device ID ${id}`);
    if (s.queues.length !== this.queues.length) {
      throw new Error(`${this.name}: saved state has ${s.queues.length} queues, the device has ${this.queues.length}`);
    }
    if (this.device && s.deviceStateVersion !== this.device.stateVersion) {
      throw new Error(`${this.name}: device state version ${s.deviceStateVersion}, expected ${this.device.stateVersion}`);
    }
    this.device?.loadState(s.device);
    this.status = s.status;
    this.deviceFeaturesSel = s.deviceFeaturesSel;
    this.driverFeaturesSel = s.driverFeaturesSel;
    this.driverFeatures = s.driverFeatures;
    this.queueSel = s.queueSel;
    this.interruptStatus = s.interruptStatus;
    this.configGeneration = s.configGeneration;
    this.shmSel = s.shmSel;
    this.log = [...s.errors];
    s.queues.forEach((qs, i) => this.queues[i].loadState({ ...qs }));
    this.updateIrq();
  }
}

function low(addr: bigint, value: number): bigint {
  return (addr & ~0xffffffffn) | BigInt(value >>> 0);
}

function high(addr: bigint, value: number): bigint {
  return (addr & 0xffffffffn) | (BigInt(value >>> 0) << 32n);
}
