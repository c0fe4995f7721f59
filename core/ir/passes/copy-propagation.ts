import { IrBlock, IrOp, Value } from '../ir';
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
  const out: IrOp[] = [];
  for (let i = 0; i < ops.length; i++) {
    const input = ops[i];
    if (input.opc === 'label') {
      epoch++;
      out.push(input);
      continue;
    }
    // Copy-on-write: ops are shared with the input block, which must stay as it was.
    const op = mapInputs(input, resolve);
    const dst = (op as { dst?: { id: number } }).dst;
    if (dst) {
      const id = dst.id;
      if (op.opc === 'mov') {
        const a = op.a;
        if (a.kind === 'temp' && a.id === id) continue; // t = t: nothing changes
        writes[id]++;
        source[id] = a;
        sourceWrites[id] = a.kind === 'temp' ? writes[a.id] : 0;
        stamp[id] = epoch;
      } else {
        writes[id]++;
        stamp[id] = 0;
      }
    }
    out.push(op);
  }
  block.ops = out;
  return block;
}
