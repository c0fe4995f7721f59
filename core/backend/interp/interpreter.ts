import { ENV } from '../../exec/env';
import { GuestAccess } from '../../exec/guest-access';
import { EnvSync, HelperInfo, IrBlock, IrOp, Value } from '../../ir/ir';
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

const EXIT: BlockExit = { kind: 'exit' };

/** Temps of the running block, reused from one block to the next. */
let temps: Slot[] = new Array(64).fill(0);
/** A block is running: a nested run (a helper running a block) must not share its temps. */
let running = false;

/** Where each label of the running block lands, reused likewise. */
let labelAt = new Int32Array(16);

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
 * It walks the ops directly, with no per-block preparation: most blocks run
 * only a few times here before they are compiled, so preparing them (as a
 * closure per op, say) would cost more than it saves.
 */
export function interpretBlock(block: IrBlock, ctx: InterpContext): BlockExit {
  refreshView(ctx);
  if (running) return run(block, block.ops, new Array(block.tempCount).fill(0), new Int32Array(block.labelCount), ctx);
  if (temps.length < block.tempCount) temps = new Array(block.tempCount * 2).fill(0);
  if (labelAt.length < block.labelCount) labelAt = new Int32Array(block.labelCount * 2);
  running = true;
  try {
    return run(block, block.ops, temps, labelAt, ctx);
  } finally {
    running = false;
  }
}

function run(block: IrBlock, ops: readonly IrOp[], t: Slot[], labels: Int32Array, ctx: InterpContext): BlockExit {
  if (block.labelCount > 0) placeLabels(ops, labels);
  let insnPc = block.pc;
  let unretired = block.insnCount + 1;
  const n = ops.length;
  let i = 0;
  while (i < n) {
    const op = ops[i++];
    switch (op.opc) {
      case 'insn_start':
        insnPc = op.pc;
        unretired--;
        break;
      case 'label':
        break;
      case 'mov':
        t[op.dst.id] = read(op.a, t);
        break;
      case 'trunc':
        t[op.dst.id] = Number(BigInt.asIntN(32, read(op.a, t) as bigint));
        break;
      case 'sext':
        t[op.dst.id] = BigInt(read(op.a, t) as number);
        break;
      case 'zext':
        t[op.dst.id] = BigInt((read(op.a, t) as number) >>> 0);
        break;
      case 'neg': case 'not': case 'ext8s': case 'ext8u': case 'ext16s': case 'ext16u': case 'ext32s': case 'ext32u': case 'fsqrt': {
        const fn = (op.type === 'i64' ? UNARY_I64[op.opc] : UNARY_I32[op.opc]) as (a: Slot) => Slot;
        t[op.dst.id] = fn(read(op.a, t));
        break;
      }
      case 'setcond': {
        const c = (op.type === 'i64' ? COND_I64[op.cond] : COND_I32[op.cond]) as (a: Slot, b: Slot) => boolean;
        const yes = c(read(op.a, t), read(op.b, t));
        t[op.dst.id] = op.type === 'i64' ? (yes ? 1n : 0n) : (yes ? 1 : 0);
        break;
      }
      case 'movcond': {
        const c = (op.type === 'i64' ? COND_I64[op.cond] : COND_I32[op.cond]) as (a: Slot, b: Slot) => boolean;
        t[op.dst.id] = c(read(op.a, t), read(op.b, t)) ? read(op.t, t) : read(op.f, t);
        break;
      }
      case 'brcond': {
        const c = (op.type === 'i64' ? COND_I64[op.cond] : COND_I32[op.cond]) as (a: Slot, b: Slot) => boolean;
        if (c(read(op.a, t), read(op.b, t))) i = labels[op.label.id];
        break;
      }
      case 'br':
        i = labels[op.label.id];
        break;
      case 'ld':
        t[op.dst.id] = op.type === 'i64' ? ctx.view.getBigInt64(ctx.env + op.offset, true) : ctx.view.getInt32(ctx.env + op.offset, true);
        break;
      case 'st':
        if (op.type === 'i64') ctx.view.setBigInt64(ctx.env + op.offset, read(op.src, t) as bigint, true);
        else ctx.view.setInt32(ctx.env + op.offset, read(op.src, t) as number, true);
        break;
      case 'qemu_ld': {
        if (op.sync) writeSync(op.sync, t, ctx);
        writeFault(ctx, insnPc, Math.min(unretired, block.insnCount));
        const v = ctx.access.load(ctx.env, address(op.addr, t), op.memop.size, op.memop.signed, op.mmuIdx);
        t[op.dst.id] = op.type === 'i64' ? BigInt.asIntN(64, v) : Number(BigInt.asIntN(32, v));
        refreshView(ctx);
        break;
      }
      case 'qemu_st':
        if (op.sync) writeSync(op.sync, t, ctx);
        writeFault(ctx, insnPc, Math.min(unretired, block.insnCount));
        ctx.access.store(ctx.env, address(op.addr, t), BigInt(read(op.src, t)), op.memop.size, op.mmuIdx);
        refreshView(ctx);
        break;
      case 'call': {
        const h = op.helper;
        if (h.mayRaise) writeFault(ctx, insnPc, Math.min(unretired, block.insnCount));
        const r = callHelper(h, op.args, t);
        if (op.dst) t[op.dst.id] = h.ret === 'i64' ? BigInt.asIntN(64, BigInt(r as bigint)) : Number(r) | 0;
        refreshView(ctx);
        break;
      }
      case 'goto_tb':
        ctx.view.setBigInt64(ctx.env + ENV.pc, op.pc, true);
        return { kind: 'goto_tb', slot: op.slot, pc: op.pc };
      case 'goto_ptr': {
        const pc = BigInt.asUintN(64, read(op.pc, t) as bigint);
        ctx.view.setBigInt64(ctx.env + ENV.pc, pc, true);
        return { kind: 'goto_ptr', pc };
      }
      case 'exit_tb':
        return EXIT;
      default: {
        const fn = (op.type === 'i64' ? BINARY_I64[op.opc] : BINARY_I32[op.opc]) as (a: Slot, b: Slot) => Slot;
        t[op.dst.id] = fn(read(op.a, t), read(op.b, t));
      }
    }
  }
  throw new Error(`IR block at pc 0x${block.pc.toString(16)} ran past its end without a terminator`);
}

