import { BlockBackend, SECTOR_SIZE } from '../../block/block-backend';
import { DeviceState } from '../device';
import { DescriptorChain } from './descriptor-chain';
import { VIRTIO_ID, VirtioDevice, VirtioGuestError, VirtioQueueContext } from './virtio-device';
import { Virtqueue } from './virtqueue';

/** virtio-blk feature bits (virtio 1.2 §5.2.3). */
export const VIRTIO_BLK_F = {
  SIZE_MAX: 1n << 1n,
  SEG_MAX: 1n << 2n,
  GEOMETRY: 1n << 4n,
  RO: 1n << 5n,
  BLK_SIZE: 1n << 6n,
  FLUSH: 1n << 9n,
  TOPOLOGY: 1n << 10n,
  CONFIG_WCE: 1n << 11n,
  MQ: 1n << 12n,
  DISCARD: 1n << 13n,
  WRITE_ZEROES: 1n << 14n,
} as const;

/** Request types (virtio_blk_req.type). */
export const VIRTIO_BLK_T = {
  IN: 0,
  OUT: 1,
  FLUSH: 4,
  GET_ID: 8,
  GET_LIFETIME: 10,
  DISCARD: 11,
  WRITE_ZEROES: 13,
  SECURE_ERASE: 14,
} as const;

/** Request status byte values. */
export const VIRTIO_BLK_S = {
  OK: 0,
  IOERR: 1,
  UNSUPP: 2,
} as const;

/** Offsets in struct virtio_blk_config (little-endian). */
export const VIRTIO_BLK_CONFIG = {
  /** le64, in 512-byte sectors. */
  capacity: 0x00,
  size_max: 0x08,
  /** le32: most data segments in one request. */
  seg_max: 0x0c,
  geometry: 0x10,
  /** le32: logical block size. */
  blk_size: 0x14,
  topology: 0x18,
  writeback: 0x20,
  num_queues: 0x22,
  /** Size of the part Orrery exposes (through num_queues). */
  size: 0x24,
} as const;

/** Request framing and limits. */
export const VIRTIO_BLK = {
  /** struct virtio_blk_req header: le32 type, le32 reserved, le64 sector. */
  headerSize: 16,
  headerType: 0,
  headerSector: 8,
  /** GET_ID answers with at most this many bytes of serial. */
  idBytes: 20,
  /** Default queue size, as QEMU's virtio-blk. */
  queueSize: 256,
  /** Largest data transfer served in one request; bigger ones get IOERR (Linux sends at most a few MiB). */
  maxRequestBytes: 16 * 1024 * 1024,
} as const;

/** Options of {@link VirtioBlk}. */
export interface VirtioBlkOptions {
  /** The disk image. */
  backend: BlockBackend;
  /** Present the disk read-only even if the backend is writable (default: the backend's `readOnly`). */
  readOnly?: boolean;
  /** Serial string returned by GET_ID (at most 20 bytes used; default empty). */
  serial?: string;
  /** QueueNumMax of the request queue: a power of 2, at least 4 (default 256). */
  queueSize?: number;
}

/** A request's outcome: status byte and data bytes written to the guest. */
interface Outcome {
  status: number;
  written: number;
}

/**
 * virtio-blk (virtio 1.2 §5.2): one request queue, a disk of 512-byte
 * sectors over a {@link BlockBackend}. Requests: IN (read), OUT (write),
 * FLUSH and GET_ID; others answer UNSUPP. Guest mistakes inside a request
 * (sector range, buffer outside RAM, write to a read-only disk) answer IOERR.
 */
export class VirtioBlk implements VirtioDevice {
  readonly deviceId = VIRTIO_ID.block;
  readonly queueCount = 1;
  readonly configSize = VIRTIO_BLK_CONFIG.size;
  readonly stateVersion = 1;
  readonly features: bigint;
  readonly backend: BlockBackend;
  readonly readOnly: boolean;
  /** Disk size in 512-byte sectors. */
  readonly capacity: bigint;
  private readonly serial: Uint8Array;
  private readonly queueSize: number;
  private readonly config: DataView;

  constructor(options: VirtioBlkOptions) {
    this.backend = options.backend;
    this.readOnly = options.readOnly || this.backend.readOnly;
    this.capacity = BigInt(Math.floor(this.backend.size / SECTOR_SIZE));
    this.queueSize = options.queueSize ?? VIRTIO_BLK.queueSize;
    if (this.queueSize < 4) throw new RangeError(`virtio-blk queue size ${this.queueSize} leaves no room for data (seg_max = size - 2)`);
    this.serial = new Uint8Array(VIRTIO_BLK.idBytes);
    this.serial.set(new TextEncoder().encode(options.serial ?? '').subarray(0, VIRTIO_BLK.idBytes));
    this.features = VIRTIO_BLK_F.SEG_MAX | VIRTIO_BLK_F.BLK_SIZE | VIRTIO_BLK_F.FLUSH | (this.readOnly ? VIRTIO_BLK_F.RO : 0n);
    this.config = new DataView(new ArrayBuffer(VIRTIO_BLK_CONFIG.size));
    this.config.setBigUint64(VIRTIO_BLK_CONFIG.capacity, this.capacity, true);
    // Two descriptors of every request are header and status (what QEMU reports too).
    this.config.setUint32(VIRTIO_BLK_CONFIG.seg_max, this.queueSize - 2, true);
    this.config.setUint32(VIRTIO_BLK_CONFIG.blk_size, SECTOR_SIZE, true);
    this.config.setUint16(VIRTIO_BLK_CONFIG.num_queues, 1, true);
  }

