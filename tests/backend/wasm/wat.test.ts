import { describe, it, expect } from 'vitest';
import { WasmFunctionBuilder, WasmInsn } from '../../../core/backend/wasm/wasm-insn';
import { WasmModuleBuilder } from '../../../core/backend/wasm/wasm-module';
import { WASM_MNEMONICS, WASM_OPCODES, WasmMnemonic } from '../../../core/backend/wasm/wasm-opcodes';
import { formatF32, formatF64, printFunctionWat, watId } from '../../../core/backend/wasm/wat';
import { functionBodies, nonCustomSectionsHex } from './wasm-sections';
import { wasm2wat, wat2wasm } from './wabt-tool';
import { I64_TO_I64, SAMPLE_MODULES, sumLoopModule } from './sample-modules';

/** Deterministic pseudo-random 32-bit words (xorshift32), so failures reproduce. */
function* words(seed: number): Generator<number> {
  let x = seed >>> 0 || 1;
  for (;;) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    yield x;
  }
}

/** A sample immediate for each immediate kind (only the encoding is checked, not validity). */
function sampleInsns(op: WasmMnemonic): WasmInsn[] {
  const imm: Record<string, unknown> = {
    none: undefined, memidx: undefined, memidx2: undefined,
    memarg: { offset: 24 }, i32: -5, i64: -5n, f32: 1.25, f64: -2.5,
    local: 1, global: 0, func: 0, label: 0,
    br_table: { labels: [0, 0], defaultLabel: 0 },
    call_indirect: { type: I64_TO_I64 },
    blocktype: 'i64',
  };
  if (op === 'end') return [{ op: 'block', imm: undefined }, { op: 'end', imm: undefined }];
  // wabt drops an empty else branch, so give it a body.
  if (op === 'else') return [{ op: 'if', imm: undefined }, { op: 'else', imm: undefined }, { op: 'nop', imm: undefined }, { op: 'end', imm: undefined }];
  const insn = { op, imm: imm[WASM_OPCODES[op].imm] } as WasmInsn;
  return WASM_OPCODES[op].imm === 'blocktype' ? [insn, { op: 'end', imm: undefined }] : [insn];
}