/** Fill `labels` with the op index of each label of `ops`. */
function placeLabels(ops: readonly IrOp[], labels: Int32Array): void {
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    if (op.opc === 'label') labels[op.label.id] = i;
  }
}

function refreshView(ctx: InterpContext): void {
  if (ctx.memory && ctx.memory.buffer !== ctx.view.buffer) ctx.view = new DataView(ctx.memory.buffer);
}

/** An operand's value: a temp's slot, or a constant in the slot representation of its type. */
function read(v: Value, t: Slot[]): Slot {
  if (v.kind === 'temp') return t[v.id];
  return v.type === 'i64' ? v.value : Number(v.value);
}

/** A guest address operand as the softmmu takes it: i64 as is, i32 zero-extended. */
function address(v: Value, t: Slot[]): bigint {
  const a = read(v, t);
  return v.type === 'i64' ? (a as bigint) : BigInt((a as number) >>> 0);
}

/** The env stores a guest memory op performs before its slow path (the interpreter always takes it). */
function writeSync(list: readonly EnvSync[], t: Slot[], ctx: InterpContext): void {
  for (const s of list) {
    if (s.type === 'i64') ctx.view.setBigInt64(ctx.env + s.offset, read(s.src, t) as bigint, true);
    else ctx.view.setInt32(ctx.env + s.offset, read(s.src, t) as number, true);
  }
}

function writeFault(ctx: InterpContext, pc: bigint, unretired: number): void {
  ctx.view.setBigInt64(ctx.env + ENV.faultPc, pc, true);
  ctx.view.setInt32(ctx.env + ENV.faultUnretired, unretired, true);
}

function callHelper(h: HelperInfo, args: readonly Value[], t: Slot[]): unknown {
  const fn = h.fn;
  switch (args.length) {
    case 0: return fn();
    case 1: return fn(read(args[0], t));
    case 2: return fn(read(args[0], t), read(args[1], t));
    case 3: return fn(read(args[0], t), read(args[1], t), read(args[2], t));
    case 4: return fn(read(args[0], t), read(args[1], t), read(args[2], t), read(args[3], t));
    default: return fn(...args.map((a) => read(a, t)));
  }
}
