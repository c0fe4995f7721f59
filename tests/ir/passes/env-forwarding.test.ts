import { describe, it, expect } from 'vitest';
import { IrBuilder } from '../../../core/ir/builder';
import { envForwarding } from '../../../core/ir/passes/env-forwarding';
import { X, lines, raisingHelper, readsEnvHelper, show, writesEnvHelper } from './pass-fixtures';

describe('env load/store forwarding', () => {
  it('turns a load of a just-stored or just-loaded register into a mov', () => {
    const b = new IrBuilder(0n);
    const t0 = b.ld('i64', X(1));
    const t1 = b.ld('i64', X(1));
    b.st('i64', b.add('i64', t0, t1), X(2));
    b.ld('i64', X(2));
    b.exitTb();
    expect(show(envForwarding(b.finish()))).toBe(lines(
      'ld_i64 t0, env.x1',
      'mov_i64 t1, t0',
      'add_i64 t2, t0, t1',
      'mov_i64 t3, t2',
      'st_i64 t2, env.x2',
      'exit_tb',
    ));
  });

  it('deletes a store overwritten before anything could observe it', () => {
    const b = new IrBuilder(0n);
    b.st('i64', b.i64(1), X(1));
    b.st('i32', b.i32(2), X(2));
    b.st('i64', b.i64(3), X(1));
    b.st('i64', b.i64(4), X(2)); // covers the i32 store
    b.exitTb();
    expect(show(envForwarding(b.finish()))).toBe(lines(
      'st_i64 $0x3, env.x1',
      'st_i64 $0x4, env.x2',
      'exit_tb',
    ));
  });

  it('keeps stores before helpers that may raise or read env, branches and labels, and on a memory access\'s slow path', () => {
    const b = new IrBuilder(0n);
    const l0 = b.label();
    b.st('i64', b.i64(1), X(1));
    b.qemuLd('i64', b.i64(0x1000), { size: 8, signed: false }, 0);
    b.st('i64', b.i64(2), X(1));
    b.call(raisingHelper);
    b.st('i64', b.i64(3), X(1));
    b.call(readsEnvHelper);
    b.st('i64', b.i64(4), X(1));
    b.brcond('i64', 'eq', b.i64(0), b.i64(0), l0);
    b.st('i64', b.i64(5), X(1));
    b.setLabel(l0);
    b.st('i64', b.i64(6), X(1));
    b.exitTb();
    const text = show(envForwarding(b.finish()));
    // The first store happens only if the access takes its slow path (where it may raise).
    expect(text).toContain('qemu_ld_i64 t0, $0x1000, u64,mmu0  [slow path: env.x1=$0x1]');
    for (let i = 2; i <= 6; i++) expect(text).toContain(`st_i64 $0x${i}, env.x1`);
  });

  it('a store partly overwritten by a smaller one stays, and a load of a different size is not forwarded', () => {
    const b = new IrBuilder(0n);
    const t0 = b.ld('i64', X(1));
    b.st('i64', t0, X(2));
    b.st('i32', b.i32(7), X(2) + 4);
    b.ld('i64', X(2)); // env holds a mix of t0 and 7: must really load
    b.ld('i32', X(1) + 4); // x1's high half: not the i64 value
    b.exitTb();
    expect(show(envForwarding(b.finish()))).toBe(lines(
      'ld_i64 t0, env.x1',
      'st_i64 t0, env.x2',
      'st_i32 $0x7, env.[84]',
      'ld_i64 t1, env.x2',
      'ld_i32 t2, env.[76]',
      'exit_tb',
    ));
  });

  it('forgets what env holds at labels and after helpers that write env', () => {
    const b = new IrBuilder(0n);
    const l0 = b.label();
    b.st('i64', b.i64(1), X(1));
    b.call(writesEnvHelper);
    b.ld('i64', X(1));
    b.st('i64', b.i64(2), X(2));
    b.brcond('i64', 'eq', b.i64(0), b.i64(1), l0);
    b.setLabel(l0);
    b.ld('i64', X(2));
    b.exitTb();
    expect(show(envForwarding(b.finish()))).toBe(lines(
      'st_i64 $0x1, env.x1',
      'call writes_env',
      'ld_i64 t0, env.x1',
      'st_i64 $0x2, env.x2',
      'brcond_i64 $0x0, $0x1, eq, L0',
      'set_label L0',
      'ld_i64 t1, env.x2',
      'exit_tb',
    ));
  });

  it('does not forward a value whose temp was reassigned after the store', () => {
    const b = new IrBuilder(0n);
    const t0 = b.ld('i64', X(1));
    b.st('i64', t0, X(2));
    b.movTo(t0, b.i64(9));
    b.ld('i64', X(2));
    b.exitTb();
    expect(show(envForwarding(b.finish()))).toBe(lines(
      'ld_i64 t0, env.x1',
      'st_i64 t0, env.x2',
      'mov_i64 t0, $0x9',
      'ld_i64 t1, env.x2',
      'exit_tb',
    ));
  });

  it('keeps a store that a load reads back before it is overwritten', () => {
    const b = new IrBuilder(0n);
    b.st('i64', b.i64(1), X(1));
    b.ld('i32', X(1)); // observes the low half
    b.st('i64', b.i64(2), X(1));
    b.exitTb();
    expect(show(envForwarding(b.finish()))).toBe(lines(
      'st_i64 $0x1, env.x1',
      'ld_i32 t0, env.x1',
      'st_i64 $0x2, env.x1',
      'exit_tb',
    ));
  });
});
