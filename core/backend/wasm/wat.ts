/**
 * Prints functions and modules in the WebAssembly text format (spec §6),
 * in the flat (non-folded) instruction form, indented by block depth.
 *
 * The output is what students read next to the IR, and it must stay valid
 * WAT that `wat2wasm` turns back into the same code bytes: locals, globals
 * and functions are referred to by `$name` when they have one, blocks get
 * labels (`loop $L1` ... `br_if $L1`), constants are spelled exactly
 * (`f64.const -0`, `f32.const nan:0x200000`).
 */
import type { WasmFunctionBuilder, WasmF32Bits, WasmF64Bits, WasmInsn } from './wasm-insn';
import type { WasmModuleBuilder, WasmLimits } from './wasm-module';
import { WASM_OPCODES } from './wasm-opcodes';
import { WasmBlockType, WasmFuncType } from './wasm-types';

/** How the text is laid out. */
export interface WatOptions {
  /**
   * `'name'` (default): every block/loop/if gets a label (`$B0`, `$L1`,
   * `$I2`) and branches name their target. `'depth'`: branches print the
   * relative depth (`br_if 0`), as in the binary.
   */
  readonly labels?: 'name' | 'depth';
  /** One indentation step (default two spaces). */
  readonly indent?: string;
}

/** IEEE-754 field layout used to spell NaNs (payload bits and the canonical quiet NaN). */
const F32_LAYOUT = { expMask: 0xff, fracBits: 23, canonicalPayload: 0x400000 } as const;
const F64_LAYOUT = { expMask: 0x7ffn, fracBits: 52n, canonicalPayload: 1n << 51n } as const;
/** Longest decimal an f32 ever needs to round-trip (9 significant digits). */
const F32_MAX_DIGITS = 9;

const scratch = new DataView(new ArrayBuffer(8));

/**
 * A text-format identifier for `name`: characters outside the WAT `idchar`
 * set become `_`, so any name from the name section prints as a valid `$id`.
 */
