import { describe, it, expect } from 'vitest';
import { IrBuilder } from '../../../core/ir/builder';
import { copyPropagation } from '../../../core/ir/passes/copy-propagation';
import { X, lines, show } from './pass-fixtures';

describe('copy propagation', () => {
  it('reads the original through a chain of copies', () => {
    const b = new IrBuilder(0n);
    const t0 = b.ld('i64', X(1));
    const t1 = b.mov('i64', t0);
    const t2 = b.mov('i64', t1);
    b.st('i64', b.add('i64', t2, t1), X(2));
    b.exitTb();
    expect(show(copyPropagation(b.finish()))).toBe(lines(
      'ld_i64 t0, env.x1',
      'mov_i64 t1, t0',
      'mov_i64 t2, t0',
      'add_i64 t3, t0, t0',
      'st_i64 t3, env.x2',
      'exit_tb',
    ));
  });

  it('propagates constants into every operand, stores and calls included', () => {
    const b = new IrBuilder(0n);
    const c = b.mov('i64', b.i64(42));
    b.st('i64', c, X(1));
    b.gotoPtr(c);
    expect(show(copyPropagation(b.finish()))).toBe(lines(
      'mov_i64 t0, $0x2a',
      'st_i64 $0x2a, env.x1',
      'goto_ptr $0x2a',
    ));
  });

  it('stops using a copy once its source is reassigned', () => {
    const b = new IrBuilder(0n);
    const t0 = b.ld('i64', X(1));
    const t1 = b.mov('i64', t0);
    b.movTo(t0, b.i64(7));
    b.st('i64', t1, X(2));
    b.exitTb();
    expect(show(copyPropagation(b.finish()))).toBe(lines(
      'ld_i64 t0, env.x1',
      'mov_i64 t1, t0',
      'mov_i64 t0, $0x7',
      'st_i64 t1, env.x2',
      'exit_tb',
    ));
  });

  it('forgets every copy at a label, where paths with other values meet', () => {
    const b = new IrBuilder(0n);
    const join = b.label();
    const t0 = b.ld('i64', X(1));
    const t1 = b.mov('i64', t0);
    b.brcond('i64', 'eq', t0, b.i64(0), join);
    b.movTo(t1, b.i64(5));
    b.setLabel(join);
    b.st('i64', t1, X(2));
    b.exitTb();
    expect(show(copyPropagation(b.finish()))).toBe(lines(
      'ld_i64 t0, env.x1',
      'mov_i64 t1, t0',
      'brcond_i64 t0, $0x0, eq, L0',
      'mov_i64 t1, $0x5',
      'set_label L0',
      'st_i64 t1, env.x2',
      'exit_tb',
    ));
  });

  it('drops a move of a temp to itself, including one that copies revealed', () => {
    const b = new IrBuilder(0n);
    const t0 = b.ld('i64', X(1));
    const t1 = b.mov('i64', t0);
    b.movTo(t0, t1); // t0 = t1 = t0
    b.st('i64', t0, X(2));
    b.exitTb();
    expect(show(copyPropagation(b.finish()))).toBe(lines(
      'ld_i64 t0, env.x1',
      'mov_i64 t1, t0',
      'st_i64 t0, env.x2',
      'exit_tb',
    ));
  });
});
