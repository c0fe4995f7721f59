import { describe, it, expect } from 'vitest';
import { IrBuilder } from '../../../core/ir/builder';
import { BinaryOpc, HelperInfo, IrType, UnaryOpc, constant } from '../../../core/ir/ir';
import { ENV } from '../../../core/exec/env';
import { GuestException } from '../../../core/exec/guest-exception';
import { evalBinary, evalUnary } from '../../../core/ir/passes/const-eval';
import { interpretBlock } from '../../../core/backend/interp/interpreter';
import { LOAD_ACCESS_FAULT, TEST_ENV, TEST_RAM_BASE, TestMachine } from './interp-harness';

const OUT = 64; // env offset the test blocks store their result to
const I32_MIN = -(2n ** 31n);
const I64_MIN = -(2n ** 63n);

/** Run `a opc b` in the interpreter, operands in temps (or `b` as an immediate). */
function binary(opc: BinaryOpc, type: IrType, a: bigint, b: bigint, bImmediate = false): bigint {
  const m = new TestMachine();
  const bld = new IrBuilder(0x1000n);
  const ta = bld.mov(type, constant(type, a));
  const tb = bImmediate ? constant(type, b) : bld.mov(type, constant(type, b));
  bld.st(type, bld.binary(opc, type, ta, tb), OUT);
  bld.exitTb();
  m.run(bld.finish());
  return type === 'i64' ? m.getI64(OUT) : BigInt(m.getI32(OUT));
}

function unary(opc: UnaryOpc, type: IrType, a: bigint): bigint {
  const m = new TestMachine();
  const bld = new IrBuilder(0x1000n);
  bld.st(type, bld.unary(opc, type, bld.mov(type, constant(type, a))), OUT);
  bld.exitTb();
  m.run(bld.finish());
  return type === 'i64' ? m.getI64(OUT) : BigInt(m.getI32(OUT));
}

/** A seeded 64-bit generator (xorshift64*), so failures reproduce. */
function rng(seed: bigint): () => bigint {
  let s = seed;
  return () => {
    s ^= s >> 12n; s ^= BigInt.asUintN(64, s << 25n); s ^= s >> 27n;
    return BigInt.asIntN(64, s * 0x2545f4914f6cdd1dn);
  };
}

describe('division and remainder are total, with RISC-V results', () => {
  for (const type of ['i32', 'i64'] as const) {
    const min = type === 'i32' ? I32_MIN : I64_MIN;
    it(`${type}: x/0 is -1 and x%0 is x`, () => {
      expect(binary('div', type, 7n, 0n)).toBe(-1n);
      expect(binary('divu', type, 7n, 0n)).toBe(-1n);
      expect(binary('rem', type, -7n, 0n)).toBe(-7n);
      expect(binary('remu', type, -7n, 0n)).toBe(-7n);
    });
    it(`${type}: MIN/-1 overflows to MIN with remainder 0`, () => {
      expect(binary('div', type, min, -1n)).toBe(min);
      expect(binary('rem', type, min, -1n)).toBe(0n);
      expect(binary('div', type, min, -1n, true)).toBe(min);
    });
    it(`${type}: signed division truncates toward zero, the remainder takes the dividend's sign`, () => {
      expect(binary('div', type, -7n, 2n)).toBe(-3n);
      expect(binary('rem', type, -7n, 2n)).toBe(-1n);
      expect(binary('rem', type, 7n, -2n)).toBe(1n);
    });
    it(`${type}: unsigned division treats operands as unsigned`, () => {
      const w = type === 'i32' ? 32 : 64;
      expect(binary('divu', type, -1n, 2n)).toBe(BigInt.asIntN(w, (2n ** BigInt(w) - 1n) / 2n));
      expect(binary('remu', type, -1n, 10n)).toBe((2n ** BigInt(w) - 1n) % 10n);
    });
  }
});

