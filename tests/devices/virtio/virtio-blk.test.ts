import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryBackend } from '../../../core/block/memory-backend';
import { RawFileBackend } from '../../../core/block/raw-file';
import { VIRTIO_F, VIRTIO_ID, VIRTIO_STATUS } from '../../../core/devices/virtio/virtio-device';
import { VIRTIO_BLK_CONFIG, VIRTIO_BLK_F, VIRTIO_BLK_S, VIRTIO_BLK_T, VirtioBlk } from '../../../core/devices/virtio/virtio-blk';
import { VIRTIO_MMIO, VIRTIO_MMIO_INT, VirtioMmio } from '../../../core/devices/virtio/virtio-mmio';
import { VIRTQ_AVAIL_F_NO_INTERRUPT, VIRTQ_DESC_F } from '../../../core/devices/virtio/virtqueue';
import {
  ackInterrupt, Buf, DRIVER_TRANSPORT_FEATURES, DriverQueue, initDevice, RAM_BASE, RAM_SIZE, readConfig64,
  readDeviceFeatures, TestMachine,
} from './virtio-test-driver';

const SECTORS = 128;
const LINUX_BLK_FEATURES = VIRTIO_BLK_F.SEG_MAX | VIRTIO_BLK_F.BLK_SIZE | VIRTIO_BLK_F.FLUSH | VIRTIO_BLK_F.RO;

/** Byte `i` of sector `s` of the test image. */
const pattern = (s: number, i: number): number => (s * 7 + i * 13 + 1) & 0xff;

let dir: string;
let imagePath: string;
const opened: RawFileBackend[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orrery-blk-'));
  imagePath = path.join(dir, 'disk.img');
  const img = new Uint8Array(SECTORS * 512);
  for (let s = 0; s < SECTORS; s++) for (let i = 0; i < 512; i++) img[s * 512 + i] = pattern(s, i);
  fs.writeFileSync(imagePath, img);
});

