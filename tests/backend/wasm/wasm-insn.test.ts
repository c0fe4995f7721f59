import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { WasmFunctionBuilder, WasmInsn } from '../../../core/backend/wasm/wasm-insn';
import { WasmModuleBuilder } from '../../../core/backend/wasm/wasm-module';

const INSN_MODULE = path.resolve(__dirname, '../../../core/backend/wasm/wasm-insn').replace(/\\/g, '/');

/**
 * Type-checks `source` (with the instruction module importable as './insn') and returns its
 * diagnostics; the library itself is checked by the project's tsc run (with Node's types).
 */
function typeErrors(source: string): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orrery-wasm-types-'));
  try {
    const file = path.join(dir, 'probe.ts');
    fs.writeFileSync(file, source.replace(/'\.\/insn'/g, `'${INSN_MODULE}'`));
    const program = ts.createProgram([file], {
      strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'],
      module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, types: [], skipLibCheck: true,
    });
    return ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => {
      const where = d.file && d.start !== undefined ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1} ` : '';
      return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('WebAssembly instruction builder', () => {
  it('misspelt mnemonics and wrongly shaped immediates are compile-time errors', () => {
    const errors = typeErrors(`
      import { WasmFunctionBuilder, WasmInsn } from './insn';
      const f = new WasmFunctionBuilder({ params: ['i32'], results: ['i64'] });
      f.op('local.get', 0).op('i64.load', { offset: 64, align: 3 }).op('i64.const', -1n).op('i64.add');
      f.op('i64.load').op('block').op('block', 'i32').op('end').op('end');
      f.op('call_indirect', { type: { params: ['i64'], results: [] } }).op('br_table', { labels: [0], defaultLabel: 1 });
      f.op('f64.const', { bits: 0x7ff0000000000001n }).op('f32.const', 1.5).op('i64.trunc_sat_f64_s').op('return_call', 3);
      // @ts-expect-error misspelt mnemonic
      f.op('i64.ad');
      // @ts-expect-error i64.const needs a bigint
      f.op('i64.const', 5);
      // @ts-expect-error i32.const needs a number
      f.op('i32.const', 5n);
      // @ts-expect-error i64.add takes no immediate
      f.op('i64.add', 1);
      // @ts-expect-error local.get needs an index
      f.op('local.get');
      // @ts-expect-error a memarg is an object
      f.op('i64.load', 64);
      // @ts-expect-error not a value type
      f.addLocal('i128');
      // @ts-expect-error a block type is a value type or signature
      f.op('loop', 'void');
      // @ts-expect-error insn immediates follow the mnemonic too
      const bad: WasmInsn = { op: 'i64.const', imm: 1 };
      const good: WasmInsn = { op: 'i64.store', imm: { offset: 8 } };
      void bad; void good;
    `);
    expect(errors).toEqual([]);
  });

  it('locals are numbered after the parameters, in declaration order', () => {
    const f = new WasmFunctionBuilder({ params: ['i32', { type: 'i64', name: 'x' }], results: ['i64'] });
    expect(f.addLocal('i64', 't0')).toBe(2);
    expect(f.addLocal('f64')).toBe(3);
    expect(f.paramCount).toBe(2);
    expect(f.declaredLocals).toEqual([{ type: 'i64', name: 't0' }, { type: 'f64' }]);
    expect(f.type).toEqual({ params: ['i32', 'i64'], results: ['i64'] });
  });

  it('op() records mnemonics and immediates as plain data, in order', () => {
    const f = new WasmFunctionBuilder();
    f.op('local.get', 0).op('i64.load', { offset: 8 }).op('i64.const', 7n).op('i64.add').op('drop');
    const expected: WasmInsn[] = [
      { op: 'local.get', imm: 0 },
      { op: 'i64.load', imm: { offset: 8 } },
      { op: 'i64.const', imm: 7n },
      { op: 'i64.add', imm: undefined },
      { op: 'drop', imm: undefined },
    ];
    expect(f.body).toEqual(expected);
  });

  it('an unknown mnemonic smuggled in from untyped code is reported by name when encoding', () => {
    const f = new WasmFunctionBuilder({ name: 'tb_1000' });
    f.emit({ op: 'i64.frobnicate', imm: undefined } as unknown as WasmInsn);
    const m = new WasmModuleBuilder();
    m.addFunction(f);
    expect(() => m.encode()).toThrow(/tb_1000: unknown WebAssembly instruction 'i64.frobnicate'/);
  });
});
