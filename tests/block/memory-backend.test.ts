import { describe, expect, it } from 'vitest';
import { MemoryBackend } from '../../core/block/memory-backend';

describe('MemoryBackend', () => {
  it('starts zero-filled or as a copy of the given bytes', () => {
    const zero = new MemoryBackend(1024);
    const buf = new Uint8Array(4).fill(9);
    zero.read(1020, buf);
    expect([...buf]).toEqual([0, 0, 0, 0]);
    const src = new Uint8Array(512).fill(3);
    const copy = new MemoryBackend(src);
    src[0] = 4;
    copy.read(0, buf);
    expect([...buf]).toEqual([3, 3, 3, 3]);
  });

  it('tracks written 4 KiB blocks with their current contents', () => {
    const b = new MemoryBackend(16384);
    b.write(8190, Uint8Array.of(1, 2, 3, 4));
    expect([...b.writtenBlocks().keys()]).toEqual([1, 2]);
    expect(b.writtenBlocks().get(2)?.subarray(0, 2)).toEqual(Uint8Array.of(3, 4));
  });

  it('refuses sizes that are not whole sectors, writes when read-only, and ranges past the end', () => {
    expect(() => new MemoryBackend(1000)).toThrow(/multiple of 512/);
    expect(() => new MemoryBackend(512, { readOnly: true }).write(0, Uint8Array.of(1))).toThrow(/read-only/);
    expect(() => new MemoryBackend(512).read(510, new Uint8Array(4))).toThrow(RangeError);
  });
});