afterEach(() => {
  for (const b of opened.splice(0)) b.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function openDisk(readOnly: boolean): RawFileBackend {
  const b = RawFileBackend.open(imagePath, { readOnly });
  opened.push(b);
  return b;
}

/** A machine with a virtio-blk over the temp image, brought up as Linux does. */
function bootBlk(readOnly = false, options: { eventIdx?: boolean; transport?: bigint } = {}) {
  const blk = new VirtioBlk({ backend: openDisk(readOnly), serial: 'orrery-serial-0001' });
  const m = new TestMachine(blk, { eventIdx: options.eventIdx });
  const [q] = initDevice(m, LINUX_BLK_FEATURES, options.transport);
  return { m, q, blk };
}

interface Request {
  header: bigint;
  data: bigint;
  status: bigint;
}

/** Allocate and fill a request header; data and status buffers of the given sizes. */
function request(m: TestMachine, type: number, sector: bigint, dataLen: number): Request {
  const header = m.alloc(16);
  m.setU32(header, type);
  m.setU32(header + 4n, 0);
  m.setU64(header + 8n, sector);
  const data = m.alloc(Math.max(dataLen, 1));
  const status = m.alloc(1);
  m.put(status, Uint8Array.of(0xff));
  return { header, data, status };
}

/** Submit a request in Linux's framing: header, data, status in three descriptors. */
function submit(q: DriverQueue, r: Request, type: number, dataLen: number, indirect = false): number {
  const bufs: Buf[] = [{ addr: r.header, len: 16 }];
  if (dataLen > 0) bufs.push({ addr: r.data, len: dataLen, write: type !== VIRTIO_BLK_T.OUT });
  bufs.push({ addr: r.status, len: 1, write: true });
  return q.add(bufs, { indirect });
}

function statusOf(m: TestMachine, r: Request): number {
  return m.bytes(r.status, 1)[0];
}

function sectorPattern(s: number, count = 1): Uint8Array {
  const out = new Uint8Array(512 * count);
  for (let k = 0; k < count; k++) for (let i = 0; i < 512; i++) out[k * 512 + i] = pattern(s + k, i);
  return out;
}

describe('virtio-blk over a raw file', () => {
  it('offers block features and reports capacity, seg_max and blk_size in the config space', () => {
    const { m } = bootBlk();
    expect(m.reg(VIRTIO_MMIO.DeviceID)).toBe(VIRTIO_ID.block);
    const offered = readDeviceFeatures(m);
    expect(offered & VIRTIO_F.VERSION_1).toBe(VIRTIO_F.VERSION_1);
    expect(offered & VIRTIO_BLK_F.FLUSH).toBe(VIRTIO_BLK_F.FLUSH);
    expect(offered & VIRTIO_BLK_F.RO).toBe(0n);
    expect(readConfig64(m, VIRTIO_BLK_CONFIG.capacity)).toBe(BigInt(SECTORS));
    expect(m.reg(VIRTIO_MMIO.Config + VIRTIO_BLK_CONFIG.seg_max)).toBe(254);
    expect(m.reg(VIRTIO_MMIO.Config + VIRTIO_BLK_CONFIG.blk_size)).toBe(512);
    expect(Number(m.mmio.read(VIRTIO_MMIO.Config + VIRTIO_BLK_CONFIG.capacity, 8))).toBe(SECTORS);
    expect(m.reg(VIRTIO_MMIO.Status)).toBe(
      VIRTIO_STATUS.ACKNOWLEDGE | VIRTIO_STATUS.DRIVER | VIRTIO_STATUS.FEATURES_OK | VIRTIO_STATUS.DRIVER_OK,
    );
  });

  it('reads sectors of the image into guest memory and raises the used-buffer interrupt', () => {
    const { m, q } = bootBlk();
    const r = request(m, VIRTIO_BLK_T.IN, 5n, 1024);
    const head = submit(q, r, VIRTIO_BLK_T.IN, 1024);
    expect(q.takeUsed()).toEqual([[head, 1025]]);
    expect(statusOf(m, r)).toBe(VIRTIO_BLK_S.OK);
    expect(m.bytes(r.data, 1024)).toEqual(sectorPattern(5, 2));
    expect(m.irqLevel).toBe(true);
    expect(ackInterrupt(m)).toBe(VIRTIO_MMIO_INT.VRING);
    expect(m.irqLevel).toBe(false);
  });

  it('writes sectors through to the file when writable', () => {
    const { m, q, blk } = bootBlk(false);
    const r = request(m, VIRTIO_BLK_T.OUT, 9n, 512);
    const payload = new Uint8Array(512).map((_, i) => (i * 3) & 0xff);
    m.put(r.data, payload);
    submit(q, r, VIRTIO_BLK_T.OUT, 512);
    expect(q.takeUsed()[0][1]).toBe(1);
    expect(statusOf(m, r)).toBe(VIRTIO_BLK_S.OK);
    const f = submitFlush(m, q);
    expect(statusOf(m, f)).toBe(VIRTIO_BLK_S.OK);
    const file = fs.readFileSync(imagePath);
    expect(new Uint8Array(file.subarray(9 * 512, 10 * 512))).toEqual(payload);
    expect(new Uint8Array(file.subarray(8 * 512, 9 * 512))).toEqual(sectorPattern(8));
    expect([...blk.backend.writtenBlocks().keys()]).toEqual([1]);
  });

  it('answers IOERR to a write on a read-only disk and leaves the file alone', () => {
    const { m, q } = bootBlk(true);
    expect(readDeviceFeatures(m) & VIRTIO_BLK_F.RO).toBe(VIRTIO_BLK_F.RO);
    const r = request(m, VIRTIO_BLK_T.OUT, 0n, 512);
    m.put(r.data, new Uint8Array(512).fill(0xee));
    submit(q, r, VIRTIO_BLK_T.OUT, 512);
    expect(q.takeUsed()).toHaveLength(1);
    expect(statusOf(m, r)).toBe(VIRTIO_BLK_S.IOERR);
    expect(new Uint8Array(fs.readFileSync(imagePath).subarray(0, 512))).toEqual(sectorPattern(0));
    expect(m.mmio.errors.at(-1)).toMatch(/read-only/);
    expect(m.mmio.status & VIRTIO_STATUS.DEVICE_NEEDS_RESET).toBe(0);
  });

  it('answers IOERR to a write when presented read-only over a writable backend', () => {
    const blk = new VirtioBlk({ backend: openDisk(false), readOnly: true });
    const m = new TestMachine(blk);
    const [q] = initDevice(m, LINUX_BLK_FEATURES);
    expect(readDeviceFeatures(m) & VIRTIO_BLK_F.RO).toBe(VIRTIO_BLK_F.RO);
    const r = request(m, VIRTIO_BLK_T.OUT, 0n, 512);
    submit(q, r, VIRTIO_BLK_T.OUT, 512);
    expect(statusOf(m, r)).toBe(VIRTIO_BLK_S.IOERR);
    expect(new Uint8Array(fs.readFileSync(imagePath).subarray(0, 512))).toEqual(sectorPattern(0));
    expect(blk.backend.writtenBlocks().size).toBe(0);
  });

  it('answers GET_ID with the serial, FLUSH with OK and an unknown type with UNSUPP', () => {
    const { m, q } = bootBlk();
    const id = request(m, VIRTIO_BLK_T.GET_ID, 0n, 20);
    submit(q, id, VIRTIO_BLK_T.GET_ID, 20);
    expect(statusOf(m, id)).toBe(VIRTIO_BLK_S.OK);
    expect(new TextDecoder().decode(m.bytes(id.data, 18))).toBe('orrery-serial-0001');
    expect([...m.bytes(id.data + 18n, 2)]).toEqual([0, 0]);
    const bad = request(m, 0x77, 0n, 0);
    submit(q, bad, 0x77, 0);
    expect(statusOf(m, bad)).toBe(VIRTIO_BLK_S.UNSUPP);
    expect(q.takeUsed()).toHaveLength(2);
  });

  it('serves a request given through an indirect descriptor table', () => {
    const { m, q } = bootBlk();
    const r = request(m, VIRTIO_BLK_T.IN, 100n, 2048);
    const head = submit(q, r, VIRTIO_BLK_T.IN, 2048, true);
    expect(q.takeUsed()).toEqual([[head, 2049]]);
    expect(statusOf(m, r)).toBe(VIRTIO_BLK_S.OK);
    expect(m.bytes(r.data, 2048)).toEqual(sectorPattern(100, 4));
  });

  it('serves a request whose header, data and status are split over many descriptors', () => {
    const { m, q } = bootBlk();
    // A write: header in two pieces, 1024 bytes of data in three odd-sized pieces, status alone.
    const header = m.alloc(16);
    m.setU32(header, VIRTIO_BLK_T.OUT);
    m.setU64(header + 8n, 20n);
    const pieces = [100, 700, 224].map((len) => ({ addr: m.alloc(len, 1), len }));
    const payload = new Uint8Array(1024).map((_, i) => (255 - i) & 0xff);
    let at = 0;
    for (const p of pieces) {
      m.put(p.addr, payload.subarray(at, at + p.len));
      at += p.len;
    }
    const status = m.alloc(1);
    q.add([{ addr: header, len: 6 }, { addr: header + 6n, len: 10 }, ...pieces, { addr: status, len: 1, write: true }]);
    expect(m.bytes(status, 1)[0]).toBe(VIRTIO_BLK_S.OK);
    expect(new Uint8Array(fs.readFileSync(imagePath).subarray(20 * 512, 22 * 512))).toEqual(payload);
    // And a read whose data and status share the last writable descriptor.
    const rh = m.alloc(16);
    m.setU32(rh, VIRTIO_BLK_T.IN);
    m.setU64(rh + 8n, 20n);
    const a = m.alloc(300, 1);
    const b = m.alloc(1024 - 300 + 1, 1);
    q.add([{ addr: rh, len: 16 }, { addr: a, len: 300, write: true }, { addr: b, len: 725, write: true }]);
    expect(q.takeUsed().at(-1)?.[1]).toBe(1025);
    expect(m.bytes(b + 724n, 1)[0]).toBe(VIRTIO_BLK_S.OK);
    const back = new Uint8Array(1024);
    back.set(m.bytes(a, 300));
    back.set(m.bytes(b, 724), 300);
    expect(back).toEqual(payload);
  });

  it('answers IOERR when a data buffer lies outside RAM, without a host exception, and keeps working', () => {
    const { m, q } = bootBlk();
    const r = request(m, VIRTIO_BLK_T.IN, 0n, 512);
    expect(() => q.add([{ addr: r.header, len: 16 }, { addr: 0x1000n, len: 512, write: true }, { addr: r.status, len: 1, write: true }])).not.toThrow();
    expect(statusOf(m, r)).toBe(VIRTIO_BLK_S.IOERR);
    expect(m.mmio.errors.at(-1)).toMatch(/not in RAM/);
    expect(m.mmio.status & VIRTIO_STATUS.DEVICE_NEEDS_RESET).toBe(0);
    const ok = request(m, VIRTIO_BLK_T.IN, 1n, 512);
    submit(q, ok, VIRTIO_BLK_T.IN, 512);
    expect(statusOf(m, ok)).toBe(VIRTIO_BLK_S.OK);
    expect(m.bytes(ok.data, 512)).toEqual(sectorPattern(1));
  });

  it('answers IOERR to sectors beyond the capacity and to partial sectors', () => {
    const { m, q } = bootBlk();
    const past = request(m, VIRTIO_BLK_T.IN, BigInt(SECTORS - 1), 1024);
    submit(q, past, VIRTIO_BLK_T.IN, 1024);
    expect(statusOf(m, past)).toBe(VIRTIO_BLK_S.IOERR);
    const huge = request(m, VIRTIO_BLK_T.IN, (1n << 64n) - 1n, 512);
    submit(q, huge, VIRTIO_BLK_T.IN, 512);
    expect(statusOf(m, huge)).toBe(VIRTIO_BLK_S.IOERR);
    const partial = request(m, VIRTIO_BLK_T.IN, 0n, 100);
    submit(q, partial, VIRTIO_BLK_T.IN, 100);
    expect(statusOf(m, partial)).toBe(VIRTIO_BLK_S.IOERR);
  });

  it('sets DEVICE_NEEDS_RESET and sends a config interrupt when the status byte is outside RAM', () => {
    const { m, q } = bootBlk();
    const r = request(m, VIRTIO_BLK_T.FLUSH, 0n, 0);
    expect(() => q.add([{ addr: r.header, len: 16 }, { addr: 0x10n, len: 1, write: true }])).not.toThrow();
    expect(m.mmio.status & VIRTIO_STATUS.DEVICE_NEEDS_RESET).toBe(VIRTIO_STATUS.DEVICE_NEEDS_RESET);
    expect(m.reg(VIRTIO_MMIO.InterruptStatus) & VIRTIO_MMIO_INT.CONFIG).toBe(VIRTIO_MMIO_INT.CONFIG);
    expect(m.irqLevel).toBe(true);
    expect(m.mmio.errors.at(-1)).toMatch(/status byte/);
  });

  it('detects a descriptor loop instead of spinning, and recovers after a reset', () => {
    const { m, q } = bootBlk();
    const r = request(m, VIRTIO_BLK_T.IN, 0n, 512);
    // Descriptors 0 -> 1 -> 0 -> ...
    q.writeDesc(q.desc, 0, { addr: r.header, len: 16 }, VIRTQ_DESC_F.NEXT, 1);
    q.writeDesc(q.desc, 1, { addr: r.data, len: 512, write: true }, VIRTQ_DESC_F.NEXT, 0);
    m.setU16(q.avail + 4n, 0);
    m.setU16(q.avail + 2n, 1);
    expect(() => q.notify()).not.toThrow();
    expect(m.mmio.status & VIRTIO_STATUS.DEVICE_NEEDS_RESET).toBe(VIRTIO_STATUS.DEVICE_NEEDS_RESET);
    expect(m.mmio.errors.at(-1)).toMatch(/passes 17 descriptors in a table of 16: a loop/);
    expect(ackInterrupt(m)).toBe(VIRTIO_MMIO_INT.CONFIG);
    // Further notifications are ignored until the driver resets the device.
    q.notify();
    expect(m.u16(q.used + 2n)).toBe(0);
    const [q2] = initDevice(m, LINUX_BLK_FEATURES);
    const ok = request(m, VIRTIO_BLK_T.IN, 3n, 512);
    submit(q2, ok, VIRTIO_BLK_T.IN, 512);
    expect(statusOf(m, ok)).toBe(VIRTIO_BLK_S.OK);
    expect(m.bytes(ok.data, 512)).toEqual(sectorPattern(3));
  });

  it('rejects a next index beyond the queue size and a nested indirect table', () => {
    const { m, q } = bootBlk();
    const r = request(m, VIRTIO_BLK_T.IN, 0n, 512);
    q.writeDesc(q.desc, 0, { addr: r.header, len: 16 }, VIRTQ_DESC_F.NEXT, 999);
    m.setU16(q.avail + 4n, 0);
    m.setU16(q.avail + 2n, 1);
    q.notify();
    expect(m.mmio.errors.at(-1)).toMatch(/descriptor index 999/);

    const fresh = bootBlk();
    const table = fresh.m.alloc(32);
    fresh.q.writeDesc(table, 0, { addr: table, len: 32 }, VIRTQ_DESC_F.INDIRECT, 0);
    fresh.q.writeDesc(fresh.q.desc, 0, { addr: table, len: 32 }, VIRTQ_DESC_F.INDIRECT, 0);
    fresh.m.setU16(fresh.q.avail + 4n, 0);
    fresh.m.setU16(fresh.q.avail + 2n, 1);
    fresh.q.notify();
    expect(fresh.m.mmio.errors.at(-1)).toMatch(/inside an indirect table/);
  });

  it('refuses indirect descriptors when the driver did not accept RING_INDIRECT_DESC', () => {
    const { m, q } = bootBlk(false, { transport: VIRTIO_F.VERSION_1 });
    const r = request(m, VIRTIO_BLK_T.IN, 0n, 512);
    submit(q, r, VIRTIO_BLK_T.IN, 512, true);
    expect(m.mmio.status & VIRTIO_STATUS.DEVICE_NEEDS_RESET).toBe(VIRTIO_STATUS.DEVICE_NEEDS_RESET);
    expect(m.mmio.errors.at(-1)).toMatch(/RING_INDIRECT_DESC/);
  });

  it('honours VRING_AVAIL_F_NO_INTERRUPT when EVENT_IDX is not negotiated', () => {
    const { m, q } = bootBlk();
    m.setU16(q.avail, VIRTQ_AVAIL_F_NO_INTERRUPT);
    const r = request(m, VIRTIO_BLK_T.IN, 0n, 512);
    submit(q, r, VIRTIO_BLK_T.IN, 512);
    expect(q.takeUsed()).toHaveLength(1);
    expect(m.irqLevel).toBe(false);
  });

  it('with EVENT_IDX interrupts only when used_event is crossed and publishes avail_event', () => {
    const { m, q } = bootBlk(false, { transport: DRIVER_TRANSPORT_FEATURES | VIRTIO_F.RING_EVENT_IDX });
    const usedEvent = q.avail + 4n + BigInt(2 * q.size);
    const availEvent = q.used + 4n + BigInt(8 * q.size);
    m.setU16(usedEvent, 1); // interrupt when used idx passes 1, i.e. on the second completion
    const r1 = request(m, VIRTIO_BLK_T.IN, 0n, 512);
    submit(q, r1, VIRTIO_BLK_T.IN, 512);
    expect(m.irqLevel).toBe(false);
    expect(m.u16(availEvent)).toBe(1);
    const r2 = request(m, VIRTIO_BLK_T.IN, 0n, 512);
    submit(q, r2, VIRTIO_BLK_T.IN, 512);
    expect(m.irqLevel).toBe(true);
    expect(m.u16(availEvent)).toBe(2);
    expect(q.takeUsed()).toHaveLength(2);
  });

  it('serves every request made available before one notification', () => {
    const { m, q } = bootBlk();
    const rs = [0, 1, 2].map((s) => {
      const r = request(m, VIRTIO_BLK_T.IN, BigInt(s), 512);
      q.add([{ addr: r.header, len: 16 }, { addr: r.data, len: 512, write: true }, { addr: r.status, len: 1, write: true }], { noNotify: true });
      return r;
    });
    expect(q.takeUsed()).toHaveLength(0);
    q.notify();
    expect(q.takeUsed()).toHaveLength(3);
    rs.forEach((r, s) => expect(m.bytes(r.data, 512)).toEqual(sectorPattern(s)));
    expect(m.irqRaises).toBe(1);
  });

  it('round-trips its state, including a request made available but not yet notified', () => {
    const { m, q } = bootBlk();
    const r1 = request(m, VIRTIO_BLK_T.IN, 4n, 512);
    submit(q, r1, VIRTIO_BLK_T.IN, 512);
    const r2 = request(m, VIRTIO_BLK_T.IN, 6n, 512);
    q.add([{ addr: r2.header, len: 16 }, { addr: r2.data, len: 512, write: true }, { addr: r2.status, len: 1, write: true }], { noNotify: true });
    const saved = m.mmio.saveState();
    expect(structuredClone(saved)).toEqual(saved);

    // A fresh transport and device on the same RAM continue where the first stopped.
    const blk2 = new VirtioBlk({ backend: openDisk(false), serial: 'orrery-serial-0001' });
    const mmio2 = new VirtioMmio({ name: 'virtio0', bus: m.bus, irq: m.irq, device: blk2 });
    mmio2.loadState(structuredClone(saved));
    expect(mmio2.saveState()).toEqual(saved);
    m.mmio = mmio2;
    q.notify();
    expect(statusOf(m, r2)).toBe(VIRTIO_BLK_S.OK);
    expect(m.bytes(r2.data, 512)).toEqual(sectorPattern(6));
    expect(q.takeUsed()).toHaveLength(2);
  });

  it('refuses to restore the state of a disk of another size', () => {
    const { m } = bootBlk();
    const saved = m.mmio.saveState();
    const other = new TestMachine(new VirtioBlk({ backend: new MemoryBackend(512 * 8) }));
    expect(() => other.mmio.loadState(saved)).toThrow(/8 sectors/);
  });

  it('works over an in-memory backend', () => {
    const disk = new MemoryBackend(4096);
    const m = new TestMachine(new VirtioBlk({ backend: disk }));
    const [q] = initDevice(m, LINUX_BLK_FEATURES);
    const r = request(m, VIRTIO_BLK_T.OUT, 2n, 512);
    m.put(r.data, new Uint8Array(512).fill(0x5a));
    submit(q, r, VIRTIO_BLK_T.OUT, 512);
    expect(statusOf(m, r)).toBe(VIRTIO_BLK_S.OK);
    const back = new Uint8Array(512);
    disk.read(1024, back);
    expect(back.every((b) => b === 0x5a)).toBe(true);
    expect(RAM_BASE + BigInt(RAM_SIZE)).toBeGreaterThan(r.data);
  });
});

function submitFlush(m: TestMachine, q: DriverQueue): Request {
  const f = request(m, VIRTIO_BLK_T.FLUSH, 0n, 0);
  submit(q, f, VIRTIO_BLK_T.FLUSH, 0);
  return f;
}
