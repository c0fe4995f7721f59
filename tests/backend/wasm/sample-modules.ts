/**
 * Test support: small modules exercising each part of the encoder. The
 * runtime tests run them in V8; the text-format tests print them and check
 * that wabt assembles the text into the same bytes.
 */
import { WasmFunctionBuilder } from '../../../core/backend/wasm/wasm-insn';
import { WasmModuleBuilder } from '../../../core/backend/wasm/wasm-module';
import { WasmFuncType } from '../../../core/backend/wasm/wasm-types';

export const I64_TO_I64: WasmFuncType = { params: ['i64'], results: ['i64'] };

/** mix(a, b) = rotl(((a * b) + (2^63 - 1)) >>s 3 ^ sext32(a), b); and i64 constants. */
export function i64ArithmeticModule(): WasmModuleBuilder {
  const m = new WasmModuleBuilder();
  const f = new WasmFunctionBuilder({ name: 'mix', params: [{ type: 'i64', name: 'a' }, { type: 'i64', name: 'b' }], results: ['i64'] });
  const t = f.addLocal('i64', 't0');
  f.op('local.get', 0).op('local.get', 1).op('i64.mul')
    .op('i64.const', 2n ** 63n - 1n).op('i64.add')
    .op('i64.const', 3n).op('i64.shr_s')
    .op('local.get', 0).op('i64.extend32_s').op('i64.xor')
    .op('local.tee', t)
    .op('local.get', 1).op('i64.rotl');
  m.addFunction(f, 'mix');
  for (const [name, value] of [['minusOne', -1n], ['min', -(2n ** 63n)], ['max', 2n ** 63n - 1n], ['big', 0xffffffff80000000n]] as const) {
    const c = new WasmFunctionBuilder({ name, results: ['i64'] });
    c.op('i64.const', value);
    m.addFunction(c, name);
  }
  return m;
}

/** sum(n) = 1 + 2 + ... + n with block/loop/br_if/br. */
export function sumLoopModule(): WasmModuleBuilder {
  const m = new WasmModuleBuilder();
  const f = new WasmFunctionBuilder({ name: 'sum', params: [{ type: 'i64', name: 'n' }], results: ['i64'] });
  const acc = f.addLocal('i64', 'acc');
  const i = f.addLocal('i64', 'i');
  f.op('i64.const', 1n).op('local.set', i)
    .op('block')
    .op('loop')
    .op('local.get', i).op('local.get', 0).op('i64.gt_s').op('br_if', 1)
    .op('local.get', acc).op('local.get', i).op('i64.add').op('local.set', acc)
    .op('local.get', i).op('i64.const', 1n).op('i64.add').op('local.set', i)
    .op('br', 0)
    .op('end')
    .op('end')
    .op('local.get', acc);
  m.addFunction(f, 'sum');
  return m;
}

/** Loads and stores of several widths through an imported memory, plus memory.fill/copy/size/grow. */
export function memoryModule(): WasmModuleBuilder {
  const m = new WasmModuleBuilder();
  m.importMemory('env', 'memory', { min: 1, max: 4 });
  const rt = new WasmFunctionBuilder({ name: 'roundtrip', params: [{ type: 'i32', name: 'env' }, { type: 'i64', name: 'v' }], results: ['i64'] });
  rt.op('local.get', 0).op('local.get', 1).op('i64.store', { offset: 64 })
    .op('local.get', 0).op('i64.load32_u', { offset: 64 })
    .op('local.get', 0).op('i64.load8_s', { offset: 71, align: 0 })
    .op('i64.add')
    .op('local.get', 0).op('i32.load16_s', { offset: 66, align: 1 }).op('i64.extend_i32_s')
    .op('i64.add');
  m.addFunction(rt, 'roundtrip');

  const far = new WasmFunctionBuilder({ name: 'far', params: [{ type: 'i32', name: 'addr' }], results: ['i64'] });
  far.op('local.get', 0).op('i64.load', { offset: 0xfffffff0, align: 3 });
  m.addFunction(far, 'far');

  const fc = new WasmFunctionBuilder({ name: 'fillCopy', params: [{ type: 'i32', name: 'dst' }, { type: 'i32', name: 'src' }], results: ['i32'] });
  fc.op('local.get', 1).op('i32.const', 0xab).op('i32.const', 8).op('memory.fill')
    .op('local.get', 0).op('local.get', 1).op('i32.const', 8).op('memory.copy')
    .op('memory.size');
  m.addFunction(fc, 'fillCopy');

  const grow = new WasmFunctionBuilder({ name: 'grow', params: ['i32'], results: ['i32'] });
  grow.op('local.get', 0).op('memory.grow');
  m.addFunction(grow, 'grow');
  return m;
}

