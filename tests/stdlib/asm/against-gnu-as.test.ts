/**
 * Orrery's assembler against GNU as (riscv64-linux-gnu-as, linked with
 * ld --no-relax and flattened with objcopy): the same source must give the
 * same bytes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble, type AssembledProgram } from '../../../stdlib/asm';
import { gnuAssemble } from './gnu-as';

const FORMS = join(__dirname, '..', '..', 'target', 'riscv', 'fixtures', 'rv64gc-forms.s');
const PSEUDO = join(__dirname, 'fixtures', 'pseudo-forms.s');

/** Source lines whose bytes differ from the reference (at most 10), for a readable failure. */
function differences(ours: AssembledProgram, ref: Uint8Array): string[] {
  const out: string[] = [];
  for (const row of ours.listing) {
    const off = Number(row.address - ours.address);
    const theirs = Buffer.from(ref.subarray(off, off + row.bytes.length)).toString('hex');
    const mine = Buffer.from(row.bytes).toString('hex');
    if (theirs !== mine && out.length < 10) out.push(`line ${row.line} '${row.source}': ours ${mine}, as ${theirs}`);
  }
  return out;
}

/** Compare with GNU as; `as` output may carry ld's padding of .text after the program. */
function expectSameAsGnu(source: string, opts: { compress: boolean; march: string; address: bigint }): AssembledProgram {
  const ours = assemble(source, { compress: opts.compress, address: opts.address });
  const prefix = opts.compress ? '\t.option rvc\n' : '\t.option norvc\n';
  const ref = gnuAssemble(prefix + source, { march: opts.march, address: opts.address });
  expect(differences(ours, ref.bytes)).toEqual([]);
  expect(ref.bytes.length - ours.bytes.length).toBeGreaterThanOrEqual(0);
  expect(ref.bytes.length - ours.bytes.length).toBeLessThan(16);
  return ours;
}

describe('the same bytes as GNU as', () => {
  it('every RV64GC instruction form (rv64gc-forms.s, explicit c. forms included) without compression', () => {
    const p = expectSameAsGnu(readFileSync(FORMS, 'utf8'), { compress: false, march: 'rv64gc', address: 0n });
    expect(p.bytes.length).toBeGreaterThan(8000);
  });

  it('every RV64GC instruction form with compress: true matches as with .option rvc', () => {
    const source = readFileSync(FORMS, 'utf8').replace(/^\s*\.option\s+norvc\s*$/gm, '');
    expectSameAsGnu(source, { compress: true, march: 'rv64gc', address: 0n });
  });

  it('pseudo-instructions, labels, expressions and directives (rv64g, no compression)', () => {
    expectSameAsGnu(readFileSync(PSEUDO, 'utf8'), { compress: false, march: 'rv64g', address: 0x80000000n });
  });

  it('pseudo-instructions, labels, expressions and directives with compress: true', () => {
    const p = expectSameAsGnu(readFileSync(PSEUDO, 'utf8'), { compress: true, march: 'rv64gc', address: 0x80000000n });
    const uncompressed = assemble(readFileSync(PSEUDO, 'utf8'));
    expect(p.bytes.length).toBeLessThan(uncompressed.bytes.length);
  });

  it('li materialises 600 random 64-bit constants with the instructions as picks', () => {
    let s = 0x9e3779b97f4a7c15n;
    const next = () => { s ^= s << 13n; s &= (1n << 64n) - 1n; s ^= s >> 7n; s ^= s << 17n; s &= (1n << 64n) - 1n; return s; };
    const values: bigint[] = [];
    for (let i = 0; i < 600; i++) {
      const r = next();
      switch (i % 6) {
        case 0: values.push(r); break; // any 64-bit value
        case 1: values.push(BigInt.asIntN(64, r) >> BigInt(Number(next() % 60n))); break; // small magnitudes, both signs
        case 2: values.push(r & next() & next()); break; // sparse bits
        case 3: values.push(((1n << BigInt(Number(r % 64n))) - 1n) << BigInt(Number(next() % 32n))); break; // runs of ones
        case 4: values.push(BigInt.asIntN(32, r)); break; // signed 32-bit
        default: values.push(BigInt.asUintN(64, (r & 0xfffn) - 0x800n)); break; // around simm12
      }
    }
    const source = values.map((v, i) => `\tli\t${['a0', 't3', 's11'][i % 3]}, 0x${BigInt.asUintN(64, v).toString(16)}`).join('\n') + '\n';
    expectSameAsGnu(source, { compress: false, march: 'rv64g', address: 0x80000000n });
    expectSameAsGnu(source, { compress: true, march: 'rv64gc', address: 0x80000000n });
  });

  it('with compress: true branches and jumps relax to c.beqz/c.bnez/c.j while in range, as as does', () => {
    const lines = ['_start:', '\tbeqz\ta0, near', '\tbnez\ts1, far', '\tj\tfar', '\tbeqz\ta6, near', 'near:'];
    for (let i = 0; i < 200; i++) lines.push(`\taddi\ta${i % 6}, a${i % 6}, ${i % 30}`);
    lines.push('far:', '\tj\t_start', '\tbnez\ta0, _start', '\tbeq\ta0, a1, _start', '\tret');
    const p = expectSameAsGnu(lines.join('\n') + '\n', { compress: true, march: 'rv64gc', address: 0x80000000n });
    expect(p.listing.find((r) => r.source.startsWith('beqz\ta0'))?.bytes.length).toBe(2);
    expect(p.listing.find((r) => r.source.startsWith('bnez\ts1'))?.bytes.length).toBe(4);
  });
});
