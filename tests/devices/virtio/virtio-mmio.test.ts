import { describe, expect, it } from 'vitest';
import { MemoryBackend } from '../../../core/block/memory-backend';
import { VIRTIO_F, VIRTIO_STATUS } from '../../../core/devices/virtio/virtio-device';
import { VIRTIO_BLK_F, VirtioBlk } from '../../../core/devices/virtio/virtio-blk';
import { VIRTIO_MMIO, VIRTIO_MMIO_INT } from '../../../core/devices/virtio/virtio-mmio';
import { VirtioRng } from '../../../core/devices/virtio/virtio-rng';
import {
  ackInterrupt, initDevice, readDeviceFeatures, TestMachine, writeDriverFeatures,
} from './virtio-test-driver';

const S = VIRTIO_STATUS;

function blkMachine(options: { eventIdx?: boolean } = {}): TestMachine {
  return new TestMachine(new VirtioBlk({ backend: new MemoryBackend(512 * 16) }), options);
}

/** Status ACKNOWLEDGE | DRIVER, features written, then FEATURES_OK attempted; returns Status read back. */
function negotiate(m: TestMachine, features: bigint): number {
  m.setReg(VIRTIO_MMIO.Status, 0);
  m.setReg(VIRTIO_MMIO.Status, S.ACKNOWLEDGE);
  m.setReg(VIRTIO_MMIO.Status, S.ACKNOWLEDGE | S.DRIVER);
  writeDriverFeatures(m, features);
  m.setReg(VIRTIO_MMIO.Status, S.ACKNOWLEDGE | S.DRIVER | S.FEATURES_OK);
  return m.reg(VIRTIO_MMIO.Status);
}

