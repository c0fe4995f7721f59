import { ENV } from '../../exec/env';
import { GuestAccess } from '../../exec/guest-access';
import { EnvSync, HelperInfo, IrBlock, IrOp, IrType, Value, opInputs } from '../../ir/ir';
import { BINARY_I32, BINARY_I64, COND_I32, COND_I64, UNARY_I32, UNARY_I64 } from './op-semantics';

/** What the interpreter needs to run a block for one hart. */
export interface InterpContext {
  /** A view over the whole shared memory (env and RAM). */
  view: DataView;
  /** Byte address of the hart's env in that memory. */
  env: number;
  /** The softmmu slow path, used for every `qemu_ld`/`qemu_st`. */
  access: GuestAccess;
  /**
   * The memory `view` looks at, if it can grow: the interpreter re-creates
   * `view` when `memory.buffer` is no longer its buffer (checked on entry and
   * after every helper call and guest access).
   */
  memory?: { readonly buffer: ArrayBufferLike };
}

/** How a block ended, as the execution loop needs to know it. */
export type BlockExit =
  /** `goto_tb`: continue at the constant `pc`, through chain slot `slot`. */
  | { readonly kind: 'goto_tb'; readonly slot: 0 | 1; readonly pc: bigint }
  /** `goto_ptr`: continue at the computed `pc` (as an unsigned 64-bit address). */
  | { readonly kind: 'goto_ptr'; readonly pc: bigint }
  /** `exit_tb`: back to the loop; env.pc is already right. */
  | { readonly kind: 'exit' };

/** Temp values: i32 as a signed 32-bit number, i64 as a canonical bigint. */
type Slot = number | bigint;

/** The state of one run of a block. */
interface Frame {
  readonly t: Slot[];
  readonly ctx: InterpContext;
  exit: BlockExit;
}

/** One compiled op: does its work and returns the index of the next step (-1 to leave the block). */
type Step = (f: Frame) => number;

interface CompiledBlock {
  readonly steps: Step[];
  /** Initial temp values (zero of each temp's type), copied per run. */
  readonly zero: Slot[];
  readonly pc: bigint;
  readonly insnCount: number;
}

const EXIT: BlockExit = { kind: 'exit' };

/**
 * Compiled blocks, keyed by the op array: passes that rewrite a block assign
 * it a new array, so a stale entry is never found. (A caller that edits ops
 * in place inside the same array after running it must use a fresh array.)
 */
const compiledCache = new WeakMap<IrOp[], CompiledBlock>();

/**
 * Run one IR block to its terminator: the reference backend, with the exact
 * semantics of `docs/ir.md`, and the tier for code too cold to compile.
 *
 * For `goto_tb`/`goto_ptr` it also stores the next pc in env (`ENV.pc`, i64),
 * as the WebAssembly backend does. Before every op that may raise
 * (`qemu_ld`, `qemu_st`, a `call` whose helper has `mayRaise`) it writes
 * `ENV.faultPc` (the current instruction's pc) and `ENV.faultUnretired`
 * (`insnCount` − that instruction's index), then lets a `GuestException`
 * propagate to the caller. It never touches `ENV.icount`.
 *
 * The block is compiled once into an array of closures, cached per op array.
 */
export function interpretBlock(block: IrBlock, ctx: InterpContext): BlockExit {
  let code = compiledCache.get(block.ops);
  if (!code || code.pc !== block.pc || code.insnCount !== block.insnCount) {
    code = compileBlock(block);
    compiledCache.set(block.ops, code);
  }
  refreshView(ctx);
  const f: Frame = { t: code.zero.slice(), ctx, exit: EXIT };
  const steps = code.steps;
  let i = 0;
  while (i >= 0) {
    const step = steps[i];
    if (step === undefined) throw new Error(`IR block at pc 0x${block.pc.toString(16)} ran past its end without a terminator`);
    i = step(f);
  }
  return f.exit;
}

function refreshView(ctx: InterpContext): void {
  if (ctx.memory && ctx.memory.buffer !== ctx.view.buffer) ctx.view = new DataView(ctx.memory.buffer);
}

function constSlot(v: Value): Slot {
  if (v.kind !== 'const') throw new Error('not a constant');
  return v.type === 'i64' ? v.value : Number(v.value);
}

/** A reader for an operand (constant or temp). */
function reader(v: Value): (t: Slot[]) => Slot {
  if (v.kind === 'const') {
    const c = constSlot(v);
    return () => c;
  }
  const id = v.id;
  return (t) => t[id];
}

/** The env stores a guest memory op performs before its slow path (the interpreter always takes it). */
function compileSync(list: readonly EnvSync[] | undefined): (f: Frame) => void {
  if (!list || list.length === 0) return () => {};
  const stores = list.map((s) => ({ off: s.offset, read: reader(s.src), i64: s.type === 'i64' }));
  return (f) => {
    const { view, env } = f.ctx;
    for (const st of stores) {
      if (st.i64) view.setBigInt64(env + st.off, st.read(f.t) as bigint, true);
      else view.setInt32(env + st.off, st.read(f.t) as number, true);
    }
  };
}

