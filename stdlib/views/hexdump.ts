import { RiscvMachine } from '../../core/machine/riscv-machine';
import { mimeBundle, MimeBundle } from '../display';
import { readGuestMemory } from './guest-memory';
import { hex, toAddress } from './number-format';
import { Column, htmlTable, textTable } from './table';

/** One line of a hexdump: 16 bytes. */
export interface HexdumpLine {
  /** Address of the first byte (as given: virtual unless `physical`). */
  addr: bigint;
  /** The bytes of this line (fewer than 16 on the last line). */
  bytes: number[];
  /** Printable ASCII, '.' for other bytes. */
  ascii: string;
}

/** Options of {@link hexdump}. */
export interface HexdumpOptions {
  /** The address is physical (default false: virtual, translated as hart `hart` loads). */
  physical?: boolean;
  /** Hart whose translation applies (default 0). */
  hart?: number;
}

const BYTES_PER_LINE = 16;

/** Guest memory as `hexdump -C` shows it. */
export class HexdumpView {
  constructor(
    readonly rows: HexdumpLine[],
    /** The whole range's bytes. */
    readonly bytes: Uint8Array,
    readonly title: string,
  ) {}

  toString(): string {
    return [this.title, ...this.rows.map((r) => {
      const cells = Array.from({ length: BYTES_PER_LINE }, (_, i) => (i < r.bytes.length ? r.bytes[i].toString(16).padStart(2, '0') : '  '));
      return `${r.addr.toString(16).padStart(16, '0')}  ${cells.slice(0, 8).join(' ')}  ${cells.slice(8).join(' ')}  |${r.ascii}|`;
    })].join('\n');
  }

  [mimeBundle](): MimeBundle {
    return { 'text/plain': this.toString(), 'text/html': htmlTable(COLUMNS, this.rows, { title: this.title }) };
  }
}

const COLUMNS: readonly Column<HexdumpLine>[] = [
  { header: 'address', cell: (r) => r.addr.toString(16).padStart(16, '0') },
  { header: 'bytes', cell: (r) => r.bytes.map((b) => b.toString(16).padStart(2, '0')).join(' '), pre: true },
  { header: 'ASCII', cell: (r) => r.ascii, pre: true },
];

/**
 * `len` bytes (default 256) of guest memory at `addr`, 16 per line with
 * ASCII, like `hexdump -C`. Virtual addresses are translated as hart 0
 * would load them (read-only walk); `{ physical: true }` reads physical
 * memory. Device registers are refused (reading them has side effects).
 *
 * ```ts
 * hexdump(m, 0x80000000n, 64, { physical: true })
 * ```
 */
export function hexdump(m: RiscvMachine, addr: bigint | number | string, len = 256, options: HexdumpOptions = {}): HexdumpView {
  const start = toAddress(addr);
  const { bytes, paddr } = readGuestMemory(m, start, len, options);
  const rows: HexdumpLine[] = [];
  for (let off = 0; off < bytes.length; off += BYTES_PER_LINE) {
    const line = Array.from(bytes.subarray(off, off + BYTES_PER_LINE));
    rows.push({ addr: start + BigInt(off), bytes: line, ascii: line.map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('') });
  }
  const where = options.physical ? `physical ${hex(start)}` : paddr === start ? hex(start) : `${hex(start)} (physical ${hex(paddr)})`;
  return new HexdumpView(rows, bytes, `${where}, ${len} bytes`);
}
