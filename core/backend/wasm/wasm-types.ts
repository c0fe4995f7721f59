/**
 * WebAssembly value, function and block types, and their binary encodings
 * (WebAssembly core spec §5.3 "Types").
 */

/** A value type as spelled in the text format. */
export type WasmValType = 'i32' | 'i64' | 'f32' | 'f64' | 'funcref' | 'externref';

/** A function signature: `(func (param ...) (result ...))`. */
export interface WasmFuncType {
  readonly params: readonly WasmValType[];
  readonly results: readonly WasmValType[];
}

/**
 * The type of a `block`/`loop`/`if`: empty (`undefined`), one result value
 * type, or a full signature (multi-value; encoded as a type index).
 */
export type WasmBlockType = undefined | WasmValType | WasmFuncType;

/** Binary encoding of value types (spec §5.3.1/§5.3.3). */
export const WASM_VALTYPE_CODE: Readonly<Record<WasmValType, number>> = {
  i32: 0x7f,
  i64: 0x7e,
  f32: 0x7d,
  f64: 0x7c,
  funcref: 0x70,
  externref: 0x6f,
};

/** Encoding bytes of the type constructors and the empty block type. */
export const WASM_TYPE_BYTE = {
  /** Prefix of a function type in the type section. */
  func: 0x60,
  /** The empty block type `[] -> []`. */
  emptyBlock: 0x40,
} as const;

/**
 * The key under which a signature is deduplicated in the type section,
 * e.g. `"i32,i64:i64"`.
 */
export function funcTypeKey(type: WasmFuncType): string {
  return type.params.join(',') + ':' + type.results.join(',');
}
