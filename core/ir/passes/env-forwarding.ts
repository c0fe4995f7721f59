import { ENV } from '../../exec/env';
import { EnvSync, IrBlock, IrOp, IrType, Value } from '../ir';
import { scratchTable } from './scratch-tables';

/** Bytes an env access of each type covers. */
function sizeOf(type: IrType): number {
  return type === 'i64' ? 8 : 4;
}
/** The widest env access: entries starting this far below an offset can overlap it. */
const MAX_SIZE = 8;
/** Engine fields the backend writes before every op that may raise (see docs/ir.md). */
const FAULT_OFFSET = ENV.faultPc;
const FAULT_SIZE = ENV.faultUnretired + 4 - ENV.faultPc;

type StOp = Extract<IrOp, { opc: 'st' }>;

/*
 * What env holds, per byte offset, in tables reused across blocks (this pass
 * runs on every translated block, and a Map of small objects per block cost
 * more than the rest of the pass). An entry at `o` is valid while
 * `knownEpoch[o] === epoch`; `epoch` only grows, so starting a block or
 * passing a label forgets everything without clearing the tables. The entry
 * says env[o, o + knownSize[o]) holds `knownValue[o]`, valid while that
 * value's temp has had `knownWrites[o]` writes.
 */
let knownEpoch = new Int32Array(0);
let knownSize = new Uint8Array(0);
let knownWrites = new Int32Array(0);
let knownValue: (Value | null)[] = [];
let epoch = 0;
/** Per-temp write counts of the block being processed. */
let writes: Int32Array = new Int32Array(0);
/** Per temp, how many deferred stores store it: a write to a temp no deferred store reads needs no scan. */
let deferredOf: Int32Array = new Int32Array(0);

/**
 * The stores not yet emitted (the input's `st` ops themselves), in program
 * order: `deferred[0..pending)`. A count rather than the array's length, since
 * setting an array's length is a runtime call.
 */
const deferred: StOp[] = [];
/** `deferredSync[i]`: `deferred[i]` as a slow-path sync entry, made once and shared by the memory ops it is attached to. */
const deferredSync: (EnvSync | null)[] = [];
let pending = 0;
/** The ops emitted so far for the block being processed. */
let out: IrOp[] = [];

/** Make the per-offset tables cover offsets below `limit`. */
function ensureOffsets(limit: number): void {
  if (limit <= knownEpoch.length) return;
  const n = Math.max(limit, 2 * knownEpoch.length, 1024);
  const e = new Int32Array(n); e.set(knownEpoch); knownEpoch = e;
  const s = new Uint8Array(n); s.set(knownSize); knownSize = s;
  const w = new Int32Array(n); w.set(knownWrites); knownWrites = w;
  for (let i = knownValue.length; i < n; i++) knownValue.push(null);
}

/** Forget everything known about env. */
function forgetAll(): void {
  if (++epoch === 0x7fffffff) { // never in practice; keeps the stamps comparable
    knownEpoch.fill(0);
    epoch = 1;
  }
}

/**
 * Forget the entries overlapping [offset, offset + size). With `step` 4 (every
 * access so far 4-byte aligned) entries start at multiples of 4 only, so 3
 * offsets are probed instead of 15.
 */
function forget(offset: number, size: number, step: number): void {
  let o = step === 4 ? (offset - MAX_SIZE + 4) & ~3 : offset - MAX_SIZE + 1;
  if (o < 0) o = 0;
  const end = Math.min(offset + size, knownEpoch.length);
  for (; o < end; o += step) {
    if (knownEpoch[o] === epoch && o + knownSize[o] > offset) knownEpoch[o] = 0;
  }
}

function remember(offset: number, size: number, value: Value): void {
  knownEpoch[offset] = epoch;
  knownSize[offset] = size;
  knownValue[offset] = value;
  knownWrites[offset] = value.kind === 'temp' ? writes[value.id] : 0;
}

// The flushes below emit deferred stores in program order and keep the rest, in place.

function flushAll(): void {
  for (let i = 0; i < pending; i++) release(deferred[i]);
  pending = 0;
}

/** `d` leaves the deferred list, emitted. */
function release(d: StOp): void {
  out.push(d);
  drop(d);
}

/** `d` leaves the deferred list. */
function drop(d: StOp): void {
  if (d.src.kind === 'temp') deferredOf[d.src.id]--;
}

/** Emit the deferred stores overlapping [offset, offset + size). */
function flushOverlapping(offset: number, size: number): void {
  let k = 0;
  for (let i = 0; i < pending; i++) {
    const d = deferred[i];
    if (d.offset < offset + size && offset < d.offset + sizeOf(d.type)) {
      release(d);
    } else {
      deferredSync[k] = deferredSync[i];
      deferred[k++] = d;
    }
  }
  pending = k;
}

