/**
 * ELF32/ELF64 little-endian parser for RISC-V images: header validation,
 * program headers (PT_LOAD segments with their bytes), section headers with
 * names, and the symbol table (by name, and sorted for address lookup).
 *
 * Every malformed input throws an `ElfError` whose message is one line
 * naming the file and the field or offset at fault; never a raw RangeError.
 *
 * Source: System V ABI "ELF" chapters (gABI) and the RISC-V ELF psABI.
 */

/** ELF constants used here, named as in the gABI / psABI. */
export const ELF = {
  MAGIC: [0x7f, 0x45, 0x4c, 0x46], // "\x7fELF"
  EI_CLASS: 4, EI_DATA: 5, EI_VERSION: 6,
  ELFCLASS32: 1, ELFCLASS64: 2,
  ELFDATA2LSB: 1, ELFDATA2MSB: 2,
  EV_CURRENT: 1,
  ET_REL: 1, ET_EXEC: 2, ET_DYN: 3, ET_CORE: 4,
  EM_RISCV: 243,
  PT_LOAD: 1,
  PF_X: 1, PF_W: 2, PF_R: 4,
  SHT_NULL: 0, SHT_PROGBITS: 1, SHT_SYMTAB: 2, SHT_STRTAB: 3, SHT_NOBITS: 8, SHT_DYNSYM: 11,
  SHT_RISCV_ATTRIBUTES: 0x70000003,
  SHF_WRITE: 1, SHF_ALLOC: 2, SHF_EXECINSTR: 4,
  SHN_UNDEF: 0, SHN_LORESERVE: 0xff00, SHN_ABS: 0xfff1, SHN_COMMON: 0xfff2, SHN_XINDEX: 0xffff,
  STT_NOTYPE: 0, STT_OBJECT: 1, STT_FUNC: 2, STT_SECTION: 3, STT_FILE: 4,
  STB_LOCAL: 0, STB_GLOBAL: 1, STB_WEAK: 2,
} as const;

/** e_machine values → names, for "this is an X file, not RISC-V" messages. */
const MACHINE_NAMES: Readonly<Record<number, string>> = {
  0: 'no machine', 2: 'SPARC', 3: 'Intel 80386', 4: 'Motorola 68000', 8: 'MIPS', 20: 'PowerPC',
  21: 'PowerPC64', 22: 'IBM S/390', 40: 'ARM', 42: 'SuperH', 43: 'SPARC v9', 50: 'IA-64',
  62: 'x86-64', 183: 'AArch64', 243: 'RISC-V', 247: 'BPF', 258: 'LoongArch',
};

/** A malformed or unsupported ELF file. The message is one line: `file: what (where)`. */
export class ElfError extends Error {
  constructor(readonly fileName: string, readonly detail: string) {
    super(`${fileName}: ${detail}`);
    this.name = 'ElfError';
  }
}

/** One program header (with its file bytes for PT_LOAD). */
export interface ElfSegment {
  readonly type: number;
  /** PF_R | PF_W | PF_X bits. */
  readonly flags: number;
  readonly offset: number;
  readonly vaddr: bigint;
  readonly paddr: bigint;
  readonly filesz: number;
  readonly memsz: bigint;
  readonly align: bigint;
  /** The `filesz` bytes from the file; the remaining `memsz - filesz` are zero-filled by the loader. */
  readonly data: Uint8Array;
}

/** One section header, with its name resolved. */
export interface ElfSection {
  readonly index: number;
  readonly name: string;
  readonly type: number;
  readonly flags: bigint;
  readonly addr: bigint;
  readonly offset: number;
  readonly size: number;
  readonly link: number;
  readonly info: number;
  readonly entsize: number;
  /** Section contents (empty for SHT_NOBITS). */
  readonly data: Uint8Array;
}

/** One symbol-table entry. */
export interface ElfSymbol {
  readonly name: string;
  readonly value: bigint;
  readonly size: bigint;
  /** STT_* */
  readonly type: number;
  /** STB_* */
  readonly bind: number;
  /** Section index (or SHN_ABS, SHN_UNDEF, ...). */
  readonly shndx: number;
  /** Position in the symbol table (ties are broken by it). */
  readonly index: number;
}

