/**
 * A growable byte buffer with the WebAssembly binary format's primitive
 * encodings (spec §5.2 "Values"): LEB128 integers, IEEE-754 floats, names,
 * and size-prefixed regions (sections, function bodies).
 *
 * It is on the translation path, so nothing here allocates per value except
 * for i64 constants outside ±2^53 (which need BigInt arithmetic).
 */

const INITIAL_CAPACITY = 4096;
/** Bytes reserved for a size prefix before the size is known: the longest u32 LEB128. */
const SIZE_PREFIX_RESERVE = 5;
/** 2^53: every integer up to it in magnitude is exact as a number. */
const MAX_EXACT = 2 ** 53;
const I64_MIN = -(2n ** 63n);
const U64_LIMIT = 2n ** 64n;

/** Growable little-endian byte buffer for WebAssembly binaries. */
export class WasmByteWriter {
  private buf: Uint8Array;
  private view: DataView;
  /** Number of bytes written so far. */
  pos = 0;

  constructor(capacity = INITIAL_CAPACITY) {
    this.buf = new Uint8Array(capacity);
    this.view = new DataView(this.buf.buffer);
  }

  /** Forgets the contents, keeping the storage for the next module. */
  reset(): void {
    this.pos = 0;
  }

  /** A copy of the bytes written so far. */
  toBytes(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  byte(b: number): void {
    if (this.pos >= this.buf.length) this.ensure(1);
    this.buf[this.pos++] = b;
  }

  bytes(src: ArrayLike<number>): void {
    this.ensure(src.length);
    for (let i = 0; i < src.length; i++) this.buf[this.pos++] = src[i];
  }

  /** Appends bytes [start, end) of another writer. */
  copyFrom(other: WasmByteWriter, start: number, end: number): void {
    this.ensure(end - start);
    this.buf.set(other.buf.subarray(start, end), this.pos);
    this.pos += end - start;
  }

  /** Unsigned LEB128 of an integer in [0, 2^32). */
  u32(value: number): void {
    if (!(value >= 0 && value <= 0xffffffff && Number.isInteger(value))) {
      throw new RangeError(`not a u32: ${value}`);
    }
    this.ensure(SIZE_PREFIX_RESERVE);
    let v = value >>> 0;
    const buf = this.buf;
    while (v >= 0x80) {
      buf[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[this.pos++] = v;
  }

  /** Signed LEB128 of an i32, accepting [-2^31, 2^32) (values ≥ 2^31 wrap as two's complement). */
  s32(value: number): void {
    if (!(value >= -0x80000000 && value <= 0xffffffff && Number.isInteger(value))) {
      throw new RangeError(`not an i32: ${value}`);
    }
    this.ensure(SIZE_PREFIX_RESERVE);
    let v = value | 0;
    const buf = this.buf;
    for (;;) {
      const b = v & 0x7f;
      v >>= 7;
      if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
        buf[this.pos++] = b;
        return;
      }
      buf[this.pos++] = b | 0x80;
    }
  }

  /** Signed LEB128 of an i64, accepting [-2^63, 2^64) (values ≥ 2^63 wrap as two's complement). */
  s64(value: bigint): void {
    this.ensure(10);
    // One conversion instead of two BigInt comparisons: Number() rounds monotonically, so only
    // values within ±(2^53 - 1) come out as safe integers, and those exactly.
    const n = Number(value);
    if (Number.isSafeInteger(n)) {
      this.s64Number(n);
      return;
    }
    if (value < I64_MIN || value >= U64_LIMIT) throw new RangeError(`not an i64: ${value}`);
    let v = BigInt.asIntN(64, value);
    for (;;) {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) {
        this.buf[this.pos++] = b;
        return;
      }
      this.buf[this.pos++] = b | 0x80;
    }
  }

  /**
   * Signed LEB128 of an i64 given as a safe integer (|value| ≤ 2^53), with
   * float arithmetic instead of BigInt: the code generator's constants (pcs,
   * offsets) are numbers, so this path allocates nothing.
   */
  s64Number(value: number): void {
    if (!(Number.isInteger(value) && Math.abs(value) <= MAX_EXACT)) throw new RangeError(`not an exact integer: ${value}`);
    this.ensure(10);
    let v = value;
    const buf = this.buf;
    for (;;) {
      const q = Math.floor(v / 128);
      const b = v - q * 128;
      v = q;
      if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
        buf[this.pos++] = b;
        return;
      }
      buf[this.pos++] = b | 0x80;
    }
  }

  /** IEEE-754 binary32, little-endian. */
  f32(value: number): void {
    this.ensure(4);
    this.view.setFloat32(this.pos, value, true);
    this.pos += 4;
  }

  /** Raw 32 bits (an f32 given by its bit pattern), little-endian. */
  u32Fixed(bits: number): void {
    this.ensure(4);
    this.view.setUint32(this.pos, bits >>> 0, true);
    this.pos += 4;
  }

  /** IEEE-754 binary64, little-endian. */
  f64(value: number): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, value, true);
    this.pos += 8;
  }

  /** Raw 64 bits (an f64 given by its bit pattern), little-endian. */
  u64Fixed(bits: bigint): void {
    this.ensure(8);
    this.view.setBigUint64(this.pos, BigInt.asUintN(64, bits), true);
    this.pos += 8;
  }

  /** A name: u32 byte length then UTF-8 (spec §5.2.4). */
  name(s: string): void {
    let ascii = true;
    for (let i = 0; i < s.length; i++) {
      if (s.charCodeAt(i) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      this.u32(s.length);
      this.ensure(s.length);
      for (let i = 0; i < s.length; i++) this.buf[this.pos++] = s.charCodeAt(i);
      return;
    }
    this.bytesWithSize(new TextEncoder().encode(s));
  }

  /** A u32 length then the bytes (vec(byte)). */
  bytesWithSize(src: ArrayLike<number>): void {
    this.u32(src.length);
    this.bytes(src);
  }

  /**
   * Starts a region whose byte length must precede it (a section, a function
   * body). Returns the mark to pass to {@link endSized}.
   */
  beginSized(): number {
    this.ensure(SIZE_PREFIX_RESERVE);
    const mark = this.pos;
    this.pos += SIZE_PREFIX_RESERVE;
    return mark;
  }

  /**
   * Ends a region begun at `mark`: writes its length as a minimal LEB128
   * and closes the gap, so the output matches canonical encoders
   * byte for byte. Returns the region's length (without the prefix).
   */
  endSized(mark: number): number {
    const start = mark + SIZE_PREFIX_RESERVE;
    const length = this.pos - start;
    let prefix = 1;
    for (let v = length >>> 7; v !== 0; v >>>= 7) prefix++;
    let v = length;
    let p = mark;
    while (v >= 0x80) {
      this.buf[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[p++] = v;
    if (prefix !== SIZE_PREFIX_RESERVE) {
      this.buf.copyWithin(mark + prefix, start, this.pos);
      this.pos -= SIZE_PREFIX_RESERVE - prefix;
    }
    return length;
  }
}
