import { ENV, TLB_ENTRIES, TLB_ENTRY, TLB_ENTRY_SIZE, PAGE_BITS, JMP_CACHE_ENTRIES, JMP_CACHE_ENTRY_SIZE, chainSlot } from '../../exec/env';
import { Cond, HelperInfo, IrBlock, IrOp, IrType, MemOp, Temp, Value, constant } from '../../ir/ir';
import { WasmByteWriter } from './wasm-byte-writer';
import { decodeInstructions } from './wasm-insn-decoder';
import { WasmDirectEncoding, WasmFunctionBuilder } from './wasm-insn';
import { WasmModuleBuilder } from './wasm-module';
import { WASM_OPCODES, WasmMnemonic } from './wasm-opcodes';
import { WASM_TYPE_BYTE, WASM_VALTYPE_CODE, WasmFuncType } from './wasm-types';

/**
 * The functions of a module that its block functions call for the cold parts
 * of guest memory accesses and block exits: there once per module instead of
 * inline in every block.
 */
export enum RuntimeFn {
  /** `ld_slow(env i32, addr i64, memopEx i32, pc i64) -> i64`: records the faulting instruction, then the slow-path load. */
  LoadSlow,
  /** `st_slow(env i32, addr i64, value i64, memopEx i32, pc i64)`: likewise for stores. */
  StoreSlow,
  /** `fault(env i32, pc i64, unretired i32)`: records the instruction whose helper may raise. */
  Fault,
  /** `goto_miss(env i32, pc i64, exit i32) -> i32`: an unlinked `goto_tb`: the jump cache, else leave to the loop. */
  GotoMiss,
  /** `goto_ptr(env i32, pc i64) -> i32`: an indirect jump through the jump cache. */
  GotoPtr,
  /** `mulhu64(a i64, b i64) -> i64`: high half of the unsigned 128-bit product. */
  Mulhu,
}
const RUNTIME_FN_COUNT = 6;

/**
 * The runtime functions of one module. They follow the block functions, so
 * a function gets its index when a block first calls it, and the module has
 * only those used: generate the blocks (the module's functions so far), then
 * {@link BlockRuntime.addTo} the module.
 */
export class BlockRuntime {
  private readonly index: number[] = new Array(RUNTIME_FN_COUNT).fill(-1);
  private readonly used: RuntimeFn[] = [];

  /**
   * @param firstIndex the function index the first runtime function will have:
   *   the module's function imports plus its block functions.
   */
  constructor(private readonly firstIndex: number) {}

  /** The function index of `fn` (allocated on first use). */
  use(fn: RuntimeFn): number {
    let i = this.index[fn];
    if (i < 0) {
      i = this.firstIndex + this.used.length;
      this.index[fn] = i;
      this.used.push(fn);
    }
    return i;
  }

  /**
   * Adds the functions used to `m` (after the block functions); `slowLoad`
   * and `slowStore` are the function indexes of the imported slow paths
   * `(env i32, addr i64, memop i32) -> i64` and `(env i32, addr i64, value i64, memop i32)`;
   * `tailCalls` as {@link CodegenImports.tailCalls}. Their code is encoded once per process and copied into each module.
   */
  addTo(m: WasmModuleBuilder, slowLoad: number, slowStore: number, tailCalls: boolean): void {
    const fns = runtimeFunctions(slowLoad, slowStore, tailCalls);
    for (let k = 0; k < this.used.length; k++) {
      const index = m.addFunction(fns[this.used[k]]);
      if (index !== this.firstIndex + k) throw new Error(`wasm backend: runtime function at ${index}, expected ${this.firstIndex + k}`);
    }
  }
}

/** Function indexes a block function may call, provided by the module being assembled. */
export interface CodegenImports {
  /** The module's runtime functions. */
  runtime: BlockRuntime;
  /** The function index of a helper (imported by the module). */
  helper(h: HelperInfo): number;
  /**
   * Jump to chained and jump-cached successors with `return_call_indirect`
   * through the shared table (index 0 of the module), instead of returning
   * their index to the dispatcher.
   */
  tailCalls: boolean;
}

/** The signature of every block function. */
export const BLOCK_TYPE = { params: ['i32'], results: ['i32'] } as const;

/** Encode a memop for the slow-path helpers: size | signed << 4 | mmuIdx << 8. */
export function encodeMemop(memop: MemOp, mmuIdx: number): number {
  return memop.size | (memop.signed ? 16 : 0) | (mmuIdx << 8);
}

/**
 * The memop argument of `ld_slow`/`st_slow`: {@link encodeMemop} in the low
 * 16 bits, the `faultUnretired` count of the access's instruction above.
 */
const MEMOP_BITS = 16;
const MEMOP_MASK = (1 << MEMOP_BITS) - 1;

const ENV_PARAM = 0;
const TLB_TABLE_BYTES = TLB_ENTRIES * TLB_ENTRY_SIZE;
/** `(i32)addr >>> TLB_INDEX_SHIFT & TLB_INDEX_MASK` is the byte offset of addr's TLB entry in its table. */
const TLB_INDEX_SHIFT = PAGE_BITS - Math.log2(TLB_ENTRY_SIZE);
const TLB_INDEX_MASK = (TLB_ENTRIES - 1) * TLB_ENTRY_SIZE;
const JMP_CACHE_SHIFT = Math.log2(JMP_CACHE_ENTRY_SIZE);

// Opcode bytes, from the instruction table (the code generator writes bytes, not mnemonics).
const op = (m: WasmMnemonic): number => WASM_OPCODES[m].code;
const UNREACHABLE = op('unreachable'), BLOCK = op('block'), IF = op('if'), ELSE = op('else'), END = op('end');
const BR = op('br'), BR_IF = op('br_if'), RETURN = op('return'), CALL = op('call'), RETURN_CALL_INDIRECT = op('return_call_indirect');
const SELECT = op('select'), LOCAL_GET = op('local.get'), LOCAL_SET = op('local.set'), LOCAL_TEE = op('local.tee');
const I32_LOAD = op('i32.load'), I64_LOAD = op('i64.load'), I32_STORE = op('i32.store'), I64_STORE = op('i64.store');
const I32_CONST = op('i32.const'), I64_CONST = op('i64.const');
const I64_EQ = op('i64.eq');
const I32_AND = op('i32.and'), I32_OR = op('i32.or'), I32_ADD = op('i32.add'), I32_SHR_U = op('i32.shr_u');
const I64_ADD = op('i64.add'), I64_SUB = op('i64.sub'), I64_MUL = op('i64.mul'), I64_AND = op('i64.and'), I64_SHR_U = op('i64.shr_u');
const I64_LT_S = op('i64.lt_s'), I64_GT_S = op('i64.gt_s'), I64_EXTEND32_S = op('i64.extend32_s');
const I32_WRAP_I64 = op('i32.wrap_i64'), I64_EXTEND_I32_S = op('i64.extend_i32_s'), I64_EXTEND_I32_U = op('i64.extend_i32_u');
const TYPE_I32 = WASM_VALTYPE_CODE.i32, TYPE_I64 = WASM_VALTYPE_CODE.i64, EMPTY_BLOCK = WASM_TYPE_BYTE.emptyBlock;

