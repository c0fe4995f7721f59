import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import { DeviceState } from '../devices/device';
import { DiskDelta, deltaBlocks } from './disk-delta';
import { HartState } from './hart-state';
import { packRam, PackedRam, unpackRam } from './ram-pages';
import { SnapshotError } from './snapshot-error';
import { CORE_SCHEMAS, snapshotPackr } from './snapshot-schema';
import { ClockState, MachineConfig } from './snapshot-parts';
import type { PartState, SnapshotData } from './snapshot';

/**
 * Layout of a snapshot file:
 *
 * | offset | size | field |
 * |---|---|---|
 * | 0 | 8 | magic `ORRYSNAP` |
 * | 8 | 4 | format version (u32 LE) |
 * | 12 | 4 | header length H (u32 LE) |
 * | 16 | 32 | sha256 of the header |
 * | 48 | H | header (msgpack {@link SnapshotHeader}) |
 * | 48+H | … | sections, each compressed, at the offsets the header gives |
 */
export const SNAPSHOT_FILE = {
  magic: 'ORRYSNAP',
  /** The one format version this Orrery reads and writes. */
  formatVersion: 1,
  formatVersionOffset: 8,
  headerLengthOffset: 12,
  headerSumOffset: 16,
  headerOffset: 48,
  /** RAM page data is compressed in chunks of this many bytes (bounded memory, independent chunks). */
  chunkSize: 4 << 20,
} as const;

/** Compression of the sections. */
export type Compression = 'deflate' | 'brotli' | 'none';

/** Options of `Snapshot.save`. */
export interface SaveOptions {
  /**
   * Compression (default 'brotli' at quality 1: on a RAM image with 51 MiB
   * of non-zero pages it compressed about twice as fast as deflate level 1
   * and slightly smaller, 14.9 vs 15.5 MiB; higher brotli qualities are
   * smaller but slower, see docs/snapshots.md).
   */
  compression?: Compression;
  /** zlib level (deflate) or brotli quality (default 1 for both). */
  level?: number;
}

/** Sizes and timings of a written snapshot. */
export interface SnapshotFileInfo {
  /** File size in bytes. */
  bytes: number;
  /** Non-zero RAM bytes before deduplication. */
  ramBytes: number;
  /** Distinct non-zero RAM pages stored. */
  uniquePages: number;
  compression: Compression;
  level: number;
  /** Wall-clock seconds (encode and write). */
  seconds: number;
}

/** One compressed section of the file. */
interface Section {
  offset: number;
  length: number;
  rawLength: number;
  /** sha256 (hex) of the stored (compressed) bytes. */
  sha256: string;
  /** Compressed length of each chunk, in order. */
  chunks: number[];
}

/** What the header says. */
export interface SnapshotHeader {
  formatVersion: number;
  /** Schema versions: the core parts, and each device/part by name. */
  schemas: Record<string, number>;
  partSchemas: Record<string, number>;
  configHash: string;
  config: MachineConfig;
  compression: Compression;
  level: number;
  /** msgpack of the harts, time, devices, disk deltas and the RAM page index. */
  state: Section;
  /** The distinct non-zero RAM pages. */
  pages: Section;
}

/** The state section, decoded. */
interface StateSection {
  harts: HartState[];
  clock: ClockState;
  halted: boolean;
  parts: PartState[];
  drives: DiskDelta[];
  ram: Omit<PackedRam, 'unique'>;
}

function compress(data: Uint8Array, c: Compression, level: number): Buffer {
  if (c === 'deflate') return zlib.deflateRawSync(data, { level });
  if (c === 'brotli') {
    return zlib.brotliCompressSync(data, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: level,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        [zlib.constants.BROTLI_PARAM_LGWIN]: 22,
      },
    });
  }
  return Buffer.from(data.buffer, data.byteOffset, data.length);
}

