import * as fs from 'node:fs';
import { BlockBackend, checkBlockRange, DELTA_BLOCK_SIZE, deltaBlocksOf, SECTOR_SIZE } from './block-backend';

/** Options of {@link RawFileBackend.open}. */
export interface RawFileOptions {
  /** Open the file read-only and refuse writes (default false: writes go to the file). */
  readOnly?: boolean;
}

/** Host error codes worth a plain-words explanation. */
const OPEN_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  EROFS: 'the file system is read-only (use readOnly)',
  ENOTDIR: 'a path component is not a directory',
  ELOOP: 'too many symbolic links',
};

/**
 * A raw disk image file (`format=raw`), read and written in place through a
 * file descriptor with synchronous calls: the image is never loaded whole,
 * so multi-gigabyte disks cost no host memory.
 */
export class RawFileBackend implements BlockBackend {
  private fd: number | undefined;
  private readonly written = new Set<number>();

  private constructor(
    /** Path of the image, as given to {@link RawFileBackend.open}. */
    readonly path: string,
    fd: number,
    readonly size: number,
    readonly readOnly: boolean,
  ) {
    this.fd = fd;
  }

  get description(): string {
    return this.path;
  }

  /**
   * Open a raw image. Throws one Error naming the path when the file is
   * missing, is not a regular file, cannot be opened with the requested
   * access, or is not a multiple of 512 bytes long.
   */
  static open(path: string, options: RawFileOptions = {}): RawFileBackend {
    const readOnly = options.readOnly ?? false;
    const fail = (why: string): never => {
      throw new Error(`cannot open disk image '${path}': ${why}`);
    };
    let fd: number;
    try {
      fd = fs.openSync(path, readOnly ? 'r' : 'r+');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      return fail(OPEN_ERRORS[code] ?? (e as Error).message);
    }
    try {
      const st = fs.fstatSync(fd);
      // Opening a directory read-only succeeds on Linux, so the type is checked after open.
      if (st.isDirectory()) fail('is a directory');
      if (!st.isFile()) fail('not a regular file');
      if (st.size % SECTOR_SIZE !== 0) {
        fail(`its size (${st.size} bytes) is not a multiple of ${SECTOR_SIZE} bytes`);
      }
      return new RawFileBackend(path, fd, st.size, readOnly);
    } catch (e) {
      fs.closeSync(fd);
      if ((e as Error).message.startsWith('cannot open disk image')) throw e;
      const code = (e as NodeJS.ErrnoException).code ?? '';
      return fail(OPEN_ERRORS[code] ?? (e as Error).message);
    }
  }

  read(offset: number, into: Uint8Array): void {
    const fd = this.descriptor();
    checkBlockRange(this.path, this.size, offset, into.length);
    let done = 0;
    while (done < into.length) {
      const n = fs.readSync(fd, into, done, into.length - done, offset + done);
      if (n === 0) throw new Error(`${this.path}: unexpected end of file at ${offset + done} (was the image truncated?)`);
      done += n;
    }
  }

  write(offset: number, data: Uint8Array): void {
    const fd = this.descriptor();
    if (this.readOnly) throw new Error(`${this.path} is opened read-only`);
    checkBlockRange(this.path, this.size, offset, data.length);
    let done = 0;
    while (done < data.length) {
      done += fs.writeSync(fd, data, done, data.length - done, offset + done);
    }
    for (const b of deltaBlocksOf(offset, data.length)) this.written.add(b);
  }

  flush(): void {
    const fd = this.descriptor();
    if (!this.readOnly) fs.fdatasyncSync(fd);
  }

  writtenBlocks(): Map<number, Uint8Array> {
    const out = new Map<number, Uint8Array>();
    for (const b of [...this.written].sort((x, y) => x - y)) {
      const start = b * DELTA_BLOCK_SIZE;
      const block = new Uint8Array(Math.min(this.size, start + DELTA_BLOCK_SIZE) - start);
      this.read(start, block);
      out.set(b, block);
    }
    return out;
  }

  close(): void {
    if (this.fd === undefined) return;
    fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private descriptor(): number {
    if (this.fd === undefined) throw new Error(`${this.path} is closed`);
    return this.fd;
  }
}
