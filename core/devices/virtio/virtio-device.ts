import { DeviceState } from '../device';
import type { Virtqueue } from './virtqueue';

/** Device types (virtio 1.2 §5, "Device Types"). 0 marks an empty transport slot. */
export const VIRTIO_ID = {
  none: 0,
  net: 1,
  block: 2,
  console: 3,
  entropy: 4,
} as const;

/** Device status bits (virtio 1.2 §2.1). */
export const VIRTIO_STATUS = {
  ACKNOWLEDGE: 1,
  DRIVER: 2,
  DRIVER_OK: 4,
  FEATURES_OK: 8,
  DEVICE_NEEDS_RESET: 64,
  FAILED: 128,
} as const;

/** Transport-level feature bits, reserved range 28..41 (virtio 1.2 §6). */
export const VIRTIO_F = {
  /** Descriptors may point to a table of descriptors (§2.7.5.3). */
  RING_INDIRECT_DESC: 1n << 28n,
  /** used_event / avail_event suppress notifications by index (§2.7.10). */
  RING_EVENT_IDX: 1n << 29n,
  /** The modern (non-legacy) interface. */
  VERSION_1: 1n << 32n,
} as const;

/**
 * A guest mistake that leaves the device unable to go on (a malformed ring or
 * descriptor chain). The transport catches it, records it, and sets
 * DEVICE_NEEDS_RESET; it never reaches the host's caller.
 */
export class VirtioGuestError extends Error {
  override readonly name = 'VirtioGuestError';
}

/** What a device may use while it serves a queue. */
export interface VirtioQueueContext {
  /** Features the driver accepted (device and transport bits). */
  readonly driverFeatures: bigint;
  /** Record a guest error that the device answered without failing (an IOERR status, say). */
  log(message: string): void;
}

/**
 * A virtio device type (block, entropy, ...) independent of the transport:
 * it owns its configuration space and serves its queues. The transport
 * (virtio-mmio) owns status, feature negotiation, queue addresses and
 * interrupts.
 */
export interface VirtioDevice {
  /** Device type, {@link VIRTIO_ID}. */
  readonly deviceId: number;
  /** Device-specific feature bits offered (bits 0..23); the transport adds its own. */
  readonly features: bigint;
  /** Number of virtqueues. */
  readonly queueCount: number;
  /** Largest size the driver may give queue `index`. */
  queueMaxSize(index: number): number;
  /** Size of the device configuration space in bytes. */
  readonly configSize: number;
  /** Read `size` bytes (little-endian) at `offset` of the configuration space; the transport checks bounds. */
  readConfig(offset: number, size: number): number;
  /** Write `size` bytes at `offset` of the configuration space; returns false if the field is read-only. */
  writeConfig(offset: number, size: number, value: number): boolean;
  /**
   * The driver notified queue `index`: serve every available buffer, putting
   * each on the used ring. Throw {@link VirtioGuestError} when the guest left
   * the queue unusable.
   */
  notify(index: number, queue: Virtqueue, context: VirtioQueueContext): void;
  /** Back to the state after power-on or a status reset. */
  reset(): void;
  /** Schema version of {@link saveState}. */
  readonly stateVersion: number;
  /** Device-specific state as plain data. */
  saveState(): DeviceState;
  /** Put back a {@link saveState} result; throws if it belongs to a differently configured device. */
  loadState(state: DeviceState): void;
}
