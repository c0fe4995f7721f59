/**
 * Assembles WebAssembly modules in the binary format (spec §5.5 "Modules"):
 * deduplicated function types, imports, functions, globals, exports,
 * active element segments, and a name section so V8 stack traces and the
 * text form show `tb_80000000` and `$env` instead of numbers.
 *
 * Knows WebAssembly and nothing about RISC-V or the IR.
 */
import { WasmByteWriter } from './wasm-byte-writer';
import { WasmFunctionBuilder } from './wasm-insn';
import { WasmTypeIndexer, writeImmediate, writeOpcode } from './wasm-insn-encoder';
import { WASM_OPCODE_LOOKUP } from './wasm-opcodes';
import { funcTypeKey, WASM_TYPE_BYTE, WASM_VALTYPE_CODE, WasmFuncType, WasmValType } from './wasm-types';
import { printModuleWat, WatOptions } from './wat';

/** Binary format constants of the module structure (spec §5.5). */
export const WASM_BINARY = {
  /** `\0asm` */
  magic: [0x00, 0x61, 0x73, 0x6d],
  version: [0x01, 0x00, 0x00, 0x00],
  section: {
    custom: 0, type: 1, import: 2, function: 3, table: 4, memory: 5, global: 6,
    export: 7, start: 8, element: 9, code: 10, data: 11, dataCount: 12,
  },
  externKind: { func: 0x00, table: 0x01, memory: 0x02, global: 0x03 },
  limits: { min: 0x00, minMax: 0x01, sharedMinMax: 0x03 },
  mutability: { const: 0x00, var: 0x01 },
  /** Subsection ids of the "name" custom section (spec appendix 7.4; 7 is from the extended-name-section proposal). */
  nameSubsection: { module: 0, function: 1, local: 2, global: 7 },
  /** Element segment flags: active, table 0, offset expression, vec(funcidx). */
  elemActiveTable0: 0x00,
  /** Opcodes of constant expressions. */
  constExpr: { i32Const: 0x41, i64Const: 0x42, f32Const: 0x43, f64Const: 0x44, globalGet: 0x23, end: 0x0b },
} as const;

/** Page-count (memories) or element-count (tables) limits. */
export interface WasmLimits {
  readonly min: number;
  readonly max?: number;
  /** Shared memory (threads proposal); requires `max`. */
  readonly shared?: boolean;
}

/** The kinds of importable/exportable entities, as the text format names them. */
export type WasmExternKind = 'func' | 'table' | 'memory' | 'global';

/** An imported function: index space position is its order among function imports. */
export interface WasmFunctionImport {
  readonly kind: 'func';
  readonly module: string;
  readonly name: string;
  readonly type: WasmFuncType;
  /** Name for the name section and the text form (defaults to `name`). */
  readonly debugName?: string;
}

export interface WasmMemoryImport {
  readonly kind: 'memory';
  readonly module: string;
  readonly name: string;
  readonly limits: WasmLimits;
}

export interface WasmTableImport {
  readonly kind: 'table';
  readonly module: string;
  readonly name: string;
  readonly limits: WasmLimits;
  readonly elemType: 'funcref' | 'externref';
}

export interface WasmGlobalImport {
  readonly kind: 'global';
  readonly module: string;
  readonly name: string;
  readonly type: WasmValType;
  readonly mutable: boolean;
  readonly debugName?: string;
}

/** Any import. */
export type WasmImport = WasmFunctionImport | WasmMemoryImport | WasmTableImport | WasmGlobalImport;

/** A global defined by the module, initialised with a constant. */
export interface WasmGlobalDef {
  readonly type: 'i32' | 'i64' | 'f32' | 'f64';
  readonly mutable: boolean;
  /** Initial value: a number for i32/f32/f64, a bigint for i64. */
  readonly init: number | bigint;
  readonly name?: string;
}

export interface WasmExport {
  readonly name: string;
  readonly kind: WasmExternKind;
  readonly index: number;
}

/**
 * An active element segment on table 0: writes `functions` (function
 * indices) into the table starting at `offset`, a constant or the value
 * of an (imported, immutable i32) global, when the module is instantiated.
 */
export interface WasmElementSegment {
  readonly offset: number | { readonly global: number };
  readonly functions: readonly number[];
}

