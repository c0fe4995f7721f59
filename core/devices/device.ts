import { MmioDevice } from '../memory/bus';

/** One named register of a device, for reflection (`m.dev.uart0.registers`). */
export interface RegisterInfo {
  readonly name: string;
  /** Byte offset in the device's window. */
  readonly offset: number;
  readonly size: 1 | 2 | 4 | 8;
  /** What the guest may do with it. */
  readonly access: 'r' | 'w' | 'rw';
  /** One line, from the device's specification. */
  readonly description: string;
}

/**
 * Device state as plain data: numbers, bigints, booleans, strings,
 * `Uint8Array`s, arrays and objects of these. No functions, no host handles.
 * Snapshots encode it as is.
 */
export type DeviceState = { [field: string]: unknown };

/**
 * A memory-mapped device of a machine. It sees only its register window, the
 * bus (for DMA) and its interrupt lines; never the CPU.
 */
export interface Device extends MmioDevice {
  /** Size of the register window in bytes. */
  readonly size: number;
  /** Named registers, for inspection and for poking from a cell. */
  readonly registers: readonly RegisterInfo[];
  /** Back to the power-on state (interrupt lines lowered). */
  reset(): void;
  /** Schema version of {@link saveState}'s result; bumped when its shape changes. */
  readonly stateVersion: number;
  /** Everything that defines the device's future, as plain data. */
  saveState(): DeviceState;
  /** Put back a state from {@link saveState} (same `stateVersion`). Drives interrupt lines to match. */
  loadState(state: DeviceState): void;
}

/**
 * Something with a deadline in virtual time (a timer compare register, an RTC
 * alarm). The machine ends its time slice at the earliest deadline and then
 * calls {@link TimedDevice.onTime}, so timer interrupts arrive at exact,
 * reproducible instruction counts.
 */
export interface TimedDevice {
  /** Earliest tick (of the machine {@link Clock}) at which the device wants {@link onTime}, or undefined. */
  nextDeadline(): bigint | undefined;
  /** Virtual time is now `now` (at or past the deadline): update interrupt lines. */
  onTime(now: bigint): void;
  /**
   * Set by the machine: the device calls it after a register write that may
   * have moved its deadline, so a running slice can end in time for it.
   */
  onDeadlineChange?: () => void;
}

/** Virtual time as devices see it. */
export interface Clock {
  /** Current time in ticks (the value of `mtime`). */
  now(): bigint;
  /** Ticks per second (10 MHz on QEMU's virt). */
  readonly frequency: number;
}
