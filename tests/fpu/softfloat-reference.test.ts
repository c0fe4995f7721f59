import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sf from '../../core/fpu/softfloat';
import { FloatStatus } from '../../core/fpu/softfloat';
import { buildOracle, FloatOutcome, FloatVector, runOracle } from './fpref-oracle';
import {
  F32_FORMAT, F64_FORMAT, SeededRandom, VectorFormat, nudge, operand, valueWithExponent, vector,
} from './float-vectors';

/** How Orrery computes one instruction: the destination register bits (RV64 view). */
type Implementation = (v: FloatVector, st: FloatStatus) => bigint;

const u32 = (x: bigint) => Number(BigInt.asUintN(32, x));
const s32 = (x: bigint) => Number(BigInt.asIntN(32, x));
/** RV64 writes 32-bit integer results sign-extended. */
const wReg = (n: number) => BigInt.asUintN(64, BigInt(n | 0));
const xReg = (n: bigint) => BigInt.asUintN(64, n);
const f32Reg = (n: number) => BigInt(n >>> 0);

const IMPLEMENTATIONS: Record<string, Implementation> = {
  'fadd.s': (v, st) => f32Reg(sf.f32Add(u32(v.a), u32(v.b), v.rm, st)),
  'fsub.s': (v, st) => f32Reg(sf.f32Sub(u32(v.a), u32(v.b), v.rm, st)),
  'fmul.s': (v, st) => f32Reg(sf.f32Mul(u32(v.a), u32(v.b), v.rm, st)),
  'fdiv.s': (v, st) => f32Reg(sf.f32Div(u32(v.a), u32(v.b), v.rm, st)),
  'fsqrt.s': (v, st) => f32Reg(sf.f32Sqrt(u32(v.a), v.rm, st)),
  'fmadd.s': (v, st) => f32Reg(sf.f32Fmadd(u32(v.a), u32(v.b), u32(v.c), v.rm, st)),
  'fmsub.s': (v, st) => f32Reg(sf.f32Fmsub(u32(v.a), u32(v.b), u32(v.c), v.rm, st)),
  'fnmsub.s': (v, st) => f32Reg(sf.f32Fnmsub(u32(v.a), u32(v.b), u32(v.c), v.rm, st)),
  'fnmadd.s': (v, st) => f32Reg(sf.f32Fnmadd(u32(v.a), u32(v.b), u32(v.c), v.rm, st)),
  'fmin.s': (v, st) => f32Reg(sf.f32Min(u32(v.a), u32(v.b), st)),
  'fmax.s': (v, st) => f32Reg(sf.f32Max(u32(v.a), u32(v.b), st)),
  'feq.s': (v, st) => BigInt(sf.f32Eq(u32(v.a), u32(v.b), st)),
  'flt.s': (v, st) => BigInt(sf.f32Lt(u32(v.a), u32(v.b), st)),
  'fle.s': (v, st) => BigInt(sf.f32Le(u32(v.a), u32(v.b), st)),
  'fclass.s': (v) => BigInt(sf.f32Classify(u32(v.a))),
  'fcvt.w.s': (v, st) => wReg(sf.f32ToI32(u32(v.a), v.rm, st)),
  'fcvt.wu.s': (v, st) => wReg(sf.f32ToU32(u32(v.a), v.rm, st)),
  'fcvt.l.s': (v, st) => xReg(sf.f32ToI64(u32(v.a), v.rm, st)),
  'fcvt.lu.s': (v, st) => xReg(sf.f32ToU64(u32(v.a), v.rm, st)),
  'fcvt.s.w': (v, st) => f32Reg(sf.i32ToF32(s32(v.a), v.rm, st)),
  'fcvt.s.wu': (v, st) => f32Reg(sf.u32ToF32(u32(v.a), v.rm, st)),
  'fcvt.s.l': (v, st) => f32Reg(sf.i64ToF32(v.a, v.rm, st)),
  'fcvt.s.lu': (v, st) => f32Reg(sf.u64ToF32(v.a, v.rm, st)),
  'fcvt.d.s': (v, st) => sf.f32ToF64(u32(v.a), st),
  // fsgnj.s rd, rs, rs on a raw register: unbox, copy, box.
  'fmv.s/raw64': (v) => sf.boxF32(sf.unboxF32(v.a)),
  'fadd.d': (v, st) => sf.f64Add(v.a, v.b, v.rm, st),
  'fsub.d': (v, st) => sf.f64Sub(v.a, v.b, v.rm, st),
  'fmul.d': (v, st) => sf.f64Mul(v.a, v.b, v.rm, st),
  'fdiv.d': (v, st) => sf.f64Div(v.a, v.b, v.rm, st),
  'fsqrt.d': (v, st) => sf.f64Sqrt(v.a, v.rm, st),
  'fmadd.d': (v, st) => sf.f64Fmadd(v.a, v.b, v.c, v.rm, st),
  'fmsub.d': (v, st) => sf.f64Fmsub(v.a, v.b, v.c, v.rm, st),
  'fnmsub.d': (v, st) => sf.f64Fnmsub(v.a, v.b, v.c, v.rm, st),
  'fnmadd.d': (v, st) => sf.f64Fnmadd(v.a, v.b, v.c, v.rm, st),
  'fmin.d': (v, st) => sf.f64Min(v.a, v.b, st),
  'fmax.d': (v, st) => sf.f64Max(v.a, v.b, st),
  'feq.d': (v, st) => BigInt(sf.f64Eq(v.a, v.b, st)),
  'flt.d': (v, st) => BigInt(sf.f64Lt(v.a, v.b, st)),
  'fle.d': (v, st) => BigInt(sf.f64Le(v.a, v.b, st)),
  'fclass.d': (v) => BigInt(sf.f64Classify(v.a)),
  'fcvt.w.d': (v, st) => wReg(sf.f64ToI32(v.a, v.rm, st)),
  'fcvt.wu.d': (v, st) => wReg(sf.f64ToU32(v.a, v.rm, st)),
  'fcvt.l.d': (v, st) => xReg(sf.f64ToI64(v.a, v.rm, st)),
  'fcvt.lu.d': (v, st) => xReg(sf.f64ToU64(v.a, v.rm, st)),
  'fcvt.d.w': (v, st) => sf.i32ToF64(s32(v.a), v.rm, st),
  'fcvt.d.wu': (v, st) => sf.u32ToF64(u32(v.a), v.rm, st),
  'fcvt.d.l': (v, st) => sf.i64ToF64(v.a, v.rm, st),
  'fcvt.d.lu': (v, st) => sf.u64ToF64(v.a, v.rm, st),
  'fcvt.s.d': (v, st) => f32Reg(sf.f64ToF32(v.a, v.rm, st)),
};