/** Two callees placed in an imported table at an imported base, and a dispatcher using call_indirect. */
export function tableModule(): WasmModuleBuilder {
  const m = new WasmModuleBuilder();
  m.importTable('env', 'table', { min: 8 });
  const base = m.importGlobal('env', 'base', 'i32', false, 'tableBase');
  const double = new WasmFunctionBuilder({ name: 'double', params: ['i64'], results: ['i64'] });
  double.op('local.get', 0).op('i64.const', 2n).op('i64.mul');
  const negate = new WasmFunctionBuilder({ name: 'negate', params: ['i64'], results: ['i64'] });
  negate.op('i64.const', 0n).op('local.get', 0).op('i64.sub');
  const d = m.addFunction(double);
  const n = m.addFunction(negate);
  m.addElementSegment({ offset: { global: base }, functions: [d, n] });
  const dispatch = new WasmFunctionBuilder({ name: 'dispatch', params: [{ type: 'i32', name: 'slot' }, { type: 'i64', name: 'x' }], results: ['i64'] });
  dispatch.op('local.get', 1).op('local.get', 0).op('call_indirect', { type: I64_TO_I64 });
  m.addFunction(dispatch, 'dispatch');
  return m;
}

/** An imported JS function on i64 (BigInt on the JS side). */
export function jsImportModule(): WasmModuleBuilder {
  const m = new WasmModuleBuilder();
  const host = m.importFunction('env', 'hostAdd', { params: ['i64', 'i64'], results: ['i64'] }, 'host_add');
  const f = new WasmFunctionBuilder({ name: 'callHost', params: ['i64', 'i64'], results: ['i64'] });
  f.op('local.get', 0).op('local.get', 1).op('call', host).op('i64.const', 1n).op('i64.add');
  m.addFunction(f, 'callHost');
  return m;
}

/** return_call and return_call_indirect (tail-call proposal). */
export function tailCallModule(): WasmModuleBuilder {
  const m = new WasmModuleBuilder();
  m.importTable('env', 'table', { min: 1 });
  // countdown(n) tail-calls itself a million times: only a real tail call keeps the stack flat.
  const countdown = new WasmFunctionBuilder({ name: 'countdown', params: [{ type: 'i64', name: 'n' }], results: ['i64'] });
  countdown.op('local.get', 0).op('i64.eqz')
    .op('if', 'i64')
    .op('i64.const', 42n)
    .op('else')
    .op('local.get', 0).op('i64.const', 1n).op('i64.sub').op('return_call', 0)
    .op('end');
  const c = m.addFunction(countdown, 'countdown');
  m.addElementSegment({ offset: 0, functions: [c] });
  const viaTable = new WasmFunctionBuilder({ name: 'viaTable', params: ['i64'], results: ['i64'] });
  viaTable.op('local.get', 0).op('i32.const', 0).op('return_call_indirect', { type: I64_TO_I64, table: 0 });
  m.addFunction(viaTable, 'viaTable');
  return m;
}

/** select(x) by br_table: 0 → 10, 1 → 20, otherwise 30; and a multi-value block. */
export function brTableModule(): WasmModuleBuilder {
  const m = new WasmModuleBuilder();
  const f = new WasmFunctionBuilder({ name: 'choose', params: [{ type: 'i32', name: 'x' }], results: ['i32'] });
  f.op('block').op('block').op('block')
    .op('local.get', 0).op('br_table', { labels: [0, 1], defaultLabel: 2 })
    .op('end').op('i32.const', 10).op('return')
    .op('end').op('i32.const', 20).op('return')
    .op('end').op('i32.const', 30);
  m.addFunction(f, 'choose');
  const pair = new WasmFunctionBuilder({ name: 'swapSub', params: ['i32', 'i32'], results: ['i32'] });
  pair.op('local.get', 0).op('local.get', 1)
    .op('block', { params: ['i32', 'i32'], results: ['i32', 'i32'] })
    .op('local.set', 0).op('local.set', 1).op('local.get', 0).op('local.get', 1)
    .op('end')
    .op('i32.sub');
  m.addFunction(pair, 'swapSub');
  return m;
}

