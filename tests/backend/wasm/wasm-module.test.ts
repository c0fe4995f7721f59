import { describe, it, expect } from 'vitest';
import { WasmFunctionBuilder } from '../../../core/backend/wasm/wasm-insn';
import { WasmModuleBuilder } from '../../../core/backend/wasm/wasm-module';
import { functionBodies, sections } from './wasm-sections';
import {
  brTableModule, F32_CASES, F64_CASES, floatConstModule, globalsModule, i64ArithmeticModule, jsImportModule,
  memoryModule, sumLoopModule, tableModule, tailCallModule,
} from './sample-modules';

type Exports = Record<string, (...args: any[]) => any>;

function instantiate(m: WasmModuleBuilder, imports: WebAssembly.Imports = {}): Exports {
  const { bytes } = m.encode();
  expect(WebAssembly.validate(bytes)).toBe(true);
  return new WebAssembly.Instance(new WebAssembly.Module(bytes), imports).exports as Exports;
}

const rotl64 = (x: bigint, n: bigint): bigint => {
  const s = n & 63n;
  const u = BigInt.asUintN(64, x);
  return BigInt.asIntN(64, (u << s) | (u >> ((64n - s) & 63n)));
};

describe('WebAssembly module encoding (run in V8)', () => {
  it('an i64 arithmetic function computes the same as BigInt arithmetic', () => {
    const { mix } = instantiate(i64ArithmeticModule());
    const ref = (a: bigint, b: bigint): bigint => {
      let t = BigInt.asIntN(64, a * b);
      t = BigInt.asIntN(64, t + (2n ** 63n - 1n));
      t >>= 3n;
      t ^= BigInt.asIntN(32, a);
      return rotl64(t, b);
    };
    for (const [a, b] of [[0n, 0n], [3n, 5n], [-1n, 63n], [0x123456789abcdefn, -7n], [-(2n ** 63n), 2n ** 63n - 1n]]) {
      expect(mix(a, b)).toBe(ref(a, b));
    }
  });

  it('i64 constants at the edges of the range encode exactly', () => {
    const e = instantiate(i64ArithmeticModule());
    expect(e.minusOne()).toBe(-1n);
    expect(e.min()).toBe(-(2n ** 63n));
    expect(e.max()).toBe(2n ** 63n - 1n);
    expect(e.big()).toBe(-0x80000000n); // 0xffffffff80000000 wraps to its two's complement value
  });

  it('a block/loop with br_if and br sums 1..n', () => {
    const { sum } = instantiate(sumLoopModule());
    expect(sum(0n)).toBe(0n);
    expect(sum(100n)).toBe(5050n);
  });

  it('loads and stores of every width go through an imported memory at their offsets', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 4 });
    const { roundtrip } = instantiate(memoryModule(), { env: { memory } });
    const v = -0x0123456789abcdefn;
    const env = 256;
    const got = roundtrip(env, v);
    const view = new DataView(memory.buffer);
    expect(view.getBigInt64(env + 64, true)).toBe(v);
    const expected = BigInt(view.getUint32(env + 64, true)) + BigInt(view.getInt8(env + 71)) + BigInt(view.getInt16(env + 66, true));
    expect(got).toBe(expected);
  });

  it('a memarg offset near 2^32 is encoded and traps out of bounds instead of wrapping', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 4 });
    const { far } = instantiate(memoryModule(), { env: { memory } });
    expect(() => far(0x20)).toThrow(WebAssembly.RuntimeError);
  });

  it('memory.fill, memory.copy, memory.size and memory.grow act on the imported memory', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 4 });
    const { fillCopy, grow } = instantiate(memoryModule(), { env: { memory } });
    expect(fillCopy(100, 200)).toBe(1);
    const bytes = new Uint8Array(memory.buffer);
    expect([...bytes.subarray(100, 108)]).toEqual(Array(8).fill(0xab));
    expect(bytes[108]).toBe(0);
    expect(grow(1)).toBe(1);
    expect(memory.buffer.byteLength).toBe(2 * 65536);
  });

  it('call_indirect reaches functions an element segment put into an imported table at an imported base', () => {
    const table = new WebAssembly.Table({ initial: 8, element: 'anyfunc' });
    const base = new WebAssembly.Global({ value: 'i32', mutable: false }, 3);
    const { dispatch } = instantiate(tableModule(), { env: { table, base } });
    expect(table.get(3)).not.toBeNull();
    expect(dispatch(3, 21n)).toBe(42n);
    expect(dispatch(4, 21n)).toBe(-21n);
    expect(() => dispatch(0, 1n)).toThrow(WebAssembly.RuntimeError); // null entry
  });

  it('an imported JS function takes and returns i64 as BigInt', () => {
    const calls: bigint[][] = [];
    const hostAdd = (a: bigint, b: bigint): bigint => {
      calls.push([a, b]);
      return a + b;
    };
    const { callHost } = instantiate(jsImportModule(), { env: { hostAdd } });
    expect(callHost(2n ** 40n, -3n)).toBe(2n ** 40n - 2n);
    expect(calls).toEqual([[2n ** 40n, -3n]]);
  });

  it("Node 20's V8 accepts return_call and return_call_indirect, and they do not grow the stack", () => {
    const table = new WebAssembly.Table({ initial: 1, element: 'anyfunc' });
    const { countdown, viaTable } = instantiate(tailCallModule(), { env: { table } });
    expect(countdown(1_000_000n)).toBe(42n);
    expect(viaTable(1_000_000n)).toBe(42n);
  });

  it('br_table dispatches on its operand, with the last label as default; multi-value blocks work', () => {
    const { choose, swapSub } = instantiate(brTableModule());
    expect([choose(0), choose(1), choose(2), choose(-1)]).toEqual([10, 20, 30, 30]);
    expect(swapSub(10, 3)).toBe(-7);
  });

  it('f64 and f32 constants keep their exact bits: -0, subnormals, infinities, NaN payloads', () => {
    const e = instantiate(floatConstModule());
    F64_CASES.forEach((c, i) => expect(BigInt.asUintN(64, e[`f64_${i}`]()), c.label).toBe(c.bits));
    F32_CASES.forEach((c, i) => expect(e[`f32_${i}`]() >>> 0, c.label).toBe(c.bits));
  });

  it('imported and defined globals are read and written, and a defined global can be exported', () => {
    const icount = new WebAssembly.Global({ value: 'i64', mutable: true }, 0n);
    const e = instantiate(globalsModule(), { env: { icount } }) as unknown as { retire: () => void; calls: WebAssembly.Global };
    e.retire();
    e.retire();
    expect(icount.value).toBe(2n ** 41n);
    expect(e.calls.value).toBe(2);
  });

  it('saturating truncations clamp instead of trapping', () => {
    const m = new WasmModuleBuilder();
    const f = new WasmFunctionBuilder({ name: 'sat', params: ['f64'], results: ['i64'] });
    f.op('local.get', 0).op('i64.trunc_sat_f64_s');
    m.addFunction(f, 'sat');
    const { sat } = instantiate(m);
    expect(sat(NaN)).toBe(0n);
    expect(sat(1e30)).toBe(2n ** 63n - 1n);
    expect(sat(-1e30)).toBe(-(2n ** 63n));
    expect(sat(-2.9)).toBe(-2n);
  });

  it('the name section puts function names into V8 stack traces', () => {
    const m = new WasmModuleBuilder();
    const f = new WasmFunctionBuilder({ name: 'tb_80000000', params: [{ type: 'i32', name: 'env' }] });
    f.op('unreachable');
    m.addFunction(f, 'run');
    const { run } = instantiate(m);
    let stack = '';
    try {
      run(0);
    } catch (e) {
      stack = String((e as Error).stack);
    }
    expect(stack).toContain('tb_80000000');
  });

  it('identical signatures share one type-section entry', () => {
    const m = new WasmModuleBuilder();
    m.importFunction('env', 'h', { params: ['i64'], results: ['i64'] });
    for (let i = 0; i < 3; i++) {
      const f = new WasmFunctionBuilder({ params: ['i64'], results: ['i64'] });
      f.op('local.get', 0).op('call_indirect', { type: { params: ['i64'], results: ['i64'] } });
      m.addFunction(f);
    }
    m.importTable('env', 't', { min: 1 });
    expect(m.types).toHaveLength(1);
    const typeSection = sections(m.encode().bytes).find((s) => s.id === 1)!;
    expect(typeSection.content[0]).toBe(1);
  });

  it('reports each function body size and offset as found in the code section', () => {
    const m = new WasmModuleBuilder();
    for (let n = 0; n < 5; n++) {
      const f = new WasmFunctionBuilder({ params: ['i64'], results: ['i64'] });
      f.addLocal('i32');
      f.addLocal('i32');
      f.addLocal('i64');
      f.op('local.get', 0);
      for (let k = 0; k < n * 40; k++) f.op('i64.const', BigInt(k) << 40n).op('i64.add');
      m.addFunction(f);
    }
    const { bytes, functionBodySizes, functionBodyOffsets } = m.encode();
    const bodies = functionBodies(bytes);
    expect(functionBodySizes).toEqual(bodies.map((b) => b.length));
    bodies.forEach((b, i) => expect(bytes.subarray(functionBodyOffsets[i], functionBodyOffsets[i] + b.length)).toEqual(b));
    // locals as runs: 2 runs (2 × i32, 1 × i64)
    expect([...bodies[0].subarray(0, 5)]).toEqual([2, 2, 0x7f, 1, 0x7e]);
    expect(WebAssembly.validate(bytes)).toBe(true);
  });

  it('unbalanced blocks are reported with the function name before V8 sees them', () => {
    const extraEnd = new WasmFunctionBuilder({ name: 'tb_bad' });
    extraEnd.op('nop').op('end');
    const m1 = new WasmModuleBuilder();
    m1.addFunction(extraEnd);
    expect(() => m1.encode()).toThrow(/tb_bad.*'end' at 1/);
    const open = new WasmFunctionBuilder({ name: 'tb_open' });
    open.op('block').op('loop').op('end');
    const m2 = new WasmModuleBuilder();
    m2.addFunction(open);
    expect(() => m2.encode()).toThrow(/tb_open: 1 block/);
  });

  it('imports after the first defined function are refused (they would renumber functions)', () => {
    const m = new WasmModuleBuilder();
    m.addFunction(new WasmFunctionBuilder());
    expect(() => m.importFunction('env', 'late', { params: [], results: [] })).toThrow(/before/);
  });
});
