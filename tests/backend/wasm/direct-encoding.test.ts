import { describe, it, expect } from 'vitest';
import { BlockRuntime, CodegenImports, generateBlockFunction } from '../../../core/backend/wasm/codegen';
import { WasmByteWriter } from '../../../core/backend/wasm/wasm-byte-writer';
import { WasmFunctionBuilder } from '../../../core/backend/wasm/wasm-insn';
import { WasmModuleBuilder } from '../../../core/backend/wasm/wasm-module';
import { HelperInfo, IrBlock } from '../../../core/ir/ir';
import { optimize } from '../../../core/ir/passes/pipeline';
import { Rng, randomBlock } from '../../ir/passes/random-block';

/** One module holding `blocks`, generated as instruction lists (`direct` false) or encoded as generated. */
function assemble(blocks: IrBlock[], direct: boolean): { bytes: Uint8Array; bodies: Uint8Array[]; fns: WasmFunctionBuilder[] } {
  const m = new WasmModuleBuilder();
  m.importMemory('env', 'memory', { min: 1 });
  const slowLoad = m.importFunction('env', 'slow_ld', { params: ['i32', 'i64', 'i32'], results: ['i64'] });
  const slowStore = m.importFunction('env', 'slow_st', { params: ['i32', 'i64', 'i64', 'i32'], results: [] });
  const helpers = new Map<HelperInfo, number>();
  for (const b of blocks) {
    for (const op of b.ops) {
      if (op.opc === 'call' && !helpers.has(op.helper)) {
        helpers.set(op.helper, m.importFunction('env', op.helper.name, { params: [...op.helper.args], results: op.helper.ret ? [op.helper.ret] : [] }));
      }
    }
  }
  const runtime = new BlockRuntime(m.functionImportCount + blocks.length);
  const imports: CodegenImports = { runtime, helper: (h) => helpers.get(h)!, tailCalls: false };
  const writer = new WasmByteWriter();
  const fns = blocks.map((b, i) => {
    const fn = generateBlockFunction(b, i, imports, direct ? { writer, typeIndex: m.typeIndexer } : undefined);
    m.addFunction(fn, `b${i}`);
    return fn;
  });
  runtime.addTo(m, slowLoad, slowStore, false);
  const encoded = m.encode();
  const bodies = encoded.functionBodyOffsets.slice(0, blocks.length).map((o, i) => encoded.bytes.slice(o, o + encoded.functionBodySizes[i]));
  return { bytes: encoded.bytes, bodies, fns };
}

describe('WebAssembly code encoded as it is generated', () => {
  it('has the same function bodies, byte for byte, as the instruction list the text form prints', () => {
    const rng = new Rng(7);
    const blocks: IrBlock[] = [];
    for (let i = 0; i < 60; i++) {
      const b = randomBlock(rng, 10 + rng.int(60));
      blocks.push(b, optimize(b).block);
    }
    const list = assemble(blocks, false);
    const direct = assemble(blocks, true);
    expect(direct.bodies).toHaveLength(blocks.length);
    for (let i = 0; i < blocks.length; i++) expect(direct.bodies[i]).toEqual(list.bodies[i]);
    expect(WebAssembly.validate(list.bytes)).toBe(true);
    expect(WebAssembly.validate(direct.bytes)).toBe(true);
  });

  it('keeps no instruction objects and refuses to print itself as text', () => {
    const rng = new Rng(3);
    const { fns } = assemble([randomBlock(rng, 20)], true);
    expect(fns[0].body).toHaveLength(0);
    expect(fns[0].encodedCode!.end).toBeGreaterThan(fns[0].encodedCode!.start);
    expect(() => fns[0].toWat()).toThrow(/encoded directly/);
  });

  it('rejects unbalanced blocks when the code ends, as the list encoder does', () => {
    const m = new WasmModuleBuilder();
    const f = new WasmFunctionBuilder({ name: 'open', results: [] }, { writer: new WasmByteWriter(), typeIndex: m.typeIndexer });
    f.op('block', undefined);
    expect(() => m.addFunction(f)).toThrow(/1 block\(s\) not closed/);
  });
});
