import { describe, it, expect } from 'vitest';
import { GuestException } from '../../../core/exec/guest-exception';
import { IrBlock } from '../../../core/ir/ir';
import { formatBlock } from '../../../core/ir/printer';
import { PassOptions, optimize, validateBlock } from '../../../core/ir/passes/pipeline';
import { TestMachine } from '../../backend/interp/interp-harness';
import { Rng, randomBlock, setCurrentMachine } from './random-block';

/** Everything a run can show the outside world. */
function observe(block: IrBlock, seed: number): string {
  const m = new TestMachine();
  const init = new Rng(seed ^ 0x5eed);
  for (let o = 0; o < 128; o += 4) m.setI32(o, init.int(2 ** 32) | 0);
  for (let i = 0; i < m.ram.length; i++) m.ram[i] = init.int(256);
  setCurrentMachine(m);
  let outcome: string;
  try {
    outcome = JSON.stringify(m.run(block), (_k, v) => (typeof v === 'bigint' ? v.toString(16) : v));
  } catch (e) {
    if (!(e instanceof GuestException)) throw e;
    outcome = `raised ${e.cause} ${e.tval.toString(16)}`;
  }
  return `${outcome}\nenv ${m.envHex(0, 128)}\nram ${Buffer.from(m.ram).toString('hex')}`;
}

const SUBSETS: PassOptions[] = Array.from({ length: 16 }, (_, i) => ({
  constantFold: (i & 1) !== 0, copyPropagation: (i & 2) !== 0, deadCode: (i & 4) !== 0, envForwarding: (i & 8) !== 0,
}));

describe('optimisation preserves behaviour (seeded random blocks)', () => {
  it('every subset of passes gives the same env, memory, exit and exception as the unoptimised block', () => {
    const BLOCKS = 1500;
    let raised = 0; let removed = 0; let total = 0;
    for (let seed = 1; seed <= BLOCKS; seed++) {
      const block = randomBlock(new Rng(seed), 10 + (seed % 50));
      validateBlock(block);
      const before = formatBlock(block);
      const expected = observe(block, seed);
      if (expected.startsWith('raised')) raised++;
      for (const opts of SUBSETS) {
        const { block: opt } = optimize(block, { ...opts, validate: true });
        const got = observe(opt, seed);
        if (got !== expected) {
          throw new Error(`seed ${seed}, passes ${JSON.stringify(opts)}:\n--- original\n${before}\n--- optimised\n${formatBlock(opt)}\n`
            + `--- expected\n${expected}\n--- got\n${got}`);
        }
      }
      const full = optimize(block).block;
      total += block.ops.length; removed += block.ops.length - full.ops.length;
      expect(formatBlock(block)).toBe(before);
    }
    // The generator must exercise faults and the passes must actually do something.
    expect(raised).toBeGreaterThan(BLOCKS / 20);
    expect(removed / total).toBeGreaterThan(0.05);
  });
});
