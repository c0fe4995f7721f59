/**
 * What is wrong with a snapshot or its file:
 * - `io`: the file cannot be read or written;
 * - `truncated`: the file ends early;
 * - `corrupt`: a checksum does not match, or the contents do not decode;
 * - `format-version`: the file format version is not one this Orrery reads;
 * - `schema-version`: a component's state has a schema version this Orrery does not understand;
 * - `config`: the snapshot is of a differently configured machine;
 * - `disk`: a disk cannot be put back into the snapshot's state.
 */
export type SnapshotErrorKind = 'io' | 'truncated' | 'corrupt' | 'format-version' | 'schema-version' | 'config' | 'disk';

/** A snapshot could not be read, written or restored; the machine was left as it was. */
export class SnapshotError extends Error {
  constructor(
    /** Which kind of problem (see {@link SnapshotErrorKind}). */
    readonly kind: SnapshotErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'SnapshotError';
  }
}