/** The result of {@link WasmModuleBuilder.encode}. */
export interface EncodedWasmModule {
  /** The module, ready for `new WebAssembly.Module(bytes)`. */
  readonly bytes: Uint8Array;
  /**
   * Byte size of each defined function's body (locals + code + final `end`,
   * the code entry's size field), in definition order: host bytes per block.
   */
  readonly functionBodySizes: readonly number[];
  /** Offset in `bytes` where each defined function's body starts (after its size field). */
  readonly functionBodyOffsets: readonly number[];
}

/** Reused between encodes: modules are encoded one at a time on the translation path. */
const sharedWriter = new WasmByteWriter(64 * 1024);

/**
 * Collects the parts of a module and encodes them.
 *
 * Function and global index spaces start with the imports, so all imports of
 * a kind must be added before the first definition of that kind.
 *
 * @example
 * const m = new WasmModuleBuilder();
 * m.importMemory('env', 'memory', { min: 1 });
 * const f = new WasmFunctionBuilder({ name: 'inc', params: ['i64'], results: ['i64'] });
 * f.op('local.get', 0).op('i64.const', 1n).op('i64.add');
 * m.addFunction(f, 'inc');
 * const { exports } = new WebAssembly.Instance(new WebAssembly.Module(m.encode().bytes), { env: { memory } });
 */
export class WasmModuleBuilder {
  /** The type section, in index order (deduplicated). */
  readonly types: WasmFuncType[] = [];
  readonly imports: WasmImport[] = [];
  /** Defined functions, in definition order. */
  readonly functions: WasmFunctionBuilder[] = [];
  /** Defined globals, in definition order. */
  readonly globals: WasmGlobalDef[] = [];
  readonly exports: WasmExport[] = [];
  readonly elements: WasmElementSegment[] = [];

  private readonly typeIndices = new Map<string, number>();
  /** Signature objects already resolved, so repeated lookups skip building the string key. */
  private readonly typeIndexByObject = new WeakMap<WasmFuncType, number>();
  private importedFunctionCount = 0;
  /** {@link typeIndex} as a function value, for encoders that resolve signatures as they write. */
  readonly typeIndexer: WasmTypeIndexer = (type) => this.typeIndex(type);
  private importedGlobalCount = 0;
  private importedTableCount = 0;
  private importedMemoryCount = 0;

  /** The index of signature `type` in the type section, adding it if new. */
  typeIndex(type: WasmFuncType): number {
    let index = this.typeIndexByObject.get(type);
    if (index !== undefined) return index;
    const key = funcTypeKey(type);
    index = this.typeIndices.get(key);
    if (index === undefined) {
      index = this.types.length;
      this.types.push({ params: [...type.params], results: [...type.results] });
      this.typeIndices.set(key, index);
    }
    this.typeIndexByObject.set(type, index);
    return index;
  }

  /** The type index of `type` if the module already has it, else `undefined`. */
  findTypeIndex(type: WasmFuncType): number | undefined {
    return this.typeIndices.get(funcTypeKey(type));
  }

  /** Imports a function; returns its function index. */
  importFunction(module: string, name: string, type: WasmFuncType, debugName?: string): number {
    if (this.functions.length > 0) throw new Error('import functions before defining any (indices would shift)');
    this.typeIndex(type);
    this.imports.push({ kind: 'func', module, name, type, debugName });
    return this.importedFunctionCount++;
  }

  /** Imports a linear memory; returns its memory index. */
  importMemory(module: string, name: string, limits: WasmLimits): number {
    this.imports.push({ kind: 'memory', module, name, limits });
    return this.importedMemoryCount++;
  }

  /** Imports a table (of `funcref` by default); returns its table index. */
  importTable(module: string, name: string, limits: WasmLimits, elemType: 'funcref' | 'externref' = 'funcref'): number {
    this.imports.push({ kind: 'table', module, name, limits, elemType });
    return this.importedTableCount++;
  }

  /** Imports a global; returns its global index. */
  importGlobal(module: string, name: string, type: WasmValType, mutable = false, debugName?: string): number {
    if (this.globals.length > 0) throw new Error('import globals before defining any (indices would shift)');
    this.imports.push({ kind: 'global', module, name, type, mutable, debugName });
    return this.importedGlobalCount++;
  }

