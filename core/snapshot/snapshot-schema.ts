import { Packr } from 'msgpackr';
import { DISK_STATE_VERSION } from './disk-delta';
import { HART_STATE_VERSION } from './hart-state';
import { RAM_STATE_VERSION } from './ram-pages';

/** Schema versions of the parts every machine has (devices carry their own `stateVersion`). */
export const CORE_SCHEMAS = {
  hart: HART_STATE_VERSION,
  ram: RAM_STATE_VERSION,
  disk: DISK_STATE_VERSION,
  /** Virtual time and the halted flag. */
  machine: 1,
} as const;

/**
 * The one msgpack dialect of snapshot files and state hashes: 64-bit values
 * stay bigints, numbers stay numbers, objects stay plain objects, and the
 * same data always encodes to the same bytes (no record structures).
 */
export const snapshotPackr = new Packr({ useBigIntExtension: true, int64AsType: 'bigint', useRecords: false, mapsAsObjects: true });
