import { ENV } from '../../exec/env';
import { IrBlock, IrOp, IrType, Value } from '../ir';
import { writtenTemp } from './operand-rewrite';
import { scratchTables } from './scratch-tables';

/** Bytes an env access of each type covers. */
const SIZE: Record<IrType, number> = { i32: 4, i64: 8 };
/** The widest env access: entries starting this far below an offset can overlap it. */
const MAX_SIZE = 8;
/** Engine fields the backend writes before every op that may raise (see docs/ir.md). */
const FAULT_FIELDS = { offset: ENV.faultPc, size: ENV.faultUnretired + 4 - ENV.faultPc } as const;

/** What env holds at an offset: `value` (valid while its temp has `writes` writes). */
interface Known { size: number; type: IrType; value: Value; writes: number }
/** A `st` not yet observed: it can be deleted if a later `st` covers it. */
interface Pending { size: number; index: number }

/**
 * Guest-register load/store forwarding, within a block.
 *
 * - A `ld` of an offset whose current content is known (from an earlier `st`
 *   or `ld` of the same offset and type, the value's temp not reassigned
 *   since) becomes a `mov` from that value.
 * - A `st` completely overwritten by a later `st` with nothing in between
 *   that could observe env is deleted. Observers: a `ld` overlapping it, a
 *   `call` with `readsEnv`, anything that may raise (`qemu_ld`, `qemu_st`,
 *   a `call` with `mayRaise`: the trap handler sees env), `label`, `br`,
 *   `brcond` and the terminators. So at every op that may raise, env holds
 *   exactly what it would without this pass.
 *
 * Knowledge is forgotten at labels (another path may reach them) and after a
 * `call` with `writesEnv`; an access kills what it overlaps, whatever the
 * sizes, so mixed i32/i64 accesses stay correct. Ops that may raise also
 * forget `faultPc`/`faultUnretired`, which the backend writes there.
 */
export function envForwarding(block: IrBlock): IrBlock {
  const [writes] = scratchTables(1, block.tempCount);
  const known = new Map<number, Known>();
  const pending = new Map<number, Pending>();
  const out: (IrOp | null)[] = [];
  // While every access is 4-byte aligned (the usual case), entries can only
  // start at multiples of 4, so overlap checks probe 3 offsets instead of 15.
  let step = 4;
  const firstProbe = (offset: number): number =>
    step === 4 ? (offset - MAX_SIZE + 4) & ~3 : offset - MAX_SIZE + 1;

  const forget = (offset: number, size: number): void => {
    if (known.size === 0) return;
    for (let o = firstProbe(offset); o < offset + size; o += step) {
      const k = known.get(o);
      if (k && o + k.size > offset) known.delete(o);
    }
  };
  /** A later access observes [offset, offset+size): the stores there must stay. */
  const observe = (offset: number, size: number): void => {
    if (pending.size === 0) return;
    for (let o = firstProbe(offset); o < offset + size; o += step) {
      const p = pending.get(o);
      if (p && o + p.size > offset) pending.delete(o);
    }
  };
  /** A store to [offset, offset+size): earlier pending stores it covers are dead. */
  const overwrite = (offset: number, size: number): void => {
    if (pending.size === 0) return;
    for (let o = firstProbe(offset); o < offset + size; o += step) {
      const p = pending.get(o);
      if (!p || o + p.size <= offset) continue;
      if (o >= offset && o + p.size <= offset + size) out[p.index] = null;
      pending.delete(o); // partly overwritten stores stay, but cannot be tracked further
    }
  };
  const valid = (k: Known): boolean => k.value.kind === 'const' || writes[k.value.id] === k.writes;
  const remember = (offset: number, type: IrType, value: Value): void => {
    known.set(offset, { size: SIZE[type], type, value, writes: value.kind === 'temp' ? writes[value.id] : 0 });
  };

  for (const op of block.ops) {
    let emitted: IrOp = op;
    if ((op.opc === 'ld' || op.opc === 'st') && (op.offset & 3) !== 0) step = 1;
    switch (op.opc) {
      case 'ld': {
        const k = known.get(op.offset);
        if (k && k.type === op.type && valid(k)) {
          emitted = { opc: 'mov', type: op.type, dst: op.dst, a: k.value };
        } else {
          observe(op.offset, SIZE[op.type]);
        }
        break;
      }
      case 'st': {
        const size = SIZE[op.type];
        overwrite(op.offset, size);
        forget(op.offset, size);
        pending.set(op.offset, { size, index: out.length });
        break;
      }
      case 'label':
        known.clear();
        pending.clear();
        break;
      case 'br': case 'brcond': case 'goto_tb': case 'goto_ptr': case 'exit_tb':
        pending.clear();
        break;
      case 'qemu_ld': case 'qemu_st':
        pending.clear();
        forget(FAULT_FIELDS.offset, FAULT_FIELDS.size);
        break;
      case 'call': {
        const h = op.helper;
        if (h.readsEnv || h.mayRaise) pending.clear();
        if (h.mayRaise) forget(FAULT_FIELDS.offset, FAULT_FIELDS.size);
        if (h.writesEnv) known.clear();
        break;
      }
    }
    const dst = writtenTemp(emitted);
    if (dst) writes[dst.id]++;
    // Remember after counting the write: the value is dst as it is now.
    if (op.opc === 'ld') {
      if (emitted === op) remember(op.offset, op.type, op.dst);
    } else if (op.opc === 'st') {
      remember(op.offset, op.type, op.src);
    }
    out.push(emitted);
  }
  const ops: IrOp[] = [];
  for (const op of out) if (op) ops.push(op);
  block.ops = ops;
  return block;
}
