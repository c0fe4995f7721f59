import { IrBlock, IrOp, hasSideEffect } from '../ir';
import { forEachTempInput, writtenTemp } from './operand-rewrite';
import { scratchTables } from './scratch-tables';

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
  const [refs] = scratchTables(1, labelCount);
  for (const op of ops) if (op.opc === 'br' || op.opc === 'brcond') refs[op.label.id]++;

  const out: IrOp[] = [];
  let reachable = true;
  for (const op of ops) {
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

function removeDeadValues(ops: IrOp[], tempCount: number): IrOp[] {
  // lastDef holds 1 + the index of the last op writing the temp (0: none).
  const [uses, lastDef, dead] = scratchTables(3, Math.max(tempCount, ops.length));
  const countUse = (id: number): void => { uses[id]++; };
  for (let i = 0; i < ops.length; i++) {
    forEachTempInput(ops[i], countUse);
    const dst = writtenTemp(ops[i]);
    if (dst) lastDef[dst.id] = i + 1;
  }

  let changed = true;
  let removed = 0;
  let at = 0;
  const dropUse = (id: number): void => {
    // A newly unread temp written later in the block (a backward branch's
    // value) was already passed by this sweep: sweep again.
    if (--uses[id] === 0 && lastDef[id] > at + 1) changed = true;
  };
  while (changed) {
    changed = false;
    for (at = ops.length - 1; at >= 0; at--) {
      if (dead[at]) continue;
      const op = ops[at];
      const dst = writtenTemp(op);
      if (!dst || uses[dst.id] !== 0 || hasSideEffect(op)) continue;
      dead[at] = 1;
      removed++;
      forEachTempInput(op, dropUse);
    }
  }
  if (removed === 0) return ops;
  const out: IrOp[] = [];
  for (let i = 0; i < ops.length; i++) if (!dead[i]) out.push(ops[i]);
  return out;
}
