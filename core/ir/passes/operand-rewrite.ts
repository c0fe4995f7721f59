import { IrOp, Temp, Value } from '../ir';

/**
 * Replace every operand an op reads by `f(operand)`, in place. The operand
 * fields are the ones {@link opInputs} lists; `f` must return a value of the
 * same type.
 */
export function rewriteInputs(op: IrOp, f: (v: Value) => Value): void {
  switch (op.opc) {
    case 'insn_start': case 'br': case 'label': case 'ld': case 'goto_tb': case 'exit_tb':
      return;
    case 'mov': case 'trunc': case 'sext': case 'zext':
    case 'neg': case 'not': case 'ext8s': case 'ext8u': case 'ext16s': case 'ext16u': case 'ext32s': case 'ext32u': case 'fsqrt':
      op.a = f(op.a);
      return;
    case 'movcond':
      op.a = f(op.a); op.b = f(op.b); op.t = f(op.t); op.f = f(op.f);
      return;
    case 'st':
      op.src = f(op.src);
      return;
    case 'qemu_ld':
      op.addr = f(op.addr);
      if (op.sync) op.sync = op.sync.map((s) => ({ type: s.type, src: f(s.src), offset: s.offset }));
      return;
    case 'qemu_st':
      op.src = f(op.src); op.addr = f(op.addr);
      if (op.sync) op.sync = op.sync.map((s) => ({ type: s.type, src: f(s.src), offset: s.offset }));
      return;
    case 'call':
      for (let i = 0; i < op.args.length; i++) op.args[i] = f(op.args[i]);
      return;
    case 'goto_ptr':
      op.pc = f(op.pc);
      return;
    default: // binary ops, setcond, brcond
      op.a = f(op.a); op.b = f(op.b);
  }
}

/**
 * A copy of an op that shares nothing mutable with the original (temps,
 * constants, labels, memops and helpers are immutable and shared). Written
 * out per op kind: object spread over the many op shapes is several times
 * slower, and this runs for every op of every optimised block.
 */
export function cloneOp(op: IrOp): IrOp {
  switch (op.opc) {
    case 'insn_start': return { opc: op.opc, pc: op.pc, len: op.len };
    case 'mov': return { opc: op.opc, type: op.type, dst: op.dst, a: op.a };
    case 'trunc': case 'sext': case 'zext': return { opc: op.opc, dst: op.dst, a: op.a };
    case 'neg': case 'not': case 'ext8s': case 'ext8u': case 'ext16s': case 'ext16u': case 'ext32s': case 'ext32u': case 'fsqrt':
      return { opc: op.opc, type: op.type, dst: op.dst, a: op.a };
    case 'setcond': return { opc: op.opc, type: op.type, cond: op.cond, dst: op.dst, a: op.a, b: op.b };
    case 'movcond':
      return { opc: op.opc, type: op.type, cond: op.cond, dst: op.dst, a: op.a, b: op.b, t: op.t, f: op.f };
    case 'brcond': return { opc: op.opc, type: op.type, cond: op.cond, a: op.a, b: op.b, label: op.label };
    case 'br': case 'label': return { opc: op.opc, label: op.label };
    case 'ld': return { opc: op.opc, type: op.type, dst: op.dst, offset: op.offset };
    case 'st': return { opc: op.opc, type: op.type, src: op.src, offset: op.offset };
    case 'qemu_ld':
      return op.sync
        ? { opc: op.opc, type: op.type, dst: op.dst, addr: op.addr, memop: op.memop, mmuIdx: op.mmuIdx, sync: op.sync.slice() }
        : { opc: op.opc, type: op.type, dst: op.dst, addr: op.addr, memop: op.memop, mmuIdx: op.mmuIdx };
    case 'qemu_st':
      return op.sync
        ? { opc: op.opc, type: op.type, src: op.src, addr: op.addr, memop: op.memop, mmuIdx: op.mmuIdx, sync: op.sync.slice() }
        : { opc: op.opc, type: op.type, src: op.src, addr: op.addr, memop: op.memop, mmuIdx: op.mmuIdx };
    case 'call':
      return op.dst ? { opc: op.opc, helper: op.helper, dst: op.dst, args: op.args.slice() }
        : { opc: op.opc, helper: op.helper, args: op.args.slice() };
    case 'goto_tb': return { opc: op.opc, slot: op.slot, pc: op.pc };
    case 'goto_ptr': return { opc: op.opc, pc: op.pc };
    case 'exit_tb': return { opc: op.opc };
    default: return { opc: op.opc, type: op.type, dst: op.dst, a: op.a, b: op.b };
  }
}

/**
 * `op` with every operand it reads replaced by `f(operand)`, copy-on-write:
 * `op` itself when `f` changes nothing, else a fresh op (the input is never
 * modified, so a pass can share unchanged ops with its input block instead
 * of copying the whole block first).
 */
