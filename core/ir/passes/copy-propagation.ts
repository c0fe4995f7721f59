import { IrBlock, IrOp, Temp, Value } from '../ir';
import { mapInputs } from './operand-rewrite';
import { scratchTable } from './scratch-tables';

/*
 * The state of the block being processed, module-level so that no closure is
 * made per block (passes never re-enter). `source[id]` is the value temp `id`
 * copies, valid when `stamp[id] === epoch`; `sourceWrites[id]` is the write
 * count of that source when the copy was made. `source` is reused across
 * blocks: stale entries are never read, since `stamp` is cleared per block.
 */
const source: (Value | null)[] = [];
let sourceWrites: Int32Array = new Int32Array(0);
let stamp: Int32Array = new Int32Array(0);
let writes: Int32Array = new Int32Array(0);
let epoch = 1;

/** What a read of `v` may read instead: the source of its copy while both are unchanged. */
function resolve(v: Value): Value {
  if (v.kind === 'const') return v;
  const id = v.id;
  if (stamp[id] !== epoch) return v;
  const s = source[id]!;
  return s.kind === 'temp' && writes[s.id] !== sourceWrites[id] ? v : s;
}

/**
 * Copy propagation: after `mov t1, x` (x a temp or a constant), later reads
 * of `t1` read `x` directly, until `t1` or `x` is reassigned or a `label` is
 * reached (a label joins paths on which the temps may hold different values).
 * Chains collapse (`mov t2, t1` after `mov t1, t0` records t2 = t0), and a
 * `mov t, t` left over is dropped. The movs themselves stay; dead-code
 * elimination removes those no longer read.
 *
 * Ops whose operands change are replaced by new ops; the others are shared
 * with the input block, which is never modified.
 *
 * Linear time: a copy remembers the write count of its source at the moment
 * it was made, so reassigning a source invalidates all its copies at once.
 */
export function copyPropagation(block: IrBlock): IrBlock {
  const n = block.tempCount;
  sourceWrites = scratchTable(0, n);
  stamp = scratchTable(1, n);
  writes = scratchTable(2, n);
  while (source.length < n) source.push(null);
  epoch = 1;

  const ops = block.ops;
  // Made at the first op that changes (with the ops before it): a block with no copy to
  // propagate keeps its list, which also tells the pipeline nothing changed.
  let out: IrOp[] | null = null;
  for (let i = 0; i < ops.length; i++) {
    const input = ops[i];
    const op = rewrite(input);
    let keep = true;
    if (op !== null) {
      // op is the rewritten op when it writes a temp (else null: label, or no temp written).
      const dst = writtenDst;
      if (dst !== null) {
        const id = dst.id;
        if (op.opc === 'mov') {
          const a = op.a;
          if (a.kind === 'temp' && a.id === id) {
            keep = false; // t = t: nothing changes
          } else {
            writes[id]++;
            source[id] = a;
            sourceWrites[id] = a.kind === 'temp' ? writes[a.id] : 0;
            stamp[id] = epoch;
          }
        } else {
          writes[id]++;
          stamp[id] = 0;
        }
      }
    }
    const result = op === null ? input : op;
    if (out === null) {
      if (keep && result === input) continue;
      out = ops.slice(0, i);
    }
    if (keep) out.push(result);
  }
  block.ops = out === null ? ops : out;
  return block;
}

/** The temp the op last passed to {@link rewrite} writes, or null. */
let writtenDst: Temp | null = null;

/**
 * `op` with its operands resolved, copy-on-write (the input op when nothing
 * changes, else a new op), or null for a `label` (which starts a new epoch).
 * Sets {@link writtenDst}. Written out per op kind rather than through
 * {@link mapInputs} with a callback: this runs twice for every op of every
 * block, and the common kinds come first.
 */
function rewrite(op: IrOp): IrOp | null {
  switch (op.opc) {
    case 'ld':
      writtenDst = op.dst;
      return op;
    case 'insn_start': case 'goto_tb': case 'br': case 'exit_tb':
      writtenDst = null;
      return op;
    case 'label':
      writtenDst = null;
      epoch++;
      return null;
    case 'st': {
      writtenDst = null;
      const src = resolve(op.src);
      return src === op.src ? op : { opc: op.opc, type: op.type, src, offset: op.offset };
    }
    case 'mov': case 'neg': case 'not': case 'ext8s': case 'ext8u': case 'ext16s': case 'ext16u': case 'ext32s': case 'ext32u': case 'fsqrt': {
      writtenDst = op.dst;
      const a = resolve(op.a);
      return a === op.a ? op : { opc: op.opc, type: op.type, dst: op.dst, a };
    }
    case 'trunc': case 'sext': case 'zext': {
      writtenDst = op.dst;
      const a = resolve(op.a);
      return a === op.a ? op : { opc: op.opc, dst: op.dst, a };
    }
    case 'brcond': {
      writtenDst = null;
      const a = resolve(op.a), b = resolve(op.b);
      return a === op.a && b === op.b ? op : { opc: op.opc, type: op.type, cond: op.cond, a, b, label: op.label };
    }
    case 'setcond': {
      writtenDst = op.dst;
      const a = resolve(op.a), b = resolve(op.b);
      return a === op.a && b === op.b ? op : { opc: op.opc, type: op.type, cond: op.cond, dst: op.dst, a, b };
    }
    case 'qemu_ld': case 'qemu_st': case 'call': case 'movcond': case 'goto_ptr': {
      const r = mapInputs(op, resolve);
      writtenDst = (op as { dst?: Temp }).dst ?? null;
      return r;
    }
    default: { // binary ops
      writtenDst = op.dst;
      const a = resolve(op.a), b = resolve(op.b);
      return a === op.a && b === op.b ? op : { opc: op.opc, type: op.type, dst: op.dst, a, b };
    }
  }
}
