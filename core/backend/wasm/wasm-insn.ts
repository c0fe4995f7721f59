/**
 * WebAssembly instructions as plain data, and the builder the code generator
 * uses to write a function body one instruction at a time.
 *
 * Instructions are named by their text-format mnemonics; the immediate's
 * shape follows from the mnemonic (see {@link WASM_OPCODES}), so
 * `f.op('i64.const', 5)` (a number where a bigint is needed) or
 * `f.op('i64.ad')` are compile-time errors.
 */
import { WasmByteWriter } from './wasm-byte-writer';
import { WasmTypeIndexer, opcodeEncoding, writeImmediate, writeOpcode } from './wasm-insn-encoder';
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
  /**
   * The signature as one object, instead of `params` and `results` (unnamed
   * parameters). Functions sharing the object share the module's type lookup
   * (the code generator makes thousands of block functions of one signature).
   */
  readonly signature?: WasmFuncType;
}

/**
 * Direct mode of a {@link WasmFunctionBuilder}: instructions are encoded into
 * `writer` as they are emitted instead of being kept as objects (the
 * translation path: no garbage per instruction, no second walk to encode).
 * Such a function has an empty {@link WasmFunctionBuilder.body}, cannot be
 * printed as text, and its locals carry no names.
 */
export interface WasmDirectEncoding {
  /** Where the code goes; functions of one module may share it (one function at a time). */
  readonly writer: WasmByteWriter;
  /** The type index of a signature used by the code (`call_indirect`, block types): the module's. */
  readonly typeIndex: WasmTypeIndexer;
}

/** Where a directly encoded function's code lies (without locals and final `end`). */
export interface WasmEncodedCode {
  readonly writer: WasmByteWriter;
  readonly start: number;
  readonly end: number;
}

/** Unnamed locals, shared: direct-mode functions allocate nothing per local. */
const UNNAMED_LOCAL: Readonly<Record<WasmValType, WasmLocal>> = {
  i32: { type: 'i32' }, i64: { type: 'i64' }, f32: { type: 'f32' }, f64: { type: 'f64' },
  funcref: { type: 'funcref' }, externref: { type: 'externref' },
} as Record<WasmValType, WasmLocal>;

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
  /** The instructions, without the final `end` (empty in direct mode). */
  readonly body: WasmInsn[] = [];
  /** In direct mode, where the encoded code lies once {@link endCode} was called. */
  encodedCode: WasmEncodedCode | undefined;
  private readonly direct: WasmDirectEncoding | undefined;
  private readonly codeStart: number;
  /** Open blocks in direct mode (checked at {@link endCode}). */
  private depth = 0;

  /**
   * @param direct encode instructions into bytes as they are emitted
   *   (see {@link WasmDirectEncoding}) instead of keeping a list.
   */
  constructor(spec: WasmFunctionSpec = {}, direct?: WasmDirectEncoding) {
    this.name = spec.name;
    if (spec.signature) {
      this.type = spec.signature;
      this.locals = spec.signature.params.map((t) => UNNAMED_LOCAL[t]);
    } else {
      const params = (spec.params ?? []).map((p): WasmLocal => (typeof p === 'string' ? { type: p } : p));
      this.type = { params: params.map((p) => p.type), results: [...(spec.results ?? [])] };
      this.locals = params;
    }
    this.paramCount = this.locals.length;
    this.direct = direct;
    this.codeStart = direct ? direct.writer.pos : -1;
  }

  /**
   * Appends instruction `op` with its immediate; returns `this` for chaining.
   * @example f.op('i64.load', { offset: 64 }).op('i64.const', -1n).op('i64.xor')
   */
  op<M extends WasmMnemonic>(op: M, ...operands: WasmOperands<M>): this {
    if (this.direct) this.encode(op, operands[0]);
    else this.body.push({ op, imm: operands[0] } as WasmInsn);
    return this;
  }

  /** Appends an already-built instruction. */
  emit(insn: WasmInsn): this {
    if (this.direct) this.encode(insn.op, insn.imm);
    else this.body.push(insn);
    return this;
  }

  private encode(op: string, imm: unknown): void {
    const d = this.direct!;
    if (this.encodedCode) throw new Error(`${this.name ?? 'function'}: instruction '${op}' after the code was ended`);
    const info = opcodeEncoding(op);
    writeOpcode(d.writer, info);
    if (info.imm === 'none') {
      if (op === 'end' && --this.depth < 0) throw new Error(`${this.name ?? 'function'}: 'end' closes no block (the function's own end is implicit)`);
      return;
    }
    writeImmediate(d.writer, imm, info, d.typeIndex);
    if (info.imm === 'blocktype') this.depth++;
  }

  /**
   * Ends the code (the module calls it when the function is added). In direct
   * mode it records where the bytes lie and checks the blocks are balanced;
   * no other function may have written to the same writer in between.
   */
  endCode(): void {
    if (!this.direct || this.encodedCode) return;
    if (this.depth !== 0) throw new Error(`${this.name ?? 'function'}: ${this.depth} block(s) not closed by 'end'`);
    this.encodedCode = { writer: this.direct.writer, start: this.codeStart, end: this.direct.writer.pos };
  }

  /** Declares a local of `type` (named `name` in the text form; unnamed in direct mode) and returns its local index. */
  addLocal(type: WasmValType, name?: string): number {
    if (this.direct) this.locals.push(UNNAMED_LOCAL[type]);
    else this.locals.push(name === undefined ? { type } : { type, name });
    return this.locals.length - 1;
  }

  /** The function in the WebAssembly text format (calls and globals by index; see {@link printFunctionWat}). */
  toWat(options?: WatOptions): string {
    if (this.direct) throw new Error(`${this.name ?? 'function'} was encoded directly and has no instruction list to print`);
    return printFunctionWat(this, options);
  }

  /** The declared locals after the parameters. */
  get declaredLocals(): readonly WasmLocal[] {
    return this.locals.slice(this.paramCount);
  }
}