describe('shifts take the count modulo the width', () => {
  it('i32 shl by 33 is shl by 1, shr/sar by -1 is by 31', () => {
    expect(binary('shl', 'i32', 3n, 33n)).toBe(6n);
    expect(binary('shr', 'i32', I32_MIN, -1n)).toBe(1n);
    expect(binary('sar', 'i32', I32_MIN, -1n)).toBe(-1n);
  });
  it('i64 shl by 65 is shl by 1, shr/sar by 127 is by 63', () => {
    expect(binary('shl', 'i64', 3n, 65n)).toBe(6n);
    expect(binary('shr', 'i64', I64_MIN, 127n)).toBe(1n);
    expect(binary('sar', 'i64', I64_MIN, 127n)).toBe(-1n);
    expect(binary('shl', 'i64', 3n, 65n, true)).toBe(6n);
  });
  it('rotl/rotr by 0 and by the width leave the value alone', () => {
    expect(binary('rotl', 'i32', 0x12345678n, 0n)).toBe(0x12345678n);
    expect(binary('rotr', 'i32', 0x12345678n, 32n)).toBe(0x12345678n);
    expect(binary('rotl', 'i64', -2n, 64n)).toBe(-2n);
  });
  it('rotl/rotr move bits around the ends', () => {
    expect(binary('rotl', 'i32', BigInt.asIntN(32, 0x80000001n), 1n)).toBe(3n);
    expect(binary('rotr', 'i32', 3n, 1n)).toBe(BigInt.asIntN(32, 0x80000001n));
    expect(binary('rotl', 'i64', BigInt.asIntN(64, 0x8000000000000001n), 4n)).toBe(0x18n);
    expect(binary('rotr', 'i64', 0x18n, 4n)).toBe(BigInt.asIntN(64, 0x8000000000000001n));
  });
});

describe('high halves of products match a BigInt reference', () => {
  const next = rng(0x1234567n);
  const interesting = [0n, 1n, -1n, 2n, I64_MIN, -I64_MIN - 1n, I32_MIN, -I32_MIN - 1n, 0xffffffffn];
  for (const type of ['i32', 'i64'] as const) {
    const w = type === 'i32' ? 32 : 64;
    const bw = BigInt(w);
    const s = (x: bigint) => BigInt.asIntN(w, x);
    const u = (x: bigint) => BigInt.asUintN(w, x);
    it(`${type} mulsh/muluh/mulsuh`, () => {
      const values = [...interesting, ...Array.from({ length: 40 }, next)].map(s);
      for (const a of values) {
        for (const b of values.slice(0, 20)) {
          expect(binary('mulsh', type, a, b)).toBe(s((a * b) >> bw));
          expect(binary('muluh', type, a, b)).toBe(s((u(a) * u(b)) >> bw));
          expect(binary('mulsuh', type, a, b)).toBe(s((a * u(b)) >> bw));
        }
      }
    });
  }
});

describe('every binary and unary op agrees with the exact BigInt semantics', () => {
  const opcs: BinaryOpc[] = ['add', 'sub', 'mul', 'and', 'or', 'xor', 'shl', 'shr', 'sar', 'rotl', 'rotr',
    'div', 'divu', 'rem', 'remu', 'mulsh', 'muluh', 'mulsuh'];
  const unaries: UnaryOpc[] = ['neg', 'not', 'ext8s', 'ext8u', 'ext16s', 'ext16u'];
  for (const type of ['i32', 'i64'] as const) {
    it(`${type}, seeded random operands`, () => {
      const next = rng(type === 'i32' ? 99n : 77n);
      const pick = (): bigint => {
        const r = next();
        const kind = Number(BigInt.asUintN(3, r));
        return constant(type, kind === 0 ? r >> 58n : kind === 1 ? (type === 'i32' ? I32_MIN : I64_MIN) : r).value;
      };
      for (let i = 0; i < 300; i++) {
        const a = pick(); const b = pick();
        for (const opc of opcs) expect(binary(opc, type, a, b), `${opc}_${type} ${a}, ${b}`).toBe(evalBinary(opc, type, a, b));
        for (const opc of unaries) expect(unary(opc, type, a), `${opc}_${type} ${a}`).toBe(evalUnary(opc, type, a));
      }
    });
  }
});

