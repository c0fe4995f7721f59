import { IrBlock, IrOp } from '../ir';
import { constantFold } from './constant-fold';
import { copyPropagation } from './copy-propagation';
import { deadCode } from './dead-code';
import { envForwarding } from './env-forwarding';
import { cloneOp } from './operand-rewrite';
import { validateBlock } from './validate';

export { validateBlock, IrValidationError } from './validate';

/** Which passes {@link optimize} runs. Every pass is on unless set to false. */
export interface PassOptions {
  /** Fold constant expressions and algebraic identities; decide constant branches. */
  constantFold?: boolean;
  /** Read the source of a `mov` instead of its copy. */
  copyPropagation?: boolean;
  /** Remove unread values, unreachable code and unused labels. */
  deadCode?: boolean;
  /** Forward env loads from earlier loads/stores; delete overwritten stores. */
  envForwarding?: boolean;
  /** Debug: {@link validateBlock} the input and the result of every pass (off by default). */
  validate?: boolean;
}

/** The name of a pass, as in {@link PassOptions}. */
export type PassName = 'constantFold' | 'copyPropagation' | 'deadCode' | 'envForwarding';

/** One pass run inside {@link optimize}. */
export interface PassRun {
  readonly pass: PassName;
  readonly opsBefore: number;
  readonly opsAfter: number;
  /** Wall time, microseconds. */
  readonly micros: number;
}

/** What {@link optimize} did. */
export interface PassStats {
  readonly opsBefore: number;
  readonly opsAfter: number;
  /** Wall time of the whole pipeline including the copy, microseconds. */
  readonly micros: number;
  /** The pass runs in order (a pass may run more than once). */
  readonly runs: readonly PassRun[];
}

/**
 * A pass: returns the rewritten block. It may assign `block.ops` a new list
 * but must not modify the ops themselves (they may be shared with the
 * unoptimised block): a changed op is a new op.
 */
export type Pass = (block: IrBlock) => IrBlock;

/** The passes by name. */
export const PASSES: Readonly<Record<PassName, Pass>> = {
  constantFold, copyPropagation, deadCode, envForwarding,
};

/**
 * The order passes run in. Env forwarding first turns register loads into
 * movs; copy propagation feeds constants and sources to folding; a second
 * copy propagation spreads the folded constants; dead code last removes the
 * movs and branches nobody needs any more.
 */
export const PIPELINE: readonly PassName[] = [
  'envForwarding', 'copyPropagation', 'constantFold', 'copyPropagation', 'deadCode',
];

/** A copy of a block that shares no mutable part with it (not needed by {@link optimize}, whose passes copy on write). */
export function cloneBlock(block: IrBlock): IrBlock {
  return { ...block, ops: block.ops.map(cloneOp) };
}

/** The clock: `globalThis.performance` read once (it is an accessor in Node, and the pipeline reads the clock several times per block). */
const clock = globalThis.performance;

/** Options when none are given: every pass on (shared, so no object is made per call). */
const ALL_PASSES: PassOptions = Object.freeze({});

/**
 * Optimise a copy of `block` (the input is left untouched, so the unoptimised
 * IR can be shown next to the result) with the passes `opts` enables, in
 * {@link PIPELINE} order. Returns the optimised block and per-pass op counts
 * and times.
 *
 * @example
 * const { block: opt, stats } = optimize(tb.ir, { envForwarding: false });
 * console.log(formatBlock(opt), stats.runs);
 */
export function optimize(block: IrBlock, opts: PassOptions = ALL_PASSES): { block: IrBlock; stats: PassStats } {
  const start = clock.now();
  const validate = opts.validate === true;
  if (validate) validateBlock(block);
  // Passes never modify ops or the op list in place (they build new ops and a new
  // list when something changes), so the input's ops can be shared; only the block
  // object, whose `ops` they assign, is new.
  let current: IrBlock = { ...block };
  const runs: PassRun[] = [];
  /** The op list copy propagation last returned (passes return their input list when they change nothing). */
  let propagated: IrOp[] | null = null;
  // One clock reading per pass: each run ends where the next starts.
  let t0 = validate ? clock.now() : start;
  for (let k = 0; k < PIPELINE.length; k++) {
    const name = PIPELINE[k];
    if (opts[name] === false) continue;
    const opsBefore = current.ops.length;
    if (name === 'copyPropagation' && current.ops === propagated) {
      // Nothing changed since copy propagation last ran, and it is idempotent (its
      // output has no copy left to propagate): running it again would change nothing.
    } else {
      current = PASSES[name](current);
      if (name === 'copyPropagation') propagated = current.ops;
    }
    const t1 = clock.now();
    runs.push({ pass: name, opsBefore, opsAfter: current.ops.length, micros: (t1 - t0) * 1000 });
    if (validate) {
      validateBlock(current);
      t0 = clock.now();
    } else {
      t0 = t1;
    }
  }
  // A pass that changes nothing may keep the list: the result never shares it with the input.
  if (current.ops === block.ops) current.ops = block.ops.slice();
  return {
    block: current,
    stats: { opsBefore: block.ops.length, opsAfter: current.ops.length, micros: (t0 - start) * 1000, runs },
  };
}
