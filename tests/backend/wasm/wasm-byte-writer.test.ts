import { describe, it, expect } from 'vitest';
import { WasmByteWriter } from '../../../core/backend/wasm/wasm-byte-writer';
import { readSigned, readU32 } from './wasm-sections';

function bytesOf(write: (w: WasmByteWriter) => void): number[] {
  const w = new WasmByteWriter(16);
  write(w);
  return [...w.toBytes()];
}

describe('LEB128 and fixed-width encodings', () => {
  it('signed i64 LEB128 of -1, -2^63 and 2^63-1 matches the spec examples', () => {
    expect(bytesOf((w) => w.s64(-1n))).toEqual([0x7f]);
    expect(bytesOf((w) => w.s64(-(2n ** 63n)))).toEqual([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f]);
    expect(bytesOf((w) => w.s64(2n ** 63n - 1n))).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00]);
    expect(bytesOf((w) => w.s64(64n))).toEqual([0xc0, 0x00]); // bit 6 set needs a sign byte
    expect(bytesOf((w) => w.s64(-65n))).toEqual([0xbf, 0x7f]);
  });

  it('signed i64 LEB128 decodes back to the two-s complement value across the fast and BigInt paths', () => {
    const values = [0n, 1n, -1n, 63n, -64n, 2n ** 53n, -(2n ** 53n), 2n ** 53n + 1n, -(2n ** 53n) - 1n,
      2n ** 62n, -(2n ** 62n), 0x7fffffffn, -0x80000000n, 0xffffffff80000000n, 2n ** 64n - 1n];
    let x = 0x2545f491; // xorshift32: reproducible spread of magnitudes
    for (let k = 0; k < 200; k++) {
      x ^= x << 13; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
      values.push(BigInt.asIntN(64, BigInt(x) << BigInt(k % 40)) - BigInt(k));
    }
    for (const v of values) {
      const w = new WasmByteWriter(4);
      w.s64(v);
      const bytes = w.toBytes();
      const [decoded, end] = readSigned(bytes, 0);
      expect(decoded, String(v)).toBe(BigInt.asIntN(64, v));
      expect(end).toBe(bytes.length);
      expect(bytes.length).toBeLessThanOrEqual(10);
    }
  });

  it('i64 values outside [-2^63, 2^64) are refused rather than silently truncated', () => {
    expect(() => bytesOf((w) => w.s64(2n ** 64n))).toThrow(RangeError);
    expect(() => bytesOf((w) => w.s64(-(2n ** 63n) - 1n))).toThrow(RangeError);
  });

  it('signed i32 LEB128 wraps values in [2^31, 2^32) and is minimal', () => {
    expect(bytesOf((w) => w.s32(-1))).toEqual([0x7f]);
    expect(bytesOf((w) => w.s32(0xffffffff))).toEqual([0x7f]);
    expect(bytesOf((w) => w.s32(-0x80000000))).toEqual([0x80, 0x80, 0x80, 0x80, 0x78]);
    expect(bytesOf((w) => w.s32(0x7fffffff))).toEqual([0xff, 0xff, 0xff, 0xff, 0x07]);
    expect(() => bytesOf((w) => w.s32(2 ** 32))).toThrow(RangeError);
  });

  it('unsigned LEB128 covers the whole u32 range (large memarg offsets)', () => {
    expect(bytesOf((w) => w.u32(0))).toEqual([0]);
    expect(bytesOf((w) => w.u32(624485))).toEqual([0xe5, 0x8e, 0x26]);
    expect(bytesOf((w) => w.u32(0xffffffff))).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
    expect(readU32(new Uint8Array(bytesOf((w) => w.u32(0xfffffff0))), 0)[0]).toBe(0xfffffff0);
    expect(() => bytesOf((w) => w.u32(-1))).toThrow(RangeError);
    expect(() => bytesOf((w) => w.u32(2 ** 32))).toThrow(RangeError);
  });

  it('floats are little-endian IEEE-754 and raw bits survive (NaN payloads, -0)', () => {
    expect(bytesOf((w) => w.f64(-0))).toEqual([0, 0, 0, 0, 0, 0, 0, 0x80]);
    expect(bytesOf((w) => w.u64Fixed(0x7ff0000000000001n))).toEqual([1, 0, 0, 0, 0, 0, 0xf0, 0x7f]);
    expect(bytesOf((w) => w.f32(1.5))).toEqual([0, 0, 0xc0, 0x3f]);
    expect(bytesOf((w) => w.u32Fixed(0xffa00001))).toEqual([1, 0, 0xa0, 0xff]);
  });

  it('a size-prefixed region gets a minimal LEB128 length, however long it is', () => {
    for (const n of [0, 1, 127, 128, 16383, 16384, 300000]) {
      const w = new WasmByteWriter(8);
      w.byte(0xaa);
      const mark = w.beginSized();
      for (let i = 0; i < n; i++) w.byte(i & 0xff);
      expect(w.endSized(mark)).toBe(n);
      const bytes = w.toBytes();
      const [len, start] = readU32(bytes, 1);
      expect(len).toBe(n);
      expect(bytes.length).toBe(start + n);
      expect(bytes[start + n - 1]).toBe(n === 0 ? 0 : (n - 1) & 0xff);
    }
  });

  it('names are length-prefixed UTF-8', () => {
    expect(bytesOf((w) => w.name('env'))).toEqual([3, 0x65, 0x6e, 0x76]);
    expect(bytesOf((w) => w.name('π'))).toEqual([2, 0xcf, 0x80]);
  });
});
