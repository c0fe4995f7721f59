/**
 * Orrery's intermediate representation, in the spirit of QEMU's TCG.
 *
 * A translated block is a flat list of {@link IrOp}s over typed temporaries.
 * Guest registers are not temporaries: they live in the CPU state ("env") and
 * are read and written with explicit `ld`/`st` ops at fixed offsets, so that a
 * pass can forward and eliminate them and a backend never needs to know what a
 * register is. Every op is specified in `docs/ir.md`; passes and backends are
 * written against that document.
 */

/** The two value types of the IR. */
export type IrType = 'i32' | 'i64';

/** A block-local temporary. Temporaries survive labels and branches. */
export interface Temp {
  readonly kind: 'temp';
  readonly id: number;
  readonly type: IrType;
}

/** An immediate operand. `value` is kept canonical: `BigInt.asIntN(bits, v)`. */
export interface Const {
  readonly kind: 'const';
  readonly type: IrType;
  readonly value: bigint;
}

/** An operand: a temporary or a constant. */
export type Value = Temp | Const;

/** Comparison conditions (signed `lt/ge/le/gt`, unsigned `ltu/geu/leu/gtu`). */
export type Cond = 'eq' | 'ne' | 'lt' | 'ge' | 'le' | 'gt' | 'ltu' | 'geu' | 'leu' | 'gtu';

/** Binary arithmetic/logic operators. Shift counts are taken modulo the type's width. */
export type BinaryOpc =
  | 'add' | 'sub' | 'mul' | 'and' | 'or' | 'xor'
  | 'shl' | 'shr' | 'sar' | 'rotl' | 'rotr'
  /** Signed/unsigned division and remainder, total as RISC-V defines them (x/0 = -1, x%0 = x, MIN/-1 = MIN, MIN%-1 = 0). */
  | 'div' | 'divu' | 'rem' | 'remu'
  /** High half of the double-width product: signed×signed, unsigned×unsigned, signed×unsigned. */
  | 'mulsh' | 'muluh' | 'mulsuh'
  | FloatBinaryOpc;

/**
 * IEEE 754 arithmetic on bit patterns (i64 = binary64, i32 = binary32), round
 * to nearest even, no exception flags; a NaN result's bit pattern is
 * unspecified, so translators must not let one reach guest state (they use
 * these ops for fast paths that check the result). `feq/flt/fle` give 1 or 0
 * in the operand type (0 when either operand is a NaN).
 */
export type FloatBinaryOpc = 'fadd' | 'fsub' | 'fmul' | 'fdiv' | 'feq' | 'flt' | 'fle';

/** The float ops, which constant folding leaves alone. */
export const FLOAT_OPS: ReadonlySet<string> = new Set(['fadd', 'fsub', 'fmul', 'fdiv', 'feq', 'flt', 'fle', 'fsqrt']);

/** Unary operators with the same source and result type. */
export type UnaryOpc =
  | 'neg' | 'not'
  | 'ext8s' | 'ext8u' | 'ext16s' | 'ext16u'
  /** Only for i64: sign/zero-extend the low 32 bits. */
  | 'ext32s' | 'ext32u'
  /** IEEE 754 square root of a bit pattern, as the float binary ops. */
  | 'fsqrt';

/** Size and signedness of a guest memory access. */
export interface MemOp {
  readonly size: 1 | 2 | 4 | 8;
  readonly signed: boolean;
}

/**
 * A guest-register store that a guest memory op performs only on its slow
 * path, before it can raise: the env-forwarding pass defers stores past
 * memory ops whose fast path cannot fault, so env is exact at a fault without
 * paying for the stores when the access hits the TLB.
 */
export interface EnvSync {
  readonly type: IrType;
  readonly src: Value;
  readonly offset: number;
}

/** A branch target inside a block. */
export interface Label {
  readonly id: number;
}

/** Properties of a helper that passes and backends must respect. */
export interface HelperInfo {
  /** Name by which backends import/call it. */
  readonly name: string;
  /** Argument types. Backends pass i32 as number and i64 as bigint to JavaScript. */
  readonly args: readonly IrType[];
  /** Result type, if the helper returns a value. */
  readonly ret?: IrType;
  /** The helper may raise a guest exception (it then never returns normally). */
  readonly mayRaise: boolean;
  /** The helper reads guest state in env (so pending `st` ops must be done before the call). */
  readonly readsEnv: boolean;
  /** The helper writes guest state in env (so values `ld`-forwarded before the call are stale after it). */
  readonly writesEnv: boolean;
  /** The helper has no side effect at all: a call whose result is unused may be deleted. */
  readonly pure: boolean;
  /** The implementation. */
  readonly fn: (...args: any[]) => any;
}

/**
 * One IR operation. Discriminated by `opc`; see `docs/ir.md` for the semantics
 * of each.
 */
