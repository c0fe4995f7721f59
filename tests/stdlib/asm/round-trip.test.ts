/**
 * Round trip: every line objdump prints for the RV64GC forms file, fed back
 * to the assembler at its address, disassembles to the same canonical text.
 * (The linked ELF records privileged spec 1.11, so objdump names CSRs as of 1.11;
 * `fence rw,unknown` — an empty set — is objdump-only text and skipped.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decode } from '../../../core/target/riscv/decoder';
import { disassemble } from '../../../core/target/riscv/disasm';
import { assemble } from '../../../stdlib/asm';
import { gnuAssemble } from './gnu-as';

const FORMS = join(__dirname, '..', '..', 'target', 'riscv', 'fixtures', 'rv64gc-forms.s');
/** Mnemonics whose last operand objdump prints as a bare hex address. */
/** Texts objdump prints for encodings RV64GC reserves (from the fixture's `.insn` lines). */
const RESERVED_TEXTS = new Set(['uret', 'dret', 'add\tsp,sp,0']);
const TARGETS = /^(j|jal|beqz|bnez|blez|bgez|bltz|bgtz|beq|bne|blt|bge|bltu|bgeu)$/;

describe('assemble → disassemble gives the canonical text', () => {
  it('every instruction objdump prints for rv64gc-forms.s reassembles to the same text', () => {
    const ref = gnuAssemble(readFileSync(FORMS, 'utf8'), { address: 0x1000n });
    const rows = ref.objdump.split('\n').map((l) => /^\s*([0-9a-f]+):\t([0-9a-f]+)\s*\t(.*)$/.exec(l)).filter((m) => m !== null);
    expect(rows.length).toBeGreaterThan(2000);
    const mismatches: string[] = [];
    let checked = 0;
    for (const [, addr, hex, text] of rows) {
      if (text.startsWith('.') || text.includes('unknown') || RESERVED_TEXTS.has(text) || /^c\.(nop|li|lui|mv|add|slli|srli|srai|slli64|srli64|srai64)\b/.test(text)) continue; // data, HINTs
      const pc = BigInt(`0x${addr}`);
      const canonical = text.replace(/ #.*$/, '').replace(/\s+<[^>]*>$/, '');
      const [mnemonic, operands = ''] = canonical.split('\t');
      const source = TARGETS.test(mnemonic) ? `${mnemonic}\t${operands.replace(/([0-9a-f]+)$/, '0x$1')}` : canonical;
      let got: string;
      try {
        const p = assemble(source, { address: pc, compress: hex.length === 4 });
        const raw = p.bytes.length === 2 ? p.bytes[0] | (p.bytes[1] << 8) : (p.bytes[0] | (p.bytes[1] << 8) | (p.bytes[2] << 16) | (p.bytes[3] << 24)) >>> 0;
        const insn = decode(raw, 64);
        got = insn === null ? `<invalid ${raw.toString(16)}>` : disassemble(insn, pc, { priv: '1.11' }).replace(/ #.*$/, '');
      } catch (e) {
        got = `<error ${(e as Error).message.split('\n')[0]}>`;
      }
      const want = canonical.replace(/\t([0-9a-f]+)$/, '\t$1');
      if (got !== want && mismatches.length < 15) mismatches.push(`${source} → ${got}`);
      checked++;
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(2000);
  });
});