/** log2 of the natural alignment of the env/TLB accesses. */
const ALIGN_32 = 2, ALIGN_64 = 3;

/** Opcode of `mnemonic` for the i32 and the i64 variant (`i32.add` / `i64.add`). */
function pair(i32: WasmMnemonic, i64: WasmMnemonic): readonly [number, number] {
  return [op(i32), op(i64)];
}
const ADD = pair('i32.add', 'i64.add'), SUB = pair('i32.sub', 'i64.sub'), MUL = pair('i32.mul', 'i64.mul');
const AND = pair('i32.and', 'i64.and'), OR = pair('i32.or', 'i64.or'), XOR = pair('i32.xor', 'i64.xor');
const SHL = pair('i32.shl', 'i64.shl'), SHR_U = pair('i32.shr_u', 'i64.shr_u'), SHR_S = pair('i32.shr_s', 'i64.shr_s');
const ROTL = pair('i32.rotl', 'i64.rotl'), ROTR = pair('i32.rotr', 'i64.rotr');
const EXTEND8_S = pair('i32.extend8_s', 'i64.extend8_s'), EXTEND16_S = pair('i32.extend16_s', 'i64.extend16_s');
const EQ = pair('i32.eq', 'i64.eq'), NE = pair('i32.ne', 'i64.ne');
const LT_S = pair('i32.lt_s', 'i64.lt_s'), GE_S = pair('i32.ge_s', 'i64.ge_s'), LE_S = pair('i32.le_s', 'i64.le_s'), GT_S = pair('i32.gt_s', 'i64.gt_s');
const LT_U = pair('i32.lt_u', 'i64.lt_u'), GE_U = pair('i32.ge_u', 'i64.ge_u'), LE_U = pair('i32.le_u', 'i64.le_u'), GT_U = pair('i32.gt_u', 'i64.gt_u');
const DIV_S = pair('i32.div_s', 'i64.div_s'), DIV_U = pair('i32.div_u', 'i64.div_u'), REM_S = pair('i32.rem_s', 'i64.rem_s'), REM_U = pair('i32.rem_u', 'i64.rem_u');
const EQZ = pair('i32.eqz', 'i64.eqz');
/** Float ops on reinterpreted bit patterns: f32 for i32 operands, f64 for i64. */
const F_ADD = pair('f32.add', 'f64.add'), F_SUB = pair('f32.sub', 'f64.sub'), F_MUL = pair('f32.mul', 'f64.mul'), F_DIV = pair('f32.div', 'f64.div');
const F_EQ = pair('f32.eq', 'f64.eq'), F_LT = pair('f32.lt', 'f64.lt'), F_LE = pair('f32.le', 'f64.le'), F_SQRT = pair('f32.sqrt', 'f64.sqrt');
const F_FROM_BITS = pair('f32.reinterpret_i32', 'f64.reinterpret_i64'), F_TO_BITS = pair('i32.reinterpret_f32', 'i64.reinterpret_f64');

function cmpOpcode(cond: Cond, k: number): number {
  switch (cond) {
    case 'eq': return EQ[k];
    case 'ne': return NE[k];
    case 'lt': return LT_S[k];
    case 'ge': return GE_S[k];
    case 'le': return LE_S[k];
    case 'gt': return GT_S[k];
    case 'ltu': return LT_U[k];
    case 'geu': return GE_U[k];
    case 'leu': return LE_U[k];
    case 'gtu': return GT_U[k];
  }
}

/** Guest-memory load opcodes by [i32 0 / i64 1][size][signed]. */
const LOADS: readonly (readonly (readonly number[])[])[] = (['i32', 'i64'] as const).map((t) => [1, 2, 4, 8].reduce<number[][]>((bySize, size) => {
  const name = (sign: string): WasmMnemonic => (size === 8 ? 'i64.load' : t === 'i32' && size === 4 ? 'i32.load' : `${t}.load${size * 8}_${sign}` as WasmMnemonic);
  bySize[size] = [op(name('u')), op(name('s'))];
  return bySize;
}, []));
/** Guest-memory store opcodes by [i32 0 / i64 1][size]. */
const STORES: readonly (readonly number[])[] = (['i32', 'i64'] as const).map((t) => [1, 2, 4, 8].reduce<number[]>((bySize, size) => {
  bySize[size] = op(size === 8 ? 'i64.store' : t === 'i32' && size === 4 ? 'i32.store' : `${t}.store${size * 8}` as WasmMnemonic);
  return bySize;
}, []));

function loadOpcode(type: IrType, m: MemOp): number {
  return LOADS[kind(type)][m.size][m.signed ? 1 : 0];
}

function storeOpcode(type: IrType, m: MemOp): number {
  return STORES[kind(type)][m.size];
}

