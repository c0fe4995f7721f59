import { describe, it, expect } from 'vitest';
import { IrBuilder } from '../../../core/ir/builder';
import { constant } from '../../../core/ir/ir';
import { formatBlock } from '../../../core/ir/printer';
import { copyPropagation } from '../../../core/ir/passes/copy-propagation';
import { optimize } from '../../../core/ir/passes/pipeline';
import { Rng, randomBlock } from './random-block';
import { X } from './pass-fixtures';

describe('passes copy on write', () => {
  it('copy propagation replaces a rewritten op by a new one and leaves the input op as it was', () => {
    const b = new IrBuilder(0n);
    const t0 = b.ld('i64', X(1));
    const t1 = b.mov('i64', t0);
    b.st('i64', t1, X(2));
    b.exitTb();
    const block = b.finish();
    const ops = block.ops.slice();
    const st = ops[2];
    const out = copyPropagation({ ...block, ops: block.ops.slice() });
    expect(out.ops[2]).not.toBe(st);
    expect(st).toMatchObject({ opc: 'st', src: { kind: 'temp', id: 1 } });
    expect(out.ops[2]).toMatchObject({ opc: 'st', src: { kind: 'temp', id: 0 } });
    expect(out.ops[0]).toBe(ops[0]); // unchanged ops are shared
  });

  it('optimize leaves every op of random input blocks unchanged, field by field', () => {
    const rng = new Rng(11);
    for (let i = 0; i < 150; i++) {
      const block = randomBlock(rng, 5 + rng.int(80));
      const text = formatBlock(block);
      const snapshot = block.ops.map((op) => JSON.stringify(op, (_k, v) => (typeof v === 'bigint' ? `${v}n` : typeof v === 'function' ? 'fn' : v)));
      const ops = block.ops.slice();
      optimize(block);
      expect(formatBlock(block)).toBe(text);
      expect(block.ops).toEqual(ops);
      block.ops.forEach((op, k) => {
        expect(op).toBe(ops[k]);
        expect(JSON.stringify(op, (_k, v) => (typeof v === 'bigint' ? `${v}n` : typeof v === 'function' ? 'fn' : v))).toBe(snapshot[k]);
      });
    }
  });
});

describe('constants', () => {
  it('small constants are shared objects, and every constant stays canonical', () => {
    expect(constant('i64', 5)).toBe(constant('i64', 5n));
    expect(constant('i32', -2048)).toBe(constant('i32', -2048));
    expect(constant('i32', 1)).not.toBe(constant('i64', 1));
    expect(constant('i32', 1).type).toBe('i32');
    expect(constant('i32', 0xffffffff).value).toBe(-1n);
    expect(constant('i64', 2048).value).toBe(2048n);
    expect(constant('i64', 1n << 63n).value).toBe(-(1n << 63n));
  });
});