// Host views to derive related operands (products, squares) from drawn ones.
const view = new DataView(new ArrayBuffer(8));
function valueOf(fmt: VectorFormat, bits: bigint): number {
  if (fmt === F64_FORMAT) { view.setBigUint64(0, bits); return view.getFloat64(0); }
  view.setUint32(0, Number(bits)); return view.getFloat32(0);
}
function bitsOf(fmt: VectorFormat, x: number): bigint {
  if (fmt === F64_FORMAT) { view.setFloat64(0, x); return view.getBigUint64(0); }
  view.setFloat32(0, x); return BigInt(view.getUint32(0));
}

/** An integer register operand: small, near powers of two (rounding ties), or random. */
function integerOperand(rng: SeededRandom): bigint {
  const k = rng.below(4);
  if (k === 0) return BigInt.asUintN(64, BigInt(rng.below(2001) - 1000));
  if (k === 1) return rng.u64();
  const p = BigInt(rng.below(64));
  const x = (1n << p) + (rng.u64() & ((1n << BigInt(rng.below(Number(p) + 1))) - 1n)) - BigInt(rng.below(3));
  return BigInt.asUintN(64, rng.below(2) ? -x : x);
}

/** Vectors for every instruction of one format ("s" or "d"). */
function generate(suffix: 's' | 'd', seed: number, perInsn: number): FloatVector[] {
  const fmt = suffix === 'd' ? F64_FORMAT : F32_FORMAT;
  const rng = new SeededRandom(seed);
  const x = () => operand(rng, fmt);
  const bias = (1 << (fmt.expBits - 1)) - 1;
  const out: FloatVector[] = [];
  const each = (insn: string, make: (i: number) => FloatVector) => {
    for (let i = 0; i < perInsn; i++) out.push(make(i));
  };
  for (const op of ['fadd', 'fsub']) {
    each(`${op}.${suffix}`, (i) => {
      const a = x();
      return vector(`${op}.${suffix}`, i, a, rng.below(3) === 0 ? nudge(rng, fmt, a) : x());
    });
  }
  const minNormal = 2 ** (1 - bias);
  /** An operand that puts the exact result within a few ulps of the smallest normal (tininess after rounding). */
  const nearMinNormal = (quotient: number) => nudge(rng, fmt, bitsOf(fmt, quotient));
  each(`fmul.${suffix}`, (i) => {
    if (rng.below(5) === 0) {
      const a = valueWithExponent(rng, fmt, rng.below(21) - 10);
      return vector(`fmul.${suffix}`, i, a, nearMinNormal(minNormal / valueOf(fmt, a)));
    }
    if (rng.below(4) === 0) {
      // Products near the underflow and overflow thresholds.
      const e = rng.below(2) ? 1 - bias : bias;
      const e1 = Math.floor(e / 2) + rng.below(9) - 4;
      return vector(`fmul.${suffix}`, i, valueWithExponent(rng, fmt, e1), valueWithExponent(rng, fmt, e - e1 + rng.below(5) - 2));
    }
    return vector(`fmul.${suffix}`, i, x(), x());
  });
  each(`fdiv.${suffix}`, (i) => {
    const b = x();
    const k = rng.below(6);
    const a = k < 2 ? bitsOf(fmt, valueOf(fmt, b) * (rng.below(15) + 1))
      : k === 2 ? nearMinNormal(valueOf(fmt, b) * minNormal)
      : x();
    return vector(`fdiv.${suffix}`, i, a, b);
  });
  each(`fsqrt.${suffix}`, (i) => {
    if (rng.below(3) === 0) {
      const r = valueOf(fmt, valueWithExponent(rng, fmt, rng.below(41) - 20));
      return vector(`fsqrt.${suffix}`, i, bitsOf(fmt, Math.abs(r * r)));
    }
    return vector(`fsqrt.${suffix}`, i, x());
  });
  for (const op of ['fmadd', 'fmsub', 'fnmsub', 'fnmadd']) {
    each(`${op}.${suffix}`, (i) => {
      const a = x();
      const b = x();
      // Addends that nearly cancel the product exercise the single rounding.
      const product = valueOf(fmt, a) * valueOf(fmt, b);
      const k = rng.below(5);
      const c = k < 2 ? nudge(rng, fmt, bitsOf(fmt, product))
        : k === 2 ? nearMinNormal((rng.below(2) ? minNormal : -minNormal) - product)
        : x();
      return vector(`${op}.${suffix}`, i, a, b, c);
    });
  }
  for (const op of ['fmin', 'fmax', 'feq', 'flt', 'fle']) {
    each(`${op}.${suffix}`, (i) => {
      const a = x();
      return vector(`${op}.${suffix}`, i, a, rng.below(3) === 0 ? nudge(rng, fmt, a) : x());
    });
  }
  each(`fclass.${suffix}`, (i) => vector(`fclass.${suffix}`, i, x()));
  for (const op of ['w', 'wu', 'l', 'lu']) {
    each(`fcvt.${op}.${suffix}`, (i) =>
      vector(`fcvt.${op}.${suffix}`, i, rng.below(2) ? x() : valueWithExponent(rng, fmt, rng.below(70) - 4)));
    each(`fcvt.${suffix}.${op}`, (i) => vector(`fcvt.${suffix}.${op}`, i, integerOperand(rng)));
  }
  if (suffix === 's') {
    each('fcvt.d.s', (i) => vector('fcvt.d.s', i, x()));
    each('fmv.s/raw64', (i) => {
      const low = x();
      const k = rng.below(3);
      return vector('fmv.s/raw64', i, k === 0 ? rng.u64() : k === 1 ? (0xffffffffn << 32n) | low : (BigInt(rng.u32()) << 32n) | low);
    });
  } else {
    each('fcvt.s.d', (i) =>
      vector('fcvt.s.d', i, rng.below(2) ? x() : valueWithExponent(rng, fmt, rng.below(290) - 160)));
  }
  return out;
}

