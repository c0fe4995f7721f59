import { Bus } from '../../memory/bus';
import { DescriptorChain, VirtqBuffer } from './descriptor-chain';
import { VirtioGuestError } from './virtio-device';

/** Split-virtqueue layout (virtio 1.2 §2.7): field offsets and sizes in bytes. */
export const VIRTQ = {
  /** struct virtq_desc { le64 addr; le32 len; le16 flags; le16 next; } */
  descSize: 16,
  descLen: 8,
  descFlags: 12,
  descNext: 14,
  /** struct virtq_avail { le16 flags; le16 idx; le16 ring[N]; le16 used_event; } */
  availFlags: 0,
  availIdx: 2,
  availRing: 4,
  availElemSize: 2,
  /** struct virtq_used { le16 flags; le16 idx; struct { le32 id; le32 len; } ring[N]; le16 avail_event; } */
  usedFlags: 0,
  usedIdx: 2,
  usedRing: 4,
  usedElemSize: 8,
  /** Largest queue size a split virtqueue may have. */
  maxSize: 32768,
} as const;

/** Descriptor flags (virtq_desc.flags). */
export const VIRTQ_DESC_F = {
  /** The chain continues at `next`. */
  NEXT: 1,
  /** Device-writable buffer (otherwise device-readable). */
  WRITE: 2,
  /** The buffer is a table of descriptors. */
  INDIRECT: 4,
} as const;

/** virtq_avail.flags: the driver does not want used-buffer notifications. */
export const VIRTQ_AVAIL_F_NO_INTERRUPT = 1;

/** A virtqueue's state as plain data. */
export interface VirtqueueState {
  size: number;
  ready: boolean;
  descAddr: bigint;
  driverAddr: bigint;
  deviceAddr: bigint;
  lastAvailIdx: number;
  usedIdx: number;
  indirectDesc: boolean;
  eventIdx: boolean;
}

/**
 * One split virtqueue as the device side sees it: where the driver put the
 * descriptor table and the two rings, how far the device has consumed the
 * available ring (`lastAvailIdx`) and filled the used ring (`usedIdx`).
 * Every guest-memory access is checked; a malformed ring or chain throws
 * {@link VirtioGuestError}.
 */
export class Virtqueue {
  /** Queue size chosen by the driver (QueueNum). */
  size = 0;
  /** QueueReady: the driver finished setting the queue up. */
  ready = false;
  /** Guest physical address of the descriptor table. */
  descAddr = 0n;
  /** Guest physical address of the available ("driver") ring. */
  driverAddr = 0n;
  /** Guest physical address of the used ("device") ring. */
  deviceAddr = 0n;
  /** Next available-ring index the device will consume (free-running 16-bit). */
  lastAvailIdx = 0;
  /** Next used-ring index the device will fill (free-running 16-bit). */
  usedIdx = 0;
  /** VIRTIO_F_RING_INDIRECT_DESC was negotiated. */
  indirectDesc = false;
  /** VIRTIO_F_RING_EVENT_IDX was negotiated. */
  eventIdx = false;

  constructor(
    private readonly bus: Bus,
    /** QueueNumMax: a power of 2 up to 32768 (Linux refuses other sizes). */
    readonly maxSize: number,
  ) {
    if (!Number.isInteger(maxSize) || maxSize < 1 || maxSize > VIRTQ.maxSize || (maxSize & (maxSize - 1)) !== 0) {
      throw new RangeError(`virtqueue maximum size ${maxSize} is not a power of 2 in 1..${VIRTQ.maxSize}`);
    }
  }

  /** Back to the unconfigured state. */
  reset(): void {
    this.loadState({
      size: 0, ready: false, descAddr: 0n, driverAddr: 0n, deviceAddr: 0n,
      lastAvailIdx: 0, usedIdx: 0, indirectDesc: false, eventIdx: false,
    });
  }

  /** Why the current configuration cannot be made ready, or undefined if it can. */
  configurationError(): string | undefined {
    const n = this.size;
    if (n === 0 || n > this.maxSize || (n & (n - 1)) !== 0) {
      return `queue size ${n} is not a power of 2 in 1..${this.maxSize}`;
    }
    return undefined;
  }

  /**
   * Take the next available descriptor chain, or undefined when the driver
   * has made none available. With EVENT_IDX, an empty queue also publishes
   * avail_event so the driver notifies on its next buffer.
   */
  pop(): DescriptorChain | undefined {
    const availIdx = this.read16(this.driverAddr + BigInt(VIRTQ.availIdx), 'avail.idx');
    if (availIdx === this.lastAvailIdx) {
      if (this.eventIdx) this.write16(this.availEventAddr(), this.lastAvailIdx, 'used.avail_event');
      return undefined;
    }
    const pending = (availIdx - this.lastAvailIdx) & 0xffff;
    if (pending > this.size) {
      throw new VirtioGuestError(`avail.idx ${availIdx} is ${pending} entries ahead of the device, more than the queue size ${this.size}`);
    }
    const slot = this.lastAvailIdx % this.size;
    const head = this.read16(this.driverAddr + BigInt(VIRTQ.availRing + VIRTQ.availElemSize * slot), 'avail.ring');
    this.lastAvailIdx = (this.lastAvailIdx + 1) & 0xffff;
    return this.chainAt(head);
  }

  /** Put chain `head` on the used ring with `written` bytes written by the device. */
  push(head: number, written: number): void {
    const slot = this.usedIdx % this.size;
    const elem = this.deviceAddr + BigInt(VIRTQ.usedRing + VIRTQ.usedElemSize * slot);
    this.write32(elem, head, 'used.ring.id');
    this.write32(elem + 4n, written, 'used.ring.len');
    this.usedIdx = (this.usedIdx + 1) & 0xffff;
    this.write16(this.deviceAddr + BigInt(VIRTQ.usedIdx), this.usedIdx, 'used.idx');
  }

