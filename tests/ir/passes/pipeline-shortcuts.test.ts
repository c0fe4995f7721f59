import { describe, it, expect } from 'vitest';
import { IrBlock } from '../../../core/ir/ir';
import { formatBlock } from '../../../core/ir/printer';
import { PASSES, PIPELINE, optimize } from '../../../core/ir/passes/pipeline';
import { copyPropagation } from '../../../core/ir/passes/copy-propagation';
import { constantFold } from '../../../core/ir/passes/constant-fold';
import { deadCode } from '../../../core/ir/passes/dead-code';
import { Rng, randomBlock } from './random-block';

const copy = (block: IrBlock): IrBlock => ({ ...block, ops: block.ops.slice() });

/** The pipeline as plain function composition: every pass runs, on a fresh block object. */
function sequential(block: IrBlock): IrBlock {
  let current = copy(block);
  for (const name of PIPELINE) current = PASSES[name](copy(current));
  return current;
}

describe('pipeline shortcuts give the same IR as running every pass', () => {
  it('optimize prints exactly as the passes applied one after the other (random blocks)', () => {
    const rng = new Rng(2024);
    for (let i = 0; i < 300; i++) {
      const block = randomBlock(rng, 5 + rng.int(90));
      expect(formatBlock(optimize(block).block)).toBe(formatBlock(sequential(block)));
    }
  });

  it('copy propagation is idempotent, so its second run may be skipped when folding changed nothing', () => {
    const rng = new Rng(77);
    for (let i = 0; i < 300; i++) {
      const once = copyPropagation(copy(randomBlock(rng, 5 + rng.int(90))));
      const text = formatBlock(once);
      const input = copy(once);
      const list = input.ops;
      const twice = copyPropagation(input);
      expect(formatBlock(twice)).toBe(text);
      expect(twice.ops).toBe(list); // nothing changed, so the list is kept
    }
  });

  it('a pass that changes nothing keeps the list; optimize never returns the input list', () => {
    const rng = new Rng(5);
    for (let i = 0; i < 100; i++) {
      const block = randomBlock(rng, 5 + rng.int(60));
      const folded = constantFold(copy(block));
      const again = constantFold(copy(folded));
      expect(formatBlock(again)).toBe(formatBlock(folded));
      const dce = deadCode(copy(deadCode(copy(block))));
      expect(formatBlock(deadCode(copy(dce)))).toBe(formatBlock(dce));
      const none = optimize(block, { constantFold: false, copyPropagation: false, envForwarding: false });
      expect(none.block.ops).not.toBe(block.ops);
    }
  });

  it('reports a run for every pass in order, skipped runs included', () => {
    const { stats } = optimize(randomBlock(new Rng(9), 40));
    expect(stats.runs.map((r) => r.pass)).toEqual([...PIPELINE]);
    for (let k = 1; k < stats.runs.length; k++) expect(stats.runs[k].opsBefore).toBe(stats.runs[k - 1].opsAfter);
  });
});