function describeMismatch(v: FloatVector, got: FloatOutcome, want: FloatOutcome): string {
  const h = (n: bigint) => '0x' + n.toString(16);
  return `${v.insn} rm=${v.rm}${v.staticRm ? ' (static)' : ' (dyn)'} a=${h(v.a)} b=${h(v.b)} c=${h(v.c)}: ` +
    `got ${h(got.result)} flags ${got.flags}, hardware ${h(want.result)} flags ${want.flags}`;
}

function compareWithHardware(exe: string, vectors: FloatVector[]): string[] {
  const want = runOracle(exe, vectors);
  const mismatches: string[] = [];
  const st = new FloatStatus();
  vectors.forEach((v, i) => {
    st.flags = 0;
    const got = { result: IMPLEMENTATIONS[v.insn](v, st), flags: st.flags };
    if (got.result !== want[i].result || got.flags !== want[i].flags) {
      mismatches.push(describeMismatch(v, got, want[i]));
    }
  });
  return mismatches;
}

/**
 * Per instruction; about 25 instructions per format, so well over 20k vectors
 * each. A soak run can raise it and vary the seed:
 * `ORRERY_FPU_VECTORS=20000 ORRERY_FPU_SEED=7 npx vitest run tests/fpu/softfloat-reference.test.ts`.
 */