/** A parsed ELF file. */
export interface ElfFile {
  readonly fileName: string;
  readonly elfClass: 32 | 64;
  /** ET_REL, ET_EXEC, ET_DYN, ... */
  readonly type: number;
  readonly machine: number;
  readonly entry: bigint;
  /** e_flags (RISC-V: RVC and float ABI bits). */
  readonly flags: number;
  /** All program headers. */
  readonly programHeaders: readonly ElfSegment[];
  /** The PT_LOAD program headers, in file order. */
  readonly segments: readonly ElfSegment[];
  readonly sections: readonly ElfSection[];
  /** Defined symbols by name (the first definition wins). */
  readonly symbols: ReadonlyMap<string, bigint>;
  /** Every named symbol from .symtab (or .dynsym), sorted by address then table order. */
  readonly symbolList: readonly ElfSymbol[];
  /** The section called `name`, if any. */
  section(name: string): ElfSection | undefined;
  /**
   * The symbol that covers `addr`: the last one at or below it (function
   * and global symbols preferred on ties), with the offset from it.
   */
  symbolAt(addr: bigint): { symbol: ElfSymbol; offset: bigint } | undefined;
}

/** Bounds-checked little-endian reads that fail with an ElfError naming the field. */
class Reader {
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array, private readonly fileName: string) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get length(): number {
    return this.bytes.length;
  }
  private check(offset: number, size: number, what: string): void {
    if (!Number.isSafeInteger(offset) || offset < 0 || offset + size > this.bytes.length) {
      throw new ElfError(this.fileName,
        `truncated: ${what} at offset 0x${offset.toString(16)} (+${size} bytes) is beyond the end of the file (${this.bytes.length} bytes)`);
    }
  }
  u8(o: number, what: string): number { this.check(o, 1, what); return this.view.getUint8(o); }
  u16(o: number, what: string): number { this.check(o, 2, what); return this.view.getUint16(o, true); }
  u32(o: number, what: string): number { this.check(o, 4, what); return this.view.getUint32(o, true); }
  u64(o: number, what: string): bigint { this.check(o, 8, what); return this.view.getBigUint64(o, true); }
  /** A 32- or 64-bit address/offset field. */
  addr(o: number, is64: boolean, what: string): bigint {
    return is64 ? this.u64(o, what) : BigInt(this.u32(o, what));
  }
  /** Bytes [offset, offset+size) or an ElfError naming `what`. */
  slice(offset: bigint | number, size: bigint | number, what: string): Uint8Array {
    const o = Number(offset);
    const s = Number(size);
    if (o < 0 || s < 0 || o + s > this.bytes.length || !Number.isSafeInteger(o + s)) {
      throw new ElfError(this.fileName,
        `${what}: offset 0x${BigInt(offset).toString(16)} + size 0x${BigInt(size).toString(16)} is past the end of the file (0x${this.bytes.length.toString(16)} bytes)`);
    }
    return this.bytes.subarray(o, o + s);
  }
  cstring(offset: number, what: string): string {
    this.check(offset, 1, what);
    let end = offset;
    while (end < this.bytes.length && this.bytes[end] !== 0) end++;
    if (end >= this.bytes.length) throw new ElfError(this.fileName, `${what} at offset 0x${offset.toString(16)} is not NUL-terminated`);
    return new TextDecoder().decode(this.bytes.subarray(offset, end));
  }
}

/** A printable name for an e_machine value. */
export function machineName(machine: number): string {
  return MACHINE_NAMES[machine] ?? `machine ${machine}`;
}

/**
 * Parse an ELF image. `fileName` only labels error messages.
 * Requires little-endian RISC-V (e_machine EM_RISCV) of either class.
 *
 * @example const elf = parseElf(fs.readFileSync('prog.elf'), 'prog.elf'); elf.symbols.get('main')
 */