/** 0 for i32, 1 for i64: the index into the opcode pairs above. */
function kind(type: IrType): number {
  return type === 'i64' ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// State of the block being generated. Module-level and reused from one block to the next, so
// generating a block allocates almost nothing (code generation is synchronous, never reentrant).

/** Where the code goes. */
let w: WasmByteWriter = new WasmByteWriter(0);
let rt: CodegenImports;
let typeIndex: (t: WasmFuncType) => number;
/** Per temp id: its local index (0 = none: on the stack only, or never used). */
let localOf = new Int32Array(64);
let defCount = new Int32Array(64);
let useCount = new Int32Array(64);
/** Per temp id: 0 unseen, 1 i32, 2 i64. */
let tempKind = new Uint8Array(64);
/** Per temp id: its only value lives on the operand stack (defined once, read once by the next op). */
let stackOnly = new Uint8Array(64);
/** Per op: the next op that emits code (skipping `insn_start`), or -1. */
let nextEmit = new Int32Array(256);
/** Per op: how the op's result reaches the next op: 0 through its local, 1 left on the stack, 2 `local.tee`. */
let link = new Uint8Array(256);
/** Per op: how many of its first operand pushes are already on the stack when it starts. */
let skip = new Int32Array(256);
/** Per label id: its position among the block's labels (labels close in that order), or -1. */
let labelPos = new Int32Array(16);
/** Temps written by the ops of the current chain (see {@link planStack}). */
let chainDefs = new Int32Array(64);
/** The consumers of a chain being emitted (see {@link emitChainPrefix}). */
let chainOps = new Int32Array(64);
/** Operand pushes still to skip in the op being emitted. */
let skipLeft = 0;
/** Index of the op being emitted. */
let cur = 0;
/** Labels reached so far (= blocks closed). */
let closed = 0;
let insnIndex = -1;
let insnPc = 0n;
let countLocal = 0;
/** The i32 scratch local (TLB entry address, chain slot value). */
let scratchLocal = 0;

/** Marks the env parameter in an op's push list (see {@link pushList}). */
const ENV_ITEM = { kind: 'env' } as const;
type PushItem = Value | typeof ENV_ITEM;
const items: PushItem[] = [];
const prefixItems: PushItem[] = [];
const ZERO = { i32: constant('i32', 0), i64: constant('i64', 0) } as const;

/** `a`, or a larger array of its kind holding a copy of it. */
function grow<T extends Int32Array | Uint8Array>(a: T, n: number): T {
  if (a.length >= n) return a;
  let len = a.length * 2;
  while (len < n) len *= 2;
  const b = new (a.constructor as new (n: number) => T)(len);
  b.set(a);
  return b;
}

const TWO_POW_63 = 1n << 63n;

/** `i64.const pc` (a pc is an unsigned 64-bit bigint; the constant is its two's-complement value). */
function pcConst(pc: bigint): void {
  w.byte(I64_CONST);
  w.s64(pc < TWO_POW_63 ? pc : BigInt.asIntN(64, pc));
}

// ---- Planning -------------------------------------------------------------------------------

function countUse(v: Value): void {
  if (v.kind !== 'temp') return;
  useCount[v.id]++;
  tempKind[v.id] = v.type === 'i64' ? 2 : 1;
}

function countDef(t: Temp): void {
  defCount[t.id]++;
  tempKind[t.id] = t.type === 'i64' ? 2 : 1;
}

/** Counts the temps op reads and writes; returns the op's destination temp, if any. */
function countOp(o: IrOp): Temp | undefined {
  switch (o.opc) {
    case 'insn_start': case 'br': case 'label': case 'goto_tb': case 'exit_tb':
      return undefined;
    case 'ld':
      countDef(o.dst);
      return o.dst;
    case 'st':
      countUse(o.src);
      return undefined;
    case 'qemu_ld':
      countUse(o.addr);
      if (o.sync) for (const s of o.sync) countUse(s.src);
      countDef(o.dst);
      return o.dst;
    case 'qemu_st':
      countUse(o.src);
      countUse(o.addr);
      if (o.sync) for (const s of o.sync) countUse(s.src);
      return undefined;
    case 'call':
      for (const a of o.args) countUse(a);
      if (o.dst) countDef(o.dst);
      return o.dst;
    case 'goto_ptr':
      countUse(o.pc);
      return undefined;
    case 'brcond':
      countUse(o.a);
      countUse(o.b);
      return undefined;
    case 'movcond':
      countUse(o.a);
      countUse(o.b);
      countUse(o.t);
      countUse(o.f);
      countDef(o.dst);
      return o.dst;
    case 'mov': case 'trunc': case 'sext': case 'zext':
    case 'neg': case 'not': case 'ext8s': case 'ext8u': case 'ext16s': case 'ext16u': case 'ext32s': case 'ext32u': case 'fsqrt':
      countUse(o.a);
      countDef(o.dst);
      return o.dst;
    default:
      countUse(o.a);
      countUse(o.b);
      countDef(o.dst);
      return o.dst;
  }
}

/**
 * The values op `o` pushes first, in order, with nothing but stack-neutral
 * code between them: the operands an earlier op may leave on the stack for
 * it. Emission below pushes exactly these, through {@link operand}.
 */
function pushList(o: IrOp, out: PushItem[]): number {
  switch (o.opc) {
    case 'mov': case 'trunc': case 'sext': case 'zext': case 'not':
    case 'ext8s': case 'ext8u': case 'ext16s': case 'ext16u': case 'ext32s': case 'ext32u': case 'fsqrt':
    case 'fadd': case 'fsub': case 'fmul': case 'fdiv': case 'feq': case 'flt': case 'fle':
      out[0] = o.a;
      return 1;
    case 'neg':
      out[0] = ZERO[o.type];
      out[1] = o.a;
      return 2;
    case 'add': case 'sub': case 'mul': case 'and': case 'or': case 'xor':
    case 'shl': case 'shr': case 'sar': case 'rotl': case 'rotr':
    case 'setcond': case 'brcond':
      out[0] = o.a;
      out[1] = o.b;
      return 2;
    case 'movcond':
      out[0] = o.t;
      out[1] = o.f;
      out[2] = o.a;
      out[3] = o.b;
      return 4;
    case 'st':
      out[0] = ENV_ITEM;
      out[1] = o.src;
      return 2;
    case 'goto_ptr':
      out[0] = ENV_ITEM;
      out[1] = o.pc;
      return 2;
    case 'call':
      for (let i = 0; i < o.args.length; i++) out[i] = o.args[i];
      return o.args.length;
    default:
      return 0;
  }
}

/** The destination temp of an op (after {@link countOp}, for ops with one). */
function dstOf(o: IrOp): Temp | undefined {
  return (o as { dst?: Temp }).dst;
}

/**
 * Decides which results stay on the WebAssembly operand stack instead of
 * going through a local: a result read by the very next op, as one of the
 * values that op pushes first ({@link pushList}). The values that op pushes
 * before it are pushed ahead of the producing op, so op results chain into
 * expression trees:
 *
 *     t1 = ld x5; t2 = add t1, 8; st x5, t2   →   env (env.x5) 8 add store
 *
 * A result that is also read elsewhere is kept with `local.tee`. The values
 * pushed early must not change before their op: they are constants, the env
 * parameter, or temps none of the chain's ops write.
 */
function planStack(ops: readonly IrOp[]): void {
  let chainLen = 0;
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i];
    if (o.opc === 'insn_start') continue;
    if (skip[i] === 0) chainLen = 0;
    const t = dstOf(o);
    if (t === undefined) continue;
    chainDefs[chainLen++] = t.id;
    const j = nextEmit[i];
    if (j < 0) continue;
    const n = pushList(ops[j], items);
    let k = 0;
    while (k < n && !isTemp(items[k], t.id)) k++;
    if (k === n) continue;
    let stable = true;
    for (let p = 0; p < k && stable; p++) {
      const it = items[p];
      if (it.kind !== 'temp') continue;
      for (let c = 0; c < chainLen; c++) if (chainDefs[c] === it.id) stable = false;
    }
    if (!stable) continue;
    if (defCount[t.id] === 1 && useCount[t.id] === 1) {
      link[i] = 1;
      stackOnly[t.id] = 1;
    } else {
      link[i] = 2;
    }
    skip[j] = k + 1;
  }
}

