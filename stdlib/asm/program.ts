/**
 * The result of assembling: bytes at an address, the symbol table and a
 * listing, displayable in a notebook and loadable into a machine.
 */
import { disassembleRange } from '../../core/target/riscv/disasm';
import { mimeBundle, type MimeBundle } from '../display';

/** One statement of the listing. */
export interface ListingRow {
  /** Address of the statement's first byte. */
  readonly address: bigint;
  /** The bytes it assembled to (empty for labels, equates and options). */
  readonly bytes: Uint8Array;
  /** The statement's source text. */
  readonly source: string;
  /** 1-based source line. */
  readonly line: number;
  /** Instructions, data, or a zero-size statement (label, equate). */
  readonly kind: 'insn' | 'data' | 'label';
}

/** Anything with guest physical memory to write to (every `RiscvMachine`). */
export interface PhysicalMemoryTarget {
  readonly bus: { writePhys(paddr: bigint, data: Uint8Array): void };
}

const hex = (v: bigint | number, width = 0) => v.toString(16).padStart(width, '0');
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Assembled machine code: `bytes` belong at `address`. */
export class AssembledProgram {
  constructor(
    /** The program's bytes, in address order. */
    readonly bytes: Uint8Array,
    /** Guest physical address of `bytes[0]`. */
    readonly address: bigint,
    /** Labels and equates (numeric local labels are not listed). */
    readonly symbols: Map<string, bigint>,
    /** One row per statement, in source order. */
    readonly listing: readonly ListingRow[],
  ) {}

  /** Address just past the last byte. */
  get end(): bigint {
    return this.address + BigInt(this.bytes.length);
  }

  /** The value of symbol `name` (throws when it is not defined). */
  symbol(name: string): bigint {
    const v = this.symbols.get(name);
    if (v === undefined) throw new RangeError(`no symbol '${name}' in this program`);
    return v;
  }

  /**
   * Write the bytes into `machine`'s guest physical memory at
   * {@link address} (translated code there is invalidated) and return this
   * program. Point a hart at it with `machine.cpu.pc = program.address`.
   */
  load(machine: PhysicalMemoryTarget): this {
    machine.bus.writePhys(this.address, this.bytes);
    return this;
  }

  /** The listing as objdump-style lines: address, bytes, disassembly or data, source. */
  listingRows(): { address: string; bytes: string; text: string; source: string; line: number }[] {
    const rows: { address: string; bytes: string; text: string; source: string; line: number }[] = [];
    for (const r of this.listing) {
      if (r.kind === 'insn') {
        disassembleRange(r.bytes, r.address, 64).forEach((d, i) => {
          const raw = d.len === 2 ? hex(d.raw & 0xffff, 4) : hex(d.raw >>> 0, 8);
          rows.push({ address: hex(d.pc), bytes: raw, text: d.text, source: i === 0 ? r.source : '', line: r.line });
        });
      } else {
        const shown = Array.from(r.bytes.subarray(0, 8), (b) => hex(b, 2)).join(' ') + (r.bytes.length > 8 ? ' …' : '');
        rows.push({ address: r.bytes.length > 0 || r.kind === 'label' ? hex(r.address) : '', bytes: shown, text: '', source: r.source, line: r.line });
      }
    }
    return rows;
  }

  /** Text listing, one row per instruction or statement. */
  toString(): string {
    const rows = this.listingRows();
    const header = `${this.bytes.length} bytes at 0x${hex(this.address)}`;
    return [header, ...rows.map((r) => `${r.address.padStart(10)}  ${r.bytes.padEnd(12)}  ${r.text.replace('\t', ' ').padEnd(28)}  ${r.source}`.trimEnd())].join('\n');
  }

  /** Notebook display: the listing as a table (address, bytes, disassembly, source line). */
  [mimeBundle](): MimeBundle {
    const rows = this.listingRows().map((r) =>
      `<tr><td style="text-align:right">${r.address}</td><td><code>${r.bytes}</code></td>` +
      `<td><code>${escapeHtml(r.text.replace('\t', ' '))}</code></td><td style="color:#666">${r.line}</td><td><code>${escapeHtml(r.source)}</code></td></tr>`);
    const html = `<div class="orrery-asm"><div>${this.bytes.length} bytes at 0x${hex(this.address)}</div>` +
      '<table><thead><tr><th>address</th><th>bytes</th><th>instruction</th><th>line</th><th>source</th></tr></thead>' +
      `<tbody>${rows.join('')}</tbody></table></div>`;
    return { 'text/plain': this.toString(), 'text/html': html };
  }
}