export function parseElf(bytes: Uint8Array, fileName = '<buffer>'): ElfFile {
  const r = new Reader(bytes, fileName);
  if (bytes.length < 4 || ELF.MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new ElfError(fileName, 'not an ELF file (bad magic)');
  }
  const cls = r.u8(ELF.EI_CLASS, 'e_ident[EI_CLASS]');
  if (cls !== ELF.ELFCLASS32 && cls !== ELF.ELFCLASS64) {
    throw new ElfError(fileName, `unsupported ELF class ${cls} in e_ident[EI_CLASS] (expected 1 = ELF32 or 2 = ELF64)`);
  }
  const is64 = cls === ELF.ELFCLASS64;
  const data = r.u8(ELF.EI_DATA, 'e_ident[EI_DATA]');
  if (data !== ELF.ELFDATA2LSB) {
    throw new ElfError(fileName, data === ELF.ELFDATA2MSB
      ? 'big-endian ELF (e_ident[EI_DATA] = ELFDATA2MSB); RISC-V images are little-endian'
      : `bad e_ident[EI_DATA] ${data} (expected 1 = little-endian)`);
  }
  const headerSize = is64 ? 64 : 52;
  if (bytes.length < headerSize) {
    throw new ElfError(fileName, `truncated ELF header: ${bytes.length} bytes, an ELF${is64 ? 64 : 32} header needs ${headerSize}`);
  }
  const A = is64 ? 8 : 4; // address size
  const type = r.u16(16, 'e_type');
  const machine = r.u16(18, 'e_machine');
  if (machine !== ELF.EM_RISCV) {
    throw new ElfError(fileName, `not a RISC-V file: e_machine is ${machine} (${machineName(machine)})`);
  }
  const entry = r.addr(24, is64, 'e_entry');
  const phoff = r.addr(24 + A, is64, 'e_phoff');
  const shoff = r.addr(24 + 2 * A, is64, 'e_shoff');
  const flags = r.u32(24 + 3 * A, 'e_flags');
  const phentsize = r.u16(28 + 3 * A + 2, 'e_phentsize');
  const phnum = r.u16(28 + 3 * A + 4, 'e_phnum');
  const shentsize = r.u16(28 + 3 * A + 6, 'e_shentsize');
  let shnum = r.u16(28 + 3 * A + 8, 'e_shnum');
  let shstrndx = r.u16(28 + 3 * A + 10, 'e_shstrndx');

  const programHeaders: ElfSegment[] = [];
  if (phnum > 0) {
    const want = is64 ? 56 : 32;
    if (phentsize < want) throw new ElfError(fileName, `e_phentsize ${phentsize} is smaller than a program header (${want})`);
    r.slice(phoff, phnum * phentsize, `program header table (e_phoff 0x${phoff.toString(16)}, ${phnum} entries)`);
    for (let i = 0; i < phnum; i++) {
      const o = Number(phoff) + i * phentsize;
      const what = (f: string) => `program header ${i} ${f}`;
      const ptype = r.u32(o, what('p_type'));
      const ph = is64
        ? { flags: r.u32(o + 4, what('p_flags')), offset: r.u64(o + 8, what('p_offset')), vaddr: r.u64(o + 16, what('p_vaddr')),
            paddr: r.u64(o + 24, what('p_paddr')), filesz: r.u64(o + 32, what('p_filesz')), memsz: r.u64(o + 40, what('p_memsz')),
            align: r.u64(o + 48, what('p_align')) }
        : { offset: BigInt(r.u32(o + 4, what('p_offset'))), vaddr: BigInt(r.u32(o + 8, what('p_vaddr'))),
            paddr: BigInt(r.u32(o + 12, what('p_paddr'))), filesz: BigInt(r.u32(o + 16, what('p_filesz'))),
            memsz: BigInt(r.u32(o + 20, what('p_memsz'))), flags: r.u32(o + 24, what('p_flags')),
            align: BigInt(r.u32(o + 28, what('p_align'))) };
      if (ptype === ELF.PT_LOAD && ph.filesz > ph.memsz) {
        throw new ElfError(fileName, `program header ${i}: p_filesz 0x${ph.filesz.toString(16)} exceeds p_memsz 0x${ph.memsz.toString(16)}`);
      }
      const segData = ptype === ELF.PT_LOAD
        ? r.slice(ph.offset, ph.filesz, `program header ${i} (PT_LOAD) segment data`)
        : new Uint8Array(0);
      programHeaders.push({
        type: ptype, flags: ph.flags, offset: Number(ph.offset), vaddr: ph.vaddr, paddr: ph.paddr,
        filesz: Number(ph.filesz), memsz: ph.memsz, align: ph.align, data: segData,
      });
    }
  }

  const sections: ElfSection[] = [];
  if (shoff !== 0n) {
    const want = is64 ? 64 : 40;
    if (shentsize < want) throw new ElfError(fileName, `e_shentsize ${shentsize} is smaller than a section header (${want})`);
    const sh0 = (field: number, what: string) => r.addr(Number(shoff) + field, is64, what);
    // Extended numbering (gABI): counts that do not fit live in section header 0.
    if (shnum === 0) shnum = Number(is64 ? sh0(32, 'section header 0 sh_size') : sh0(20, 'section header 0 sh_size'));
    if (shstrndx === ELF.SHN_XINDEX) shstrndx = r.u32(Number(shoff) + (is64 ? 40 : 24), 'section header 0 sh_link');
    r.slice(shoff, shnum * shentsize, `section header table (e_shoff 0x${shoff.toString(16)}, ${shnum} entries)`);
    const raw = [];
    for (let i = 0; i < shnum; i++) {
      const o = Number(shoff) + i * shentsize;
      const what = (f: string) => `section header ${i} ${f}`;
      raw.push(is64
        ? { name: r.u32(o, what('sh_name')), type: r.u32(o + 4, what('sh_type')), flags: r.u64(o + 8, what('sh_flags')),
            addr: r.u64(o + 16, what('sh_addr')), offset: r.u64(o + 24, what('sh_offset')), size: r.u64(o + 32, what('sh_size')),
            link: r.u32(o + 40, what('sh_link')), info: r.u32(o + 44, what('sh_info')), entsize: r.u64(o + 56, what('sh_entsize')) }
        : { name: r.u32(o, what('sh_name')), type: r.u32(o + 4, what('sh_type')), flags: BigInt(r.u32(o + 8, what('sh_flags'))),
            addr: BigInt(r.u32(o + 12, what('sh_addr'))), offset: BigInt(r.u32(o + 16, what('sh_offset'))),
            size: BigInt(r.u32(o + 20, what('sh_size'))), link: r.u32(o + 24, what('sh_link')), info: r.u32(o + 28, what('sh_info')),
            entsize: BigInt(r.u32(o + 36, what('sh_entsize'))) });
    }
    if (shstrndx !== ELF.SHN_UNDEF && shstrndx >= shnum) {
      throw new ElfError(fileName, `e_shstrndx ${shstrndx} is not a section index (e_shnum ${shnum})`);
    }
    const names = shstrndx === ELF.SHN_UNDEF ? undefined
      : r.slice(raw[shstrndx].offset, raw[shstrndx].size, `section name table (section ${shstrndx})`);
    raw.forEach((s, i) => {
      let name = '';
      if (names !== undefined && s.name !== 0) {
        if (s.name >= names.length) throw new ElfError(fileName, `section header ${i} sh_name 0x${s.name.toString(16)} is outside the section name table`);
        const end = names.indexOf(0, s.name);
        name = new TextDecoder().decode(names.subarray(s.name, end < 0 ? names.length : end));
      }
      const secData = s.type === ELF.SHT_NOBITS || s.type === ELF.SHT_NULL
        ? new Uint8Array(0)
        : r.slice(s.offset, s.size, `section ${i} '${name}' data`);
      sections.push({
        index: i, name, type: s.type, flags: s.flags, addr: s.addr, offset: Number(s.offset), size: Number(s.size),
        link: s.link, info: s.info, entsize: Number(s.entsize), data: secData,
      });
    });
  }

  const symbolList = readSymbols(sections, is64, fileName);
  const symbols = new Map<string, bigint>();
  for (const s of [...symbolList].sort((a, b) => a.index - b.index)) {
    if (s.shndx !== ELF.SHN_UNDEF && s.type !== ELF.STT_FILE && !symbols.has(s.name)) symbols.set(s.name, s.value);
  }
  const lookup = symbolList.filter((s) => s.shndx !== ELF.SHN_UNDEF && s.type !== ELF.STT_FILE && s.type !== ELF.STT_SECTION);

  return {
    fileName, elfClass: is64 ? 64 : 32, type, machine, entry, flags, programHeaders,
    segments: programHeaders.filter((p) => p.type === ELF.PT_LOAD),
    sections, symbols, symbolList,
    section: (name) => sections.find((s) => s.name === name),
    symbolAt: (addr) => {
      // Last symbol with value <= addr (binary search), then the preferred one among equals.
      let lo = 0, hi = lookup.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (lookup[mid].value <= addr) lo = mid + 1; else hi = mid;
      }
      if (lo === 0) return undefined;
      const value = lookup[lo - 1].value;
      let first = lo - 1;
      while (first > 0 && lookup[first - 1].value === value) first--;
      const best = preferred(lookup.slice(first, lo));
      return { symbol: best, offset: addr - best.value };
    },
  };
}

