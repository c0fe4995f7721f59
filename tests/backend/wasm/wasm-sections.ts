/**
 * Test support: splits a WebAssembly binary into its sections and function
 * bodies, independently of the encoder under test, so encoded bytes can be
 * compared with what wabt produces from the printed text.
 */

export interface WasmSection {
  readonly id: number;
  /** The section's content (after id and size). */
  readonly content: Uint8Array;
}

export function readU32(bytes: Uint8Array, pos: number): [value: number, next: number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b & 0x80) === 0) return [result, pos];
  }
}

/** Decodes a signed LEB128 (any width) as a bigint. */
export function readSigned(bytes: Uint8Array, pos: number): [value: bigint, next: number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    const b = bytes[pos++];
    result |= BigInt(b & 0x7f) << shift;
    shift += 7n;
    if ((b & 0x80) === 0) {
      if (b & 0x40) result -= 1n << shift;
      return [result, pos];
    }
  }
}

export function sections(bytes: Uint8Array): WasmSection[] {
  const out: WasmSection[] = [];
  let pos = 8;
  while (pos < bytes.length) {
    const id = bytes[pos++];
    const [size, start] = readU32(bytes, pos);
    out.push({ id, content: bytes.subarray(start, start + size) });
    pos = start + size;
  }
  return out;
}

/** All sections except custom ones (id 0), as hex, for byte-exact comparison. */
export function nonCustomSectionsHex(bytes: Uint8Array): string[] {
  return sections(bytes)
    .filter((s) => s.id !== 0)
    .map((s) => `${s.id}:${Buffer.from(s.content).toString('hex')}`);
}

/** The bodies (locals + code + end) of the code section, in order. */
export function functionBodies(bytes: Uint8Array): Uint8Array[] {
  const code = sections(bytes).find((s) => s.id === 10);
  if (!code) return [];
  const c = code.content;
  let [count, pos] = readU32(c, 0);
  const bodies: Uint8Array[] = [];
  while (count-- > 0) {
    const [size, start] = readU32(c, pos);
    bodies.push(c.subarray(start, start + size));
    pos = start + size;
  }
  return bodies;
}