  /**
   * Whether the driver wants an interrupt for the used entries added since
   * the used index was `before` (avail.flags, or used_event with EVENT_IDX).
   */
  wantsInterrupt(before: number): boolean {
    if (before === this.usedIdx) return false;
    if (this.eventIdx) {
      const usedEvent = this.read16(this.driverAddr + BigInt(VIRTQ.availRing + VIRTQ.availElemSize * this.size), 'avail.used_event');
      // vring_need_event: the driver's event index lies in (before, usedIdx].
      return ((this.usedIdx - usedEvent - 1) & 0xffff) < ((this.usedIdx - before) & 0xffff);
    }
    const flags = this.read16(this.driverAddr + BigInt(VIRTQ.availFlags), 'avail.flags');
    return (flags & VIRTQ_AVAIL_F_NO_INTERRUPT) === 0;
  }

  /** Follow the chain starting at descriptor `head`, through at most one indirect table. */
  chainAt(head: number): DescriptorChain {
    const readable: VirtqBuffer[] = [];
    const writable: VirtqBuffer[] = [];
    let table = this.descAddr;
    let tableSize = this.size;
    let index = head;
    let count = 0;
    let inIndirect = false;
    for (;;) {
      if (index >= tableSize) {
        throw new VirtioGuestError(`descriptor index ${index} outside a table of ${tableSize} (chain from head ${head})`);
      }
      if (++count > tableSize) {
        throw new VirtioGuestError(`descriptor chain from head ${head} passes ${count} descriptors in a table of ${tableSize}: a loop`);
      }
      const d = table + BigInt(VIRTQ.descSize * index);
      const addr = this.read64(d, 'desc.addr');
      const len = this.read32(d + BigInt(VIRTQ.descLen), 'desc.len');
      const flags = this.read16(d + BigInt(VIRTQ.descFlags), 'desc.flags');
      const next = this.read16(d + BigInt(VIRTQ.descNext), 'desc.next');
      if (flags & VIRTQ_DESC_F.INDIRECT) {
        if (!this.indirectDesc) throw new VirtioGuestError(`indirect descriptor ${index} but RING_INDIRECT_DESC was not negotiated`);
        if (inIndirect) throw new VirtioGuestError(`indirect descriptor ${index} inside an indirect table`);
        if (flags & VIRTQ_DESC_F.NEXT) throw new VirtioGuestError(`descriptor ${index} has both INDIRECT and NEXT`);
        if (len === 0 || len % VIRTQ.descSize !== 0) {
          throw new VirtioGuestError(`indirect table length ${len} is not a non-zero multiple of ${VIRTQ.descSize}`);
        }
        this.host(addr, len, 'indirect table');
        table = addr;
        tableSize = len / VIRTQ.descSize;
        index = 0;
        count = 0;
        inIndirect = true;
        continue;
      }
      (flags & VIRTQ_DESC_F.WRITE ? writable : readable).push({ addr, len });
      if (!(flags & VIRTQ_DESC_F.NEXT)) break;
      index = next;
    }
    return new DescriptorChain(this.bus, head, readable, writable);
  }

  /** The queue as plain data. */
  saveState(): VirtqueueState {
    return {
      size: this.size, ready: this.ready, descAddr: this.descAddr, driverAddr: this.driverAddr,
      deviceAddr: this.deviceAddr, lastAvailIdx: this.lastAvailIdx, usedIdx: this.usedIdx,
      indirectDesc: this.indirectDesc, eventIdx: this.eventIdx,
    };
  }

  /** Put back a {@link saveState} result. */
  loadState(s: VirtqueueState): void {
    this.size = s.size;
    this.ready = s.ready;
    this.descAddr = s.descAddr;
    this.driverAddr = s.driverAddr;
    this.deviceAddr = s.deviceAddr;
    this.lastAvailIdx = s.lastAvailIdx;
    this.usedIdx = s.usedIdx;
    this.indirectDesc = s.indirectDesc;
    this.eventIdx = s.eventIdx;
  }

  private availEventAddr(): bigint {
    return this.deviceAddr + BigInt(VIRTQ.usedRing + VIRTQ.usedElemSize * this.size);
  }

  /** Host offset of guest RAM `paddr..+len`, or a guest error naming `what`. */
  private host(paddr: bigint, len: number, what: string): number {
    const h = this.bus.ramHost(paddr);
    if (h < 0 || this.bus.ramHost(paddr + BigInt(len) - 1n) < 0) {
      throw new VirtioGuestError(`${what} at 0x${paddr.toString(16)} is outside RAM`);
    }
    return h;
  }

  private read16(paddr: bigint, what: string): number {
    return this.bus.mem.view.getUint16(this.host(paddr, 2, what), true);
  }

  private read32(paddr: bigint, what: string): number {
    return this.bus.mem.view.getUint32(this.host(paddr, 4, what), true);
  }

  private read64(paddr: bigint, what: string): bigint {
    return this.bus.mem.view.getBigUint64(this.host(paddr, 8, what), true);
  }

  private write16(paddr: bigint, v: number, what: string): void {
    this.bus.mem.view.setUint16(this.host(paddr, 2, what), v, true);
  }

  private write32(paddr: bigint, v: number, what: string): void {
    this.bus.mem.view.setUint32(this.host(paddr, 4, what), v >>> 0, true);
  }
}
