// A virtio-mmio driver written the way Linux's virtio_mmio + virtio core do
// it (probe, reset, ACKNOWLEDGE, DRIVER, features, FEATURES_OK, queue setup,
// DRIVER_OK), talking to the device only through its registers and guest RAM.
import { WiredIrqLine } from '../../../core/devices/irq';
import { VIRTIO_F, VIRTIO_STATUS, VirtioDevice } from '../../../core/devices/virtio/virtio-device';
import { VIRTIO_MMIO, VirtioMmio, VirtioMmioOptions } from '../../../core/devices/virtio/virtio-mmio';
import { VIRTQ, VIRTQ_DESC_F } from '../../../core/devices/virtio/virtqueue';
import { Bus } from '../../../core/memory/bus';
import { SharedMemory } from '../../../core/memory/shared-memory';

export const RAM_BASE = 0x80000000n;
export const RAM_SIZE = 4 * 1024 * 1024;

/** A bus with RAM, a transport in front of `device`, and its interrupt line. */
export class TestMachine {
  readonly mem = new SharedMemory(RAM_SIZE);
  readonly bus = new Bus(this.mem, RAM_BASE);
  irqLevel = false;
  irqRaises = 0;
  readonly irq = new WiredIrqLine('virtio0', (level) => {
    this.irqLevel = level;
    if (level) this.irqRaises++;
  });
  mmio: VirtioMmio;
  private next = RAM_BASE + 0x1000n;

  constructor(device?: VirtioDevice, options: Partial<VirtioMmioOptions> = {}) {
    this.mmio = new VirtioMmio({ name: 'virtio0', bus: this.bus, irq: this.irq, device, ...options });
  }

  /** Bump-allocate guest RAM. */
  alloc(size: number, align = 16): bigint {
    const a = BigInt(align);
    this.next = (this.next + a - 1n) & ~(a - 1n);
    const addr = this.next;
    this.next += BigInt(size);
    return addr;
  }

  reg(offset: number): number {
    return Number(this.mmio.read(offset, 4));
  }

  setReg(offset: number, value: number): void {
    this.mmio.write(offset, 4, BigInt(value >>> 0));
  }

  bytes(addr: bigint, len: number): Uint8Array {
    return this.bus.readPhys(addr, len);
  }

  put(addr: bigint, data: Uint8Array): void {
    this.bus.writePhys(addr, data);
  }

  u16(addr: bigint): number {
    return new DataView(this.bytes(addr, 2).buffer).getUint16(0, true);
  }

  u32(addr: bigint): number {
    return new DataView(this.bytes(addr, 4).buffer).getUint32(0, true);
  }

  setU16(addr: bigint, v: number): void {
    const b = new Uint8Array(2);
    new DataView(b.buffer).setUint16(0, v, true);
    this.put(addr, b);
  }

  setU32(addr: bigint, v: number): void {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v >>> 0, true);
    this.put(addr, b);
  }

  setU64(addr: bigint, v: bigint): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, v), true);
    this.put(addr, b);
  }
}

/** A buffer for {@link DriverQueue.add}: guest address, length, device-writable or not. */
export interface Buf {
  addr: bigint;
  len: number;
  write?: boolean;
}

/** What {@link DriverQueue.add} may do differently from the plain case. */
export interface AddOptions {
  /** Put the chain in an indirect table (one ring descriptor). */
  indirect?: boolean;
  /** Do not write QueueNotify. */
  noNotify?: boolean;
}

/** The driver side of one split virtqueue. */
export class DriverQueue {
  readonly desc: bigint;
  readonly avail: bigint;
  readonly used: bigint;
  availIdx = 0;
  lastUsed = 0;
  private freeHead = 0;

  constructor(
    readonly m: TestMachine,
    readonly index: number,
    readonly size: number,
  ) {
    this.desc = m.alloc(VIRTQ.descSize * size, 16);
    this.avail = m.alloc(6 + 2 * size, 2);
    this.used = m.alloc(6 + 8 * size, 4);
  }

  /** Write descriptor `i` of the table at `table`. */
  writeDesc(table: bigint, i: number, b: Buf, flags: number, next: number): void {
    const d = table + BigInt(16 * i);
    this.m.setU64(d, b.addr);
    this.m.setU32(d + 8n, b.len);
    this.m.setU16(d + 12n, flags | (b.write ? VIRTQ_DESC_F.WRITE : 0));
    this.m.setU16(d + 14n, next);
  }

  /** Make a chain available and (unless told not to) notify. Returns the head index. */
  add(bufs: Buf[], options: AddOptions = {}): number {
    let head: number;
    if (options.indirect) {
      const table = this.m.alloc(16 * bufs.length, 16);
      bufs.forEach((b, i) => this.writeDesc(table, i, b, i + 1 < bufs.length ? VIRTQ_DESC_F.NEXT : 0, i + 1));
      head = this.take(1)[0];
      this.writeDesc(this.desc, head, { addr: table, len: 16 * bufs.length }, VIRTQ_DESC_F.INDIRECT, 0);
    } else {
      const ids = this.take(bufs.length);
      bufs.forEach((b, i) => this.writeDesc(this.desc, ids[i], b, i + 1 < bufs.length ? VIRTQ_DESC_F.NEXT : 0, ids[i + 1] ?? 0));
      head = ids[0];
    }
    this.m.setU16(this.avail + 4n + BigInt(2 * (this.availIdx % this.size)), head);
    this.availIdx = (this.availIdx + 1) & 0xffff;
    this.m.setU16(this.avail + 2n, this.availIdx);
    if (!options.noNotify) this.notify();
    return head;
  }