function isTemp(it: PushItem, id: number): boolean {
  return it.kind === 'temp' && it.id === id;
}

// ---- Emission helpers -----------------------------------------------------------------------

function getEnv(): void {
  w.byte(LOCAL_GET);
  w.byte(ENV_PARAM);
}

function localGet(l: number): void {
  w.byte(LOCAL_GET);
  w.u32(l);
}

function i32Const(v: number): void {
  w.byte(I32_CONST);
  w.s32(v);
}

function i64Const(v: number): void {
  w.byte(I64_CONST);
  w.s64Number(v);
}

/** A load or store with its memarg. */
function mem(opcode: number, align: number, offset: number): void {
  w.byte(opcode);
  w.u32(align);
  w.u32(offset);
}

/** Pushes a value (not skippable: for values used more than once by an op). */
function pushValue(v: Value): void {
  if (v.kind === 'temp') {
    const l = localOf[v.id];
    if (l === 0) throw new Error(`wasm backend: t${v.id} has no local`);
    localGet(l);
  } else if (v.type === 'i64') {
    w.byte(I64_CONST);
    w.s64(v.value);
  } else {
    i32Const(Number(v.value));
  }
}

/** Pushes one of the op's first operands (see {@link pushList}), unless it is already on the stack. */
function operand(v: Value): void {
  if (skipLeft > 0) skipLeft--;
  else pushValue(v);
}

function operandEnv(): void {
  if (skipLeft > 0) skipLeft--;
  else getEnv();
}

function pushItem(it: PushItem): void {
  if (it.kind === 'env') getEnv();
  else pushValue(it);
}

/** Stores the op's result in its destination (or leaves it on the stack for the next op). */
function setDst(t: Temp): void {
  const l = link[cur];
  if (l === 1) return;
  w.byte(l === 2 ? LOCAL_TEE : LOCAL_SET);
  w.u32(localOf[t.id]);
}

function depthOf(labelId: number): number {
  const d = labelId < labelPos.length ? labelPos[labelId] - closed : -1;
  if (labelId >= labelPos.length || labelPos[labelId] < 0 || d < 0) throw new Error(`wasm backend: branch to L${labelId} is not forward`);
  return d;
}

/** `env[offset] += 1` (i64): the chain and jump-cache hit counters. */
function bump(offset: number): void {
  getEnv();
  getEnv();
  mem(I64_LOAD, ALIGN_64, offset);
  i64Const(1);
  w.byte(I64_ADD);
  mem(I64_STORE, ALIGN_64, offset);
}

/** Return the table index on the stack: with tail calls, jump there unless it is 0 (back to the loop). */
function exitWithIndex(): void {
  if (rt.tailCalls) {
    w.byte(LOCAL_TEE);
    w.u32(scratchLocal);
    w.byte(IF);
    w.byte(EMPTY_BLOCK);
    getEnv();
    localGet(scratchLocal);
    w.byte(RETURN_CALL_INDIRECT);
    w.u32(typeIndex(BLOCK_TYPE));
    w.u32(0);
    w.byte(END);
    i32Const(0);
  }
  w.byte(RETURN);
}

function emitQemu(o: Extract<IrOp, { opc: 'qemu_ld' | 'qemu_st' }>, n: number): void {
  const isLoad = o.opc === 'qemu_ld';
  const base = ENV.tlb + o.mmuIdx * TLB_TABLE_BYTES;
  // entry = env + TLB table of mmuIdx + index(vpn)
  getEnv();
  pushValue(o.addr);
  w.byte(I32_WRAP_I64);
  i32Const(TLB_INDEX_SHIFT);
  w.byte(I32_SHR_U);
  i32Const(TLB_INDEX_MASK);
  w.byte(I32_AND);
  w.byte(I32_ADD);
  w.byte(LOCAL_TEE);
  w.u32(scratchLocal);
  // Hit when the tag equals the page of the access's last byte (page-crossing accesses miss).
  mem(I64_LOAD, ALIGN_64, base + (isLoad ? TLB_ENTRY.tagRead : TLB_ENTRY.tagWrite));
  pushValue(o.addr);
  if (o.memop.size > 1) {
    i64Const(o.memop.size - 1);
    w.byte(I64_ADD);
  }
  i64Const(PAGE_BITS);
  w.byte(I64_SHR_U);
  w.byte(I64_EQ);
  w.byte(IF);
  w.byte(isLoad ? (o.type === 'i64' ? TYPE_I64 : TYPE_I32) : EMPTY_BLOCK);
  pushValue(o.addr);
  w.byte(I32_WRAP_I64);
  localGet(scratchLocal);
  mem(I32_LOAD, ALIGN_32, base + TLB_ENTRY.addend);
  w.byte(I32_ADD);
  if (isLoad) {
    mem(loadOpcode(o.type, o.memop), 0, 0);
  } else {
    pushValue(o.src);
    mem(storeOpcode(o.type, o.memop), 0, 0);
  }
  w.byte(ELSE);
  // Slow path: deferred guest-register stores first (see EnvSync), then the per-module slow function.
  if (o.sync) {
    for (const st of o.sync) {
      getEnv();
      pushValue(st.src);
      if (st.type === 'i64') mem(I64_STORE, ALIGN_64, st.offset);
      else mem(I32_STORE, ALIGN_32, st.offset);
    }
  }
  getEnv();
  pushValue(o.addr);
  if (!isLoad) {
    pushValue(o.src);
    if (o.type === 'i32') w.byte(I64_EXTEND_I32_U);
  }
  i32Const(encodeMemop(o.memop, o.mmuIdx) | ((n - insnIndex) << MEMOP_BITS));
  pcConst(insnPc);
  w.byte(CALL);
  w.u32(rt.runtime.use(isLoad ? RuntimeFn.LoadSlow : RuntimeFn.StoreSlow));
  if (isLoad && o.type === 'i32') w.byte(I32_WRAP_I64);
  w.byte(END);
  if (isLoad) setDst(o.dst);
}