const VECTORS_PER_INSTRUCTION = Number(process.env.ORRERY_FPU_VECTORS ?? 1000);
const SEED = Number(process.env.ORRERY_FPU_SEED ?? 0);

describe('soft-float agrees bit for bit and flag for flag with RISC-V hardware semantics (qemu-riscv64)', () => {
  let exe = '';
  beforeAll(() => { exe = buildOracle(); });
  afterAll(() => { if (exe) rmSync(dirname(exe), { recursive: true, force: true }); });

  it('every F-extension instruction, in all five rounding modes, static and dynamic', () => {
    const vectors = generate('s', 0x5eed32 + SEED, VECTORS_PER_INSTRUCTION);
    expect(vectors.length).toBeGreaterThanOrEqual(Math.min(20_000, 20 * VECTORS_PER_INSTRUCTION));
    const mismatches = compareWithHardware(exe, vectors);
    expect(mismatches.slice(0, 25), `${mismatches.length} of ${vectors.length} differ`).toEqual([]);
  });

  it('every D-extension instruction, in all five rounding modes, static and dynamic', () => {
    const vectors = generate('d', 0x5eed64 + SEED, VECTORS_PER_INSTRUCTION);
    expect(vectors.length).toBeGreaterThanOrEqual(Math.min(20_000, 20 * VECTORS_PER_INSTRUCTION));
    const mismatches = compareWithHardware(exe, vectors);
    expect(mismatches.slice(0, 25), `${mismatches.length} of ${vectors.length} differ`).toEqual([]);
  });
});
