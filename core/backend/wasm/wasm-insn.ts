/**
 * WebAssembly instructions as plain data, and the builder the code generator
 * uses to write a function body one instruction at a time.
 *
 * Instructions are named by their text-format mnemonics; the immediate's
 * shape follows from the mnemonic (see {@link WASM_OPCODES}), so
 * `f.op('i64.const', 5)` (a number where a bigint is needed) or
 * `f.op('i64.ad')` are compile-time errors.
 */
import { WasmImmediateKindOf, WasmMnemonic } from './wasm-opcodes';
import { WasmBlockType, WasmFuncType, WasmValType } from './wasm-types';
import { printFunctionWat, WatOptions } from './wat';

/**
 * Memory operand of loads and stores. `offset` is the unsigned 32-bit
 * constant added to the address; `align` is log2 of the promised alignment
 * in bytes, as in the binary format (`{ align: 3 }` is `align=8` in text).
 * Both default to 0 / the natural alignment of the access.
 */
export interface WasmMemArg {
  readonly offset?: number;
  readonly align?: number;
}

/** An f32 constant given by its exact IEEE-754 bits (NaN payloads, -0). */
export interface WasmF32Bits {
  readonly bits: number;
}

/** An f64 constant given by its exact IEEE-754 bits (NaN payloads, -0). */
export interface WasmF64Bits {
  readonly bits: bigint;
}

/** `br_table`: branch to `labels[i]` for operand i, else to `defaultLabel` (relative depths). */
export interface WasmBrTable {
  readonly labels: readonly number[];
  readonly defaultLabel: number;
}

/**
 * `call_indirect` / `return_call_indirect`: the callee's signature (a
 * signature is deduplicated into the module's type section when encoded; a
 * number is a type index used as is) and the table index (default 0).
 */
export interface WasmCallIndirect {
  readonly type: WasmFuncType | number;
  readonly table?: number;
}

/** The immediate stored in a {@link WasmInsn}, per immediate kind. */
interface WasmImmediateByKind {
  none: undefined;
  memarg: WasmMemArg | undefined;
  i32: number;
  i64: bigint;
  f32: number | WasmF32Bits;
  f64: number | WasmF64Bits;
  local: number;
  global: number;
  func: number;
  label: number;
  br_table: WasmBrTable;
  call_indirect: WasmCallIndirect;
  blocktype: WasmBlockType;
  memidx: undefined;
  memidx2: undefined;
}

/** The operands `op()` takes after the mnemonic, per immediate kind. */
interface WasmOperandsByKind {
  none: [];
  memarg: [memarg?: WasmMemArg];
  i32: [value: number];
  i64: [value: bigint];
  f32: [value: number | WasmF32Bits];
  f64: [value: number | WasmF64Bits];
  local: [localIndex: number];
  global: [globalIndex: number];
  func: [funcIndex: number];
  label: [depth: number];
  br_table: [targets: WasmBrTable];
  call_indirect: [signature: WasmCallIndirect];
  blocktype: [blockType?: WasmBlockType];
  memidx: [];
  memidx2: [];
}

/** The immediate of mnemonic `M` (`bigint` for 'i64.const', {@link WasmMemArg} for loads, ...). */
export type WasmImmediate<M extends WasmMnemonic> = WasmImmediateByKind[WasmImmediateKindOf<M>];

/** The operand list of mnemonic `M` as passed to {@link WasmFunctionBuilder.op}. */
export type WasmOperands<M extends WasmMnemonic> = WasmOperandsByKind[WasmImmediateKindOf<M>];

/**
 * One instruction: its mnemonic and immediate. A discriminated union on
 * `op`, so `switch (insn.op)` narrows `insn.imm`.
 */
export type WasmInsn = {
  [M in WasmMnemonic]: { readonly op: M; readonly imm: WasmImmediate<M> };
}[WasmMnemonic];

/** A parameter or local: its type and an optional name (kept for the text form and the name section). */
export interface WasmLocal {
  readonly type: WasmValType;
  readonly name?: string;
}

/** What a function is before its body: name, parameters (optionally named) and results. */
export interface WasmFunctionSpec {
  /** Function name for the name section and the text form (`tb_80000000`). */
  readonly name?: string;
  readonly params?: readonly (WasmValType | WasmLocal)[];
  readonly results?: readonly WasmValType[];
}

/**
 * Builds one function body. The instruction list excludes the function's
 * closing `end` (as in the text format); the encoder appends it.
 *
 * @example
 * const f = new WasmFunctionBuilder({ name: 'add5', params: [{ type: 'i64', name: 'x' }], results: ['i64'] });
 * const t = f.addLocal('i64', 't0');
 * f.op('local.get', 0).op('i64.const', 5n).op('i64.add').op('local.tee', t);
 */
export class WasmFunctionBuilder {
  /** Function name, if any. */
  readonly name: string | undefined;
  /** The function's signature. */
  readonly type: WasmFuncType;
  /** Parameters then declared locals, in local-index order. */
  readonly locals: WasmLocal[];
  /** Number of leading entries of {@link locals} that are parameters. */
  readonly paramCount: number;
  /** The instructions, without the final `end`. */
  readonly body: WasmInsn[] = [];

  constructor(spec: WasmFunctionSpec = {}) {
    this.name = spec.name;
    const params = (spec.params ?? []).map((p): WasmLocal => (typeof p === 'string' ? { type: p } : p));
    this.type = { params: params.map((p) => p.type), results: [...(spec.results ?? [])] };
    this.locals = params;
    this.paramCount = params.length;
  }

  /**
   * Appends instruction `op` with its immediate; returns `this` for chaining.
   * @example f.op('i64.load', { offset: 64 }).op('i64.const', -1n).op('i64.xor')
   */
  op<M extends WasmMnemonic>(op: M, ...operands: WasmOperands<M>): this {
    this.body.push({ op, imm: operands[0] } as WasmInsn);
    return this;
  }

  /** Appends an already-built instruction. */
  emit(insn: WasmInsn): this {
    this.body.push(insn);
    return this;
  }

  /** Declares a local of `type` (named `name` in the text form) and returns its local index. */
  addLocal(type: WasmValType, name?: string): number {
    this.locals.push(name === undefined ? { type } : { type, name });
    return this.locals.length - 1;
  }

  /** The function in the WebAssembly text format (calls and globals by index; see {@link printFunctionWat}). */
  toWat(options?: WatOptions): string {
    return printFunctionWat(this, options);
  }

  /** The declared locals after the parameters. */
  get declaredLocals(): readonly WasmLocal[] {
    return this.locals.slice(this.paramCount);
  }
}