/** Emit the deferred stores of temp `id`'s value. */
function flushSource(id: number): void {
  let k = 0;
  for (let i = 0; i < pending; i++) {
    const d = deferred[i];
    if (d.src.kind === 'temp' && d.src.id === id) {
      release(d);
    } else {
      deferredSync[k] = deferredSync[i];
      deferred[k++] = d;
    }
  }
  pending = k;
}

/** Drop the deferred stores a store to [offset, offset + size) covers entirely. */
function dropCovered(offset: number, size: number): void {
  let k = 0;
  for (let i = 0; i < pending; i++) {
    const d = deferred[i];
    if (!(d.offset >= offset && d.offset + sizeOf(d.type) <= offset + size)) {
      deferredSync[k] = deferredSync[i];
      deferred[k++] = d;
    } else {
      drop(d);
    }
  }
  pending = k;
}

/** The deferred stores as slow-path syncs, after `prior` (an op's own syncs). */
function syncList(prior: EnvSync[] | undefined): EnvSync[] {
  const list: EnvSync[] = prior ? prior.slice() : [];
  for (let i = 0; i < pending; i++) {
    let s = deferredSync[i];
    if (s === null) {
      const d = deferred[i];
      s = deferredSync[i] = { type: d.type, src: d.src, offset: d.offset };
    }
    list.push(s);
  }
  return list;
}

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
 *
 * A store that is emitted is the input's `st` op itself (unchanged ops are
 * shared with the input block, as in every pass).
 */
export function envForwarding(block: IrBlock): IrBlock {
  writes = scratchTable(0, block.tempCount);
  deferredOf = scratchTable(1, block.tempCount);
  forgetAll();
  ensureOffsets(FAULT_OFFSET + FAULT_SIZE);
  pending = 0;
  const result: IrOp[] = out = [];
  // While every access is 4-byte aligned (the usual case), entries can only
  // start at multiples of 4, so overlap checks probe 3 offsets instead of 15.
  let step = 4;

  const ops = block.ops;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    let emitted: IrOp | null = op;
    switch (op.opc) {
      case 'ld': {
        const offset = op.offset;
        if ((offset & 3) !== 0) step = 1;
        const size = sizeOf(op.type);
        ensureOffsets(offset + size);
        let forwarded = false;
        if (knownEpoch[offset] === epoch && knownSize[offset] === size) {
          const v = knownValue[offset]!;
          if (v.kind === 'const' || writes[v.id] === knownWrites[offset]) {
            emitted = { opc: 'mov', type: op.type, dst: op.dst, a: v };
            forwarded = true;
          }
        }
        if (!forwarded && pending > 0) flushOverlapping(offset, size);
        // A deferred store of this temp must happen before the temp changes.
        const id = op.dst.id;
        if (deferredOf[id] > 0) flushSource(id);
        writes[id]++;
        // Remember after counting the write: the value is dst as it is now.
        if (!forwarded) remember(offset, size, op.dst);
        out.push(emitted);
        continue;
      }
      case 'st': {
        const offset = op.offset;
        if ((offset & 3) !== 0) step = 1;
        const size = sizeOf(op.type);
        ensureOffsets(offset + size);
        if (pending > 0) {
          dropCovered(offset, size);
          flushOverlapping(offset, size); // partly overwritten stores must still happen first
        }
        forget(offset, size, step);
        remember(offset, size, op.src);
        deferred[pending] = op;
        deferredSync[pending++] = null;
        if (op.src.kind === 'temp') deferredOf[op.src.id]++;
        continue;
      }
      case 'label': case 'br': case 'brcond': case 'goto_tb': case 'goto_ptr': case 'exit_tb':
        if (pending > 0) flushAll();
        if (op.opc === 'label') forgetAll();
        break;
      case 'qemu_ld':
        if (pending > 0) {
          emitted = { opc: op.opc, type: op.type, dst: op.dst, addr: op.addr, memop: op.memop, mmuIdx: op.mmuIdx, sync: syncList(op.sync) };
        }
        forget(FAULT_OFFSET, FAULT_SIZE, step);
        break;
      case 'qemu_st':
        if (pending > 0) {
          emitted = { opc: op.opc, type: op.type, src: op.src, addr: op.addr, memop: op.memop, mmuIdx: op.mmuIdx, sync: syncList(op.sync) };
        }
        forget(FAULT_OFFSET, FAULT_SIZE, step);
        break;
      case 'call': {
        const h = op.helper;
        if ((h.readsEnv || h.mayRaise || h.writesEnv) && pending > 0) flushAll();
        if (h.mayRaise) forget(FAULT_OFFSET, FAULT_SIZE, step);
        if (h.writesEnv) forgetAll();
        break;
      }
    }
    const dst = (emitted as { dst?: { id: number } }).dst;
    if (dst) {
      // A deferred store of this temp must happen before the temp changes.
      if (deferredOf[dst.id] > 0) flushSource(dst.id);
      writes[dst.id]++;
    }
    out.push(emitted);
  }
  if (pending > 0) flushAll(); // a well-formed block ends in a terminator, which already flushed
  out = [];
  block.ops = result;
  return block;
}