describe('extensions and width changes', () => {
  it('ext8s/ext16s sign-extend, ext8u/ext16u zero-extend', () => {
    expect(unary('ext8s', 'i32', 0x180n)).toBe(-128n);
    expect(unary('ext8u', 'i32', -1n)).toBe(0xffn);
    expect(unary('ext16s', 'i64', 0x18000n)).toBe(-32768n);
    expect(unary('ext16u', 'i64', -1n)).toBe(0xffffn);
  });
  it('ext32s/ext32u take the low 32 bits of an i64', () => {
    expect(unary('ext32s', 'i64', 0x1_8000_0000n)).toBe(I32_MIN);
    expect(unary('ext32u', 'i64', -1n)).toBe(0xffffffffn);
  });
  it('trunc keeps the low half; sext and zext extend an i32', () => {
    const m = new TestMachine();
    const bld = new IrBuilder(0n);
    const low = bld.trunc(bld.mov('i64', bld.i64(0x1_8000_0001n)));
    bld.st('i64', bld.sext(low), 64);
    bld.st('i64', bld.zext(low), 72);
    bld.exitTb();
    m.run(bld.finish());
    expect(m.getI64(64)).toBe(BigInt.asIntN(64, 0xffffffff80000001n));
    expect(m.getI64(72)).toBe(0x80000001n);
  });
});

describe('conditions', () => {
  it('setcond yields 0/1 in its type and distinguishes signed from unsigned', () => {
    const m = new TestMachine();
    const bld = new IrBuilder(0n);
    const minus1 = bld.mov('i64', bld.i64(-1));
    bld.st('i64', bld.setcond('i64', 'lt', minus1, bld.i64(1)), 64);
    bld.st('i64', bld.setcond('i64', 'ltu', minus1, bld.i64(1)), 72);
    bld.st('i32', bld.setcond('i32', 'gtu', bld.trunc(minus1), bld.i32(1)), 80);
    bld.exitTb();
    m.run(bld.finish());
    expect([m.getI64(64), m.getI64(72), m.getI32(80)]).toEqual([1n, 0n, 1]);
  });
  it('movcond picks t when the condition holds, else f', () => {
    const m = new TestMachine();
    const bld = new IrBuilder(0n);
    const x = bld.mov('i64', bld.i64(5));
    bld.st('i64', bld.movcond('i64', 'geu', x, bld.i64(5), bld.i64(10), bld.i64(20)), 64);
    bld.st('i64', bld.movcond('i64', 'gt', x, bld.i64(5), bld.i64(10), bld.i64(20)), 72);
    bld.exitTb();
    m.run(bld.finish());
    expect([m.getI64(64), m.getI64(72)]).toEqual([10n, 20n]);
  });
  it('brcond jumps to its label only when the condition holds', () => {
    for (const [x, expected] of [[3n, 111n], [4n, 222n]] as const) {
      const m = new TestMachine();
      const bld = new IrBuilder(0n);
      const other = bld.label(); const done = bld.label();
      const t = bld.mov('i64', bld.i64(x));
      bld.brcond('i64', 'ne', t, bld.i64(3), other);
      bld.st('i64', bld.i64(111), 64);
      bld.br(done);
      bld.setLabel(other);
      bld.st('i64', bld.i64(222), 64);
      bld.setLabel(done);
      bld.exitTb();
      m.run(bld.finish());
      expect(m.getI64(64)).toBe(expected);
    }
  });
});

describe('env access', () => {
  it('ld/st address env at byte offsets, little-endian, i32 touching 4 bytes only', () => {
    const m = new TestMachine();
    m.setI64(64, 0x1122334455667788n);
    const bld = new IrBuilder(0n);
    const v = bld.ld('i32', 68);
    bld.st('i32', bld.i32(-1), 64);
    bld.st('i32', v, 72);
    bld.exitTb();
    m.run(bld.finish());
    expect(m.getI64(64)).toBe(0x11223344ffffffffn);
    expect(m.getI32(72)).toBe(0x11223344);
  });
});