/** Compile a block into steps. */
function compileBlock(block: IrBlock): CompiledBlock {
  // Labels and insn_start markers compile to nothing: first find where each label lands.
  const labelStep = new Int32Array(block.labelCount).fill(-1);
  let count = 0;
  for (const op of block.ops) {
    if (op.opc === 'label') labelStep[op.label.id] = count;
    else if (op.opc !== 'insn_start') count++;
  }
  const zero: Slot[] = new Array(block.tempCount).fill(0);
  const noteType = (v: Value): void => {
    if (v.kind === 'temp' && v.type === 'i64') zero[v.id] = 0n;
  };

  const steps: Step[] = [];
  let insnPc = block.pc;
  let insnIndex = 0;
  let started = false;
  for (const op of block.ops) {
    if (op.opc === 'label') continue;
    if (op.opc === 'insn_start') {
      if (started) insnIndex++;
      started = true;
      insnPc = op.pc;
      continue;
    }
    if ('dst' in op && op.dst) noteType(op.dst);
    for (const v of opInputs(op)) noteType(v);
    const next = steps.length + 1;
    const fault = { pc: insnPc, unretired: block.insnCount - insnIndex };
    steps.push(compileOp(op, next, labelStep, fault));
  }
  return { steps, zero, pc: block.pc, insnCount: block.insnCount };
}

interface FaultInfo { readonly pc: bigint; readonly unretired: number }

function writeFault(ctx: InterpContext, fault: FaultInfo): void {
  ctx.view.setBigInt64(ctx.env + ENV.faultPc, fault.pc, true);
  ctx.view.setInt32(ctx.env + ENV.faultUnretired, fault.unretired, true);
}

