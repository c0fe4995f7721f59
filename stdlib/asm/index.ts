/**
 * Orrery's RV64GC assembler for notebooks: assemble text into guest memory
 * from a cell.
 *
 * ```ts
 * import { asm, asmInto } from 'orrery/stdlib/asm';
 * const prog = asm`
 *     li   a0, 0
 *     li   a1, 10
 * 1:  add  a0, a0, a1
 *     addi a1, a1, -1
 *     bnez a1, 1b
 * `;
 * prog.load(machine);          // bytes → guest RAM at prog.address (0x80000000)
 * ```
 *
 * Syntax and behaviour follow GNU as (`riscv64-linux-gnu-as -march=rv64gc`);
 * see docs/assembler.md.
 */
import { assemble, DEFAULT_ADDRESS, type AssembleOptions } from './assembler';
import { AssembledProgram, type PhysicalMemoryTarget } from './program';

export { assemble, DEFAULT_ADDRESS, type AssembleOptions } from './assembler';
export { AsmError, type AsmDiagnostic } from './asm-error';
export { AssembledProgram, type ListingRow, type PhysicalMemoryTarget } from './program';
export { loadImmediate, type LoadImmediateStep } from './load-immediate';

/** Join a template literal's pieces; interpolated bigints/numbers become decimal text. */
function templateText(strings: TemplateStringsArray, values: unknown[]): string {
  return strings.reduce((s, part, i) => s + part + (i < values.length ? String(values[i]) : ''), '');
}

/**
 * Template tag: assemble the literal at 0x80000000 with default options.
 * `${}` values are inserted as text (numbers and bigints as decimal).
 *
 * @example const p = asm`li a0, ${40 + 2}`;
 */
export function asm(strings: TemplateStringsArray, ...values: unknown[]): AssembledProgram {
  return assemble(templateText(strings, values));
}

/**
 * A template tag with options: ``asmWith({ address: 0x80001000n, compress: true })`...` ``.
 */
export function asmWith(options: AssembleOptions): (strings: TemplateStringsArray, ...values: unknown[]) => AssembledProgram {
  return (strings, ...values) => assemble(templateText(strings, values), options);
}

/**
 * Assemble `source` for `address` and write it into `machine`'s guest
 * physical memory there. Returns the program (its symbols, listing).
 *
 * @example asmInto(machine, 0x80000000n, 'li a0, 1\n ebreak')
 */
export function asmInto(
  machine: PhysicalMemoryTarget, address: bigint, source: string, options: Omit<AssembleOptions, 'address'> = {},
): AssembledProgram {
  return assemble(source, { ...options, address }).load(machine);
}