describe('guest memory through the softmmu', () => {
  it('qemu_ld sign- or zero-extends; qemu_st writes the low bytes; the mmu index is passed on', () => {
    const m = new TestMachine();
    m.ram.set([0xfe, 0xff, 0x00, 0x80], 0);
    const bld = new IrBuilder(0n);
    const addr = bld.mov('i64', bld.i64(TEST_RAM_BASE));
    bld.st('i64', bld.qemuLd('i64', addr, { size: 2, signed: true }, 3), 64);
    bld.st('i64', bld.qemuLd('i64', addr, { size: 2, signed: false }, 3), 72);
    bld.st('i32', bld.qemuLd('i32', addr, { size: 4, signed: false }, 1), 80);
    bld.qemuSt('i64', bld.i64(0x0102030405060708n), bld.i64(TEST_RAM_BASE + 8n), { size: 2, signed: false }, 2);
    // An i32 address is zero-extended.
    bld.qemuSt('i32', bld.i32(0x55), bld.trunc(bld.i64(TEST_RAM_BASE + 16n)), { size: 1, signed: false }, 0);
    bld.exitTb();
    m.run(bld.finish());
    expect([m.getI64(64), m.getI64(72), m.getI32(80)]).toEqual([-2n, 0xfffen, 0x8000fffe | 0]);
    expect([...m.ram.subarray(8, 11)]).toEqual([0x08, 0x07, 0x00]);
    expect(m.ram[16]).toBe(0x55);
    expect(m.accesses).toEqual(['load16 80000000 mmu3', 'load16 80000000 mmu3', 'load32 80000000 mmu1',
      'store16 80000008 mmu2', 'store8 80000010 mmu0']);
  });

  it('a faulting access leaves faultPc/faultUnretired naming its instruction and earlier stores done', () => {
    const m = new TestMachine();
    const bld = new IrBuilder(0x1000n);
    bld.insnStart(0x1000n, 4);
    bld.st('i64', bld.i64(1), 64);
    bld.insnStart(0x1004n, 4);
    bld.st('i64', bld.i64(2), 72);
    bld.qemuLd('i64', bld.i64(0x10), { size: 8, signed: false }, 0); // outside RAM: faults
    bld.insnStart(0x1008n, 4);
    bld.st('i64', bld.i64(3), 80);
    bld.gotoTb(0, 0x100cn);
    let thrown: unknown;
    try { m.run(bld.finish()); } catch (e) { thrown = e; }
    expect(thrown).toBeInstanceOf(GuestException);
    expect((thrown as GuestException).cause).toBe(LOAD_ACCESS_FAULT);
    expect(m.getI64(ENV.faultPc)).toBe(0x1004n);
    expect(m.getI32(ENV.faultUnretired)).toBe(2);
    expect([m.getI64(64), m.getI64(72), m.getI64(80)]).toEqual([1n, 2n, 0n]);
    expect(m.getI64(ENV.pc)).toBe(0n);
  });
});

describe('helper calls', () => {
  it('pass i32 as number and i64 as bigint, and canonicalise the result', () => {
    const seen: unknown[] = [];
    const helper: HelperInfo = {
      name: 'probe', args: ['i32', 'i64'], ret: 'i64', mayRaise: false, readsEnv: false, writesEnv: false, pure: true,
      fn: (a: number, b: bigint) => { seen.push(a, b); return 2n ** 64n - 1n; },
    };
    const m = new TestMachine();
    const bld = new IrBuilder(0n);
    bld.st('i64', bld.call(helper, bld.i32(-5), bld.i64(7)), 64);
    bld.exitTb();
    m.run(bld.finish());
    expect(seen).toEqual([-5, 7n]);
    expect(m.getI64(64)).toBe(-1n);
  });

  it('a helper that may raise finds faultPc/faultUnretired already written; one that may not, does not', () => {
    const m = new TestMachine();
    const observed: [bigint, number][] = [];
    const observe = (): void => { observed.push([m.getI64(ENV.faultPc), m.getI32(ENV.faultUnretired)]); };
    const raising: HelperInfo = { name: 'raising', args: [], mayRaise: true, readsEnv: true, writesEnv: false, pure: false, fn: observe };
    const quiet: HelperInfo = { ...raising, name: 'quiet', mayRaise: false };
    const bld = new IrBuilder(0x2000n);
    bld.insnStart(0x2000n, 2);
    bld.call(raising);
    bld.insnStart(0x2002n, 4);
    bld.insnStart(0x2006n, 4);
    bld.call(quiet);
    bld.call(raising);
    bld.exitTb();
    m.setI64(ENV.faultPc, 0x777n);
    m.run(bld.finish());
    expect(observed).toEqual([[0x2000n, 3], [0x2000n, 3], [0x2006n, 1]]);
  });

  it('a GuestException from a helper propagates out of the block', () => {
    const raise: HelperInfo = {
      name: 'ecall', args: [], mayRaise: true, readsEnv: false, writesEnv: false, pure: false,
      fn: () => { throw new GuestException(11); },
    };
    const bld = new IrBuilder(0n);
    bld.insnStart(0n, 4);
    bld.call(raise);
    bld.exitTb();
    expect(() => new TestMachine().run(bld.finish())).toThrow(GuestException);
  });
});