function emitDiv(o: Extract<IrOp, { b: Value; dst: Temp }>, signed: boolean, isDiv: boolean): void {
  const k = kind(o.type);
  const c = (v: number) => (k ? i64Const(v) : i32Const(v));
  // Result when dividing by zero: -1 for a quotient, the dividend for a remainder.
  if (isDiv) c(-1);
  else pushValue(o.a);
  pushValue(o.a);
  // Safe divisor: 1 when dividing by zero, or MIN / -1 (signed): both have defined results.
  c(1);
  pushValue(o.b);
  pushValue(o.b);
  w.byte(EQZ[k]);
  if (signed) {
    pushValue(o.a);
    if (k) { w.byte(I64_CONST); w.s64(-(1n << 63n)); } else i32Const(-0x80000000);
    w.byte(EQ[k]);
    pushValue(o.b);
    c(-1);
    w.byte(EQ[k]);
    w.byte(I32_AND);
    w.byte(I32_OR);
  }
  w.byte(SELECT);
  w.byte(signed ? (isDiv ? DIV_S[k] : REM_S[k]) : (isDiv ? DIV_U[k] : REM_U[k]));
  pushValue(o.b);
  w.byte(EQZ[k]);
  w.byte(SELECT);
  setDst(o.dst);
}

function emitMulHigh(o: Extract<IrOp, { b: Value; dst: Temp }>): void {
  if (o.type === 'i32') {
    pushValue(o.a);
    w.byte(o.opc === 'muluh' ? I64_EXTEND_I32_U : I64_EXTEND_I32_S);
    pushValue(o.b);
    w.byte(o.opc === 'mulsh' ? I64_EXTEND_I32_S : I64_EXTEND_I32_U);
    w.byte(I64_MUL);
    i64Const(32);
    w.byte(I64_SHR_U);
    w.byte(I32_WRAP_I64);
  } else {
    pushValue(o.a);
    pushValue(o.b);
    w.byte(CALL);
    w.u32(rt.runtime.use(RuntimeFn.Mulhu));
    // Signed corrections: hi(a*b) = hiu(a*b) - (a<0 ? b : 0) - (b<0 ? a : 0).
    if (o.opc !== 'muluh') {
      pushValue(o.b);
      i64Const(0);
      pushValue(o.a);
      i64Const(0);
      w.byte(I64_LT_S);
      w.byte(SELECT);
      w.byte(I64_SUB);
    }
    if (o.opc === 'mulsh') {
      pushValue(o.a);
      i64Const(0);
      pushValue(o.b);
      i64Const(0);
      w.byte(I64_LT_S);
      w.byte(SELECT);
      w.byte(I64_SUB);
    }
  }
  setDst(o.dst);
}

function emitFloat(o: Extract<IrOp, { b: Value; dst: Temp }>, opcode: readonly [number, number], compare: boolean): void {
  // Reinterpret the bit patterns, compute in the host's IEEE arithmetic, reinterpret back.
  const k = kind(o.type);
  operand(o.a);
  w.byte(F_FROM_BITS[k]);
  pushValue(o.b);
  w.byte(F_FROM_BITS[k]);
  w.byte(opcode[k]);
  if (compare) {
    if (k) w.byte(I64_EXTEND_I32_U);
  } else {
    w.byte(F_TO_BITS[k]);
  }
  setDst(o.dst);
}

function binary(o: Extract<IrOp, { b: Value; dst: Temp }>, opcode: readonly [number, number]): void {
  operand(o.a);
  operand(o.b);
  w.byte(opcode[kind(o.type)]);
  setDst(o.dst);
}

function unary(o: Extract<IrOp, { a: Value; dst: Temp }>, opcode: number): void {
  operand(o.a);
  w.byte(opcode);
  setDst(o.dst);
}

/** `a & mask` in the op's type. */
function zeroExtend(o: Extract<IrOp, { a: Value; dst: Temp; type: IrType }>, mask: number): void {
  operand(o.a);
  if (o.type === 'i64') {
    i64Const(mask);
    w.byte(I64_AND);
  } else {
    i32Const(mask);
    w.byte(I32_AND);
  }
  setDst(o.dst);
}

