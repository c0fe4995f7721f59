/** How the views print numbers: addresses and register values in hex, as objdump and QEMU's monitor do. */

/** A 64-bit value as 16 hex digits (`0000000080000000`). */
export function hex64(v: bigint): string {
  return BigInt.asUintN(64, v).toString(16).padStart(16, '0');
}

/** A value as `0x…` with at least `digits` hex digits. */
export function hex(v: bigint | number, digits = 1): string {
  const n = typeof v === 'bigint' ? BigInt.asUintN(64, v) : v;
  return `0x${n.toString(16).padStart(digits, '0')}`;
}

/** Parse an address given as a bigint, a safe integer number or a string (`'0x80000000'`, `'2147483648'`). */
export function toAddress(value: bigint | number | string, what = 'address'): bigint {
  if (typeof value === 'bigint') return BigInt.asUintN(64, value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} ${value} is not a non-negative integer`);
    return BigInt(value);
  }
  const s = value.trim();
  if (!/^(0x[0-9a-f_]+|[0-9_]+)$/i.test(s)) throw new RangeError(`${what} '${value}' is not a number (write 0x80000000 or 2147483648)`);
  return BigInt(s.replace(/_/g, ''));
}