  queueMaxSize(): number {
    return this.queueSize;
  }

  readConfig(offset: number, size: number): number {
    if (size === 1) return this.config.getUint8(offset);
    if (size === 2) return this.config.getUint16(offset, true);
    return this.config.getUint32(offset, true);
  }

  writeConfig(): boolean {
    // Only `writeback` is writable, and only with CONFIG_WCE, which is not offered.
    return false;
  }

  notify(_index: number, queue: Virtqueue, context: VirtioQueueContext): void {
    for (let chain = queue.pop(); chain; chain = queue.pop()) {
      queue.push(chain.head, this.serve(chain, context));
    }
  }

  /** Serve one request; returns the bytes written to the guest (data and status). */
  private serve(chain: DescriptorChain, context: VirtioQueueContext): number {
    const statusOffset = chain.writableLength - 1;
    if (statusOffset < 0) throw new VirtioGuestError(`request at head ${chain.head} has no device-writable status byte`);
    let outcome: Outcome;
    try {
      outcome = this.execute(chain, statusOffset);
    } catch (e) {
      context.log(`virtio-blk request at head ${chain.head}: ${(e as Error).message}`);
      outcome = { status: VIRTIO_BLK_S.IOERR, written: 0 };
    }
    try {
      chain.write(statusOffset, Uint8Array.of(outcome.status));
    } catch (e) {
      throw new VirtioGuestError(`request at head ${chain.head}: status byte not writable: ${(e as Error).message}`);
    }
    return outcome.written + 1;
  }

  /** Carry out a request; any exception becomes IOERR. */
  private execute(chain: DescriptorChain, dataWritable: number): Outcome {
    if (chain.readableLength < VIRTIO_BLK.headerSize) {
      throw new Error(`header is ${chain.readableLength} bytes, not ${VIRTIO_BLK.headerSize}`);
    }
    const header = new DataView(chain.read(0, VIRTIO_BLK.headerSize).buffer);
    const type = header.getUint32(VIRTIO_BLK.headerType, true);
    const sector = header.getBigUint64(VIRTIO_BLK.headerSector, true);
    const ok = (written: number): Outcome => ({ status: VIRTIO_BLK_S.OK, written });
    switch (type) {
      case VIRTIO_BLK_T.IN: {
        const offset = this.byteOffset(sector, dataWritable);
        const data = new Uint8Array(dataWritable);
        this.backend.read(offset, data);
        chain.write(0, data);
        return ok(dataWritable);
      }
      case VIRTIO_BLK_T.OUT: {
        if (this.readOnly) throw new Error(`write to sector ${sector} of a read-only disk`);
        const length = chain.readableLength - VIRTIO_BLK.headerSize;
        const offset = this.byteOffset(sector, length);
        this.backend.write(offset, chain.read(VIRTIO_BLK.headerSize, length));
        return ok(0);
      }
      case VIRTIO_BLK_T.FLUSH:
        this.backend.flush();
        return ok(0);
      case VIRTIO_BLK_T.GET_ID: {
        const n = Math.min(VIRTIO_BLK.idBytes, dataWritable);
        chain.write(0, this.serial.subarray(0, n));
        return ok(n);
      }
      default:
        return { status: VIRTIO_BLK_S.UNSUPP, written: 0 };
    }
  }

  /** Byte offset of a transfer of `length` bytes at `sector`, or an Error if it is malformed or beyond the disk. */
  private byteOffset(sector: bigint, length: number): number {
    if (length % SECTOR_SIZE !== 0) throw new Error(`transfer of ${length} bytes is not a whole number of sectors`);
    if (length > VIRTIO_BLK.maxRequestBytes) throw new Error(`transfer of ${length} bytes exceeds ${VIRTIO_BLK.maxRequestBytes}`);
    if (sector + BigInt(length / SECTOR_SIZE) > this.capacity) {
      throw new Error(`sectors ${sector}..+${length / SECTOR_SIZE} beyond the ${this.capacity}-sector disk`);
    }
    return Number(sector) * SECTOR_SIZE;
  }

  reset(): void {
    // Requests complete synchronously: nothing is in flight inside the device.
  }

  saveState(): DeviceState {
    return { capacity: this.capacity, readOnly: this.readOnly };
  }

  loadState(state: DeviceState): void {
    const s = state as { capacity: bigint; readOnly: boolean };
    if (s.capacity !== this.capacity || s.readOnly !== this.readOnly) {
      throw new Error(
        `virtio-blk: saved state is for a ${s.readOnly ? 'read-only' : 'writable'} disk of ${s.capacity} sectors, ` +
          `this one is ${this.readOnly ? 'read-only' : 'writable'} with ${this.capacity} sectors`,
      );
    }
  }
}
