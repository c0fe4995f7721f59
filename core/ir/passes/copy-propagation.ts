import { IrBlock, IrOp, Value } from '../ir';
import { mapInputs, writtenTemp } from './operand-rewrite';
import { scratchTables } from './scratch-tables';

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
  const source: (Value | undefined)[] = new Array(n);
  // sourceWrites: writes[source] when the copy was made; source[id] is valid when stamp[id] === epoch.
  const [sourceWrites, stamp, writes] = scratchTables(3, n);
  let epoch = 1;

  const resolve = (v: Value): Value => {
    if (v.kind === 'const' || stamp[v.id] !== epoch) return v;
    const s = source[v.id]!;
    return s.kind === 'temp' && writes[s.id] !== sourceWrites[v.id] ? v : s;
  };

  const out: IrOp[] = [];
  for (const input of block.ops) {
    if (input.opc === 'label') {
      epoch++;
      out.push(input);
      continue;
    }
    // Copy-on-write: ops are shared with the input block, which must stay as it was.
    const op = mapInputs(input, resolve);
    const dst = writtenTemp(op);
    if (dst) {
      if (op.opc === 'mov') {
        const a = op.a;
        if (a.kind === 'temp' && a.id === dst.id) continue; // t = t: nothing changes
        writes[dst.id]++;
        source[dst.id] = a;
        sourceWrites[dst.id] = a.kind === 'temp' ? writes[a.id] : 0;
        stamp[dst.id] = epoch;
      } else {
        writes[dst.id]++;
        stamp[dst.id] = 0;
      }
    }
    out.push(op);
  }
  block.ops = out;
  return block;
}
