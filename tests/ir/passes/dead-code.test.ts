import { describe, it, expect } from 'vitest';
import { IrBuilder } from '../../../core/ir/builder';
import { deadCode } from '../../../core/ir/passes/dead-code';
import { X, impureHelper, lines, pureHelper, show } from './pass-fixtures';

describe('dead-code elimination', () => {
  it('removes chains of unread values but keeps every side effect', () => {
    const b = new IrBuilder(0n);
    const t0 = b.ld('i64', X(1));
    const t1 = b.add('i64', t0, b.i64(1));
    b.binary('mul', 'i64', t1, t1); // unread, and so then is t1
    b.call(pureHelper, t0); // unread pure call
    b.call(impureHelper, t0);
    b.qemuLd('i64', t0, { size: 8, signed: false }, 0); // unread, but may fault
    b.st('i64', b.i64(0), X(2));
    b.exitTb();
    expect(show(deadCode(b.finish()))).toBe(lines(
      'ld_i64 t0, env.x1',
      'call impure t0',
      'qemu_ld_i64 t4, t0, u64,mmu0',
      'st_i64 $0x0, env.x2',
      'exit_tb',
    ));
  });

  it('removes code after br up to a label that is still targeted, and unused labels', () => {
    const b = new IrBuilder(0n);
    const [l0, l1, l2, l3] = [b.label(), b.label(), b.label(), b.label()];
    const t0 = b.ld('i64', X(1));
    b.brcond('i64', 'eq', t0, b.i64(0), l1);
    b.br(l3);
    b.st('i64', b.i64(1), X(2)); // unreachable
    b.setLabel(l0); // nobody branches here
    b.brcond('i64', 'eq', t0, b.i64(1), l2); // unreachable: L2 loses its only branch
    b.setLabel(l1);
    b.st('i64', b.i64(2), X(2));
    b.setLabel(l2);
    b.setLabel(l3);
    b.exitTb();
    expect(show(deadCode(b.finish()))).toBe(lines(
      'ld_i64 t0, env.x1',
      'brcond_i64 t0, $0x0, eq, L1',
      'br L3',
      'set_label L1',
      'st_i64 $0x2, env.x2',
      'set_label L3',
      'exit_tb',
    ));
  });

  it('drops branches to the very next op', () => {
    const b = new IrBuilder(0n);
    const l0 = b.label();
    const t0 = b.ld('i64', X(1));
    b.brcond('i64', 'eq', t0, b.i64(0), l0);
    b.br(l0);
    b.setLabel(l0);
    b.exitTb();
    expect(show(deadCode(b.finish()))).toBe(lines('exit_tb'));
  });
});
