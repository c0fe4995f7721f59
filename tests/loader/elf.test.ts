import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { ELF, ElfError, parseElf } from '../../core/loader/elf';
import { run, tempDir } from '../target/riscv/cross-toolchain';

const tmp = tempDir('orrery-elf-');
afterAll(() => tmp.remove());

let rv64: Uint8Array; // static RV64 executable
let rv32: Uint8Array; // RV32 relocatable object
let x86: Uint8Array; // host x86-64 executable

beforeAll(() => {
  writeFileSync(tmp.path('p.c'), 'int counter = 3;\nint main(void) { return counter; }\n');
  run('riscv64-linux-gnu-gcc', ['-march=rv64gc', '-O2', '-static', '-nostdlib', '-Wl,-e,main', tmp.path('p.c'), '-o', tmp.path('p.elf')]);
  run('riscv64-linux-gnu-gcc', ['-march=rv32gc', '-mabi=ilp32d', '-O2', '-c', tmp.path('p.c'), '-o', tmp.path('p32.o')]);
  run('gcc', ['-O2', tmp.path('p.c'), '-o', tmp.path('p.x86')]);
  rv64 = readFileSync(tmp.path('p.elf'));
  rv32 = readFileSync(tmp.path('p32.o'));
  x86 = readFileSync(tmp.path('p.x86'));
});

/** The ElfError message `parseElf` throws for `bytes`. */
function errorOf(bytes: Uint8Array, name = 'bad.elf'): string {
  try {
    parseElf(bytes, name);
  } catch (e) {
    expect(e).toBeInstanceOf(ElfError);
    return (e as Error).message;
  }
  throw new Error('parseElf accepted malformed input');
}

describe('valid RISC-V files', () => {
  it('an RV64 executable has its entry, PT_LOAD segments, named sections and symbols', () => {
    const elf = parseElf(rv64, 'p.elf');
    expect(elf.elfClass).toBe(64);
    expect(elf.type).toBe(ELF.ET_EXEC);
    const nm = run('riscv64-linux-gnu-nm', [tmp.path('p.elf')]);
    const main = BigInt(`0x${/^([0-9a-f]+) T main$/m.exec(nm)![1]}`);
    expect(elf.symbols.get('main')).toBe(main);
    expect(elf.entry).toBe(main);
    expect(elf.segments.length).toBeGreaterThan(0);
    const text = elf.section('.text')!;
    const seg = elf.segments.find((s) => s.vaddr <= text.addr && text.addr < s.vaddr + s.memsz)!;
    expect(seg.flags & ELF.PF_X).toBe(ELF.PF_X);
    expect(seg.data.length).toBe(seg.filesz);
    const off = Number(text.addr - seg.vaddr);
    expect(seg.data.subarray(off, off + text.size)).toEqual(text.data);
    expect(elf.symbolAt(main + 2n)).toMatchObject({ symbol: { name: 'main' }, offset: 2n });
  });
  it('an RV32 relocatable object parses as ELF32', () => {
    const elf = parseElf(rv32, 'p32.o');
    expect(elf.elfClass).toBe(32);
    expect(elf.type).toBe(ELF.ET_REL);
    expect(elf.symbols.has('main')).toBe(true);
    expect(elf.symbols.has('counter')).toBe(true);
    expect(elf.section('.riscv.attributes')?.type).toBe(ELF.SHT_RISCV_ATTRIBUTES);
  });
});

describe('malformed input gives one clear ElfError line', () => {
  it('not an ELF file', () => {
    expect(errorOf(new TextEncoder().encode('#!/bin/sh\necho hi\n'), 'script.sh')).toBe('script.sh: not an ELF file (bad magic)');
    expect(errorOf(new Uint8Array(0), 'empty')).toBe('empty: not an ELF file (bad magic)');
  });
  it('truncated header', () => {
    expect(errorOf(rv64.subarray(0, 40))).toBe('bad.elf: truncated ELF header: 40 bytes, an ELF64 header needs 64');
  });
  it('another architecture is named', () => {
    expect(errorOf(x86, 'p.x86')).toBe('p.x86: not a RISC-V file: e_machine is 62 (x86-64)');
  });
  it('wrong class or endianness', () => {
    const badClass = Uint8Array.from(rv64); badClass[ELF.EI_CLASS] = 3;
    expect(errorOf(badClass)).toMatch(/^bad\.elf: unsupported ELF class 3 in e_ident\[EI_CLASS\]/);
    const bigEndian = Uint8Array.from(rv64); bigEndian[ELF.EI_DATA] = ELF.ELFDATA2MSB;
    expect(errorOf(bigEndian)).toMatch(/^bad\.elf: big-endian ELF/);
  });
  it('a segment whose data lies past the end of the file', () => {
    const bytes = Uint8Array.from(rv64);
    const view = new DataView(bytes.buffer);
    const phoff = Number(view.getBigUint64(32, true));
    const phentsize = view.getUint16(54, true);
    const i = [...Array(view.getUint16(56, true)).keys()].find((k) => view.getUint32(phoff + k * phentsize, true) === ELF.PT_LOAD)!;
    view.setBigUint64(phoff + i * phentsize + 8, BigInt(bytes.length + 0x1000), true); // p_offset
    expect(errorOf(bytes)).toMatch(new RegExp(`^bad\\.elf: program header ${i} \\(PT_LOAD\\) segment data: offset 0x[0-9a-f]+ \\+ size 0x[0-9a-f]+ is past the end of the file`));
  });
  it('a section header table beyond the file', () => {
    const bytes = Uint8Array.from(rv64);
    new DataView(bytes.buffer).setBigUint64(40, BigInt(bytes.length), true); // e_shoff
    expect(errorOf(bytes)).toMatch(/^bad\.elf: section header table \(e_shoff 0x[0-9a-f]+, \d+ entries\): .* past the end of the file/);
  });
  it('a file cut short inside its sections', () => {
    const msg = errorOf(rv64.subarray(0, 0x200));
    expect(msg).toMatch(/^bad\.elf: .*(past the end|beyond the end) of the file/);
    expect(msg).not.toContain('\n');
  });
});
