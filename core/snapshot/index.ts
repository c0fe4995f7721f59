/** Snapshots: save, restore, fork, diff and rewind a whole machine (see docs/snapshots.md). */
export { Snapshot, SnapshotData, PartState, RestoreOptions, captureSnapshot, restoreSnapshot, forkMachine, machineStateHash, configHash } from './snapshot';
export { resumeVirtMachine, ResumeOptions } from './resume-virt-machine';
export { SnapshotError, SnapshotErrorKind } from './snapshot-error';
export { SaveOptions, SnapshotFileInfo, SnapshotHeader, Compression, SNAPSHOT_FILE } from './snapshot-file';
export { CORE_SCHEMAS } from './snapshot-schema';
export { diff, StateDiff, HartDiff, PageDiff, ChangedValue } from './state-diff';
export { RewindHistory, RewindOptions } from './rewind';
export { OverlayBackend } from './overlay-backend';
export { HartState } from './hart-state';
export { RamPages } from './ram-pages';
export { DiskDelta } from './disk-delta';
export { MachineConfig, SnapshotParts, StatefulPart, ClockState } from './snapshot-parts';