  /** Defines a global with a constant initial value; returns its global index. */
  addGlobal(global: WasmGlobalDef): number {
    this.globals.push(global);
    return this.importedGlobalCount + this.globals.length - 1;
  }

  /**
   * Adds a finished function (its body must not change afterwards) and
   * optionally exports it; returns its function index.
   */
  addFunction(fn: WasmFunctionBuilder, exportName?: string): number {
    this.typeIndex(fn.type);
    fn.endCode();
    // Signatures used inside the body must be in the type section, which precedes the code.
    for (const insn of fn.body) {
      if (insn.op === 'call_indirect' || insn.op === 'return_call_indirect') {
        if (typeof insn.imm.type !== 'number') this.typeIndex(insn.imm.type);
      } else if (insn.op === 'block' || insn.op === 'loop' || insn.op === 'if') {
        if (typeof insn.imm === 'object') this.typeIndex(insn.imm);
      }
    }
    this.functions.push(fn);
    const index = this.importedFunctionCount + this.functions.length - 1;
    if (exportName !== undefined) this.addExport(exportName, 'func', index);
    return index;
  }

  /** Exports entity `index` of `kind` under `name`. */
  addExport(name: string, kind: WasmExternKind, index: number): void {
    this.exports.push({ name, kind, index });
  }

  /** Adds an active element segment on table 0. */
  addElementSegment(segment: WasmElementSegment): void {
    this.elements.push(segment);
  }

  /** Number of imported functions (the first defined function's index). */
  get functionImportCount(): number {
    return this.importedFunctionCount;
  }

  /** Number of imported globals (the first defined global's index). */
  get globalImportCount(): number {
    return this.importedGlobalCount;
  }

  /** Name of function `index` (import debug name or defined function name), if any. */
  functionName(index: number): string | undefined {
    if (index < this.importedFunctionCount) {
      let i = 0;
      for (const imp of this.imports) {
        if (imp.kind === 'func' && i++ === index) return imp.debugName ?? imp.name;
      }
      return undefined;
    }
    return this.functions[index - this.importedFunctionCount]?.name;
  }

  /** Name of global `index`, if any. */
  globalName(index: number): string | undefined {
    if (index < this.importedGlobalCount) {
      let i = 0;
      for (const imp of this.imports) {
        if (imp.kind === 'global' && i++ === index) return imp.debugName ?? imp.name;
      }
      return undefined;
    }
    return this.globals[index - this.importedGlobalCount]?.name;
  }

  /** The module in the WebAssembly text format. */
  toWat(options?: WatOptions): string {
    return printModuleWat(this, options);
  }

