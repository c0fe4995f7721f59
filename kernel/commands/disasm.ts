/**
 * `orrery disasm prog.elf`: disassemble every executable section of a
 * RISC-V ELF file in GNU objdump's `-d` layout, so the output can be diffed
 * against `riscv64-linux-gnu-objdump -d prog.elf`.
 */
import { readFile } from 'node:fs/promises';
import { ELF, ElfError, parseElf, type ElfFile, type ElfSection, type ElfSymbol } from '../../core/loader/elf';
import { AddressTracker, disassembleAt } from '../../core/target/riscv/disasm';
import { csrNameSet, parseRiscvAttributes } from '../../core/target/riscv/attributes';

const USAGE = 'usage: orrery disasm FILE.elf...';

/**
 * Run `orrery disasm` with the arguments after `disasm`. Writes the listing
 * to stdout; on error writes one line to stderr and returns 1.
 */
export async function disasmCommand(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv.includes('-h') || argv.includes('--help')) {
    (argv.length === 0 ? process.stderr : process.stdout).write(`${USAGE}\n`);
    return argv.length === 0 ? 1 : 0;
  }
  for (const file of argv) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : err.message;
      process.stderr.write(`orrery disasm: ${file}: ${why}\n`);
      return 1;
    }
    try {
      process.stdout.write(objdumpListing(parseElf(bytes, file)));
    } catch (e) {
      if (e instanceof ElfError) {
        process.stderr.write(`orrery disasm: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  }
  return 0;
}

const hex = (v: bigint) => v.toString(16);

/** Name GNU as gives the local labels it makes for %pcrel_lo anchors. */
const FAKE_LABEL = '.L0 ';

/** objdump prints `...` for at least this many zero bytes (or fewer than SKIP_ZEROES_AT_END ending a region). */
const SKIP_ZEROES = 8;
const SKIP_ZEROES_AT_END = 3;

/**
 * The full `objdump -d` text for a parsed ELF file: file-format line, then
 * for each executable section its header, `<symbol>:` lines and
 * `addr:\tbytes\tmnemonic\toperands` rows (runs of zero bytes as `...`).
 */
export function objdumpListing(elf: ElfFile): string {
  const xlen = elf.elfClass;
  const attrs = parseRiscvAttributes(elf.sections.find((s) => s.type === ELF.SHT_RISCV_ATTRIBUTES)?.data ?? new Uint8Array());
  const priv = csrNameSet(attrs.privSpec);
  const tracker = new AddressTracker(elf.symbols.get('__global_pointer$'));
  const vmaDigits = xlen === 64 ? 16 : 8;
  const out: string[] = [`\n${elf.fileName}:     file format elf${xlen}-littleriscv\n\n`];
  // Mapping symbols ($x, $d: psABI) and the assembler's relocation anchors ('.L0 ') are never shown.
  const usable = elf.symbolList.filter(
    (s) => s.shndx !== ELF.SHN_UNDEF && s.shndx !== ELF.SHN_COMMON && s.type !== ELF.STT_SECTION && s.type !== ELF.STT_FILE
      && !/^\$[xd]($|[^a-z])|^\$xrv/.test(s.name) && s.name !== FAKE_LABEL,
  ).map((s) => ({ ...s, name: sanitize(s.name) }));
  const symbols = new SymbolFinder(usable, elf.type === ELF.ET_REL);
  const pad = (a: bigint) => a.toString(16).padStart(vmaDigits, '0');

  for (const sec of elf.sections) {
    if ((sec.flags & BigInt(ELF.SHF_EXECINSTR)) === 0n || sec.type !== ELF.SHT_PROGBITS || sec.size === 0) continue;
    out.push(`\nDisassembly of section ${sec.name}:\n`);
    const printAddress = (a: bigint) => symbols.format(a, sec);
    const skip = addressSkip(sec, vmaDigits);
    const end = sec.addr + BigInt(sec.size);
    // Region boundaries: every address where a symbol of this section starts.
    const starts = [...new Set(usable.filter((s) => s.shndx === sec.index && s.value > sec.addr && s.value < end).map((s) => s.value))]
      .sort((a, b) => (a < b ? -1 : 1));
    const bounds = [sec.addr, ...starts, end];
    for (let r = 0; r + 1 < bounds.length; r++) {
      const label = symbols.find(bounds[r], sec);
      const name = label === undefined ? sec.name
        : label.value === bounds[r] ? label.name
        : label.value > bounds[r] ? `${label.name}-0x${hex(label.value - bounds[r])}`
        : `${label.name}+0x${hex(bounds[r] - label.value)}`;
      out.push(`\n${pad(bounds[r])} <${name}>:\n`);
      const stop = Number(bounds[r + 1] - sec.addr);
      let off = Number(bounds[r] - sec.addr);
      while (off < stop) {
        let z = off;
        while (z < stop && sec.data[z] === 0) z++;
        if (z - off >= SKIP_ZEROES || (z === stop && z - off < SKIP_ZEROES_AT_END && z > off)) {
          out.push('\t...\n');
          off = z === stop ? z : off + ((z - off) & ~3);
          continue;
        }
        const row = disassembleAt(sec.data, off, sec.addr + BigInt(off), { xlen, priv, printAddress, tracker });
        const addr = pad(row.pc).slice(skip).replace(/^0+(?=.)/, (zs) => ' '.repeat(zs.length));
        out.push(`${addr}:\t${bytesColumn(row.raw, row.len)}\t${row.text}\n`);
        off += row.text.startsWith('.byte') ? 1 : row.len;
      }
    }
  }
  return out.join('');
}

/** objdump drops leading zero digits of addresses in groups of four, keeping at least one zero. */
function addressSkip(sec: ElfSection, digits: number): number {
  const end = (sec.addr + BigInt(sec.size)).toString(16).padStart(digits, '0');
  let zeros = 0;
  while (end[zeros] === '0') zeros++;
  if (zeros === digits && sec.addr !== 0n) return 0;
  return zeros === 0 ? 0 : (zeros - 1) & ~3;
}

/** The raw-bytes column: the parcel(s) as one hex number, padded as objdump does for 8 bytes per line. */
function bytesColumn(raw: number, len: 2 | 4): string {
  return len === 2 ? `${raw.toString(16).padStart(4, '0')}${' '.repeat(16)}` : `${(raw >>> 0).toString(16).padStart(8, '0')}${' '.repeat(10)}`;
}

/**
 * Which symbol objdump names for an address. Among symbols at one value the
 * order is: names not looking like object files, then
 * functions, objects, non-local, strong global, larger size, names not
 * starting with '.', then by name; the first one in the current section wins.
 */
class SymbolFinder {
  private readonly sorted: ElfSymbol[];
  constructor(symbols: readonly ElfSymbol[], private readonly relocatable: boolean) {
    this.sorted = [...symbols].sort(compareSymbols);
  }

  /** The symbol objdump would name `addr` after while disassembling `sec`. */
  find(addr: bigint, sec: ElfSection): ElfSymbol | undefined {
    const syms = this.sorted;
    let lo = 0, hi = syms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (syms[mid].value <= addr) lo = mid + 1; else hi = mid;
    }
    const inSec = (s: ElfSymbol) => s.shndx === sec.index;
    if (lo === 0) {
      const later = syms.find(inSec);
      return later;
    }
    let place = lo - 1;
    while (place > 0 && syms[place - 1].value === syms[place].value) place--;
    for (let i = place; i < syms.length && syms[i].value === syms[place].value; i++) if (inSec(syms[i])) return syms[i];
    const within = addr >= sec.addr && addr < sec.addr + BigInt(sec.size);
    if (!inSec(syms[place]) && this.relocatable && within) {
      // Highest-valued symbol of this section at or below addr, else the next one above.
      for (let i = lo - 1; i >= 0; i--) {
        if (!inSec(syms[i])) continue;
        let j = i;
        while (j > 0 && syms[j - 1].value === syms[i].value) j--;
        for (let k = j; k <= i; k++) if (inSec(syms[k])) return syms[k];
      }
      return syms.slice(lo).find(inSec);
    }
    return syms[place];
  }

  /** `hex <sym+0xoff>` as objdump prints an address operand or comment. */
  format(addr: bigint, sec: ElfSection): string {
    const s = this.find(addr, sec);
    if (s === undefined) return hex(addr);
    if (s.value === addr) return `${hex(addr)} <${s.name}>`;
    return s.value < addr ? `${hex(addr)} <${s.name}+0x${hex(addr - s.value)}>` : `${hex(addr)} <${s.name}-0x${hex(s.value - addr)}>`;
  }
}

function compareSymbols(a: ElfSymbol, b: ElfSymbol): number {
  if (a.value !== b.value) return a.value < b.value ? -1 : 1;
  const fileLike = (s: ElfSymbol) => /\.[oa]$/.test(s.name) && s.name.length > 2;
  const flag = (x: boolean, y: boolean) => (x === y ? 0 : x ? -1 : 1);
  return flag(!fileLike(a), !fileLike(b))
    || flag(a.type === ELF.STT_FUNC, b.type === ELF.STT_FUNC)
    || flag(a.type === ELF.STT_OBJECT, b.type === ELF.STT_OBJECT)
    || flag(a.bind !== ELF.STB_LOCAL, b.bind !== ELF.STB_LOCAL)
    || flag(a.bind === ELF.STB_GLOBAL, b.bind === ELF.STB_GLOBAL)
    || (a.size === b.size ? 0 : a.size > b.size ? -1 : 1)
    || flag(!a.name.startsWith('.'), !b.name.startsWith('.'))
    || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** objdump shows control characters in names as `^X` (the local-label marker \x02 becomes `^B`). */
function sanitize(name: string): string {
  return name.replace(/[\x00-\x1f]/g, (c) => `^${String.fromCharCode(c.charCodeAt(0) + 0x40)}`);
}