describe('WebAssembly text printer', () => {
  it('every mnemonic prints as text that wabt assembles to the same bytes as the encoder', async () => {
    const m = new WasmModuleBuilder();
    m.importMemory('env', 'memory', { min: 1 });
    m.importTable('env', 'table', { min: 1 });
    m.importGlobal('env', 'g', 'i64', true);
    for (const op of WASM_MNEMONICS) {
      const f = new WasmFunctionBuilder({ name: `op_${op}`, params: ['i32', 'i64'] });
      for (const insn of sampleInsns(op)) f.emit(insn);
      m.addFunction(f);
    }
    const encoded = m.encode().bytes;
    const viaText = await wat2wasm(m.toWat(), { validate: false });
    const hexBodies = (bytes: Uint8Array): string[] =>
      functionBodies(bytes).map((b, i) => `${WASM_MNEMONICS[i]}: ${Buffer.from(b).toString('hex')}`);
    expect(hexBodies(viaText)).toEqual(hexBodies(encoded));
    expect(nonCustomSectionsHex(viaText)).toEqual(nonCustomSectionsHex(encoded));
  });

  it('the instruction table covers every MVP memory and numeric opcode (0x28-0xc4) exactly once, plus the 0xfc ops', () => {
    const single = WASM_MNEMONICS.map((op) => WASM_OPCODES[op] as { code: number; prefix?: number }).filter((i) => i.prefix === undefined).map((i) => i.code);
    const range = Array.from({ length: 0xc4 - 0x28 + 1 }, (_, k) => 0x28 + k);
    expect(single.filter((c) => c >= 0x28)).toEqual(range);
    const misc = WASM_MNEMONICS.map((op) => WASM_OPCODES[op] as { code: number; prefix?: number }).filter((i) => i.prefix === 0xfc).map((i) => i.code);
    expect(misc.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 10, 11]);
  });

  for (const [name, build] of Object.entries(SAMPLE_MODULES)) {
    it(`the ${name} module prints as valid WAT that wabt turns into the same sections`, async () => {
      const m = build();
      const viaText = await wat2wasm(m.toWat());
      expect(nonCustomSectionsHex(viaText)).toEqual(nonCustomSectionsHex(m.encode().bytes));
    });
  }

  it('the name section carries function and local names that wabt reads back', async () => {
    const text = await wasm2wat(SAMPLE_MODULES.table().encode().bytes);
    expect(text).toContain('(import "env" "base" (global $tableBase i32))');
    expect(text).toMatch(/\(func \$dispatch \(type \d+\) \(param \$slot i32\) \(param \$x i64\)/);
    expect(text).toContain('(func $negate');
    const sum = await wasm2wat(sumLoopModule().encode().bytes);
    expect(sum).toContain('(local $acc i64) (local $i i64)');
  });

  it('the module wabt assembles from the text runs like the encoded one', async () => {
    const viaText = await wat2wasm(sumLoopModule().toWat());
    const { sum } = new WebAssembly.Instance(new WebAssembly.Module(viaText)).exports as { sum: (n: bigint) => bigint };
    expect(sum(10n)).toBe(55n);
  });

  it('a translated block reads as flat, indented text with named locals and labels', () => {
    const f = new WasmFunctionBuilder({ name: 'tb_80000000', params: [{ type: 'i32', name: 'env' }], results: ['i32'] });
    const t0 = f.addLocal('i64', 't0');
    f.op('local.get', 0).op('i64.load', { offset: 64 }).op('i64.const', -1n).op('i64.add').op('local.set', t0)
      .op('block')
      .op('local.get', t0).op('i64.eqz').op('br_if', 0)
      .op('local.get', 0).op('local.get', t0).op('i64.store', { offset: 72, align: 2 })
      .op('end')
      .op('i32.const', 0x80000004);
    expect(f.toWat()).toBe([
      '(func $tb_80000000 (param $env i32) (result i32)',
      '  (local $t0 i64)',
      '  local.get $env',
      '  i64.load offset=64',
      '  i64.const -1',
      '  i64.add',
      '  local.set $t0',
      '  block $B0',
      '    local.get $t0',
      '    i64.eqz',
      '    br_if $B0',
      '    local.get $env',
      '    local.get $t0',
      '    i64.store offset=72 align=4',
      '  end',
      '  i32.const -2147483644)',
    ].join('\n'));
  });

  it("labels: 'depth' prints branch targets as relative depths, and a branch to the function body stays numeric", () => {
    const f = new WasmFunctionBuilder({ name: 'f' });
    f.op('loop').op('i32.const', 1).op('br_if', 0).op('br', 1).op('end');
    expect(printFunctionWat(f, { labels: 'depth' })).toContain('  loop\n    i32.const 1\n    br_if 0\n    br 1\n  end)');
    expect(printFunctionWat(f)).toContain('br_if $L0\n    br 1\n');
  });

  it('a standalone function prints call_indirect signatures inline and calls by index', async () => {
    const f = new WasmFunctionBuilder({ name: 'g', params: ['i64'], results: ['i64'] });
    f.op('local.get', 0).op('i32.const', 0).op('call_indirect', { type: I64_TO_I64 }).op('return_call', 0);
    const text = f.toWat();
    expect(text).toContain('call_indirect (param i64) (result i64)');
    expect(text).toContain('return_call 0');
    await expect(wat2wasm(`(module (table 1 funcref) ${text})`)).resolves.toBeInstanceOf(Uint8Array);
  });

  it('names outside the WAT identifier alphabet are sanitised and collisions made unique', async () => {
    expect(watId('tb 8000 "x"')).toBe('$tb_8000__x_');
    const m = new WasmModuleBuilder();
    const f = new WasmFunctionBuilder({ name: 'tb (hot)', params: [{ type: 'i64', name: 'x y' }, { type: 'i64', name: 'x_y' }] });
    f.addLocal('i64', 'x y');
    f.op('local.get', 2).op('local.set', 0);
    m.addFunction(f);
    m.addFunction(new WasmFunctionBuilder({ name: 'tb (hot)' }));
    const text = m.toWat();
    expect(text).toContain('(param $x_y i64) (param $x_y_1 i64)');
    expect(text).toContain('(local $x_y_2 i64)');
    expect(text).toContain('(func $tb__hot__1');
    const viaText = await wat2wasm(text);
    expect(nonCustomSectionsHex(viaText)).toEqual(nonCustomSectionsHex(m.encode().bytes));
  });

  it('float constants are spelled exactly: -0, inf, nan, nan payloads, shortest decimals', () => {
    expect(formatF64(-0)).toBe('-0');
    expect(formatF64(-Infinity)).toBe('-inf');
    expect(formatF64({ bits: 0x7ff8000000000000n })).toBe('nan');
    expect(formatF64({ bits: 0xfff0000000000001n })).toBe('-nan:0x1');
    expect(formatF64(0.1)).toBe('0.1');
    expect(formatF64(1e300)).toBe('1e+300');
    expect(formatF32(0.1)).toBe('0.1');
    expect(formatF32({ bits: 0x7f800001 })).toBe('nan:0x1');
    expect(formatF32(16777217)).toBe('16777216'); // rounded to f32 first
  });

  it('random f64 and f32 bit patterns survive the trip through text and wabt', async () => {
    const rnd = words(0x5eed);
    const m = new WasmModuleBuilder();
    const f = new WasmFunctionBuilder({ name: 'consts' });
    for (let i = 0; i < 400; i++) {
      const hi = rnd.next().value as number;
      const lo = rnd.next().value as number;
      f.op('f64.const', { bits: (BigInt(hi) << 32n) | BigInt(lo) }).op('drop');
      f.op('f32.const', { bits: hi }).op('drop');
      // Also values near f32 rounding boundaries, given as doubles.
      f.op('f32.const', (lo / 2 ** 32) * 2 ** ((hi % 200) - 100)).op('drop');
    }
    m.addFunction(f);
    const viaText = await wat2wasm(m.toWat());
    expect(nonCustomSectionsHex(viaText)).toEqual(nonCustomSectionsHex(m.encode().bytes));
  });

  it('i64 and i32 constants at the edges of their ranges round-trip through the text', async () => {
    const m = new WasmModuleBuilder();
    const f = new WasmFunctionBuilder();
    for (const v of [-1n, -(2n ** 63n), 2n ** 63n - 1n, 2n ** 63n, 2n ** 64n - 1n, 2n ** 53n + 1n]) f.op('i64.const', v).op('drop');
    for (const v of [-1, -(2 ** 31), 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1]) f.op('i32.const', v).op('drop');
    m.addFunction(f);
    const text = m.toWat();
    expect(text).toContain('i64.const -9223372036854775808');
    const viaText = await wat2wasm(text);
    expect(nonCustomSectionsHex(viaText)).toEqual(nonCustomSectionsHex(m.encode().bytes));
  });
});
