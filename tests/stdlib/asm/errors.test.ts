/** Assembler errors say what is wrong and where (line:column), with the line and a caret, all at once. */
import { describe, expect, it } from 'vitest';
import { AsmError, assemble } from '../../../stdlib/asm';
import { toMimeBundle } from '../../../stdlib/display';

function errorsOf(source: string, opts = {}): AsmError {
  try {
    assemble(source, opts);
  } catch (e) {
    if (e instanceof AsmError) return e;
    throw e;
  }
  throw new Error('assembled without errors');
}

function headlines(source: string, opts = {}): string[] {
  return errorsOf(source, opts).errors.map((d) => `${d.line}:${d.column}: ${d.reason}`);
}

describe('assembler errors', () => {
  it('an unknown mnemonic is named at its column', () => {
    expect(headlines('  nop\n  addx a0, a1, a2')).toEqual(["2:3: unknown instruction 'addx'"]);
  });

  it('a bad register is named at its column', () => {
    expect(headlines('nop\nnop\naddi a0, x32, 1')).toEqual(["3:10: unknown register 'x32'"]);
    expect(headlines('fadd.d fa0, a1, fa2')).toEqual(["1:13: expected a floating-point register, found 'a1'"]);
  });

  it('the message is one line with the position, then the source line and a caret under the column', () => {
    const e = errorsOf('nop\n\taddi\ta0, x32, 1');
    expect(e.line).toBe(2);
    expect(e.column).toBe(11);
    expect(e.headline).toBe("2:11: unknown register 'x32'");
    expect(e.message).toBe("2:11: unknown register 'x32'\n  \taddi\ta0, x32, 1\n  \t    \t    ^");
  });

  it('an immediate out of range gives the value and the range', () => {
    expect(headlines('addi a0, a0, 2048')).toEqual(['1:14: immediate out of range: 2048 is not in -2048..2047']);
    expect(headlines('slli a0, a0, 64')).toEqual(['1:14: shift amount out of range: 64 is not in 0..63']);
    expect(headlines('lui a0, 0x100000')).toEqual(['1:9: immediate out of range: 1048576 is not in 0..1048575']);
    expect(headlines('csrwi mstatus, 32')).toEqual(['1:16: immediate out of range: 32 is not in 0..31']);
    expect(headlines('c.addi a0, 32')[0]).toMatch(/^1:1: 'c\.addi' cannot encode these operands/);
    expect(headlines('c.lw a6, 0(a0)')).toEqual(["1:1: 'c.lw' needs registers x8-x15 (s0, s1, a0-a5)"]);
  });

  it('an undefined label is named, numeric local labels included', () => {
    expect(headlines('j nowhere')).toEqual(["1:3: undefined label 'nowhere'"]);
    expect(headlines('beqz a0, 1f\nnop')).toEqual(["1:10: undefined label '1f'"]);
    expect(headlines('bnez a0, 1b')).toEqual(["1:10: undefined label '1b' (no '1:' before it)"]);
  });

  it('a branch or jump target out of range gives the offset and the reach', () => {
    expect(headlines('beq a0, a1, far\n.zero 4096\nfar: ret')).toEqual(['1:13: branch target out of range: offset 4100 is not in -4096..4094']);
    expect(headlines('j far\n.zero 0x100000\nfar: ret')).toEqual(['1:3: jump target out of range: offset 1048580 is not in -1048576..1048574']);
    expect(headlines('beqz a0, 0x80000003')).toEqual(['1:10: branch target misaligned: offset 3 is not a multiple of 2']);
  });

  it('a bad CSR name is named at its column', () => {
    expect(headlines('csrr a0, mstatsu')).toEqual(["1:10: unknown CSR 'mstatsu'"]);
    expect(headlines('csrrw a0, 0x1000, a1')).toEqual(['1:11: CSR number out of range: 4096 is not in 0..4095']);
  });

  it('every error of the program is reported together, in source order', () => {
    const e = errorsOf([
      'start:',
      '  addi a0, x32, 1',
      '  foo a0',
      '  li a1, 5',
      '  addi a0, a0, 5000',
      '  j nowhere',
      '  csrr a0, mstatsu',
      'start: nop',
    ].join('\n'));
    expect(e.errors.map((d) => `${d.line}:${d.column}: ${d.reason}`)).toEqual([
      "2:12: unknown register 'x32'",
      "3:3: unknown instruction 'foo'",
      '5:16: immediate out of range: 5000 is not in -2048..2047',
      "6:5: undefined label 'nowhere'",
      "7:12: unknown CSR 'mstatsu'",
      "8:1: label 'start' is already defined on line 1",
    ]);
    expect(e.message.split('\n')).toHaveLength(18);
  });

  it('syntax problems: missing operands, stray tokens, bad memory operands, unknown directives', () => {
    expect(headlines('add a0, a1')).toEqual(["1:11: expected ','"]);
    expect(headlines('add a0, a1, a2, a3')).toEqual(["1:15: unexpected ',' after the operands"]);
    expect(headlines('c.lw a0, 4')).toEqual(["1:11: expected '(register)' after the offset"]);
    expect(headlines('.frobnicate 1')).toEqual(["1:1: unknown directive '.frobnicate'"]);
    expect(headlines('fadd.d fa0, fa1, fa2, up')).toEqual(["1:23: unknown rounding mode 'up' (expected rne, rtz, rdn, rup, rmm or dyn)"]);
    expect(headlines('fence rw, x')).toEqual(["1:11: bad fence set 'x' (expected letters of 'iorw' in that order)"]);
    expect(headlines('.byte 256')).toEqual(['1:7: value 256 does not fit in 1 byte']);
    expect(headlines('li a0, "s"')).toEqual(['1:8: expected an expression, found a string']);
  });

  it('an error shows in a notebook as HTML with the caret', () => {
    const b = toMimeBundle(errorsOf('addi a0, x32, 1'));
    expect(b['text/html']).toContain('unknown register');
    expect(b['text/plain']).toContain('1:10:');
  });
});
