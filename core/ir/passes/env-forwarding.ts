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
/** A `st` not yet emitted. */
interface Deferred { offset: number; size: number; type: IrType; src: Value }

/**
 * Guest-register load/store forwarding, within a block.
 *
 * - A `ld` of an offset whose current content is known (from an earlier `st`
 *   or `ld` of the same offset and type, the value's temp not reassigned
 *   since) becomes a `mov` from that value.
 * - A `st` is deferred: it is emitted only where something could observe env
 *   (a `ld` overlapping it that is not forwarded, a `call` that reads or
 *   writes env or may raise, a `label`, `br`, `brcond` or terminator), or
 *   before its value's temp is reassigned; a later `st` covering it replaces
 *   it. So a register written several times in a block is stored once.
 * - A guest memory op (`qemu_ld`/`qemu_st`) may raise only on its slow path:
 *   the stores deferred at that point are attached to it as `sync`, which the
 *   backend performs on the slow path before the access, and stay deferred.
 *   So at every point where a guest exception can be raised, env holds exactly
 *   what it would without this pass, and a TLB hit pays for no store.
 *
 * Knowledge is forgotten at labels (another path may reach them) and after a
 * `call` with `writesEnv`; an access kills what it overlaps, whatever the
 * sizes, so mixed i32/i64 accesses stay correct. Ops that may raise also
 * forget `faultPc`/`faultUnretired`, which the backend writes there.
 */
export function envForwarding(block: IrBlock): IrBlock {
  const [writes] = scratchTables(1, block.tempCount);
  const known = new Map<number, Known>();
  const deferred: Deferred[] = [];
  const out: IrOp[] = [];
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
  const emit = (d: Deferred): void => {
    out.push({ opc: 'st', type: d.type, src: d.src, offset: d.offset });
  };
  // The flushes below emit deferred stores in program order and keep the rest, in place
  // (no closure or array per op: this runs for every op of every block).
  const flushAll = (): void => {
    for (let i = 0; i < deferred.length; i++) emit(deferred[i]);
    deferred.length = 0;
  };
  /** Emit the deferred stores overlapping [offset, offset + size). */
  const flushOverlapping = (offset: number, size: number): void => {
    let k = 0;
    for (let i = 0; i < deferred.length; i++) {
      const d = deferred[i];
      if (d.offset < offset + size && offset < d.offset + d.size) emit(d);
      else deferred[k++] = d;
    }
    deferred.length = k;
  };
  /** Emit the deferred stores of temp `id`'s value. */
  const flushSource = (id: number): void => {
    let k = 0;
    for (let i = 0; i < deferred.length; i++) {
      const d = deferred[i];
      if (d.src.kind === 'temp' && d.src.id === id) emit(d);
      else deferred[k++] = d;
    }
    deferred.length = k;
  };
  /** Drop the deferred stores a store to [offset, offset + size) covers entirely. */
  const dropCovered = (offset: number, size: number): void => {
    let k = 0;
    for (let i = 0; i < deferred.length; i++) {
      const d = deferred[i];
      if (!(d.offset >= offset && d.offset + d.size <= offset + size)) deferred[k++] = d;
    }
    deferred.length = k;
  };
  const valid = (k: Known): boolean => k.value.kind === 'const' || writes[k.value.id] === k.writes;
  const remember = (offset: number, type: IrType, value: Value): void => {
    known.set(offset, { size: SIZE[type], type, value, writes: value.kind === 'temp' ? writes[value.id] : 0 });
  };

  for (const op of block.ops) {
    let emitted: IrOp | null = op;
    if ((op.opc === 'ld' || op.opc === 'st') && (op.offset & 3) !== 0) step = 1;
    switch (op.opc) {
      case 'ld': {
        const k = known.get(op.offset);
        if (k && k.type === op.type && valid(k)) {
          emitted = { opc: 'mov', type: op.type, dst: op.dst, a: k.value };
        } else if (deferred.length > 0) {
          flushOverlapping(op.offset, SIZE[op.type]);
        }
        break;
      }
      case 'st': {
        const size = SIZE[op.type];
        if (deferred.length > 0) {
          dropCovered(op.offset, size);
          flushOverlapping(op.offset, size); // partly overwritten stores must still happen first
        }
        forget(op.offset, size);
        emitted = null;
        break;
      }
      case 'label': case 'br': case 'brcond': case 'goto_tb': case 'goto_ptr': case 'exit_tb':
        flushAll();
        if (op.opc === 'label') known.clear();
        break;
      case 'qemu_ld': case 'qemu_st':
        if (deferred.length > 0) {
          const sync = deferred.map((d) => ({ type: d.type, src: d.src, offset: d.offset }));
          emitted = { ...op, sync: op.sync ? [...op.sync, ...sync] : sync };
        }
        forget(FAULT_FIELDS.offset, FAULT_FIELDS.size);
        break;
      case 'call': {
        const h = op.helper;
        if (h.readsEnv || h.mayRaise || h.writesEnv) flushAll();
        if (h.mayRaise) forget(FAULT_FIELDS.offset, FAULT_FIELDS.size);
        if (h.writesEnv) known.clear();
        break;
      }
    }
    const dst = emitted ? writtenTemp(emitted) : undefined;
    if (dst) {
      // A deferred store of this temp must happen before the temp changes.
      if (deferred.length > 0) flushSource(dst.id);
      writes[dst.id]++;
    }
    // Remember after counting the write: the value is dst as it is now.
    if (op.opc === 'ld') {
      if (emitted === op) remember(op.offset, op.type, op.dst);
    } else if (op.opc === 'st') {
      remember(op.offset, op.type, op.src);
      deferred.push({ offset: op.offset, size: SIZE[op.type], type: op.type, src: op.src });
    }
    if (emitted) out.push(emitted);
  }
  flushAll(); // a well-formed block ends in a terminator, which already flushed
  block.ops = out;
  return block;
}
