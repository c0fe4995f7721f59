import { BlockBackend, DELTA_BLOCK_SIZE } from '../block/block-backend';
import { MemoryBackend } from '../block/memory-backend';
import { RawFileBackend } from '../block/raw-file';
import { OverlayBackend } from './overlay-backend';

/** Schema version of {@link DiskDelta}. */
export const DISK_STATE_VERSION = 1;

/**
 * What a disk's guest wrote since it was opened, over its base image: the
 * written 4 KiB blocks in ascending order, their contents concatenated (the
 * image's last block may be shorter).
 */
export interface DiskDelta {
  description: string;
  size: number;
  readOnly: boolean;
  blocks: number[];
  data: Uint8Array;
}

/** Length of delta block `b` of an image of `size` bytes. */
function blockLength(size: number, b: number): number {
  return Math.min(size, (b + 1) * DELTA_BLOCK_SIZE) - b * DELTA_BLOCK_SIZE;
}

/** The delta of `backend` now. */
export function captureDisk(backend: BlockBackend): DiskDelta {
  const written = backend.writtenBlocks();
  return {
    description: backend.description,
    size: backend.size,
    readOnly: backend.readOnly,
    blocks: [...written.keys()],
    data: Buffer.concat([...written.values()]),
  };
}

/** The delta's blocks as a map, checking that the parts fit together. */
export function deltaBlocks(d: DiskDelta): Map<number, Uint8Array> {
  const out = new Map<number, Uint8Array>();
  let at = 0;
  for (const b of d.blocks) {
    const n = blockLength(d.size, b);
    if (n <= 0 || at + n > d.data.length) throw new RangeError(`disk delta of ${d.description}: block ${b} does not fit the stored data`);
    out.set(b, d.data.subarray(at, at + n));
    at += n;
  }
  if (at !== d.data.length) throw new RangeError(`disk delta of ${d.description}: ${d.data.length - at} stored bytes belong to no block`);
  return out;
}

/** A backend that can go back to any earlier delta exactly (its base image is intact). */
interface RevertibleBackend extends BlockBackend {
  restoreWrittenBlocks(blocks: Map<number, Uint8Array>): void;
}

function isRevertible(b: BlockBackend): b is RevertibleBackend {
  return typeof (b as Partial<RevertibleBackend>).restoreWrittenBlocks === 'function';
}

/**
 * Why `d` cannot be put back into `backend`, or undefined. A disk that
 * writes in place cannot forget blocks written after the snapshot (their
 * base contents are gone): use an {@link OverlayBackend} for such disks.
 */
export function diskMismatch(index: number, backend: BlockBackend, d: DiskDelta): string | undefined {
  if (d.size !== backend.size) return `disk ${index} is ${backend.size} bytes, the snapshot's is ${d.size}`;
  if (isRevertible(backend)) return undefined;
  if (d.blocks.length > 0 && backend.readOnly) return `disk ${index} (${backend.description}) is read-only, the snapshot has writes to it`;
  const saved = new Set(d.blocks);
  const later = [...backend.writtenBlocks().keys()].filter((b) => !saved.has(b));
  if (later.length > 0) {
    return `disk ${index} (${backend.description}) has ${later.length} block(s) written after the snapshot (first: ${later[0]}) ` +
      'and writes in place, so they cannot be reverted; use an OverlayBackend for disks that snapshots restore';
  }
  return undefined;
}

/** Put `d` back into `backend` (check with {@link diskMismatch} first). */
export function restoreDisk(backend: BlockBackend, d: DiskDelta): void {
  const blocks = deltaBlocks(d);
  if (isRevertible(backend)) {
    backend.restoreWrittenBlocks(blocks);
    return;
  }
  for (const [b, data] of blocks) backend.write(b * DELTA_BLOCK_SIZE, data);
}

/**
 * A second, independent disk with the same contents and delta as `backend`,
 * for a forked machine. Overlays fork over their base; read-only images are
 * opened again; in-memory disks are copied. A raw file written in place
 * cannot be shared by two machines, so it is refused.
 */
export function forkDisk(index: number, backend: BlockBackend): BlockBackend {
  if (backend instanceof OverlayBackend) return backend.fork();
  if (backend instanceof RawFileBackend && backend.readOnly) return RawFileBackend.open(backend.path, { readOnly: true });
  if (backend instanceof MemoryBackend) {
    const bytes = new Uint8Array(backend.size);
    backend.read(0, bytes);
    const copy = new MemoryBackend(bytes, { description: backend.description });
    // Writing the delta back gives the copy the same written set (it is part of the state).
    for (const [b, data] of backend.writtenBlocks()) copy.write(b * DELTA_BLOCK_SIZE, data);
    return backend.readOnly ? new MemoryBackend(bytes, { description: backend.description, readOnly: true }) : copy;
  }
  throw new Error(
    `cannot fork: disk ${index} (${backend.description}) is written in place and cannot be shared by two machines; ` +
      'open it read-only or wrap it in an OverlayBackend',
  );
}