  /** Encodes the module in the binary format. */
  encode(): EncodedWasmModule {
    const w = sharedWriter;
    w.reset();
    const S = WASM_BINARY.section;
    w.bytes(WASM_BINARY.magic);
    w.bytes(WASM_BINARY.version);

    let mark = beginSection(w, S.type);
    w.u32(this.types.length);
    for (const t of this.types) {
      w.byte(WASM_TYPE_BYTE.func);
      writeValTypes(w, t.params);
      writeValTypes(w, t.results);
    }
    w.endSized(mark);

    if (this.imports.length > 0) {
      mark = beginSection(w, S.import);
      w.u32(this.imports.length);
      for (const imp of this.imports) this.writeImport(w, imp);
      w.endSized(mark);
    }

    if (this.functions.length > 0) {
      mark = beginSection(w, S.function);
      w.u32(this.functions.length);
      for (const fn of this.functions) w.u32(this.typeIndex(fn.type));
      w.endSized(mark);
    }

    if (this.globals.length > 0) {
      mark = beginSection(w, S.global);
      w.u32(this.globals.length);
      for (const g of this.globals) {
        w.byte(WASM_VALTYPE_CODE[g.type]);
        w.byte(g.mutable ? WASM_BINARY.mutability.var : WASM_BINARY.mutability.const);
        writeConstExpr(w, g);
      }
      w.endSized(mark);
    }

    if (this.exports.length > 0) {
      mark = beginSection(w, S.export);
      w.u32(this.exports.length);
      for (const e of this.exports) {
        w.name(e.name);
        w.byte(WASM_BINARY.externKind[e.kind]);
        w.u32(e.index);
      }
      w.endSized(mark);
    }

    if (this.elements.length > 0) {
      mark = beginSection(w, S.element);
      w.u32(this.elements.length);
      for (const seg of this.elements) {
        w.byte(WASM_BINARY.elemActiveTable0);
        if (typeof seg.offset === 'number') {
          w.byte(WASM_BINARY.constExpr.i32Const);
          w.s32(seg.offset);
        } else {
          w.byte(WASM_BINARY.constExpr.globalGet);
          w.u32(seg.offset.global);
        }
        w.byte(WASM_BINARY.constExpr.end);
        w.u32(seg.functions.length);
        for (const f of seg.functions) w.u32(f);
      }
      w.endSized(mark);
    }

    const functionBodySizes: number[] = [];
    const functionBodyOffsets: number[] = [];
    if (this.functions.length > 0) {
      mark = beginSection(w, S.code);
      w.u32(this.functions.length);
      for (const fn of this.functions) {
        const bodyMark = w.beginSized();
        this.writeFunctionBody(w, fn);
        const size = w.endSized(bodyMark);
        functionBodySizes.push(size);
        functionBodyOffsets.push(w.pos - size);
      }
      w.endSized(mark);
      // Offsets recorded above are final only once the section's own size field has shrunk.
      const shift = w.pos - (functionBodyOffsets[functionBodyOffsets.length - 1] + functionBodySizes[functionBodySizes.length - 1]);
      for (let i = 0; i < functionBodyOffsets.length; i++) functionBodyOffsets[i] += shift;
    }

    this.writeNameSection(w);
    return { bytes: w.toBytes(), functionBodySizes, functionBodyOffsets };
  }

  private writeImport(w: WasmByteWriter, imp: WasmImport): void {
    w.name(imp.module);
    w.name(imp.name);
    const K = WASM_BINARY.externKind;
    switch (imp.kind) {
      case 'func':
        w.byte(K.func);
        w.u32(this.typeIndex(imp.type));
        break;
      case 'table':
        w.byte(K.table);
        w.byte(WASM_VALTYPE_CODE[imp.elemType]);
        writeLimits(w, imp.limits);
        break;
      case 'memory':
        w.byte(K.memory);
        writeLimits(w, imp.limits);
        break;
      case 'global':
        w.byte(K.global);
        w.byte(WASM_VALTYPE_CODE[imp.type]);
        w.byte(imp.mutable ? WASM_BINARY.mutability.var : WASM_BINARY.mutability.const);
        break;
    }
  }

  /** Writes the locals and code of one function, checking that its blocks are balanced. */
  private writeFunctionBody(w: WasmByteWriter, fn: WasmFunctionBuilder): void {
    // Locals are declared as runs of equal type.
    const locals = fn.locals;
    let runs = 0;
    for (let i = fn.paramCount; i < locals.length; i++) {
      if (i === fn.paramCount || locals[i].type !== locals[i - 1].type) runs++;
    }
    w.u32(runs);
    for (let i = fn.paramCount; i < locals.length; ) {
      let j = i + 1;
      while (j < locals.length && locals[j].type === locals[i].type) j++;
      w.u32(j - i);
      w.byte(WASM_VALTYPE_CODE[locals[i].type]);
      i = j;
    }

    if (fn.encodedCode) {
      // Encoded as it was generated (see WasmFunctionBuilder's direct mode): copy the bytes.
      const { writer, start, end } = fn.encodedCode;
      w.copyFrom(writer, start, end);
      w.byte(WASM_BINARY.constExpr.end);
      return;
    }
    let depth = 0;
    const body = fn.body;
    const typeIndex = this.typeIndexer;
    for (let i = 0; i < body.length; i++) {
      const insn = body[i];
      const info = WASM_OPCODE_LOOKUP.get(insn.op);
      if (info === undefined) throw new Error(`${fnLabel(fn)}: unknown WebAssembly instruction '${insn.op}' at ${i}`);
      writeOpcode(w, info);
      if (info.imm !== 'none') writeImmediate(w, insn.imm, info, typeIndex);
      else if (insn.op === 'end') {
        if (--depth < 0) throw new Error(`${fnLabel(fn)}: 'end' at ${i} closes no block (the function's own end is implicit)`);
      }
      if (info.imm === 'blocktype') depth++;
    }
    if (depth !== 0) throw new Error(`${fnLabel(fn)}: ${depth} block(s) not closed by 'end'`);
    w.byte(WASM_BINARY.constExpr.end);
  }

