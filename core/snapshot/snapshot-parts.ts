import { BlockBackend } from '../block/block-backend';
import { DeviceState } from '../devices/device';

/**
 * Something whose state a snapshot saves as plain data with a schema version:
 * every {@link Device}, and machine-level parts such as the power state or
 * HTIF.
 */
export interface StatefulPart {
  /** Schema version of {@link saveState}'s result. */
  readonly stateVersion: number;
  saveState(): DeviceState;
  loadState(state: DeviceState): void;
}

/**
 * A machine's configuration as plain data: what a snapshot can only be
 * restored into an identical copy of (its hash is in every snapshot file).
 */
export interface MachineConfig {
  /** Machine class: 'riscv', 'spike', 'virt'. */
  kind: string;
  ramSize: number;
  ramBase: bigint;
  harts: number;
  insnsPerTick: number;
  sliceInsns: number;
  /** Platform details that must match (devices, disks), as plain data. */
  platform: { [field: string]: unknown };
}

/**
 * What a machine hands the snapshot layer besides harts, RAM and virtual
 * time, which every {@link RiscvMachine} has. Subclasses extend it.
 */
export interface SnapshotParts {
  config: MachineConfig;
  /**
   * Named stateful parts in restore order. Interrupt controllers come last:
   * other devices re-drive their lines while loading, and the controller's
   * saved state must be what remains.
   */
  parts: [string, StatefulPart][];
  /** Disks whose writes since open (the delta over their base image) are saved. */
  drives: BlockBackend[];
  /** A new, independent machine of the same configuration, with `drives` (each a copy of this machine's drive of the same index) (for fork). */
  spawn(drives: BlockBackend[]): unknown;
}

/** Virtual time of a machine as plain data (see RiscvMachine.clockState). */
export interface ClockState {
  /** Virtual time in instructions at the start of the current round of slices. */
  clockInsns: number;
  /** Per hart: its retired count when its current slice started. */
  sliceStart: bigint[];
}