function emitOp(o: IrOp, tbId: number, n: number): void {
  switch (o.opc) {
    case 'insn_start':
      insnIndex++;
      insnPc = o.pc;
      break;
    case 'mov':
      operand(o.a);
      setDst(o.dst);
      break;
    case 'neg':
      operand(ZERO[o.type]);
      operand(o.a);
      w.byte(SUB[kind(o.type)]);
      setDst(o.dst);
      break;
    case 'not':
      operand(o.a);
      if (o.type === 'i64') i64Const(-1);
      else i32Const(-1);
      w.byte(XOR[kind(o.type)]);
      setDst(o.dst);
      break;
    case 'ext8s': unary(o, EXTEND8_S[kind(o.type)]); break;
    case 'ext16s': unary(o, EXTEND16_S[kind(o.type)]); break;
    case 'ext32s': unary(o, I64_EXTEND32_S); break;
    case 'ext8u': zeroExtend(o, 0xff); break;
    case 'ext16u': zeroExtend(o, 0xffff); break;
    case 'ext32u': zeroExtend(o, 0xffffffff); break;
    case 'fsqrt': {
      const k = kind(o.type);
      operand(o.a);
      w.byte(F_FROM_BITS[k]);
      w.byte(F_SQRT[k]);
      w.byte(F_TO_BITS[k]);
      setDst(o.dst);
      break;
    }
    case 'trunc': unary(o, I32_WRAP_I64); break;
    case 'sext': unary(o, I64_EXTEND_I32_S); break;
    case 'zext': unary(o, I64_EXTEND_I32_U); break;
    case 'setcond':
      operand(o.a);
      operand(o.b);
      w.byte(cmpOpcode(o.cond, kind(o.type)));
      if (o.type === 'i64') w.byte(I64_EXTEND_I32_U);
      setDst(o.dst);
      break;
    case 'movcond':
      operand(o.t);
      operand(o.f);
      operand(o.a);
      operand(o.b);
      w.byte(cmpOpcode(o.cond, kind(o.type)));
      w.byte(SELECT);
      setDst(o.dst);
      break;
    case 'brcond':
      operand(o.a);
      operand(o.b);
      w.byte(cmpOpcode(o.cond, kind(o.type)));
      w.byte(BR_IF);
      w.u32(depthOf(o.label.id));
      break;
    case 'br':
      w.byte(BR);
      w.u32(depthOf(o.label.id));
      break;
    case 'label':
      if (o.label.id >= labelPos.length || labelPos[o.label.id] !== closed) throw new Error(`wasm backend: label L${o.label.id} out of order`);
      closed++;
      w.byte(END);
      break;
    case 'ld':
      getEnv();
      if (o.type === 'i64') mem(I64_LOAD, ALIGN_64, o.offset);
      else mem(I32_LOAD, ALIGN_32, o.offset);
      setDst(o.dst);
      break;
    case 'st':
      operandEnv();
      operand(o.src);
      if (o.type === 'i64') mem(I64_STORE, ALIGN_64, o.offset);
      else mem(I32_STORE, ALIGN_32, o.offset);
      break;
    case 'qemu_ld': case 'qemu_st':
      emitQemu(o, n);
      break;
    case 'call':
      if (o.helper.mayRaise) {
        getEnv();
        pcConst(insnPc);
        i32Const(n - insnIndex);
        w.byte(CALL);
        w.u32(rt.runtime.use(RuntimeFn.Fault));
      }
      for (let i = 0; i < o.args.length; i++) operand(o.args[i]);
      w.byte(CALL);
      w.u32(rt.helper(o.helper));
      if (o.dst) setDst(o.dst);
      break;
    case 'goto_tb':
      // Linked slot: straight to the successor.
      i32Const(0);
      mem(I32_LOAD, ALIGN_32, chainSlot(tbId, o.slot));
      w.byte(LOCAL_TEE);
      w.u32(scratchLocal);
      w.byte(IF);
      w.byte(EMPTY_BLOCK);
      // Returned to the dispatcher, the transition is counted there (see WasmJit's dispatcher).
      if (rt.tailCalls) bump(ENV.chainHits);
      if (rt.tailCalls) getEnv();
      localGet(scratchLocal);
      if (rt.tailCalls) {
        w.byte(RETURN_CALL_INDIRECT);
        w.u32(typeIndex(BLOCK_TYPE));
        w.u32(0);
      } else {
        w.byte(RETURN);
      }
      w.byte(END);
      // Unlinked: the jump cache, else back to the loop (out of line: the cold part of every exit).
      getEnv();
      pcConst(o.pc);
      i32Const((tbId + 1) * 2 + o.slot);
      w.byte(CALL);
      w.u32(rt.runtime.use(RuntimeFn.GotoMiss));
      exitWithIndex();
      break;
    case 'goto_ptr':
      operandEnv();
      operand(o.pc);
      w.byte(CALL);
      w.u32(rt.runtime.use(RuntimeFn.GotoPtr));
      exitWithIndex();
      break;
    case 'exit_tb':
      i32Const(0);
      w.byte(RETURN);
      break;
    case 'add': binary(o, ADD); break;
    case 'sub': binary(o, SUB); break;
    case 'mul': binary(o, MUL); break;
    case 'and': binary(o, AND); break;
    case 'or': binary(o, OR); break;
    case 'xor': binary(o, XOR); break;
    case 'shl': binary(o, SHL); break;
    case 'shr': binary(o, SHR_U); break;
    case 'sar': binary(o, SHR_S); break;
    case 'rotl': binary(o, ROTL); break;
    case 'rotr': binary(o, ROTR); break;
    case 'div': emitDiv(o, true, true); break;
    case 'rem': emitDiv(o, true, false); break;
    case 'divu': emitDiv(o, false, true); break;
    case 'remu': emitDiv(o, false, false); break;
    case 'mulsh': case 'muluh': case 'mulsuh': emitMulHigh(o); break;
    case 'fadd': emitFloat(o, F_ADD, false); break;
    case 'fsub': emitFloat(o, F_SUB, false); break;
    case 'fmul': emitFloat(o, F_MUL, false); break;
    case 'fdiv': emitFloat(o, F_DIV, false); break;
    case 'feq': emitFloat(o, F_EQ, true); break;
    case 'flt': emitFloat(o, F_LT, true); break;
    case 'fle': emitFloat(o, F_LE, true); break;
    default:
      throw new Error(`wasm backend: no code for ${(o as IrOp).opc}`);
  }
}

/** Pushes, ahead of the chain of ops starting at `s`, the operands its consumers push before the chained values. */
function emitChainPrefix(ops: readonly IrOp[], s: number): void {
  // The chain's consumers, nearest first; the farthest one's operands go deepest.
  let count = 0;
  for (let c = nextEmit[s]; ; c = nextEmit[c]) {
    chainOps[count++] = c;
    if (link[c] === 0) break;
  }
  for (let q = count - 1; q >= 0; q--) {
    const c = chainOps[q];
    const before = skip[c] - 1;
    if (before === 0) continue;
    pushList(ops[c], prefixItems);
    for (let p = 0; p < before; p++) pushItem(prefixItems[p]);
  }
}

/**
 * Emits block's function code into `writer` and declares its locals on `f`.
 * `named` gives the locals text-format names.
 */
function emitBlock(block: IrBlock, tbId: number, imports: CodegenImports, writer: WasmByteWriter, indexOf: (t: WasmFuncType) => number, f: WasmFunctionBuilder, named: boolean): void {
  w = writer;
  rt = imports;
  typeIndex = indexOf;
  const ops = block.ops;
  const nOps = ops.length;
  const nTemps = block.tempCount;
  localOf = grow(localOf, nTemps);
  defCount = grow(defCount, nTemps);
  useCount = grow(useCount, nTemps);
  tempKind = grow(tempKind, nTemps);
  stackOnly = grow(stackOnly, nTemps);
  nextEmit = grow(nextEmit, nOps);
  link = grow(link, nOps);
  skip = grow(skip, nOps);
  chainDefs = grow(chainDefs, nOps + 1);
  chainOps = grow(chainOps, nOps + 1);
  labelPos = grow(labelPos, block.labelCount);
  // Plain loops: a typed array's fill() costs a builtin call each, more than clearing ~30 entries.
  for (let id = 0; id < nTemps; id++) {
    localOf[id] = 0;
    defCount[id] = 0;
    useCount[id] = 0;
    tempKind[id] = 0;
    stackOnly[id] = 0;
  }
  for (let i = 0; i < nOps; i++) {
    link[i] = 0;
    skip[i] = 0;
    nextEmit[i] = -1;
  }
  for (let i = 0; i < labelPos.length; i++) labelPos[i] = -1;

  // Counts, label order, and what needs the scratch local.
  let labels = 0;
  let scratch = rt.tailCalls;
  let lastEmit = -1;
  for (let i = 0; i < nOps; i++) {
    const o = ops[i];
    countOp(o);
    if (o.opc === 'insn_start') continue;
    if (lastEmit >= 0) nextEmit[lastEmit] = i;
    lastEmit = i;
    if (o.opc === 'label') {
      if (o.label.id >= labelPos.length) {
        const old = labelPos.length;
        labelPos = grow(labelPos, o.label.id + 1);
        labelPos.fill(-1, old);
      }
      labelPos[o.label.id] = labels++;
    } else if (o.opc === 'qemu_ld' || o.opc === 'qemu_st' || o.opc === 'goto_tb') {
      scratch = true;
    }
  }
  planStack(ops);

  // Locals: the instruction counter, i64 temps, the i32 scratch, i32 temps (two runs of one type each).
  let nextLocal = 1;
  countLocal = nextLocal++;
  f.addLocal('i64', named ? 'q0' : undefined);
  for (let id = 0; id < nTemps; id++) {
    if (tempKind[id] === 2 && !stackOnly[id]) {
      localOf[id] = nextLocal++;
      f.addLocal('i64', named ? `t${id}` : undefined);
    }
  }
  scratchLocal = 0;
  if (scratch) {
    scratchLocal = nextLocal++;
    f.addLocal('i32', named ? 'w0' : undefined);
  }
  for (let id = 0; id < nTemps; id++) {
    if (tempKind[id] === 1 && !stackOnly[id]) {
      localOf[id] = nextLocal++;
      f.addLocal('i32', named ? `t${id}` : undefined);
    }
  }

  // Prologue: account for the block's instructions or, past the limit, leave without running any.
  const n = block.insnCount;
  getEnv();
  mem(I64_LOAD, ALIGN_64, ENV.icount);
  i64Const(n);
  w.byte(I64_ADD);
  w.byte(LOCAL_TEE);
  w.u32(countLocal);
  getEnv();
  mem(I64_LOAD, ALIGN_64, ENV.icountLimit);
  w.byte(I64_GT_S);
  w.byte(IF);
  w.byte(EMPTY_BLOCK);
  getEnv();
  pcConst(block.pc);
  mem(I64_STORE, ALIGN_64, ENV.pc);
  i32Const(0);
  w.byte(RETURN);
  w.byte(END);
  getEnv();
  localGet(countLocal);
  mem(I64_STORE, ALIGN_64, ENV.icount);

  // Labels: every label is a block opened here, innermost = first to be reached.
  for (let i = 0; i < labels; i++) {
    w.byte(BLOCK);
    w.byte(EMPTY_BLOCK);
  }

  closed = 0;
  insnIndex = -1;
  insnPc = block.pc;
  for (let i = 0; i < nOps; i++) {
    const o = ops[i];
    cur = i;
    if (skip[i] === 0 && link[i] !== 0) emitChainPrefix(ops, i);
    skipLeft = skip[i];
    emitOp(o, tbId, n);
    if (skipLeft !== 0) throw new Error(`wasm backend: ${o.opc} did not take its operands from the stack`);
  }
  // Every path ends in a terminator; the validator needs a value on the fall-through path.
  w.byte(UNREACHABLE);
}

