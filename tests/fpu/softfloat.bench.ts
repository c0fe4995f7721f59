/**
 * Throughput of the soft-float hot paths (RNE, normal operands) and of the
 * exact core (RMM forces it). Each benchmark iteration runs one operation
 * over OPERANDS pairs, so ns/op = (1e9 / hz) / OPERANDS.
 *
 * Run: npx vitest bench --run tests/fpu/softfloat.bench.ts
 */
import { bench, describe } from 'vitest';
import {
  FloatStatus, RoundingMode,
  f32Add, f32Div, f32Fmadd, f32Mul, f64Add, f64Div, f64Fmadd, f64Mul,
} from '../../core/fpu/softfloat';

const OPERANDS = 1024;
const view = new DataView(new ArrayBuffer(8));
let seed = 12345;
function random(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed / 2 ** 32) * 4 - 2 + 1e-3;
}
const a64: bigint[] = [], b64: bigint[] = [], c64: bigint[] = [];
const a32: number[] = [], b32: number[] = [], c32: number[] = [];
for (let i = 0; i < OPERANDS; i++) {
  for (const [d64, d32] of [[a64, a32], [b64, b32], [c64, c32]] as const) {
    const x = random();
    view.setFloat64(0, x); d64.push(view.getBigUint64(0));
    view.setFloat32(0, x); d32.push(view.getUint32(0));
  }
}
const st = new FloatStatus();
let sink64 = 0n;
let sink32 = 0;

function suite(rm: number, label: string): void {
  describe(`${label}: ${OPERANDS} operations per iteration`, () => {
    bench('f64 add', () => { for (let i = 0; i < OPERANDS; i++) sink64 ^= f64Add(a64[i], b64[i], rm, st); });
    bench('f64 mul', () => { for (let i = 0; i < OPERANDS; i++) sink64 ^= f64Mul(a64[i], b64[i], rm, st); });
    bench('f64 div', () => { for (let i = 0; i < OPERANDS; i++) sink64 ^= f64Div(a64[i], b64[i], rm, st); });
    bench('f64 fma', () => { for (let i = 0; i < OPERANDS; i++) sink64 ^= f64Fmadd(a64[i], b64[i], c64[i], rm, st); });
    bench('f32 add', () => { for (let i = 0; i < OPERANDS; i++) sink32 ^= f32Add(a32[i], b32[i], rm, st); });
    bench('f32 mul', () => { for (let i = 0; i < OPERANDS; i++) sink32 ^= f32Mul(a32[i], b32[i], rm, st); });
    bench('f32 div', () => { for (let i = 0; i < OPERANDS; i++) sink32 ^= f32Div(a32[i], b32[i], rm, st); });
    bench('f32 fma', () => { for (let i = 0; i < OPERANDS; i++) sink32 ^= f32Fmadd(a32[i], b32[i], c32[i], rm, st); });
  });
}

suite(RoundingMode.RNE, 'RNE (fast paths)');
suite(RoundingMode.RMM, 'RMM (exact bigint core)');

export { sink32, sink64 };