describe('virtio-mmio transport', () => {
  it('identifies itself as a version 2 virtio-mmio device from QEMU', () => {
    const m = blkMachine();
    expect(m.reg(VIRTIO_MMIO.MagicValue)).toBe(0x74726976);
    expect(m.reg(VIRTIO_MMIO.Version)).toBe(2);
    expect(m.reg(VIRTIO_MMIO.DeviceID)).toBe(2);
    expect(m.reg(VIRTIO_MMIO.VendorID)).toBe(0x554d4551);
    expect(m.mmio.size).toBe(0x1000);
  });

  it('an empty slot reports DeviceID 0, no queues, and refuses FEATURES_OK', () => {
    const m = new TestMachine();
    expect(m.reg(VIRTIO_MMIO.MagicValue)).toBe(0x74726976);
    expect(m.reg(VIRTIO_MMIO.DeviceID)).toBe(0);
    expect(readDeviceFeatures(m)).toBe(0n);
    m.setReg(VIRTIO_MMIO.QueueSel, 0);
    expect(m.reg(VIRTIO_MMIO.QueueNumMax)).toBe(0);
    expect(negotiate(m, VIRTIO_F.VERSION_1) & S.FEATURES_OK).toBe(0);
    expect(Number(m.mmio.read(VIRTIO_MMIO.Config, 4))).toBe(0);
    expect(() => m.setReg(VIRTIO_MMIO.QueueNotify, 0)).not.toThrow();
  });

  it('always offers VERSION_1 and INDIRECT_DESC, and EVENT_IDX unless turned off', () => {
    expect(readDeviceFeatures(blkMachine()) & (VIRTIO_F.VERSION_1 | VIRTIO_F.RING_INDIRECT_DESC | VIRTIO_F.RING_EVENT_IDX))
      .toBe(VIRTIO_F.VERSION_1 | VIRTIO_F.RING_INDIRECT_DESC | VIRTIO_F.RING_EVENT_IDX);
    expect(readDeviceFeatures(blkMachine({ eventIdx: false })) & VIRTIO_F.RING_EVENT_IDX).toBe(0n);
  });

  it('refuses FEATURES_OK without VERSION_1 (no legacy interface)', () => {
    const m = blkMachine();
    expect(negotiate(m, VIRTIO_BLK_F.FLUSH) & S.FEATURES_OK).toBe(0);
    expect(m.mmio.errors.at(-1)).toMatch(/VERSION_1/);
  });

  it('refuses FEATURES_OK when the driver accepts a feature that was not offered', () => {
    const m = blkMachine();
    expect(negotiate(m, VIRTIO_F.VERSION_1 | VIRTIO_BLK_F.MQ) & S.FEATURES_OK).toBe(0);
    expect(m.mmio.errors.at(-1)).toMatch(/not offered/);
  });

  it('accepts FEATURES_OK for a subset of the offer including VERSION_1', () => {
    const m = blkMachine();
    expect(negotiate(m, VIRTIO_F.VERSION_1 | VIRTIO_BLK_F.FLUSH) & S.FEATURES_OK).toBe(S.FEATURES_OK);
    expect(m.mmio.driverFeatures).toBe(VIRTIO_F.VERSION_1 | VIRTIO_BLK_F.FLUSH);
  });

  it('writing 0 to Status resets queues, features and interrupts', () => {
    const m = blkMachine();
    const [q] = initDevice(m, VIRTIO_BLK_F.FLUSH);
    m.mmio.configChanged();
    expect(m.irqLevel).toBe(true);
    m.setReg(VIRTIO_MMIO.Status, 0);
    expect(m.reg(VIRTIO_MMIO.Status)).toBe(0);
    expect(m.irqLevel).toBe(false);
    expect(m.reg(VIRTIO_MMIO.InterruptStatus)).toBe(0);
    m.setReg(VIRTIO_MMIO.QueueSel, 0);
    expect(m.reg(VIRTIO_MMIO.QueueReady)).toBe(0);
    expect(m.mmio.driverFeatures).toBe(0n);
    expect(m.mmio.queues[0].lastAvailIdx).toBe(0);
    expect(q.size).toBe(16);
  });

  it('InterruptACK lowers the line only once no status bits remain', () => {
    const m = blkMachine();
    initDevice(m, 0n);
    m.mmio.interruptStatus = 0;
    m.mmio.configChanged();
    // Pretend a used buffer also arrived (the blk tests cover the real path).
    m.mmio.loadState({ ...m.mmio.saveState(), interruptStatus: VIRTIO_MMIO_INT.VRING | VIRTIO_MMIO_INT.CONFIG });
    expect(m.irqLevel).toBe(true);
    m.setReg(VIRTIO_MMIO.InterruptACK, VIRTIO_MMIO_INT.VRING);
    expect(m.irqLevel).toBe(true);
    expect(m.reg(VIRTIO_MMIO.InterruptStatus)).toBe(VIRTIO_MMIO_INT.CONFIG);
    expect(ackInterrupt(m)).toBe(VIRTIO_MMIO_INT.CONFIG);
    expect(m.irqLevel).toBe(false);
  });

  it('configChanged bumps ConfigGeneration and interrupts only after DRIVER_OK', () => {
    const m = blkMachine();
    const g0 = m.reg(VIRTIO_MMIO.ConfigGeneration);
    m.mmio.configChanged();
    expect(m.reg(VIRTIO_MMIO.ConfigGeneration)).toBe(g0 + 1);
    expect(m.irqLevel).toBe(false);
    initDevice(m, 0n);
    m.mmio.configChanged();
    expect(m.reg(VIRTIO_MMIO.InterruptStatus)).toBe(VIRTIO_MMIO_INT.CONFIG);
    expect(m.irqLevel).toBe(true);
  });

  it('QueueNotify for a queue that does not exist sets DEVICE_NEEDS_RESET with a config interrupt', () => {
    const m = blkMachine();
    initDevice(m, 0n);
    expect(() => m.setReg(VIRTIO_MMIO.QueueNotify, 5)).not.toThrow();
    expect(m.reg(VIRTIO_MMIO.Status) & S.DEVICE_NEEDS_RESET).toBe(S.DEVICE_NEEDS_RESET);
    expect(m.reg(VIRTIO_MMIO.InterruptStatus)).toBe(VIRTIO_MMIO_INT.CONFIG);
    expect(m.mmio.errors.at(-1)).toMatch(/queue 5/);
    // The driver cannot clear DEVICE_NEEDS_RESET by writing Status, only by a reset.
    m.setReg(VIRTIO_MMIO.Status, S.ACKNOWLEDGE | S.DRIVER | S.FEATURES_OK | S.DRIVER_OK);
    expect(m.reg(VIRTIO_MMIO.Status) & S.DEVICE_NEEDS_RESET).toBe(S.DEVICE_NEEDS_RESET);
    m.setReg(VIRTIO_MMIO.Status, 0);
    expect(m.reg(VIRTIO_MMIO.Status)).toBe(0);
  });

  it('making a queue ready with a size that is not a power of two or above QueueNumMax sets DEVICE_NEEDS_RESET', () => {
    for (const size of [0, 12, 512]) {
      const m = blkMachine();
      negotiate(m, VIRTIO_F.VERSION_1);
      m.setReg(VIRTIO_MMIO.QueueSel, 0);
      expect(m.reg(VIRTIO_MMIO.QueueNumMax)).toBe(256);
      m.setReg(VIRTIO_MMIO.QueueNum, size);
      m.setReg(VIRTIO_MMIO.QueueReady, 1);
      expect(m.reg(VIRTIO_MMIO.QueueReady)).toBe(0);
      expect(m.reg(VIRTIO_MMIO.Status) & S.DEVICE_NEEDS_RESET).toBe(S.DEVICE_NEEDS_RESET);
    }
  });

  it('ignores queue address writes while the queue is ready and reads QueueReady back as 0 after disabling', () => {
    const m = blkMachine();
    const [q] = initDevice(m, 0n);
    m.setReg(VIRTIO_MMIO.QueueSel, 0);
    m.setReg(VIRTIO_MMIO.QueueDescLow, 0x1234);
    expect(m.mmio.queues[0].descAddr).toBe(q.desc);
    expect(m.mmio.errors.at(-1)).toMatch(/while it is ready/);
    m.setReg(VIRTIO_MMIO.QueueReady, 0);
    expect(m.reg(VIRTIO_MMIO.QueueReady)).toBe(0);
  });

  it('reads the config space at byte, half-word, word and double-word widths', () => {
    const m = new TestMachine(new VirtioBlk({ backend: new MemoryBackend(512 * 0x10203) }));
    expect(m.mmio.read(VIRTIO_MMIO.Config, 1)).toBe(0x03n);
    expect(m.mmio.read(VIRTIO_MMIO.Config + 1, 2)).toBe(0x0102n);
    expect(m.mmio.read(VIRTIO_MMIO.Config, 4)).toBe(0x10203n);
    expect(m.mmio.read(VIRTIO_MMIO.Config, 8)).toBe(0x10203n);
    expect(m.mmio.read(VIRTIO_MMIO.Config + 0x1000 - 0x104, 4)).toBe(0n);
  });

  it('reports no shared memory regions and ignores non-32-bit register accesses', () => {
    const m = blkMachine();
    expect(m.reg(VIRTIO_MMIO.SHMLenLow)).toBe(0xffffffff);
    expect(m.reg(VIRTIO_MMIO.SHMLenHigh)).toBe(0xffffffff);
    expect(m.mmio.read(VIRTIO_MMIO.MagicValue, 1)).toBe(0n);
    m.mmio.write(VIRTIO_MMIO.Status, 1, 1n);
    expect(m.reg(VIRTIO_MMIO.Status)).toBe(0);
  });

  it('keeps only the last 32 guest errors', () => {
    const m = blkMachine();
    for (let i = 0; i < 40; i++) m.mmio.read(0x200 + 4 * i, 4);
    expect(m.mmio.errors).toHaveLength(32);
  });

  it('names its registers for inspection', () => {
    const m = blkMachine();
    const names = m.mmio.registers.map((r) => r.name);
    expect(names).toContain('QueueNotify');
    expect(m.mmio.registers.find((r) => r.name === 'InterruptACK')?.offset).toBe(0x064);
    expect(m.mmio.registers.find((r) => r.name === 'ConfigGeneration')?.offset).toBe(0x0fc);
  });

  it('power-on reset clears the error log and the state round-trips through structuredClone', () => {
    const m = new TestMachine(new VirtioRng({ seed: 3 }));
    initDevice(m, 0n);
    m.setReg(VIRTIO_MMIO.QueueNotify, 9);
    const saved = m.mmio.saveState();
    expect(saved.errors).toHaveLength(1);
    const other = new TestMachine(new VirtioRng({ seed: 3 }));
    other.mmio.loadState(structuredClone(saved));
    expect(other.mmio.saveState()).toEqual(saved);
    expect(other.irqLevel).toBe(true);
    other.mmio.reset();
    expect(other.mmio.errors).toHaveLength(0);
    expect(other.irqLevel).toBe(false);
    expect(() => blkMachine().mmio.loadState(saved)).toThrow(/device ID 4/);
  });
});
