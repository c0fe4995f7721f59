import { describe, it, expect } from 'vitest';
import { IrBuilder } from '../../../core/ir/builder';
import { constantFold } from '../../../core/ir/passes/constant-fold';
import { X, lines, show } from './pass-fixtures';

describe('constant folding', () => {
  it('folds a chain of constant expressions through the temps holding them', () => {
    const b = new IrBuilder(0n);
    const t0 = b.mov('i64', b.i64(5));
    const t1 = b.add('i64', t0, b.i64(3));
    const t2 = b.shl('i64', t1, b.i64(2));
    b.st('i64', t2, X(1));
    b.exitTb();
    expect(show(constantFold(b.finish()))).toBe(lines(
      'mov_i64 t0, $0x5',
      'mov_i64 t1, $0x8',
      'mov_i64 t2, $0x20',
      'st_i64 t2, env.x1',
      'exit_tb',
    ));
  });

  it('wraps around exactly at 32 and 64 bits', () => {
    const b = new IrBuilder(0n);
    b.add('i32', b.mov('i32', b.i32(0x7fffffff)), b.i32(1));
    b.binary('mul', 'i64', b.mov('i64', b.i64(2n ** 62n)), b.i64(4));
    b.binary('shr', 'i32', b.mov('i32', b.i32(-1)), b.i32(36)); // count mod 32 = 4
    b.exitTb();
    expect(show(constantFold(b.finish()))).toBe(lines(
      'mov_i32 t0, $0x7fffffff',
      'mov_i32 t1, $-0x80000000',
      'mov_i64 t2, $0x4000000000000000',
      'mov_i64 t3, $0x0',
      'mov_i32 t4, $-0x1',
      'mov_i32 t5, $0xfffffff',
      'exit_tb',
    ));
  });

  it('folds division totally: x/0 = -1, x%0 = x, MIN/-1 = MIN', () => {
    const b = new IrBuilder(0n);
    b.binary('div', 'i64', b.i64(7), b.i64(0));
    b.binary('remu', 'i64', b.i64(7), b.i64(0));
    b.binary('div', 'i32', b.i32(-0x80000000), b.i32(-1));
    b.binary('rem', 'i32', b.i32(-0x80000000), b.i32(-1));
    b.exitTb();
    expect(show(constantFold(b.finish()))).toBe(lines(
      'mov_i64 t0, $-0x1',
      'mov_i64 t1, $0x7',
      'mov_i32 t2, $-0x80000000',
      'mov_i32 t3, $0x0',
      'exit_tb',
    ));
  });

  it('applies algebraic identities to unknown operands', () => {
    const b = new IrBuilder(0n);
    const x = b.ld('i64', X(1));
    b.add('i64', x, b.i64(0));
    b.binary('mul', 'i64', b.i64(1), x);
    b.and('i64', x, b.i64(0));
    b.or('i64', x, b.i64(0));
    b.xor('i64', x, x);
    b.shl('i64', x, b.i64(0));
    b.sar('i64', x, b.i64(64)); // 64 mod 64 = 0
    b.and('i64', x, b.i64(-1));
    b.sub('i64', x, x);
    b.binary('mul', 'i64', x, b.i64(0));
    b.exitTb();
    expect(show(constantFold(b.finish()))).toBe(lines(
      'ld_i64 t0, env.x1',
      'mov_i64 t1, t0',
      'mov_i64 t2, t0',
      'mov_i64 t3, $0x0',
      'mov_i64 t4, t0',
      'mov_i64 t5, $0x0',
      'mov_i64 t6, t0',
      'mov_i64 t7, t0',
      'mov_i64 t8, t0',
      'mov_i64 t9, $0x0',
      'mov_i64 t10, $0x0',
      'exit_tb',
    ));
  });

  it('turns a brcond that always holds into br and drops one that never does', () => {
    const b = new IrBuilder(0n);
    const l0 = b.label(); const l1 = b.label();
    const x = b.ld('i64', X(1));
    b.brcond('i64', 'ltu', b.i64(-1), b.i64(1), l0); // unsigned: never
    b.brcond('i64', 'lt', b.i64(-1), b.i64(1), l1); // signed: always
    b.setLabel(l0);
    b.brcond('i64', 'eq', x, x, l1); // same temp: always
    b.setLabel(l1);
    b.exitTb();
    expect(show(constantFold(b.finish()))).toBe(lines(
      'ld_i64 t0, env.x1',
      'br L1',
      'set_label L0',
      'br L1',
      'set_label L1',
      'exit_tb',
    ));
  });

  it('decides setcond and movcond with known conditions', () => {
    const b = new IrBuilder(0n);
    const x = b.ld('i32', X(1));
    const y = b.ld('i32', X(2));
    b.setcond('i32', 'gtu', b.i32(-1), b.i32(0));
    b.setcond('i32', 'ne', x, x);
    b.movcond('i32', 'lt', b.i32(1), b.i32(2), x, y);
    b.movcond('i32', 'lt', x, y, y, y);
    b.movcond('i32', 'lt', x, y, x, y);
    b.exitTb();
    expect(show(constantFold(b.finish()))).toBe(lines(
      'ld_i32 t0, env.x1',
      'ld_i32 t1, env.x2',
      'mov_i32 t2, $0x1',
      'mov_i32 t3, $0x0',
      'mov_i32 t4, t0',
      'mov_i32 t5, t1',
      'movcond_i32 t6, t0, t1, t0, t1, lt',
      'exit_tb',
    ));
  });

  it('forgets constants at a label, where another path may have set the temp', () => {
    const b = new IrBuilder(0n);
    const join = b.label();
    const t = b.mov('i64', b.i64(1));
    b.brcond('i64', 'eq', b.ld('i64', X(1)), b.i64(0), join);
    b.movTo(t, b.i64(2));
    b.setLabel(join);
    b.st('i64', b.add('i64', t, b.i64(1)), X(2));
    b.exitTb();
    expect(show(constantFold(b.finish()))).toBe(lines(
      'mov_i64 t0, $0x1',
      'ld_i64 t1, env.x1',
      'brcond_i64 t1, $0x0, eq, L0',
      'mov_i64 t0, $0x2',
      'set_label L0',
      'add_i64 t2, t0, $0x1',
      'st_i64 t2, env.x2',
      'exit_tb',
    ));
  });

  it('forgets a constant when its temp is reassigned', () => {
    const b = new IrBuilder(0n);
    const t = b.mov('i64', b.i64(1));
    b.emit({ opc: 'ld', type: 'i64', dst: t, offset: X(1) });
    b.add('i64', t, b.i64(1));
    b.exitTb();
    expect(show(constantFold(b.finish()))).toBe(lines(
      'mov_i64 t0, $0x1',
      'ld_i64 t0, env.x1',
      'add_i64 t1, t0, $0x1',
      'exit_tb',
    ));
  });
});