/** Text-mode generation writes here, then decodes. */
const textWriter = new WasmByteWriter(4096);

/**
 * Generates the WebAssembly function for one translated block:
 * `(func (param $env i32) (result i32))` returning the table index of the next
 * block to run (a chained or jump-cached successor) or 0 to return to the loop.
 *
 * IR temporaries become locals, or stay on the operand stack when the next op
 * reads them (see {@link planStack}); guest memory accesses check the softmmu
 * TLB inline and call the module's slow-path function on a miss; forward
 * branches become nested `block`s. Before anything that may raise,
 * `env.faultPc` and `env.faultUnretired` are set so the loop can restore
 * precise state.
 *
 * The code is written as bytes. With `direct` (the compile path) they go to
 * its writer; without, they are decoded into an instruction list with named
 * locals, which prints as text (inspection). Both give the same bytes.
 */
export function generateBlockFunction(block: IrBlock, tbId: number, imports: CodegenImports, direct?: WasmDirectEncoding): WasmFunctionBuilder {
  const name = `tb_${block.pc.toString(16)}`;
  if (direct) {
    const f = new WasmFunctionBuilder({ name, signature: BLOCK_TYPE }, direct);
    emitBlock(block, tbId, imports, direct.writer, direct.typeIndex, f, false);
    return f;
  }
  textWriter.reset();
  const types: WasmFuncType[] = [];
  const indexOf = (t: WasmFuncType): number => {
    const i = types.indexOf(t);
    return i >= 0 ? i : types.push(t) - 1;
  };
  const f = new WasmFunctionBuilder({ name, params: [{ type: 'i32', name: 'env' }], results: ['i32'] });
  emitBlock(block, tbId, imports, textWriter, indexOf, f, true);
  for (const insn of decodeInstructions(textWriter.toBytes(), 0, textWriter.pos, types)) f.emit(insn);
  return f;
}

// ---- Per-module runtime functions -----------------------------------------------------------

/**
 * `mulhu64(a, b)`: the high 64 bits of the unsigned 128-bit product, from
 * 32-bit partial products (WebAssembly has no 64×64→128 multiply).
 */
export function generateMulhu(direct?: WasmDirectEncoding): WasmFunctionBuilder {
  const f = new WasmFunctionBuilder({ name: 'mulhu64', params: [{ type: 'i64', name: 'a' }, { type: 'i64', name: 'b' }], results: ['i64'] }, direct);
  const [a0, a1, b0, b1, p01, p10, mid] = ['a0', 'a1', 'b0', 'b1', 'p01', 'p10', 'mid'].map((n) => f.addLocal('i64', n));
  const lo = (src: number, dst: number) => { f.op('local.get', src); f.op('i64.const', 0xffffffffn); f.op('i64.and'); f.op('local.set', dst); };
  const hi = (src: number, dst: number) => { f.op('local.get', src); f.op('i64.const', 32n); f.op('i64.shr_u'); f.op('local.set', dst); };
  lo(0, a0); hi(0, a1); lo(1, b0); hi(1, b1);
  f.op('local.get', a0); f.op('local.get', b1); f.op('i64.mul'); f.op('local.set', p01);
  f.op('local.get', a1); f.op('local.get', b0); f.op('i64.mul'); f.op('local.set', p10);
  // mid = (a0*b0 >> 32) + lo(p01) + lo(p10): at most 3 * (2^32 - 1), no overflow.
  f.op('local.get', a0); f.op('local.get', b0); f.op('i64.mul'); f.op('i64.const', 32n); f.op('i64.shr_u');
  f.op('local.get', p01); f.op('i64.const', 0xffffffffn); f.op('i64.and'); f.op('i64.add');
  f.op('local.get', p10); f.op('i64.const', 0xffffffffn); f.op('i64.and'); f.op('i64.add');
  f.op('local.set', mid);
  f.op('local.get', a1); f.op('local.get', b1); f.op('i64.mul');
  f.op('local.get', p01); f.op('i64.const', 32n); f.op('i64.shr_u'); f.op('i64.add');
  f.op('local.get', p10); f.op('i64.const', 32n); f.op('i64.shr_u'); f.op('i64.add');
  f.op('local.get', mid); f.op('i64.const', 32n); f.op('i64.shr_u'); f.op('i64.add');
  return f;
}