export function mapInputs(op: IrOp, f: (v: Value) => Value): IrOp {
  switch (op.opc) {
    case 'insn_start': case 'br': case 'label': case 'ld': case 'goto_tb': case 'exit_tb':
      return op;
    case 'mov': case 'trunc': case 'sext': case 'zext':
    case 'neg': case 'not': case 'ext8s': case 'ext8u': case 'ext16s': case 'ext16u': case 'ext32s': case 'ext32u': case 'fsqrt': {
      const a = f(op.a);
      if (a === op.a) return op;
      const c = cloneOp(op) as typeof op;
      c.a = a;
      return c;
    }
    case 'movcond': {
      const a = f(op.a), b = f(op.b), t = f(op.t), e = f(op.f);
      if (a === op.a && b === op.b && t === op.t && e === op.f) return op;
      return { opc: op.opc, type: op.type, cond: op.cond, dst: op.dst, a, b, t, f: e };
    }
    case 'st': {
      const src = f(op.src);
      return src === op.src ? op : { opc: op.opc, type: op.type, src, offset: op.offset };
    }
    case 'qemu_ld': case 'qemu_st': {
      let changed = false;
      const addr = f(op.addr);
      if (addr !== op.addr) changed = true;
      const src = op.opc === 'qemu_st' ? f(op.src) : undefined;
      if (op.opc === 'qemu_st' && src !== op.src) changed = true;
      let sync = op.sync;
      if (sync) {
        for (let i = 0; i < sync.length; i++) {
          const s = sync[i];
          const v = f(s.src);
          if (v === s.src) continue;
          if (sync === op.sync) sync = sync.slice();
          sync[i] = { type: s.type, src: v, offset: s.offset };
        }
        if (sync !== op.sync) changed = true;
      }
      if (!changed) return op;
      const c = cloneOp(op) as typeof op;
      c.addr = addr;
      if (c.opc === 'qemu_st') c.src = src!;
      if (sync) c.sync = sync;
      return c;
    }
    case 'call': {
      let args = op.args;
      for (let i = 0; i < args.length; i++) {
        const v = f(args[i]);
        if (v === args[i]) continue;
        if (args === op.args) args = args.slice();
        args[i] = v;
      }
      if (args === op.args) return op;
      return op.dst ? { opc: op.opc, helper: op.helper, dst: op.dst, args } : { opc: op.opc, helper: op.helper, args };
    }
    case 'goto_ptr': {
      const pc = f(op.pc);
      return pc === op.pc ? op : { opc: op.opc, pc };
    }
    default: { // binary ops, setcond, brcond
      const a = f(op.a), b = f(op.b);
      if (a === op.a && b === op.b) return op;
      const c = cloneOp(op) as typeof op;
      c.a = a;
      c.b = b;
      return c;
    }
  }
}

/** The temp an op writes, if any (as `opOutput`, by a plain property read, which is cheaper than `in` on many shapes). */
export function writtenTemp(op: IrOp): Temp | undefined {
  return (op as { dst?: Temp }).dst;
}

/** Call `f` with the id of every temp an op reads (no array is built, unlike {@link opInputs}). */
export function forEachTempInput(op: IrOp, f: (id: number) => void): void {
  switch (op.opc) {
    case 'insn_start': case 'br': case 'label': case 'ld': case 'goto_tb': case 'exit_tb':
      return;
    case 'mov': case 'trunc': case 'sext': case 'zext':
    case 'neg': case 'not': case 'ext8s': case 'ext8u': case 'ext16s': case 'ext16u': case 'ext32s': case 'ext32u': case 'fsqrt':
      if (op.a.kind === 'temp') f(op.a.id);
      return;
    case 'movcond':
      if (op.a.kind === 'temp') f(op.a.id);
      if (op.b.kind === 'temp') f(op.b.id);
      if (op.t.kind === 'temp') f(op.t.id);
      if (op.f.kind === 'temp') f(op.f.id);
      return;
    case 'st':
      if (op.src.kind === 'temp') f(op.src.id);
      return;
    case 'qemu_ld':
      if (op.addr.kind === 'temp') f(op.addr.id);
      if (op.sync) for (const s of op.sync) if (s.src.kind === 'temp') f(s.src.id);
      return;
    case 'qemu_st':
      if (op.src.kind === 'temp') f(op.src.id);
      if (op.addr.kind === 'temp') f(op.addr.id);
      if (op.sync) for (const s of op.sync) if (s.src.kind === 'temp') f(s.src.id);
      return;
    case 'call':
      for (const a of op.args) if (a.kind === 'temp') f(a.id);
      return;
    case 'goto_ptr':
      if (op.pc.kind === 'temp') f(op.pc.id);
      return;
    default:
      if (op.a.kind === 'temp') f(op.a.id);
      if (op.b.kind === 'temp') f(op.b.id);
  }
}