  private writeNameSection(w: WasmByteWriter): void {
    const funcNames: [number, string][] = [];
    let index = 0;
    for (const imp of this.imports) {
      if (imp.kind === 'func') funcNames.push([index++, imp.debugName ?? imp.name]);
    }
    for (const fn of this.functions) {
      if (fn.name !== undefined) funcNames.push([index, fn.name]);
      index++;
    }
    const hasLocalNames = this.functions.some(hasNamedLocal);
    const globalNames: [number, string][] = [];
    for (let g = 0; g < this.importedGlobalCount + this.globals.length; g++) {
      const name = this.globalName(g);
      if (name !== undefined) globalNames.push([g, name]);
    }
    if (funcNames.length === 0 && !hasLocalNames && globalNames.length === 0) return;

    const N = WASM_BINARY.nameSubsection;
    const mark = beginSection(w, WASM_BINARY.section.custom);
    w.name('name');
    if (funcNames.length > 0) {
      w.byte(N.function);
      const sub = w.beginSized();
      w.u32(funcNames.length);
      for (const [i, name] of funcNames) {
        w.u32(i);
        w.name(name);
      }
      w.endSized(sub);
    }
    if (hasLocalNames) {
      w.byte(N.local);
      const sub = w.beginSized();
      w.u32(this.functions.filter(hasNamedLocal).length);
      this.functions.forEach((fn, i) => {
        if (!hasNamedLocal(fn)) return;
        w.u32(this.importedFunctionCount + i);
        let named = 0;
        for (const l of fn.locals) if (l.name !== undefined) named++;
        w.u32(named);
        fn.locals.forEach((l, li) => {
          if (l.name === undefined) return;
          w.u32(li);
          w.name(l.name);
        });
      });
      w.endSized(sub);
    }
    if (globalNames.length > 0) {
      w.byte(N.global);
      const sub = w.beginSized();
      w.u32(globalNames.length);
      for (const [i, name] of globalNames) {
        w.u32(i);
        w.name(name);
      }
      w.endSized(sub);
    }
    w.endSized(mark);
  }
}

function hasNamedLocal(fn: WasmFunctionBuilder): boolean {
  for (const l of fn.locals) if (l.name !== undefined) return true;
  return false;
}

function beginSection(w: WasmByteWriter, id: number): number {
  w.byte(id);
  return w.beginSized();
}

function writeValTypes(w: WasmByteWriter, types: readonly WasmValType[]): void {
  w.u32(types.length);
  for (const t of types) w.byte(WASM_VALTYPE_CODE[t]);
}

function writeLimits(w: WasmByteWriter, limits: WasmLimits): void {
  const L = WASM_BINARY.limits;
  if (limits.max === undefined) {
    if (limits.shared) throw new Error('a shared memory needs a maximum');
    w.byte(L.min);
    w.u32(limits.min);
  } else {
    w.byte(limits.shared ? L.sharedMinMax : L.minMax);
    w.u32(limits.min);
    w.u32(limits.max);
  }
}

function writeConstExpr(w: WasmByteWriter, g: WasmGlobalDef): void {
  const C = WASM_BINARY.constExpr;
  switch (g.type) {
    case 'i32':
      w.byte(C.i32Const);
      w.s32(Number(g.init));
      break;
    case 'i64':
      w.byte(C.i64Const);
      w.s64(BigInt(g.init));
      break;
    case 'f32':
      w.byte(C.f32Const);
      w.f32(Number(g.init));
      break;
    case 'f64':
      w.byte(C.f64Const);
      w.f64(Number(g.init));
      break;
  }
  w.byte(C.end);
}

function fnLabel(fn: WasmFunctionBuilder): string {
  return fn.name === undefined ? 'function' : `function ${fn.name}`;
}
