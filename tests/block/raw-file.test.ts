import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DELTA_BLOCK_SIZE } from '../../core/block/block-backend';
import { RawFileBackend } from '../../core/block/raw-file';

let dir: string;
let image: string;
const opened: RawFileBackend[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orrery-raw-'));
  image = path.join(dir, 'disk.img');
  fs.writeFileSync(image, new Uint8Array(3 * DELTA_BLOCK_SIZE + 512).map((_, i) => i & 0xff));
});

afterEach(() => {
  for (const b of opened.splice(0)) b.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function open(readOnly: boolean, p = image): RawFileBackend {
  const b = RawFileBackend.open(p, { readOnly });
  opened.push(b);
  return b;
}

describe('RawFileBackend', () => {
  it('reports the file size and reads bytes at any offset', () => {
    const b = open(true);
    expect(b.size).toBe(3 * DELTA_BLOCK_SIZE + 512);
    expect(b.readOnly).toBe(true);
    const buf = new Uint8Array(8);
    b.read(1000, buf);
    expect([...buf]).toEqual([1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007].map((x) => x & 0xff));
  });

  it('writes go to the file and are listed as written 4 KiB blocks', () => {
    const b = open(false);
    b.write(DELTA_BLOCK_SIZE - 2, Uint8Array.of(0xaa, 0xbb, 0xcc, 0xdd));
    b.write(3 * DELTA_BLOCK_SIZE, new Uint8Array(512).fill(7));
    b.flush();
    const file = fs.readFileSync(image);
    expect([...file.subarray(DELTA_BLOCK_SIZE - 2, DELTA_BLOCK_SIZE + 2)]).toEqual([0xaa, 0xbb, 0xcc, 0xdd]);
    const blocks = b.writtenBlocks();
    expect([...blocks.keys()]).toEqual([0, 1, 3]);
    expect(blocks.get(1)?.length).toBe(DELTA_BLOCK_SIZE);
    expect(blocks.get(3)).toEqual(new Uint8Array(512).fill(7));
    expect(blocks.get(0)?.subarray(DELTA_BLOCK_SIZE - 2)).toEqual(Uint8Array.of(0xaa, 0xbb));
  });

  it('refuses writes when opened read-only and leaves the file unchanged', () => {
    const before = fs.readFileSync(image);
    const b = open(true);
    expect(() => b.write(0, Uint8Array.of(1))).toThrow(/read-only/);
    expect(fs.readFileSync(image).equals(before)).toBe(true);
    expect(b.writtenBlocks().size).toBe(0);
  });

  it('throws a RangeError for accesses past the end', () => {
    const b = open(false);
    expect(() => b.read(b.size - 4, new Uint8Array(8))).toThrow(RangeError);
    expect(() => b.write(-1, new Uint8Array(1))).toThrow(RangeError);
  });

  it('refuses use after close', () => {
    const b = open(true);
    b.close();
    expect(() => b.read(0, new Uint8Array(1))).toThrow(/closed/);
  });

  it('names the path when the file is missing', () => {
    const missing = path.join(dir, 'nope.img');
    expect(() => open(true, missing)).toThrow(`cannot open disk image '${missing}': no such file`);
  });

  it('names the path when it is a directory', () => {
    expect(() => open(true, dir)).toThrow(`cannot open disk image '${dir}': is a directory`);
    expect(() => open(false, dir)).toThrow(`cannot open disk image '${dir}': is a directory`);
  });

  it('names the path when the size is not a multiple of 512', () => {
    const odd = path.join(dir, 'odd.img');
    fs.writeFileSync(odd, new Uint8Array(1000));
    expect(() => open(true, odd)).toThrow(`cannot open disk image '${odd}': its size (1000 bytes) is not a multiple of 512 bytes`);
  });

  it('names the path when the file is not readable', () => {
    fs.chmodSync(image, 0o000);
    fs.chmodSync(dir, 0o755);
    // root reads anything: drop to an unprivileged effective uid for the attempt.
    const root = process.getuid?.() === 0;
    if (root) process.seteuid?.(65534);
    try {
      expect(() => RawFileBackend.open(image, { readOnly: true })).toThrow(`cannot open disk image '${image}': permission denied`);
    } finally {
      if (root) process.seteuid?.(0);
    }
  });
});