export function watId(name: string): string {
  return '$' + (name.replace(/[^0-9A-Za-z!#$%&'*+\-./:<=>?@\\^_`|~]/g, '_') || '_');
}

/** Spells an f64 constant: shortest round-trip decimal, `-0`, `inf`, `nan`, `nan:0x…` for payloads. */
export function formatF64(value: number | WasmF64Bits): string {
  let bits: bigint;
  if (typeof value === 'number') {
    if (!Number.isNaN(value)) return formatFinite(value) ?? String(value);
    scratch.setFloat64(0, value);
    bits = scratch.getBigUint64(0);
  } else {
    bits = BigInt.asUintN(64, value.bits);
  }
  const exp = (bits >> F64_LAYOUT.fracBits) & F64_LAYOUT.expMask;
  const frac = bits & ((1n << F64_LAYOUT.fracBits) - 1n);
  const sign = bits >> 63n ? '-' : '';
  if (exp === F64_LAYOUT.expMask && frac !== 0n) {
    return sign + (frac === F64_LAYOUT.canonicalPayload ? 'nan' : 'nan:0x' + frac.toString(16));
  }
  scratch.setBigUint64(0, bits);
  const v = scratch.getFloat64(0);
  return formatFinite(v) ?? String(v);
}

/** Spells an f32 constant: shortest decimal that reads back as the same f32, `-0`, `inf`, `nan…`. */
export function formatF32(value: number | WasmF32Bits): string {
  if (typeof value === 'number') scratch.setFloat32(0, value);
  else scratch.setUint32(0, value.bits >>> 0);
  const bits = scratch.getUint32(0);
  const exp = (bits >>> F32_LAYOUT.fracBits) & F32_LAYOUT.expMask;
  const frac = bits & ((1 << F32_LAYOUT.fracBits) - 1);
  const sign = bits >>> 31 ? '-' : '';
  if (exp === F32_LAYOUT.expMask && frac !== 0) {
    return sign + (frac === F32_LAYOUT.canonicalPayload ? 'nan' : 'nan:0x' + frac.toString(16));
  }
  const v = scratch.getFloat32(0);
  const special = formatFinite(v);
  if (special !== undefined) return special;
  for (let p = 1; p <= F32_MAX_DIGITS; p++) {
    const y = Number(v.toPrecision(p));
    if (roundsToF32(y, v)) return String(y);
  }
  return String(v); // the exact value of the f32, always correct
}

/** `-0`, `inf`, `-inf`, or undefined for ordinary values. */
function formatFinite(v: number): string | undefined {
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  if (Object.is(v, -0)) return '-0';
  return undefined;
}

/**
 * True when the decimal that printed as `y` reads back as f32 `v` even if
 * the reader rounds the decimal straight to f32: `y` and both its f64
 * neighbours must round to `v`, so no double-rounding boundary is near.
 */
function roundsToF32(y: number, v: number): boolean {
  if (Math.fround(y) !== v) return false;
  scratch.setFloat64(0, y);
  const bits = scratch.getBigUint64(0);
  for (const n of [bits - 1n, bits + 1n]) {
    scratch.setBigUint64(0, BigInt.asUintN(64, n));
    if (Math.fround(scratch.getFloat64(0)) !== v) return false;
  }
  return true;
}

/** How a function refers to the rest of its module. */
interface WatScope {
  funcRef(index: number): string;
  globalRef(index: number): string;
  /** `(type N)` inside a module, an inline `(param …) (result …)` outside one. */
  typeUse(type: WasmFuncType | number): string;
}

const standaloneScope: WatScope = {
  funcRef: String,
  globalRef: String,
  typeUse: (t) => (typeof t === 'number' ? `(type ${t})` : signature(t)),
};

/**
 * Prints one function. Without `module`, calls and globals print as
 * indices and signatures inline; with it, as the module's names and types.
 * @example printFunctionWat(f) // "(func $tb_80000000 (param $env i32) (result i32)\n  local.get $env ..."
 */
export function printFunctionWat(
  fn: WasmFunctionBuilder,
  options: WatOptions & { readonly module?: WasmModuleBuilder } = {},
): string {
  const lines: string[] = [];
  const scope = options.module ? moduleScope(options.module) : standaloneScope;
  const index = options.module?.functions.indexOf(fn);
  const typeIndex = options.module?.findTypeIndex(fn.type);
  const funcId = fn.name !== undefined ? watId(fn.name) : index !== undefined && index >= 0 ? `(;${index + options.module!.functionImportCount};)` : undefined;
  printFunction(lines, fn, funcId, typeIndex, scope, options, '');
  return lines.join('\n');
}

/** Prints a whole module: types, imports, globals, functions, exports, element segments. */
export function printModuleWat(m: WasmModuleBuilder, options: WatOptions = {}): string {
  const ind = options.indent ?? '  ';
  const scope = moduleScope(m);
  const lines = ['(module'];
  m.types.forEach((t, i) => lines.push(`${ind}(type (;${i};) (func${withSpace(signature(t))}))`));
  let funcs = 0;
  let tables = 0;
  let memories = 0;
  let globals = 0;
  for (const imp of m.imports) {
    const head = `${ind}(import ${watString(imp.module)} ${watString(imp.name)}`;
    switch (imp.kind) {
      case 'func':
        lines.push(`${head} (func ${definedId(scope.funcRef(funcs++))} (type ${m.findTypeIndex(imp.type)})))`);
        break;
      case 'table':
        lines.push(`${head} (table (;${tables++};) ${limits(imp.limits)} ${imp.elemType}))`);
        break;
      case 'memory':
        lines.push(`${head} (memory (;${memories++};) ${limits(imp.limits)}))`);
        break;
      case 'global': {
        const t = imp.mutable ? `(mut ${imp.type})` : imp.type;
        lines.push(`${head} (global ${definedId(scope.globalRef(globals++))} ${t}))`);
        break;
      }
    }
  }
  for (const g of m.globals) {
    const t = g.mutable ? `(mut ${g.type})` : g.type;
    const init = g.type === 'i64' ? BigInt.asIntN(64, BigInt(g.init)).toString()
      : g.type === 'i32' ? String(Number(g.init) | 0)
      : g.type === 'f32' ? formatF32(Number(g.init)) : formatF64(Number(g.init));
    lines.push(`${ind}(global ${definedId(scope.globalRef(globals++))} ${t} (${g.type}.const ${init}))`);
  }
  m.functions.forEach((fn, i) => {
    const funcId = definedId(scope.funcRef(m.functionImportCount + i));
    printFunction(lines, fn, funcId, m.findTypeIndex(fn.type), scope, options, ind);
  });
  for (const e of m.exports) {
    const ref = e.kind === 'func' ? scope.funcRef(e.index) : e.kind === 'global' ? scope.globalRef(e.index) : String(e.index);
    lines.push(`${ind}(export ${watString(e.name)} (${e.kind} ${ref}))`);
  }
  for (const seg of m.elements) {
    const offset = typeof seg.offset === 'number' ? `i32.const ${seg.offset | 0}` : `global.get ${scope.globalRef(seg.offset.global)}`;
    lines.push(`${ind}(elem (${offset})${seg.functions.map((f) => ' ' + scope.funcRef(f)).join('')})`);
  }
  lines[lines.length - 1] += ')';
  return lines.join('\n');
}

/** The id written where an entity is defined: its `$name`, or its index as a comment when unnamed. */
function definedId(ref: string): string {
  return ref.startsWith('$') ? ref : `(;${ref};)`;
}

function moduleScope(m: WasmModuleBuilder): WatScope {
  const funcIds = uniqueIds(m.functionImportCount + m.functions.length, (i) => m.functionName(i));
  const globalIds = uniqueIds(m.globalImportCount + m.globals.length, (i) => m.globalName(i));
  return {
    funcRef: (i) => funcIds[i] ?? String(i),
    globalRef: (i) => globalIds[i] ?? String(i),
    typeUse: (t) => {
      const index = typeof t === 'number' ? t : m.findTypeIndex(t);
      return index === undefined ? signature(t as WasmFuncType) : `(type ${index})`;
    },
  };
}

/** `$id`s for an index space, made unique with a numeric suffix where names collide. */
function uniqueIds(count: number, nameOf: (i: number) => string | undefined): (string | undefined)[] {
  const seen = new Set<string>();
  const ids: (string | undefined)[] = [];
  for (let i = 0; i < count; i++) {
    const name = nameOf(i);
    if (name === undefined) {
      ids.push(undefined);
      continue;
    }
    let id = watId(name);
    for (let k = 1; seen.has(id); k++) id = `${watId(name)}_${k}`;
    seen.add(id);
    ids.push(id);
  }
  return ids;
}

function printFunction(
  lines: string[],
  fn: WasmFunctionBuilder,
  funcId: string | undefined,
  typeIndex: number | undefined,
  scope: WatScope,
  options: WatOptions,
  baseIndent: string,
): void {
  const ind = options.indent ?? '  ';
  const localIds = uniqueIds(fn.locals.length, (i) => fn.locals[i].name);
  const localRef = (i: number): string => localIds[i] ?? String(i);

  let head = `${baseIndent}(func`;
  if (funcId !== undefined) head += ' ' + funcId;
  if (typeIndex !== undefined) head += ` (type ${typeIndex})`;
  for (let i = 0; i < fn.paramCount; i++) {
    head += localIds[i] !== undefined ? ` (param ${localIds[i]} ${fn.locals[i].type})` : ` (param ${fn.locals[i].type})`;
  }
  if (fn.type.results.length > 0) head += ` (result ${fn.type.results.join(' ')})`;
  lines.push(head);

  const bodyIndent = baseIndent + ind;
  let localLine = '';
  for (let i = fn.paramCount; i < fn.locals.length; i++) {
    const decl = localIds[i] !== undefined ? `(local ${localIds[i]} ${fn.locals[i].type})` : `(local ${fn.locals[i].type})`;
    // Keep the declarations compact but under ~100 columns.
    if (localLine.length > 0 && bodyIndent.length + localLine.length + decl.length > 100) {
      lines.push(bodyIndent + localLine);
      localLine = '';
    }
    localLine += (localLine ? ' ' : '') + decl;
  }
  if (localLine) lines.push(bodyIndent + localLine);
  if (fn.encodedCode) lines.push(`${bodyIndent};; code encoded directly as bytes: not kept as instructions`);

  const labels: string[] = []; // innermost last
  let labelCount = 0;
  const named = (options.labels ?? 'name') === 'name';
  const labelRef = (depth: number): string => {
    if (!named || depth >= labels.length) return String(depth); // depth == labels.length targets the function body
    return labels[labels.length - 1 - depth];
  };

  for (const insn of fn.body) {
    if (insn.op === 'end' || insn.op === 'else') {
      // Both sit at the depth of the block they belong to.
      lines.push(bodyIndent + ind.repeat(Math.max(labels.length - 1, 0)) + insn.op);
      if (insn.op === 'end') labels.pop();
      continue;
    }
    let text: string = insn.op;
    if (insn.op === 'block' || insn.op === 'loop' || insn.op === 'if') {
      const label = `$${insn.op === 'block' ? 'B' : insn.op === 'loop' ? 'L' : 'I'}${labelCount++}`;
      if (named) text += ' ' + label;
      const bt = blockType(insn.imm, scope);
      if (bt) text += ' ' + bt;
      lines.push(bodyIndent + ind.repeat(labels.length) + text);
      labels.push(label);
      continue;
    }
    const imm = immediateText(insn, scope, localRef, labelRef);
    lines.push(bodyIndent + ind.repeat(labels.length) + (imm ? `${text} ${imm}` : text));
  }
  lines[lines.length - 1] += ')';
}

function immediateText(
  insn: WasmInsn,
  scope: WatScope,
  localRef: (i: number) => string,
  labelRef: (depth: number) => string,
): string {
  switch (WASM_OPCODES[insn.op].imm) {
    case 'memarg': {
      const info = WASM_OPCODES[insn.op] as { align?: number };
      const m = insn.imm as { offset?: number; align?: number } | undefined;
      const parts: string[] = [];
      if (m?.offset) parts.push(`offset=${m.offset}`);
      if (m?.align !== undefined && m.align !== info.align) parts.push(`align=${2 ** m.align}`);
      return parts.join(' ');
    }
    case 'i32':
      return String((insn.imm as number) | 0);
    case 'i64':
      return BigInt.asIntN(64, insn.imm as bigint).toString();
    case 'f32':
      return formatF32(insn.imm as number | WasmF32Bits);
    case 'f64':
      return formatF64(insn.imm as number | WasmF64Bits);
    case 'local':
      return localRef(insn.imm as number);
    case 'global':
      return scope.globalRef(insn.imm as number);
    case 'func':
      return scope.funcRef(insn.imm as number);
    case 'label':
      return labelRef(insn.imm as number);
    case 'br_table': {
      const t = insn.imm as { labels: readonly number[]; defaultLabel: number };
      return [...t.labels, t.defaultLabel].map(labelRef).join(' ');
    }
    case 'call_indirect': {
      const c = insn.imm as { type: WasmFuncType | number; table?: number };
      return (c.table ? `${c.table} ` : '') + scope.typeUse(c.type);
    }
    default:
      return '';
  }
}

function blockType(bt: WasmBlockType, scope: WatScope): string {
  if (bt === undefined) return '';
  if (typeof bt === 'string') return `(result ${bt})`;
  return scope.typeUse(bt);
}

function signature(t: WasmFuncType): string {
  const parts: string[] = [];
  if (t.params.length > 0) parts.push(`(param ${t.params.join(' ')})`);
  if (t.results.length > 0) parts.push(`(result ${t.results.join(' ')})`);
  return parts.join(' ');
}

function withSpace(s: string): string {
  return s ? ' ' + s : '';
}

function limits(l: WasmLimits): string {
  return `${l.min}${l.max !== undefined ? ' ' + l.max : ''}${l.shared ? ' shared' : ''}`;
}

/** A WAT string literal: printable ASCII as is, everything else as `\hh` bytes. */
function watString(s: string): string {
  let out = '"';
  for (const b of new TextEncoder().encode(s)) {
    out += b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : '\\' + b.toString(16).padStart(2, '0');
  }
  return out + '"';
}