function compileOp(op: IrOp, next: number, labelStep: Int32Array, fault: FaultInfo): Step {
  switch (op.opc) {
    case 'insn_start': case 'label':
      throw new Error('markers compile to nothing');
    case 'mov': {
      const d = op.dst.id;
      if (op.a.kind === 'const') {
        const c = constSlot(op.a);
        return (f) => { f.t[d] = c; return next; };
      }
      const a = op.a.id;
      return (f) => { f.t[d] = f.t[a]; return next; };
    }
    case 'trunc': {
      const d = op.dst.id; const a = reader(op.a);
      return (f) => { f.t[d] = Number(BigInt.asIntN(32, a(f.t) as bigint)); return next; };
    }
    case 'sext': {
      const d = op.dst.id; const a = reader(op.a);
      return (f) => { f.t[d] = BigInt(a(f.t) as number); return next; };
    }
    case 'zext': {
      const d = op.dst.id; const a = reader(op.a);
      return (f) => { f.t[d] = BigInt((a(f.t) as number) >>> 0); return next; };
    }
    case 'neg': case 'not': case 'ext8s': case 'ext8u': case 'ext16s': case 'ext16u': case 'ext32s': case 'ext32u': case 'fsqrt': {
      const fn = (op.type === 'i64' ? UNARY_I64[op.opc] : UNARY_I32[op.opc]) as (a: Slot) => Slot;
      const d = op.dst.id; const a = reader(op.a);
      return (f) => { f.t[d] = fn(a(f.t)); return next; };
    }
    case 'setcond': {
      const c = (op.type === 'i64' ? COND_I64[op.cond] : COND_I32[op.cond]) as (a: Slot, b: Slot) => boolean;
      const [one, zero]: Slot[] = op.type === 'i64' ? [1n, 0n] : [1, 0];
      const d = op.dst.id; const a = reader(op.a); const b = reader(op.b);
      return (f) => { const t = f.t; t[d] = c(a(t), b(t)) ? one : zero; return next; };
    }
    case 'movcond': {
      const c = (op.type === 'i64' ? COND_I64[op.cond] : COND_I32[op.cond]) as (a: Slot, b: Slot) => boolean;
      const d = op.dst.id; const a = reader(op.a); const b = reader(op.b);
      const vt = reader(op.t); const vf = reader(op.f);
      return (f) => { const t = f.t; t[d] = c(a(t), b(t)) ? vt(t) : vf(t); return next; };
    }
    case 'brcond': {
      const c = (op.type === 'i64' ? COND_I64[op.cond] : COND_I32[op.cond]) as (a: Slot, b: Slot) => boolean;
      const target = labelStep[op.label.id];
      const a = reader(op.a); const b = reader(op.b);
      return (f) => (c(a(f.t), b(f.t)) ? target : next);
    }
    case 'br': {
      const target = labelStep[op.label.id];
      return () => target;
    }
    case 'ld': {
      const d = op.dst.id; const off = op.offset;
      return op.type === 'i64'
        ? (f) => { f.t[d] = f.ctx.view.getBigInt64(f.ctx.env + off, true); return next; }
        : (f) => { f.t[d] = f.ctx.view.getInt32(f.ctx.env + off, true); return next; };
    }
    case 'st': {
      const off = op.offset; const s = reader(op.src);
      return op.type === 'i64'
        ? (f) => { f.ctx.view.setBigInt64(f.ctx.env + off, s(f.t) as bigint, true); return next; }
        : (f) => { f.ctx.view.setInt32(f.ctx.env + off, s(f.t) as number, true); return next; };
    }
    case 'qemu_ld': {
      const d = op.dst.id; const addr = address(op.addr);
      const { size, signed } = op.memop; const mmuIdx = op.mmuIdx;
      const i64 = op.type === 'i64';
      const sync = compileSync(op.sync);
      return (f) => {
        const ctx = f.ctx;
        sync(f);
        writeFault(ctx, fault);
        const v = ctx.access.load(ctx.env, addr(f.t), size, signed, mmuIdx);
        f.t[d] = i64 ? BigInt.asIntN(64, v) : Number(BigInt.asIntN(32, v));
        refreshView(ctx);
        return next;
      };
    }
    case 'qemu_st': {
      const addr = address(op.addr); const s = reader(op.src);
      const size = op.memop.size; const mmuIdx = op.mmuIdx;
      const sync = compileSync(op.sync);
      return (f) => {
        const ctx = f.ctx;
        sync(f);
        writeFault(ctx, fault);
        ctx.access.store(ctx.env, addr(f.t), BigInt(s(f.t)), size, mmuIdx);
        refreshView(ctx);
        return next;
      };
    }
    case 'call':
      return compileCall(op.helper, op.args, op.dst?.id, next, fault);
    case 'goto_tb': {
      const exit: BlockExit = { kind: 'goto_tb', slot: op.slot, pc: op.pc };
      const pc = op.pc;
      return (f) => { f.ctx.view.setBigInt64(f.ctx.env + ENV.pc, pc, true); f.exit = exit; return -1; };
    }
    case 'goto_ptr': {
      const p = reader(op.pc);
      return (f) => {
        const pc = BigInt.asUintN(64, p(f.t) as bigint);
        f.ctx.view.setBigInt64(f.ctx.env + ENV.pc, pc, true);
        f.exit = { kind: 'goto_ptr', pc };
        return -1;
      };
    }
    case 'exit_tb':
      return (f) => { f.exit = EXIT; return -1; };
    default: {
      const fn = (op.type === 'i64' ? BINARY_I64[op.opc] : BINARY_I32[op.opc]) as (a: Slot, b: Slot) => Slot;
      const d = op.dst.id;
      if (op.a.kind === 'temp' && op.b.kind === 'temp') {
        const a = op.a.id; const b = op.b.id;
        return (f) => { const t = f.t; t[d] = fn(t[a], t[b]); return next; };
      }
      if (op.a.kind === 'temp') {
        const a = op.a.id; const b = constSlot(op.b);
        return (f) => { const t = f.t; t[d] = fn(t[a], b); return next; };
      }
      const a = reader(op.a); const b = reader(op.b);
      return (f) => { const t = f.t; t[d] = fn(a(t), b(t)); return next; };
    }
  }
}

/** A guest address operand as the softmmu takes it: i64 as is, i32 zero-extended. */
function address(v: Value): (t: Slot[]) => bigint {
  const r = reader(v);
  return v.type === 'i64' ? (r as (t: Slot[]) => bigint) : (t) => BigInt((r(t) as number) >>> 0);
}

function canonicalResult(type: IrType | undefined): (r: any) => Slot {
  return type === 'i64' ? (r) => BigInt.asIntN(64, BigInt(r)) : (r) => Number(r) | 0;
}

function compileCall(helper: HelperInfo, args: Value[], dst: number | undefined, next: number, fault: FaultInfo): Step {
  const fn = helper.fn;
  const readers = args.map(reader);
  const result = canonicalResult(helper.ret);
  const raises = helper.mayRaise;
  const invoke: (t: Slot[]) => unknown =
    readers.length === 0 ? () => fn()
      : readers.length === 1 ? (t) => fn(readers[0](t))
        : readers.length === 2 ? (t) => fn(readers[0](t), readers[1](t))
          : readers.length === 3 ? (t) => fn(readers[0](t), readers[1](t), readers[2](t))
            : (t) => fn(...readers.map((r) => r(t)));
  return (f) => {
    if (raises) writeFault(f.ctx, fault);
    const r = invoke(f.t);
    if (dst !== undefined) f.t[dst] = result(r);
    refreshView(f.ctx);
    return next;
  };
}
