/** The assembler's notebook API: programs, symbols, listings, tags and syntax conveniences. */
import { describe, expect, it } from 'vitest';
import { asm, asmWith, assemble, loadImmediate } from '../../../stdlib/asm';
import { toMimeBundle } from '../../../stdlib/display';

const words = (b: Uint8Array) => Array.from({ length: b.length / 4 }, (_, i) => (b[4 * i] | (b[4 * i + 1] << 8) | (b[4 * i + 2] << 16) | (b[4 * i + 3] << 24)) >>> 0);

describe('assemble', () => {
  it('assembles at 0x80000000 by default and reports labels in symbols', () => {
    const p = assemble('start: nop\nloop: j loop\nend:');
    expect(p.address).toBe(0x80000000n);
    expect(p.end).toBe(0x80000008n);
    expect(p.symbols).toEqual(new Map([['start', 0x80000000n], ['loop', 0x80000004n], ['end', 0x80000008n]]));
    expect(words(p.bytes)).toEqual([0x00000013, 0x0000006f]);
  });

  it('numeric local labels resolve to the nearest definition backward (1b) or forward (1f)', () => {
    const p = assemble('1: j 1f\n1: j 1b\n j 1b\n1: nop');
    // j +4 (the next 1:), j 0 (the 1: on its own line), j -4 (back to the second 1:), nop
    expect(words(p.bytes)).toEqual([0x0040006f, 0x0000006f, 0xffdff06f, 0x00000013]);
    expect([...p.symbols.keys()]).toEqual([]);
  });

  it('equates can be used before they are defined and combine with + - * << and %hi/%lo', () => {
    const p = assemble('li a0, N * 4 + 1\nlui a1, %hi(ADDR)\naddi a1, a1, %lo(ADDR)\n.equ N, 10\nADDR = 0x12345fff');
    expect(words(p.bytes)).toEqual([0x02900513, 0x123465b7, 0xfff58593]);
    expect(p.symbols.get('N')).toBe(10n);
  });

  it('`#` and `//` start comments and `;` separates statements', () => {
    const p = assemble('li a0, 1 ; li a1, 2 // two\n# whole line\nli a2, 3 # three');
    expect(words(p.bytes)).toEqual([0x00100513, 0x00200593, 0x00300613]);
  });

  it('`.` is the address of the current statement', () => {
    const p = assemble('nop\nhere: addi a0, zero, . - here + 5\n.dword .', { address: 0x1000n });
    expect(words(p.bytes)).toEqual([0x00000013, 0x00500513, 0x1008, 0]);
  });

  it('%pcrel_hi/%pcrel_lo pair through a label on the auipc', () => {
    const p = assemble('1: auipc a0, %pcrel_hi(msg)\n addi a0, a0, %pcrel_lo(1b)\nmsg: .string "hi"', { address: 0x80000000n });
    expect(words(p.bytes.subarray(0, 8))).toEqual([0x00000517, 0x00850513]);
  });

  it('explicit c. mnemonics are 16-bit; other instructions stay 32-bit unless compress is on', () => {
    expect(assemble('c.addi a0, 1\naddi a0, a0, 1').bytes.length).toBe(6);
    expect(assemble('addi a0, a0, 1', { compress: true }).bytes.length).toBe(2);
    expect(assemble('.option norvc\naddi a0, a0, 1', { compress: true }).bytes.length).toBe(4);
    expect(assemble('.option rvc\naddi a0, a0, 1').bytes.length).toBe(2);
  });

  it('li a label materialises its address (as a constant would be)', () => {
    const p = assemble('target: li a0, target');
    expect(p.listing[1].bytes.length).toBe(8); // addiw a0, zero, 1 ; slli a0, a0, 31
    expect(words(p.bytes.subarray(0, 8))).toEqual([0x0010051b, 0x01f51513]);
  });

  it('listing rows carry address, bytes, source text and line', () => {
    const p = assemble('start:\n  li t0, 0x12345\n  .word 7');
    expect(p.listing.map((r) => [r.address, r.bytes.length, r.source, r.line, r.kind])).toEqual([
      [0x80000000n, 0, 'start:', 1, 'label'],
      [0x80000000n, 8, 'li t0, 0x12345', 2, 'insn'],
      [0x80000008n, 4, '.word 7', 3, 'data'],
    ]);
  });

  it('displays as an objdump-like listing table in notebooks and as text in consoles', () => {
    const p = assemble('loop: addi a0, a0, 1\n bnez a0, loop');
    const b = toMimeBundle(p);
    expect(b['text/html']).toContain('<table>');
    expect(b['text/html']).toContain('bnez a0,80000000');
    expect(b['text/plain']).toContain('80000004  fe051ee3      bnez a0,80000000');
  });

  it('the asm tag inserts interpolated values as text; asmWith passes options', () => {
    const n = 42;
    expect(words(asm`li a0, ${n}`.bytes)).toEqual([0x02a00513]);
    const p = asmWith({ address: 0x1000n, compress: true })`li a0, ${n - 30}`;
    expect(p.address).toBe(0x1000n);
    expect(p.bytes.length).toBe(2);
  });

  it('loadImmediate exposes the li sequence for a constant', () => {
    expect(loadImmediate(0x80000000n).map((s) => `${s.op} ${s.imm}`)).toEqual(['addiw 1', 'slli 31']);
    expect(loadImmediate(-1n).map((s) => `${s.op} ${s.imm}`)).toEqual(['addi -1']);
  });
});