export type IrOp =
  | { opc: 'insn_start'; pc: bigint; len: number }
  | { opc: 'mov'; type: IrType; dst: Temp; a: Value }
  | { opc: BinaryOpc; type: IrType; dst: Temp; a: Value; b: Value }
  | { opc: UnaryOpc; type: IrType; dst: Temp; a: Value }
  /** i64 → i32 (low half). */
  | { opc: 'trunc'; dst: Temp; a: Value }
  /** i32 → i64, sign- or zero-extending. */
  | { opc: 'sext' | 'zext'; dst: Temp; a: Value }
  | { opc: 'setcond'; type: IrType; cond: Cond; dst: Temp; a: Value; b: Value }
  | { opc: 'movcond'; type: IrType; cond: Cond; dst: Temp; a: Value; b: Value; t: Value; f: Value }
  | { opc: 'brcond'; type: IrType; cond: Cond; a: Value; b: Value; label: Label }
  | { opc: 'br'; label: Label }
  | { opc: 'label'; label: Label }
  /** Load from / store to the CPU state at a fixed byte offset. */
  | { opc: 'ld'; type: IrType; dst: Temp; offset: number }
  | { opc: 'st'; type: IrType; src: Value; offset: number }
  /** Guest memory load/store through the softmmu with the given MMU index. */
  | { opc: 'qemu_ld'; type: IrType; dst: Temp; addr: Value; memop: MemOp; mmuIdx: number; sync?: EnvSync[] }
  | { opc: 'qemu_st'; type: IrType; src: Value; addr: Value; memop: MemOp; mmuIdx: number; sync?: EnvSync[] }
  | { opc: 'call'; helper: HelperInfo; dst?: Temp; args: Value[] }
  /** End the block: continue at the constant `pc`, chaining through jump slot `slot` when linked. */
  | { opc: 'goto_tb'; slot: 0 | 1; pc: bigint }
  /** End the block: continue at the computed `pc`, through the jump cache when it hits. */
  | { opc: 'goto_ptr'; pc: Value }
  /** End the block and return to the execution loop; the pc in env is already right. */
  | { opc: 'exit_tb' };

/** The opcode names. */
export type Opc = IrOp['opc'];

/** A translated block's IR: the ops and what they refer to. */
export interface IrBlock {
  /** Guest virtual address of the first instruction. */
  readonly pc: bigint;
  /** The ops, in program order. */
  ops: IrOp[];
  /** Number of temporaries allocated (ids are 0..tempCount-1). */
  tempCount: number;
  /** Number of labels allocated (ids are 0..labelCount-1). */
  labelCount: number;
  /** Guest instructions in the block. */
  insnCount: number;
  /** Guest bytes covered by the block. */
  byteSize: number;
}

/** Canonicalise a constant for its type. */
export function canonical(type: IrType, v: bigint): bigint {
  return type === 'i64' ? BigInt.asIntN(64, v) : BigInt.asIntN(32, v);
}

/** Small constants are shared (immutable) objects: translators make one or more per instruction. */
const INTERNED_RANGE = 2048;
const interned: Record<IrType, (Const | undefined)[]> = { i32: [], i64: [] };

/**
 * Make a constant operand. Constants in [-2048, 2048) (12-bit immediates,
 * small offsets, 0 and ±1) are interned: the same (read-only) object each time.
 */
export function constant(type: IrType, v: bigint | number): Const {
  if (typeof v === 'number' ? Number.isInteger(v) && v >= -INTERNED_RANGE && v < INTERNED_RANGE
    : v >= -INTERNED_RANGE && v < INTERNED_RANGE) {
    const n = Number(v);
    const table = interned[type];
    // Not frozen: a frozen object has another hidden class, and every pass reads constants.
    return table[n + INTERNED_RANGE] ??= { kind: 'const', type, value: BigInt(n) };
  }
  return { kind: 'const', type, value: canonical(type, BigInt(v)) };
}

/** Ops that end a block; exactly one is the last op, and none appears before it. */
export const TERMINATORS: ReadonlySet<Opc> = new Set<Opc>(['goto_tb', 'goto_ptr', 'exit_tb']);

/** The operands an op reads, in order. */
export function opInputs(op: IrOp): Value[] {
  switch (op.opc) {
    case 'insn_start': case 'br': case 'label': case 'ld': case 'goto_tb': case 'exit_tb':
      return [];
    case 'mov': case 'trunc': case 'sext': case 'zext':
    case 'neg': case 'not': case 'ext8s': case 'ext8u': case 'ext16s': case 'ext16u': case 'ext32s': case 'ext32u': case 'fsqrt':
      return [op.a];
    case 'setcond': case 'brcond':
      return [op.a, op.b];
    case 'movcond':
      return [op.a, op.b, op.t, op.f];
    case 'st':
      return [op.src];
    case 'qemu_ld':
      return op.sync ? [op.addr, ...op.sync.map((s) => s.src)] : [op.addr];
    case 'qemu_st':
      return op.sync ? [op.src, op.addr, ...op.sync.map((s) => s.src)] : [op.src, op.addr];
    case 'call':
      return op.args;
    case 'goto_ptr':
      return [op.pc];
    default:
      return [op.a, op.b];
  }
}

/** The temporary an op writes, if any. */
export function opOutput(op: IrOp): Temp | undefined {
  return 'dst' in op ? op.dst : undefined;
}

/** True when the op has an effect beyond writing its destination temporary. */
export function hasSideEffect(op: IrOp): boolean {
  switch (op.opc) {
    case 'st': case 'qemu_st': case 'qemu_ld': case 'brcond': case 'br': case 'label':
    case 'insn_start': case 'goto_tb': case 'goto_ptr': case 'exit_tb':
      return true;
    case 'call':
      return !op.helper.pure;
    default:
      return false;
  }
}
