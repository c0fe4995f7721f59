/**
 * The disassembler against GNU objdump 2.40 on binaries built here from the
 * project's own fixtures: every instruction's address, mnemonic and operands
 * must be what `riscv64-linux-gnu-objdump -d` prints.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode } from '../../../core/target/riscv/decoder';
import { AddressTracker, disassemble, disassembleInvalid, disassembleRange } from '../../../core/target/riscv/disasm';
import { parseElf } from '../../../core/loader/elf';
import { objdumpListing } from '../../../kernel/commands/disasm';
import { objdumpRows, run, tempDir } from './cross-toolchain';

const FIXTURES = join(__dirname, 'fixtures');
const tmp = tempDir('orrery-disasm-');
afterAll(() => tmp.remove());

/** `<sym+0x..>` annotations depend on the symbol table, not the decoder: compared by the listing tests. */
const stripSymbols = (s: string) => s.replace(/ <[^>]*>/g, '');

/** Assemble `source` for `march` and return the objdump rows of its .text. */
function assemble(name: string, source: string, march: string): { obj: string; rows: ReturnType<typeof objdumpRows> } {
  const src = tmp.path(`${name}.s`);
  const obj = tmp.path(`${name}.o`);
  writeFileSync(src, source);
  run('riscv64-linux-gnu-as', [`-march=${march}`, '-mpriv-spec=1.12', src, '-o', obj]);
  return { obj, rows: objdumpRows(run('riscv64-linux-gnu-objdump', ['-d', obj])) };
}

/** Compare every row of an object's .text with our disassembly of the same bytes. */
function expectSameText(obj: string, rows: ReturnType<typeof objdumpRows>, xlen: 32 | 64): void {
  const elf = parseElf(readFileSync(obj), obj);
  const text = elf.section('.text')!;
  const ours = disassembleRange(text.data, text.addr, xlen);
  const mismatches: string[] = [];
  expect(ours.length).toBe(rows.length);
  rows.forEach((row, i) => {
    const got = `${ours[i].pc.toString(16)}: ${stripSymbols(ours[i].text)}`;
    const want = `${row.pc.toString(16)}: ${stripSymbols(row.text)}`;
    if (got !== want && mismatches.length < 20) mismatches.push(`${row.hex}: objdump '${want}' ours '${got}'`);
  });
  expect(mismatches).toEqual([]);
}

describe('every 16-bit pattern against objdump', () => {
  for (const xlen of [64, 32] as const) {
    it(`RV${xlen}C: validity and text of all 49152 compressed parcels match objdump`, () => {
      const lines = ['.text', '_start:'];
      for (let v = 0; v < 0x10000; v++) if ((v & 3) !== 3) lines.push(`.insn 2, 0x${v.toString(16)}`);
      const { obj, rows } = assemble(`rvc${xlen}`, lines.join('\n') + '\n', `rv${xlen}gc`);
      expect(rows.length).toBe(49152);
      // Where the ISA manual reserves an encoding that objdump still names, decode() follows the manual.
      const manualReserves = (raw: number) => raw === 0x6101 || (xlen === 32 && (raw & 0xe003) === 0x0002 && (raw & 0x1000) !== 0)
        || (xlen === 32 && (raw & 0xe803) === 0x8001 && (raw & 0x1000) !== 0);
      const disagreements: string[] = [];
      for (const row of rows) {
        const raw = parseInt(row.hex, 16);
        const objdumpValid = !row.text.startsWith('.2byte') && row.text !== 'unimp';
        const ours = decode(raw, xlen) !== null;
        if (ours !== objdumpValid && !(manualReserves(raw) && objdumpValid)) disagreements.push(`${row.hex}: ${row.text}`);
      }
      expect(disagreements).toEqual([]);
      expectSameText(obj, rows, xlen);
    });
  }
});

describe('every RV64GC instruction form against objdump', () => {
  it('rv64gc-forms.s (all formats, CSRs, fences, AMOs, rounding modes, RVC, reserved words) matches line by line', () => {
    const source = readFileSync(join(FIXTURES, 'rv64gc-forms.s'), 'utf8');
    const { obj, rows } = assemble('forms', source, 'rv64gc');
    expect(rows.length).toBeGreaterThan(2000);
    expectSameText(obj, rows, 64);
  });
  it('the whole orrery disasm listing of the forms object equals objdump -d', () => {
    const obj = tmp.path('forms.o');
    const elf = parseElf(readFileSync(obj), obj);
    expect(objdumpListing(elf)).toBe(run('riscv64-linux-gnu-objdump', ['-d', obj]));
  });
});

