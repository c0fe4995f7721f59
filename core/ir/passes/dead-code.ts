import { IrBlock, IrOp, Temp, hasSideEffect } from '../ir';
import { forEachTempInput } from './operand-rewrite';
import { scratchTable } from './scratch-tables';

/**
 * Dead-code elimination.
 *
 * 1. Control flow: ops after an unconditional `br` are unreachable up to the
 *    next label that some branch still targets (their `insn_start` markers
 *    stay, so instruction indexes do not shift); a branch to the label right
 *    after it is dropped; labels no branch targets are dropped.
 * 2. Values: an op without side effects ({@link hasSideEffect}) whose
 *    destination temp is read nowhere in the block is removed; removing it
 *    may make its inputs unread, so this repeats to a fixed point (one
 *    backward sweep usually suffices, since values flow forward).
 */
export function deadCode(block: IrBlock): IrBlock {
  block.ops = removeDeadValues(removeUnreachable(block.ops, block.labelCount), block.tempCount);
  return block;
}

function removeUnreachable(ops: IrOp[], labelCount: number): IrOp[] {
  if (labelCount === 0) return ops; // no labels, so no branches either
  const refs = scratchTable(0, labelCount);
  let hasBr = false;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    if (op.opc === 'brcond') refs[op.label.id]++;
    else if (op.opc === 'br') { refs[op.label.id]++; hasBr = true; }
  }
  // Without a `br` everything is reachable: the block changes only if a label
  // is not targeted or directly follows a branch to it (the usual block has neither).
  if (!hasBr && !removableLabel(ops, refs)) return ops;

  const out: IrOp[] = [];
  let reachable = true;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    if (op.opc === 'label') {
      const id = op.label.id;
      // A branch straight to the next op does nothing.
      for (let last = out[out.length - 1]; last && (last.opc === 'br' || last.opc === 'brcond') && last.label.id === id;
        last = out[out.length - 1]) {
        out.pop();
        refs[id]--;
        reachable = true; // the popped branch was reachable, so falling through to here is
      }
      if (refs[id] === 0) continue;
      reachable = true;
      out.push(op);
      continue;
    }
    if (!reachable) {
      // Only forward references can still be dropped; a label already emitted stays.
      if (op.opc === 'br' || op.opc === 'brcond') refs[op.label.id]--;
      // Markers stay: instruction indexes (faultUnretired) count every insn_start.
      if (op.opc === 'insn_start') out.push(op);
      continue;
    }
    out.push(op);
    if (op.opc === 'br') reachable = false;
  }
  return out;
}

/** Whether some label is targeted by no branch, or directly follows a branch to it. */
function removableLabel(ops: IrOp[], refs: Int32Array): boolean {
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    if (op.opc !== 'label') continue;
    const id = op.label.id;
    if (refs[id] === 0) return true;
    const prev = ops[i - 1];
    if (prev !== undefined && prev.opc === 'brcond' && prev.label.id === id) return true;
  }
  return false;
}

/*
 * State of removeDeadValues, module-level so that the helpers below are not
 * closures made per block (passes never re-enter): reads per temp, and
 * 1 + the index of the last op writing each temp (0: none).
 */
let uses: Int32Array = new Int32Array(0);
let lastDef: Int32Array = new Int32Array(0);

/** Count the temps `op` reads in `uses`. */
function countUses(op: IrOp): void {
  switch (op.opc) {
    case 'insn_start': case 'br': case 'label': case 'ld': case 'goto_tb': case 'exit_tb':
      return;
    case 'mov': case 'trunc': case 'sext': case 'zext':
    case 'neg': case 'not': case 'ext8s': case 'ext8u': case 'ext16s': case 'ext16u': case 'ext32s': case 'ext32u': case 'fsqrt':
      if (op.a.kind === 'temp') uses[op.a.id]++;
      return;
    case 'st':
      if (op.src.kind === 'temp') uses[op.src.id]++;
      return;
    case 'goto_ptr':
      if (op.pc.kind === 'temp') uses[op.pc.id]++;
      return;
    case 'movcond': case 'qemu_ld': case 'qemu_st': case 'call':
      forEachTempInput(op, countUse);
      return;
    default: // binary ops, setcond, brcond
      if (op.a.kind === 'temp') uses[op.a.id]++;
      if (op.b.kind === 'temp') uses[op.b.id]++;
  }
}

function countUse(id: number): void {
  uses[id]++;
}

/** Index of the op being removed, for dropUse. */
let at = 0;
/** Set when a removal made a temp unread that the current sweep has already passed. */
let sweepAgain = false;

function dropUse(id: number): void {
  // A newly unread temp written later in the block (a backward branch's
  // value) was already passed by this sweep: sweep again.
  if (--uses[id] === 0 && lastDef[id] > at + 1) sweepAgain = true;
}

function removeDeadValues(ops: IrOp[], tempCount: number): IrOp[] {
  uses = scratchTable(0, tempCount);
  lastDef = scratchTable(1, tempCount);
  const dead = scratchTable(2, ops.length);
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    countUses(op);
    const dst = (op as { dst?: Temp }).dst;
    if (dst) lastDef[dst.id] = i + 1;
  }

  let removed = 0;
  sweepAgain = true;
  while (sweepAgain) {
    sweepAgain = false;
    for (at = ops.length - 1; at >= 0; at--) {
      if (dead[at]) continue;
      const op = ops[at];
      const dst = (op as { dst?: Temp }).dst;
      if (!dst || uses[dst.id] !== 0 || hasSideEffect(op)) continue;
      dead[at] = 1;
      removed++;
      forEachTempInput(op, dropUse);
    }
  }
  if (removed === 0) return ops;
  const out: IrOp[] = [];
  for (let i = 0; i < ops.length; i++) if (dead[i] === 0) out.push(ops[i]);
  return out;
}