/** Bit patterns of f64/f32 constants, read back with reinterpret. */
export const F64_CASES: readonly { readonly label: string; readonly imm: number | { bits: bigint }; readonly bits: bigint }[] = [
  { label: '-0', imm: -0, bits: 0x8000000000000000n },
  { label: '1.5', imm: 1.5, bits: 0x3ff8000000000000n },
  { label: '0.1', imm: 0.1, bits: 0x3fb999999999999an },
  { label: 'min subnormal', imm: 5e-324, bits: 1n },
  { label: 'max', imm: Number.MAX_VALUE, bits: 0x7fefffffffffffffn },
  { label: '-inf', imm: -Infinity, bits: 0xfff0000000000000n },
  { label: 'canonical NaN', imm: { bits: 0x7ff8000000000000n }, bits: 0x7ff8000000000000n },
  { label: 'NaN payload 1', imm: { bits: 0x7ff0000000000001n }, bits: 0x7ff0000000000001n },
  { label: 'negative NaN payload', imm: { bits: 0xfff4000000000abcn }, bits: 0xfff4000000000abcn },
];

export const F32_CASES: readonly { readonly label: string; readonly imm: number | { bits: number }; readonly bits: number }[] = [
  { label: '-0', imm: -0, bits: 0x80000000 },
  { label: '0.1', imm: 0.1, bits: 0x3dcccccd },
  { label: '3.4028235e38', imm: 3.4028234663852886e38, bits: 0x7f7fffff },
  { label: 'min subnormal', imm: { bits: 1 }, bits: 1 },
  { label: 'inf', imm: Infinity, bits: 0x7f800000 },
  { label: 'NaN payload', imm: { bits: 0x7fa00001 }, bits: 0x7fa00001 },
  { label: 'negative canonical NaN', imm: { bits: 0xffc00000 }, bits: 0xffc00000 },
];

/** One exported function per float case: `f64_<i>` returns the f64 constant's bits as i64, `f32_<i>` as i32. */
export function floatConstModule(): WasmModuleBuilder {
  const m = new WasmModuleBuilder();
  F64_CASES.forEach((c, i) => {
    const f = new WasmFunctionBuilder({ name: `f64_${i}`, results: ['i64'] });
    f.op('f64.const', c.imm).op('i64.reinterpret_f64');
    m.addFunction(f, `f64_${i}`);
  });
  F32_CASES.forEach((c, i) => {
    const f = new WasmFunctionBuilder({ name: `f32_${i}`, results: ['i32'] });
    f.op('f32.const', c.imm).op('i32.reinterpret_f32');
    m.addFunction(f, `f32_${i}`);
  });
  return m;
}

/** An imported mutable i64 global (an instruction counter) and defined globals of each type. */
export function globalsModule(): WasmModuleBuilder {
  const m = new WasmModuleBuilder();
  const icount = m.importGlobal('env', 'icount', 'i64', true);
  const calls = m.addGlobal({ type: 'i32', mutable: true, init: 0, name: 'calls' });
  m.addGlobal({ type: 'f64', mutable: false, init: -0, name: 'negZero' });
  m.addGlobal({ type: 'f32', mutable: false, init: 0.5 });
  const step = m.addGlobal({ type: 'i64', mutable: false, init: -(2n ** 40n), name: 'step' });
  const f = new WasmFunctionBuilder({ name: 'retire' });
  f.op('global.get', icount).op('global.get', step).op('i64.sub').op('global.set', icount)
    .op('global.get', calls).op('i32.const', 1).op('i32.add').op('global.set', calls);
  m.addFunction(f, 'retire');
  m.addExport('calls', 'global', calls);
  return m;
}

/** All sample modules, by name, for round-trip tests. */
export const SAMPLE_MODULES: Record<string, () => WasmModuleBuilder> = {
  i64Arithmetic: i64ArithmeticModule,
  sumLoop: sumLoopModule,
  memory: memoryModule,
  table: tableModule,
  jsImport: jsImportModule,
  tailCall: tailCallModule,
  brTable: brTableModule,
  floatConst: floatConstModule,
  globals: globalsModule,
};