describe('random 32-bit words against objdump', () => {
  for (const xlen of [64, 32] as const) {
    it(`RV${xlen}: 20000 seeded random words in every major opcode print as objdump prints them`, () => {
      const majors = [0x03, 0x07, 0x0f, 0x13, 0x17, 0x1b, 0x23, 0x27, 0x2f, 0x33, 0x37, 0x3b, 0x43, 0x47, 0x4b, 0x4f, 0x53, 0x63, 0x67, 0x6f, 0x73];
      let seed = 0x2545f491;
      const next = () => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return seed >>> 0; };
      const lines = ['.text', '_start:'];
      for (let i = 0; i < 20000; i++) {
        let w = next();
        const bias = next() % 10;
        if (bias < 3) w &= ~(0x7f << 25); // funct7 = 0 reaches the defined R-type rows
        else if (bias < 4) w &= ~(0x1f << 20);
        w = ((w & ~0x7f) | majors[next() % majors.length]) >>> 0;
        lines.push(`.insn 4, 0x${w.toString(16)}`);
      }
      const { obj, rows } = assemble(`random${xlen}`, lines.join('\n') + '\n', `rv${xlen}gc`);
      expectSameText(obj, rows, xlen);
    });
  }
});

describe('compiled C against objdump', () => {
  const programs = ['integer', 'atomic', 'float'];
  const builds: { name: string; file: string }[] = [];
  beforeAll(() => {
    for (const p of programs) {
      for (const opt of ['-O2', '-Os']) {
        const obj = tmp.path(`${p}${opt}.o`);
        run('riscv64-linux-gnu-gcc', ['-march=rv64gc', '-mabi=lp64d', opt, '-c', join(FIXTURES, `${p}.c`), '-o', obj]);
        builds.push({ name: `${p} ${opt} object`, file: obj });
      }
      const exe = tmp.path(`${p}.elf`);
      run('riscv64-linux-gnu-gcc', ['-march=rv64gc', '-O2', '-static', join(FIXTURES, `${p}.c`), '-o', exe, '-lm']);
      builds.push({ name: `${p} -O2 static executable (with glibc)`, file: exe });
    }
  });
  it('orrery disasm prints exactly what objdump -d prints for every build', () => {
    expect(builds.length).toBe(9);
    for (const b of builds) {
      const want = run('riscv64-linux-gnu-objdump', ['-d', b.file]);
      const got = objdumpListing(parseElf(readFileSync(b.file), b.file));
      if (got !== want) {
        const w = want.split('\n');
        const g = got.split('\n');
        const i = w.findIndex((line, k) => line !== g[k]);
        expect(`${b.name} line ${i + 1}: ${g[i]}`).toBe(`${b.name} line ${i + 1}: ${w[i]}`);
      }
    }
  });
});

describe('disassembler details', () => {
  it('prints the objdump alias, rounding mode and CSR name forms', () => {
    const text = (raw: number, pc = 0x1000n) => disassemble(decode(raw, 64)!, pc);
    expect(text(0x00000013)).toBe('nop');
    expect(text(0xfff00513)).toBe('li\ta0,-1');
    expect(text(0x00008067)).toBe('ret');
    expect(text(0xc2051553)).toBe('fcvt.w.d\ta0,fa0,rtz');
    expect(text(0xc2057553)).toBe('fcvt.w.d\ta0,fa0');
    expect(text(0x30002573)).toBe('csrr\ta0,mstatus');
    expect(text(0x7c002573)).toBe('csrr\ta0,0x7c0');
    expect(text(0x00102573)).toBe('frflags\ta0');
    expect(text(0xc0102573)).toBe('rdtime\ta0');
    expect(text(0x22a50553)).toBe('fmv.d\tfa0,fa0');
    expect(text(0x0330000f)).toBe('fence\trw,rw');
    expect(text(0x8330000f)).toBe('fence.tso');
    expect(text(0xfe0508e3, 0x1000n)).toBe('beqz\ta0,ff0');
    expect(text(0x0000006f, 0x80000000n)).toBe('j\t80000000');
  });
  it('annotates a lui/auipc-completed address once, with the symbol printer', () => {
    const tracker = new AddressTracker();
    const printAddress = (a: bigint) => `${a.toString(16)} <sym>`;
    const at = (raw: number, pc: bigint) => disassemble(decode(raw, 64)!, pc, { tracker, printAddress });
    expect(at(0x00002517, 0x1000n)).toBe('auipc\ta0,0x2');
    expect(at(0x01053583, 0x1004n)).toBe('ld\ta1,16(a0) # 3010 <sym>');
    expect(at(0x01053583, 0x1008n)).toBe('ld\ta1,16(a0)');
  });
  it('invalid encodings print as objdump prints them', () => {
    expect(disassembleInvalid(0x0000, 2)).toBe('unimp');
    expect(disassembleInvalid(0x8002, 2)).toBe('.2byte\t0x8002');
    expect(disassembleInvalid(0x0000607f, 4)).toBe('.4byte\t0x607f');
    const rows = disassembleRange(new Uint8Array([0x02, 0x80, 0x13, 0x00, 0x00, 0x00]), 0n, 64);
    expect(rows.map((r) => r.text)).toEqual(['.2byte\t0x8002', 'nop']);
    expect(rows[0].insn).toBeNull();
  });
});