/** `ld_slow` / `st_slow`: record the access's instruction (pc, unretired count), then call the import. */
function generateSlowAccess(isLoad: boolean, slowImport: number, direct?: WasmDirectEncoding): WasmFunctionBuilder {
  const params = isLoad
    ? [{ type: 'i32', name: 'env' }, { type: 'i64', name: 'addr' }, { type: 'i32', name: 'memop' }, { type: 'i64', name: 'pc' }] as const
    : [{ type: 'i32', name: 'env' }, { type: 'i64', name: 'addr' }, { type: 'i64', name: 'value' }, { type: 'i32', name: 'memop' }, { type: 'i64', name: 'pc' }] as const;
  const f = new WasmFunctionBuilder({ name: isLoad ? 'ld_slow' : 'st_slow', params, results: isLoad ? ['i64'] : [] }, direct);
  const memop = isLoad ? 2 : 3;
  const pc = memop + 1;
  f.op('local.get', 0).op('local.get', pc).op('i64.store', { offset: ENV.faultPc });
  f.op('local.get', 0).op('local.get', memop).op('i32.const', MEMOP_BITS).op('i32.shr_u').op('i32.store', { offset: ENV.faultUnretired });
  f.op('local.get', 0).op('local.get', 1);
  if (!isLoad) f.op('local.get', 2);
  f.op('local.get', memop).op('i32.const', MEMOP_MASK).op('i32.and').op('call', slowImport);
  return f;
}

/** `fault(env, pc, unretired)`: before a helper that may raise. */
function generateFault(direct?: WasmDirectEncoding): WasmFunctionBuilder {
  const f = new WasmFunctionBuilder({
    name: 'fault', params: [{ type: 'i32', name: 'env' }, { type: 'i64', name: 'pc' }, { type: 'i32', name: 'unretired' }], results: [],
  }, direct);
  f.op('local.get', 0).op('local.get', 1).op('i64.store', { offset: ENV.faultPc });
  f.op('local.get', 0).op('local.get', 2).op('i32.store', { offset: ENV.faultUnretired });
  return f;
}

/**
 * `goto_miss(env, pc, exit)` (exit = (tbId + 1) * 2 + slot): an unlinked
 * `goto_tb`. The jump cache may know the target (under paging, chains never
 * cross a page, so this is how cross-page direct jumps stay inside generated
 * code); else leave to the loop with the pc and the slot to link.
 * `goto_ptr(env, pc)`: an indirect jump: store the pc, then the jump cache.
 * Both return the successor's table index, or 0. Without tail calls, a hit
 * returns to the dispatcher, which counts every transition as a chain hit:
 * they take it back.
 */
function generateJump(indirect: boolean, tailCalls: boolean, direct?: WasmDirectEncoding): WasmFunctionBuilder {
  const params = indirect
    ? [{ type: 'i32', name: 'env' }, { type: 'i64', name: 'pc' }] as const
    : [{ type: 'i32', name: 'env' }, { type: 'i64', name: 'pc' }, { type: 'i32', name: 'exit' }] as const;
  const f = new WasmFunctionBuilder({ name: indirect ? 'goto_ptr' : 'goto_miss', params, results: ['i32'] }, direct);
  const entry = f.addLocal('i32', 'entry');
  if (indirect) f.op('local.get', 0).op('local.get', 1).op('i64.store', { offset: ENV.pc });
  f.op('local.get', 0)
    .op('local.get', 1).op('i64.const', 1n).op('i64.shr_u').op('i32.wrap_i64')
    .op('i32.const', JMP_CACHE_ENTRIES - 1).op('i32.and')
    .op('i32.const', JMP_CACHE_SHIFT).op('i32.shl').op('i32.add')
    .op('local.tee', entry)
    .op('i64.load', { offset: ENV.jmpCache }).op('local.get', 1).op('i64.eq')
    // The entry's block must have been made for the hart's current translation flags.
    .op('local.get', entry).op('i32.load', { offset: ENV.jmpCache + 12 })
    .op('local.get', 0).op('i32.load', { offset: ENV.tbFlags }).op('i32.eq')
    .op('i32.and')
    .op('if', undefined)
    .op('local.get', 0).op('local.get', 0).op('i64.load', { offset: ENV.jmpCacheHits }).op('i64.const', 1n).op('i64.add')
    .op('i64.store', { offset: ENV.jmpCacheHits });
  if (!tailCalls) {
    f.op('local.get', 0).op('local.get', 0).op('i64.load', { offset: ENV.chainHits }).op('i64.const', 1n).op('i64.sub')
      .op('i64.store', { offset: ENV.chainHits });
  }
  f    .op('local.get', entry).op('i32.load', { offset: ENV.jmpCache + 8 }).op('return')
    .op('end');
  if (!indirect) {
    f.op('local.get', 0).op('local.get', 1).op('i64.store', { offset: ENV.pc });
    f.op('local.get', 0).op('local.get', 2).op('i32.const', 1).op('i32.shr_u').op('i32.store', { offset: ENV.exitTb });
    f.op('local.get', 0).op('local.get', 2).op('i32.const', 1).op('i32.and').op('i32.store', { offset: ENV.exitSlot });
  }
  f.op('i32.const', 0);
  return f;
}

/** The runtime functions (by {@link RuntimeFn}) encoded once, per slow-path import indexes and tail-call mode (they depend on nothing else). */
const runtimeCache = new Map<number, readonly WasmFunctionBuilder[]>();
const runtimeWriter = new WasmByteWriter(1024);
const noTypes = (): number => { throw new Error('runtime functions use no signatures'); };

function runtimeFunctions(slowLoad: number, slowStore: number, tailCalls: boolean): readonly WasmFunctionBuilder[] {
  const key = (slowLoad * 0x10000 + slowStore) * 2 + (tailCalls ? 1 : 0);
  let fns = runtimeCache.get(key);
  if (!fns) {
    const direct: WasmDirectEncoding = { writer: runtimeWriter, typeIndex: noTypes };
    // One at a time: each function's code must be contiguous in the shared writer.
    const done = (f: WasmFunctionBuilder) => { f.endCode(); return f; };
    const byFn: WasmFunctionBuilder[] = [];
    byFn[RuntimeFn.LoadSlow] = done(generateSlowAccess(true, slowLoad, direct));
    byFn[RuntimeFn.StoreSlow] = done(generateSlowAccess(false, slowStore, direct));
    byFn[RuntimeFn.Fault] = done(generateFault(direct));
    byFn[RuntimeFn.GotoMiss] = done(generateJump(false, tailCalls, direct));
    byFn[RuntimeFn.GotoPtr] = done(generateJump(true, tailCalls, direct));
    byFn[RuntimeFn.Mulhu] = done(generateMulhu(direct));
    fns = byFn;
    runtimeCache.set(key, fns);
  }
  return fns;
}
