import { describe, it, expect } from 'vitest';
import { WasmFunctionBuilder } from '../../../core/backend/wasm/wasm-insn';
import { WasmModuleBuilder } from '../../../core/backend/wasm/wasm-module';

/** A block-shaped function: ~100 instructions of register loads, ALU ops, stores, and an exit branch. */
function blockLike(pc: number): WasmFunctionBuilder {
  const f = new WasmFunctionBuilder({ name: `tb_${pc.toString(16)}`, params: [{ type: 'i32', name: 'env' }], results: ['i32'] });
  const t0 = f.addLocal('i64', 't0');
  const t1 = f.addLocal('i64', 't1');
  for (let r = 0; r < 9; r++) {
    f.op('local.get', 0).op('i64.load', { offset: 8 * ((r % 31) + 1) }).op('local.set', t0)
      .op('local.get', t0).op('i64.const', BigInt(r * 1000 - 4000)).op('i64.add').op('local.set', t1)
      .op('local.get', 0).op('local.get', t1).op('i64.store', { offset: 8 * (((r + 5) % 31) + 1) });
  }
  f.op('block').op('local.get', t1).op('i64.eqz').op('br_if', 0)
    .op('i32.const', pc + 4).op('return').op('end').op('i32.const', pc + 8);
  return f;
}

describe('encoding speed', () => {
  it('encodes a 100-instruction block function in a few µs of CPU, well under its compile cost', () => {
    const batch = 10;
    const fns = Array.from({ length: 100 }, (_, i) => blockLike(0x80000000 + i * 16));
    expect(fns[0].body.length).toBeGreaterThanOrEqual(95);
    const encodeBatch = (r: number): Uint8Array => {
      const m = new WasmModuleBuilder();
      m.importMemory('env', 'memory', { min: 1 });
      for (let k = 0; k < batch; k++) m.addFunction(fns[(r * batch + k) % fns.length], `f${k}`);
      return m.encode().bytes;
    };
    for (let r = 0; r < 200; r++) encodeBatch(r); // warm up the JIT

    // CPU time of this process, not wall time: other jobs on the shared machine must not fail the test.
    let best = Infinity;
    for (let run = 0; run < 5; run++) {
      const t = process.cpuUsage();
      for (let r = 0; r < 300; r++) encodeBatch(r);
      const used = process.cpuUsage(t);
      best = Math.min(best, (used.user + used.system) / (300 * batch));
    }

    const tb = performance.now();
    for (let i = 0; i < 2000; i++) blockLike(i);
    const usBuild = ((performance.now() - tb) * 1000) / 2000;
    const m = new WasmModuleBuilder();
    for (let k = 0; k < batch; k++) m.addFunction(fns[k]);
    const tw = performance.now();
    for (let i = 0; i < 50; i++) m.toWat();
    const usWat = ((performance.now() - tw) * 1000) / (50 * batch);

    console.log(`wasm encode: ${best.toFixed(2)} µs CPU/function (~${fns[0].body.length} insns, batches of ${batch}); ` +
      `builder: ${usBuild.toFixed(2)} µs/function; WAT print: ${usWat.toFixed(1)} µs/function`);
    // Measured ~3-5 µs; compiling and instantiating costs ~30-50 µs per function (architecture.md).
    expect(best).toBeLessThan(20);
  });
});
