import { describe, expect, it } from 'vitest';
import { VIRTIO_ID } from '../../../core/devices/virtio/virtio-device';
import { VIRTIO_MMIO } from '../../../core/devices/virtio/virtio-mmio';
import { VirtioRng, VirtioRngOptions } from '../../../core/devices/virtio/virtio-rng';
import { DriverQueue, initDevice, TestMachine } from './virtio-test-driver';

function bootRng(options: VirtioRngOptions = {}): { m: TestMachine; q: DriverQueue } {
  const m = new TestMachine(new VirtioRng(options));
  const [q] = initDevice(m, 0n);
  return { m, q };
}

/** Ask for `n` random bytes as Linux's virtio-rng driver does: one device-writable buffer. */
function entropy(m: TestMachine, q: DriverQueue, n: number): Uint8Array {
  const buf = m.alloc(n, 1);
  const head = q.add([{ addr: buf, len: n, write: true }]);
  expect(q.takeUsed()).toEqual([[head, n]]);
  return m.bytes(buf, n);
}

describe('virtio-rng', () => {
  it('is an entropy device with one queue and no features', () => {
    const { m, q } = bootRng();
    expect(m.reg(VIRTIO_MMIO.DeviceID)).toBe(VIRTIO_ID.entropy);
    expect(q.index).toBe(0);
    m.setReg(VIRTIO_MMIO.QueueSel, 1);
    expect(m.reg(VIRTIO_MMIO.QueueNumMax)).toBe(0);
    expect(m.mmio.driverFeatures & 0xffffffn).toBe(0n);
  });

  it('gives the same bytes for the same seed and different bytes for another seed', () => {
    const a = bootRng({ seed: 42 });
    const b = bootRng({ seed: 42 });
    const c = bootRng({ seed: 43 });
    const xa = [entropy(a.m, a.q, 64), entropy(a.m, a.q, 13)];
    const xb = [entropy(b.m, b.q, 64), entropy(b.m, b.q, 13)];
    const xc = entropy(c.m, c.q, 64);
    expect(xa).toEqual(xb);
    expect(xc).not.toEqual(xa[0]);
    expect(xa[0]).not.toEqual(new Uint8Array(64));
    expect(xa[1]).not.toEqual(xa[0].subarray(0, 13));
    expect(a.m.irqLevel).toBe(true);
  });

  it('fills a buffer split over several descriptors as one stream', () => {
    const a = bootRng({ seed: 7 });
    const whole = entropy(a.m, a.q, 32);
    const b = bootRng({ seed: 7 });
    const p1 = b.m.alloc(10, 1);
    const p2 = b.m.alloc(22, 1);
    b.q.add([{ addr: p1, len: 10, write: true }, { addr: p2, len: 22, write: true }]);
    expect(b.q.takeUsed()[0][1]).toBe(32);
    expect(new Uint8Array([...b.m.bytes(p1, 10), ...b.m.bytes(p2, 22)])).toEqual(whole);
  });

  it('draws from the host generator with source host', () => {
    const { m, q } = bootRng({ source: 'host' });
    const x = entropy(m, q, 64);
    const y = entropy(m, q, 64);
    expect(x).not.toEqual(y);
  });

  it('continues the same stream after save and restore', () => {
    const a = bootRng({ seed: 9 });
    entropy(a.m, a.q, 40);
    // Snapshot: device state plus the guest RAM holding rings and buffers.
    const saved = a.m.mmio.saveState();
    const ramStart = a.q.desc & ~0xfffn;
    const ram = a.m.bytes(ramStart, 0x10000);
    const driver = { desc: a.q.desc, avail: a.q.avail, used: a.q.used, availIdx: a.q.availIdx, lastUsed: a.q.lastUsed };
    const buf = ramStart + 0x8000n;
    a.q.add([{ addr: buf, len: 40, write: true }]);
    const next = a.m.bytes(buf, 40);

    const b = new TestMachine(new VirtioRng({ seed: 9 }));
    b.mmio.loadState(structuredClone(saved));
    expect(b.mmio.saveState()).toEqual(saved);
    b.put(ramStart, ram);
    const q = Object.assign(new DriverQueue(b, 0, a.q.size), driver);
    q.add([{ addr: buf, len: 40, write: true }]);
    expect(q.takeUsed()).toHaveLength(1);
    expect(b.bytes(buf, 40)).toEqual(next);
  });

  it('a bad buffer address sets DEVICE_NEEDS_RESET instead of throwing', () => {
    const { m, q } = bootRng();
    expect(() => q.add([{ addr: 0x20n, len: 16, write: true }])).not.toThrow();
    expect(m.reg(VIRTIO_MMIO.Status) & 64).toBe(64);
    expect(m.mmio.errors.at(-1)).toMatch(/not in RAM/);
  });

  it('restarts the seeded stream on reset', () => {
    const a = bootRng({ seed: 5 });
    const first = entropy(a.m, a.q, 16);
    const [q] = initDevice(a.m, 0n);
    expect(entropy(a.m, q, 16)).toEqual(first);
  });
});