function decompress(data: Uint8Array, c: Compression, rawLength: number): Buffer {
  let out: Buffer;
  if (c === 'deflate') out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(rawLength, 1) });
  else if (c === 'brotli') out = zlib.brotliDecompressSync(data, { maxOutputLength: Math.max(rawLength, 1) });
  else out = Buffer.from(data.buffer, data.byteOffset, data.length);
  if (out.length !== rawLength) throw new Error(`decompressed to ${out.length} bytes, expected ${rawLength}`);
  return out;
}

function sha256(parts: Uint8Array[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

/** Encode snapshot data as the pieces of a file, in order (write them one after another, or concatenate). */
export function encodeSnapshotFile(s: SnapshotData, options: SaveOptions = {}): { chunks: Buffer[]; info: SnapshotFileInfo } {
  const t0 = performance.now();
  const compression = options.compression ?? 'brotli';
  const level = options.level ?? 1;
  const packed = packRam(s.ram);
  const state: StateSection = {
    harts: s.harts, clock: s.clock, halted: s.halted, parts: s.parts, drives: s.drives,
    ram: { pageSize: packed.pageSize, pageCount: packed.pageCount, index: packed.index },
  };
  const stateRaw = snapshotPackr.pack(state);
  const stateChunks = [compress(stateRaw, compression, level)];
  // Pages are gathered into one reused scratch chunk: no second copy of RAM is made.
  const pageChunks: Buffer[] = [];
  const perChunk = SNAPSHOT_FILE.chunkSize / packed.pageSize;
  const scratch = Buffer.allocUnsafe(Math.min(packed.unique.length, perChunk) * packed.pageSize);
  for (let first = 0; first < packed.unique.length; first += perChunk) {
    const group = packed.unique.slice(first, first + perChunk);
    group.forEach((p, i) => scratch.set(p, i * packed.pageSize));
    pageChunks.push(compress(scratch.subarray(0, group.length * packed.pageSize), compression, level));
  }
  const uniqueBytes = packed.unique.length * packed.pageSize;
  const section = (offset: number, chunks: Buffer[], rawLength: number): Section => ({
    offset, length: chunks.reduce((n, c) => n + c.length, 0), rawLength, sha256: sha256(chunks), chunks: chunks.map((c) => c.length),
  });
  // Offsets are relative to the end of the header, so the header's own length does not matter.
  const stateSection = section(0, stateChunks, stateRaw.length);
  const pagesSection = section(stateSection.length, pageChunks, uniqueBytes);
  const partSchemas: Record<string, number> = {};
  for (const p of s.parts) partSchemas[p.name] = p.version;
  const header: SnapshotHeader = {
    formatVersion: SNAPSHOT_FILE.formatVersion, schemas: s.schemas, partSchemas, configHash: s.configHash, config: s.config,
    compression, level, state: stateSection, pages: pagesSection,
  };
  const headerBytes = snapshotPackr.pack(header);
  const fixed = Buffer.alloc(SNAPSHOT_FILE.headerOffset);
  fixed.write(SNAPSHOT_FILE.magic, 0, 'latin1');
  fixed.writeUInt32LE(SNAPSHOT_FILE.formatVersion, SNAPSHOT_FILE.formatVersionOffset);
  fixed.writeUInt32LE(headerBytes.length, SNAPSHOT_FILE.headerLengthOffset);
  createHash('sha256').update(headerBytes).digest().copy(fixed, SNAPSHOT_FILE.headerSumOffset);
  const chunks = [fixed, headerBytes, ...stateChunks, ...pageChunks];
  return {
    chunks,
    info: {
      bytes: chunks.reduce((n, c) => n + c.length, 0), ramBytes: packed.index.length === 0 ? 0 : countNonZero(packed.index) * packed.pageSize,
      uniquePages: packed.unique.length, compression, level, seconds: (performance.now() - t0) / 1000,
    },
  };
}

function countNonZero(index: Uint8Array): number {
  const a = new Uint32Array(Uint8Array.from(index).buffer);
  let n = 0;
  for (const k of a) if (k !== 0) n++;
  return n;
}

/**
 * Decode file bytes into snapshot data. Throws {@link SnapshotError}:
 * 'truncated', 'corrupt' (bad magic, checksum or contents), 'format-version'
 * or 'schema-version' (a core part newer than this Orrery), saying which.
 */
export function decodeSnapshotFile(bytes: Uint8Array): SnapshotData {
  const F = SNAPSHOT_FILE;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (buf.length >= 8 && buf.toString('latin1', 0, 8) !== F.magic) {
    throw new SnapshotError('corrupt', 'not an Orrery snapshot (bad magic bytes)');
  }
  if (buf.length < F.headerOffset) throw new SnapshotError('truncated', `truncated: ${buf.length} bytes, shorter than the ${F.headerOffset}-byte file prologue`);
  const version = buf.readUInt32LE(F.formatVersionOffset);
  if (version !== F.formatVersion) {
    throw new SnapshotError('format-version', `unknown snapshot format version ${version} (this Orrery reads version ${F.formatVersion})`);
  }
  const headerLength = buf.readUInt32LE(F.headerLengthOffset);
  const headerEnd = F.headerOffset + headerLength;
  if (headerEnd > buf.length) throw new SnapshotError('truncated', `truncated: the header needs ${headerEnd} bytes, the file has ${buf.length}`);
  const headerBytes = buf.subarray(F.headerOffset, headerEnd);
  const headerSum = createHash('sha256').update(headerBytes).digest();
  if (!headerSum.equals(buf.subarray(F.headerSumOffset, F.headerOffset))) {
    throw new SnapshotError('corrupt', 'corrupted: the header checksum does not match');
  }
  let header: SnapshotHeader;
  try {
    header = snapshotPackr.unpack(headerBytes) as SnapshotHeader;
  } catch (e) {
    throw new SnapshotError('corrupt', `corrupted: the header does not decode (${(e as Error).message})`);
  }
  for (const [name, have] of Object.entries(CORE_SCHEMAS)) {
    const saved = header.schemas?.[name];
    if (saved !== undefined && saved > have) {
      throw new SnapshotError('schema-version', `${name} state is schema version ${saved}, newer than version ${have} that this Orrery understands`);
    }
  }
  const section = (name: string, s: Section): Buffer[] => {
    const start = headerEnd + s.offset;
    const end = start + s.length;
    if (end > buf.length) throw new SnapshotError('truncated', `truncated: the ${name} section ends at byte ${end}, the file has ${buf.length}`);
    const stored = buf.subarray(start, end);
    if (sha256([stored]) !== s.sha256) throw new SnapshotError('corrupt', `corrupted: the checksum of the ${name} section does not match`);
    const out: Buffer[] = [];
    let at = 0;
    let produced = 0;
    try {
      for (const n of s.chunks) {
        // Every chunk but the last holds chunkSize raw bytes (the state section is one chunk).
        const raw = name === 'state' ? s.rawLength : Math.min(F.chunkSize, s.rawLength - produced);
        out.push(decompress(stored.subarray(at, at + n), header.compression, raw));
        at += n;
        produced += raw;
      }
    } catch (e) {
      throw new SnapshotError('corrupt', `corrupted: the ${name} section does not decompress (${(e as Error).message})`);
    }
    return out;
  };
  if (buf.length > headerEnd + header.state.length + header.pages.length) {
    throw new SnapshotError('corrupt', `corrupted: ${buf.length - headerEnd - header.state.length - header.pages.length} unexpected bytes after the sections`);
  }
  const [stateRaw] = section('state', header.state);
  const pages = section('pages', header.pages);
  try {
    const state = snapshotPackr.unpack(stateRaw) as StateSection;
    const ram = unpackRam(state.ram, pages);
    for (const d of state.drives) deltaBlocks(d);
    return {
      config: header.config, configHash: header.configHash, schemas: header.schemas,
      harts: state.harts, clock: state.clock, halted: state.halted,
      parts: state.parts.map((p) => ({ name: p.name, version: p.version, state: p.state as DeviceState })),
      drives: state.drives, ram,
    };
  } catch (e) {
    throw new SnapshotError('corrupt', `corrupted: the state does not decode (${(e as Error).message})`);
  }
}
