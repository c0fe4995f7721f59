import { PAGE_SIZE } from '../../core/exec/env';
import { RiscvMachine } from '../../core/machine/riscv-machine';
import { ElfFile } from '../../core/loader/elf';
import { AddressTracker, disassembleRange } from '../../core/target/riscv/disasm';
import { mimeBundle, MimeBundle } from '../display';
import { readGuestMemory } from './guest-memory';
import { hex, toAddress } from './number-format';
import { hartOf } from './page-walk';
import { Column, htmlTable, textTable } from './table';

/** One disassembled instruction. */
export interface DisasmLine {
  pc: bigint;
  /** The instruction bits as objdump prints them (4 or 8 hex digits). */
  bytes: string;
  /** objdump's text (mnemonic, operands, `# address` comments). */
  text: string;
  /** The symbol covering this pc (`main+0x10`), when the machine has an ELF with symbols. */
  symbol?: string;
  /** This is the hart's pc. */
  current: boolean;
  /** A breakpoint is set here. */
  breakpoint: boolean;
}

/** Options of {@link disasm}. */
export interface DisasmOptions {
  /** Hart whose pc and translation apply (default 0). */
  hart?: number;
  /** How many of the `n` instructions come before `pc` (default 4 when `pc` is omitted, else 0). */
  before?: number;
  /** `pc` is a physical address (default false: virtual, translated as the hart fetches). */
  physical?: boolean;
}

/** Longest RISC-V instruction this view decodes (RV64GC: 4 bytes). */
const MAX_INSN_BYTES = 4;

/** Disassembly of guest code around an address. */
export class DisasmView {
  constructor(readonly rows: DisasmLine[], readonly title: string) {}

  toString(): string {
    return textTable(COLUMNS, this.rows, this.title);
  }

  [mimeBundle](): MimeBundle {
    return { 'text/plain': this.toString(), 'text/html': htmlTable(COLUMNS, this.rows, { title: this.title, highlightRow: (r) => r.current }) };
  }
}

const COLUMNS: readonly Column<DisasmLine>[] = [
  { header: '', cell: (r) => `${r.breakpoint ? '●' : ' '}${r.current ? '▶' : ' '}` },
  { header: 'address', cell: (r) => r.pc.toString(16), align: 'right' },
  { header: 'symbol', cell: (r) => r.symbol ?? '' },
  { header: 'bytes', cell: (r) => r.bytes },
  { header: 'instruction', cell: (r) => r.text.replace('\t', ' ') },
];

/**
 * `n` instructions (default 16) from `pc`, or around hart 0's pc when `pc`
 * is omitted (`before` of them, default 4, precede it), as objdump shows
 * them; the current instruction and breakpoints are marked. Memory is
 * read without side effects.
 *
 * ```ts
 * disasm(m)                      // around the pc
 * disasm(m, 0x80000000n, 8)
 * ```
 */
export function disasm(m: RiscvMachine, pc?: bigint | number | string, n = 16, options: DisasmOptions = {}): DisasmView {
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new RangeError(`instruction count ${n} is not an integer in 1..10000`);
  const cpu = hartOf(m, options.hart);
  const at = pc === undefined ? cpu.pc : toAddress(pc, 'pc');
  const before = Math.min(n - 1, options.before ?? (pc === undefined ? 4 : 0));
  const elf = (m as { elf?: ElfFile }).elf;
  const symbolOf = (a: bigint): string | undefined => {
    const s = elf?.symbolAt(a);
    return s ? `${s.symbol.name}${s.offset ? `+0x${s.offset.toString(16)}` : ''}` : undefined;
  };
  const read = (addr: bigint, len: number) => readGuestMemory(m, addr, len, { physical: options.physical, hart: options.hart, access: 'exec' }).bytes;
  const start = findStart(at, before, read);
  let bytes: Uint8Array;
  try {
    bytes = read(start, n * MAX_INSN_BYTES);
  } catch {
    // The next page may be unmapped: show what there is up to the end of this one (errors about `at` itself stand).
    bytes = read(start, Number(at - start) + PAGE_SIZE - Number(at & BigInt(PAGE_SIZE - 1)));
  }
  const printAddress = (a: bigint) => { const s = symbolOf(a); return s ? `${a.toString(16)} <${s}>` : a.toString(16); };
  const rows = disassembleRange(bytes, start, 64, { tracker: new AddressTracker(), printAddress })
    .filter((r) => !r.text.startsWith('.byte') && !(r.len === 2 && (r.raw & 3) === 3))
    .slice(0, n)
    .map((r): DisasmLine => ({
      pc: r.pc,
      bytes: r.raw.toString(16).padStart(r.len * 2, '0'),
      text: r.text,
      ...(symbolOf(r.pc) ? { symbol: symbolOf(r.pc) } : {}),
      current: r.pc === cpu.pc,
      breakpoint: m.engine.breakpoints.has(r.pc),
    }));
  return new DisasmView(rows, `${options.physical ? 'physical ' : ''}${hex(at)}${at === cpu.pc ? ` (hart ${options.hart ?? 0} pc)` : ''}`);
}

/**
 * Where to start decoding so that `before` instructions precede `at`. With
 * compressed instructions code cannot be decoded backwards, so try starts at
 * decreasing 2-byte offsets and keep the earliest one whose decoding lands
 * exactly on `at` (falling back to `at` itself, e.g. at the start of a page).
 */
function findStart(at: bigint, before: number, read: (addr: bigint, len: number) => Uint8Array): bigint {
  for (let back = before * MAX_INSN_BYTES; back > 0; back -= 2) {
    const start = at - BigInt(back);
    let bytes: Uint8Array;
    try {
      bytes = read(start, back);
    } catch {
      continue;
    }
    let off = 0;
    let count = 0;
    while (off < back) {
      off += (bytes[off] & 3) === 3 ? 4 : 2;
      count++;
    }
    if (off === back && count <= before) return start;
  }
  return at;
}