  notify(): void {
    this.m.setReg(VIRTIO_MMIO.QueueNotify, this.index);
  }

  /** Used entries since the last call: [id, len]. */
  takeUsed(): [number, number][] {
    const out: [number, number][] = [];
    const idx = this.m.u16(this.used + 2n);
    while (this.lastUsed !== idx) {
      const e = this.used + 4n + BigInt(8 * (this.lastUsed % this.size));
      out.push([this.m.u32(e), this.m.u32(e + 4n)]);
      this.lastUsed = (this.lastUsed + 1) & 0xffff;
    }
    return out;
  }

  /** Descriptors handed out round-robin; tests never have more than `size` in flight. */
  private take(n: number): number[] {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      ids.push(this.freeHead);
      this.freeHead = (this.freeHead + 1) % this.size;
    }
    return ids;
  }
}

/** Features the test driver accepts besides the device-specific ones it asks for. */
export const DRIVER_TRANSPORT_FEATURES = VIRTIO_F.VERSION_1 | VIRTIO_F.RING_INDIRECT_DESC;

/**
 * Bring a device up as Linux does; returns its queues. `want` selects the
 * device-specific features to accept (intersected with the offer).
 */
export function initDevice(m: TestMachine, want: bigint, transport = DRIVER_TRANSPORT_FEATURES): DriverQueue[] {
  const S = VIRTIO_STATUS;
  if (m.reg(VIRTIO_MMIO.MagicValue) !== 0x74726976) throw new Error('bad magic');
  if (m.reg(VIRTIO_MMIO.Version) !== 2) throw new Error('not version 2');
  m.setReg(VIRTIO_MMIO.Status, 0);
  m.setReg(VIRTIO_MMIO.Status, S.ACKNOWLEDGE);
  m.setReg(VIRTIO_MMIO.Status, S.ACKNOWLEDGE | S.DRIVER);
  const offered = readDeviceFeatures(m);
  const accepted = offered & (want | transport);
  writeDriverFeatures(m, accepted);
  m.setReg(VIRTIO_MMIO.Status, S.ACKNOWLEDGE | S.DRIVER | S.FEATURES_OK);
  if (!(m.reg(VIRTIO_MMIO.Status) & S.FEATURES_OK)) throw new Error('device refused FEATURES_OK');
  const queues: DriverQueue[] = [];
  for (let i = 0; ; i++) {
    m.setReg(VIRTIO_MMIO.QueueSel, i);
    if (m.reg(VIRTIO_MMIO.QueueReady) !== 0) throw new Error(`queue ${i} already ready`);
    const max = m.reg(VIRTIO_MMIO.QueueNumMax);
    if (max === 0) break;
    const q = new DriverQueue(m, i, Math.min(max, 16));
    m.setReg(VIRTIO_MMIO.QueueNum, q.size);
    m.setReg(VIRTIO_MMIO.QueueDescLow, Number(q.desc & 0xffffffffn));
    m.setReg(VIRTIO_MMIO.QueueDescHigh, Number(q.desc >> 32n));
    m.setReg(VIRTIO_MMIO.QueueDriverLow, Number(q.avail & 0xffffffffn));
    m.setReg(VIRTIO_MMIO.QueueDriverHigh, Number(q.avail >> 32n));
    m.setReg(VIRTIO_MMIO.QueueDeviceLow, Number(q.used & 0xffffffffn));
    m.setReg(VIRTIO_MMIO.QueueDeviceHigh, Number(q.used >> 32n));
    m.setReg(VIRTIO_MMIO.QueueReady, 1);
    queues.push(q);
  }
  m.setReg(VIRTIO_MMIO.Status, S.ACKNOWLEDGE | S.DRIVER | S.FEATURES_OK | S.DRIVER_OK);
  return queues;
}

export function readDeviceFeatures(m: TestMachine): bigint {
  m.setReg(VIRTIO_MMIO.DeviceFeaturesSel, 1);
  const hi = BigInt(m.reg(VIRTIO_MMIO.DeviceFeatures));
  m.setReg(VIRTIO_MMIO.DeviceFeaturesSel, 0);
  return (hi << 32n) | BigInt(m.reg(VIRTIO_MMIO.DeviceFeatures));
}

export function writeDriverFeatures(m: TestMachine, features: bigint): void {
  m.setReg(VIRTIO_MMIO.DriverFeaturesSel, 1);
  m.setReg(VIRTIO_MMIO.DriverFeatures, Number(features >> 32n));
  m.setReg(VIRTIO_MMIO.DriverFeaturesSel, 0);
  m.setReg(VIRTIO_MMIO.DriverFeatures, Number(features & 0xffffffffn));
}

/** Read a config field as Linux's virtio_cread does for 64-bit fields: retry until ConfigGeneration is stable. */
export function readConfig64(m: TestMachine, offset: number): bigint {
  for (;;) {
    const gen = m.reg(VIRTIO_MMIO.ConfigGeneration);
    const lo = BigInt(m.reg(VIRTIO_MMIO.Config + offset));
    const hi = BigInt(m.reg(VIRTIO_MMIO.Config + offset + 4));
    if (m.reg(VIRTIO_MMIO.ConfigGeneration) === gen) return (hi << 32n) | lo;
  }
}

/** Acknowledge interrupts as vm_interrupt does; returns the InterruptStatus bits seen. */
export function ackInterrupt(m: TestMachine): number {
  const status = m.reg(VIRTIO_MMIO.InterruptStatus);
  m.setReg(VIRTIO_MMIO.InterruptACK, status);
  return status;
}