/** Among symbols at one address: functions first, then global/weak, then table order. */
function preferred(candidates: readonly ElfSymbol[]): ElfSymbol {
  const rank = (s: ElfSymbol) => (s.type === ELF.STT_FUNC ? 0 : 2) + (s.bind === ELF.STB_LOCAL ? 1 : 0);
  return [...candidates].sort((a, b) => rank(a) - rank(b) || a.index - b.index)[0];
}

function readSymbols(sections: readonly ElfSection[], is64: boolean, fileName: string): ElfSymbol[] {
  const symtab = sections.find((s) => s.type === ELF.SHT_SYMTAB) ?? sections.find((s) => s.type === ELF.SHT_DYNSYM);
  if (symtab === undefined) return [];
  if (symtab.link >= sections.length) {
    throw new ElfError(fileName, `symbol table '${symtab.name}' sh_link ${symtab.link} is not a section index`);
  }
  const strtab = sections[symtab.link].data;
  const entsize = is64 ? 24 : 16;
  const r = new Reader(symtab.data, fileName);
  const out: ElfSymbol[] = [];
  const count = Math.floor(symtab.data.length / entsize);
  for (let i = 1; i < count; i++) {
    const o = i * entsize;
    const what = (f: string) => `symbol ${i} ${f} in '${symtab.name}'`;
    const nameOff = r.u32(o, what('st_name'));
    const info = is64 ? r.u8(o + 4, what('st_info')) : r.u8(o + 12, what('st_info'));
    const shndx = is64 ? r.u16(o + 6, what('st_shndx')) : r.u16(o + 14, what('st_shndx'));
    const value = is64 ? r.u64(o + 8, what('st_value')) : BigInt(r.u32(o + 4, what('st_value')));
    const size = is64 ? r.u64(o + 16, what('st_size')) : BigInt(r.u32(o + 8, what('st_size')));
    if (nameOff >= strtab.length && nameOff !== 0) {
      throw new ElfError(fileName, `symbol ${i} st_name 0x${nameOff.toString(16)} is outside the string table`);
    }
    const end = strtab.indexOf(0, nameOff);
    const name = new TextDecoder().decode(strtab.subarray(nameOff, end < 0 ? strtab.length : end));
    const type = info & 0xf;
    // Section symbols have no name of their own: they take their section's.
    const shownName = name === '' && type === ELF.STT_SECTION && shndx < sections.length ? sections[shndx].name : name;
    if (shownName === '') continue;
    out.push({ name: shownName, value, size, type, bind: info >> 4, shndx, index: i });
  }
  return out.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : a.index - b.index));
}