describe('block exits', () => {
  it('goto_tb stores the pc in env and reports the slot', () => {
    const m = new TestMachine();
    const bld = new IrBuilder(0n);
    bld.gotoTb(1, 0x80001000n);
    expect(m.run(bld.finish())).toEqual({ kind: 'goto_tb', slot: 1, pc: 0x80001000n });
    expect(m.getI64(ENV.pc)).toBe(0x80001000n);
  });
  it('goto_ptr stores the computed pc and reports it as an unsigned address', () => {
    const m = new TestMachine();
    const bld = new IrBuilder(0n);
    bld.gotoPtr(bld.mov('i64', bld.i64(-0x1000)));
    expect(m.run(bld.finish())).toEqual({ kind: 'goto_ptr', pc: 0xfffffffffffff000n });
    expect(m.getI64(ENV.pc)).toBe(-0x1000n);
  });
  it('exit_tb leaves env.pc and icount alone', () => {
    const m = new TestMachine();
    m.setI64(ENV.pc, 0x42n);
    m.setI64(ENV.icount, 9n);
    const bld = new IrBuilder(0n);
    bld.insnStart(0n, 4);
    bld.exitTb();
    const block = bld.finish();
    expect(m.run(block)).toEqual({ kind: 'exit' });
    expect([m.getI64(ENV.pc), m.getI64(ENV.icount)]).toEqual([0x42n, 9n]);
  });
});

describe('compiled-block cache and memory growth', () => {
  it('a block runs the same every time, and a new op array is recompiled', () => {
    const m = new TestMachine();
    const bld = new IrBuilder(0n);
    const t = bld.ld('i64', 64);
    bld.st('i64', bld.add('i64', t, bld.i64(1)), 64);
    bld.exitTb();
    const block = bld.finish();
    m.run(block); m.run(block); m.run(block);
    expect(m.getI64(64)).toBe(3n);
    block.ops = block.ops.map((op) => (op.opc === 'add' ? { ...op, b: constant('i64', 10) } : op));
    m.run(block);
    expect(m.getI64(64)).toBe(13n);
  });
  it('re-creates the view when a helper replaces the memory buffer', () => {
    const memory = { buffer: new ArrayBuffer(0x1000) as ArrayBufferLike };
    const grow: HelperInfo = {
      name: 'grow', args: [], mayRaise: false, readsEnv: false, writesEnv: false, pure: false,
      fn: () => {
        const bigger = new ArrayBuffer(0x2000);
        new Uint8Array(bigger).set(new Uint8Array(memory.buffer));
        memory.buffer = bigger;
      },
    };
    const ctx = { view: new DataView(memory.buffer), env: TEST_ENV, access: new TestMachine().access, memory };
    const bld = new IrBuilder(0n);
    bld.st('i64', bld.i64(1), 64);
    bld.call(grow);
    bld.st('i64', bld.i64(2), 72);
    bld.exitTb();
    interpretBlock(bld.finish(), ctx);
    const after = new DataView(memory.buffer);
    expect([after.getBigInt64(TEST_ENV + 64, true), after.getBigInt64(TEST_ENV + 72, true)]).toEqual([1n, 2n]);
  });
});
