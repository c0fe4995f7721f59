/**
 * The WebAssembly instruction table: every mnemonic the backend can emit, its
 * opcode (WebAssembly core spec §5.4 "Instructions", plus the sign-extension,
 * non-trapping float-to-int, bulk-memory and tail-call proposals, all merged
 * into the 2.0 spec or shipped in Node 20) and the shape of its immediate.
 *
 * The key set of {@link WASM_OPCODES} *is* the mnemonic type: a misspelt
 * mnemonic does not compile.
 */

/**
 * What follows the opcode in the binary format, and so what the code
 * generator passes as the immediate:
 * - `none`: nothing.
 * - `memarg`: `{ offset?, align? }` (align as log2; natural alignment by default).
 * - `i32` / `i64` / `f32` / `f64`: the constant.
 * - `local` / `global` / `func`: an index; `label`: a relative branch depth.
 * - `br_table`: label list plus default.
 * - `call_indirect`: a signature (or type index) and a table index.
 * - `blocktype`: the block type of `block`/`loop`/`if`.
 * - `memidx` / `memidx2`: one or two implicit memory-index-0 bytes (no user immediate).
 */
export type WasmImmediateKind =
  | 'none' | 'memarg' | 'i32' | 'i64' | 'f32' | 'f64' | 'local' | 'global' | 'func'
  | 'label' | 'br_table' | 'call_indirect' | 'blocktype' | 'memidx' | 'memidx2';

/** One row of the instruction table. */
export interface WasmOpcodeInfo {
  /** Opcode byte, or the sub-opcode (a u32 LEB128) after `prefix`. */
  readonly code: number;
  /** Prefix byte of multi-byte opcodes (0xfc for saturating truncation and bulk memory). */
  readonly prefix?: number;
  readonly imm: WasmImmediateKind;
  /** Natural alignment (log2 of the access width in bytes) of memory instructions. */
  readonly align?: number;
}

/** Prefix byte of the "miscellaneous" opcode space (spec §5.4.6, §5.4.7). */
export const WASM_MISC_PREFIX = 0xfc;

/** Every instruction the encoder knows, by text-format mnemonic. */
export const WASM_OPCODES = {
  // Control instructions (§5.4.1)
  'unreachable': { code: 0x00, imm: 'none' },
  'nop': { code: 0x01, imm: 'none' },
  'block': { code: 0x02, imm: 'blocktype' },
  'loop': { code: 0x03, imm: 'blocktype' },
  'if': { code: 0x04, imm: 'blocktype' },
  'else': { code: 0x05, imm: 'none' },
  'end': { code: 0x0b, imm: 'none' },
  'br': { code: 0x0c, imm: 'label' },
  'br_if': { code: 0x0d, imm: 'label' },
  'br_table': { code: 0x0e, imm: 'br_table' },
  'return': { code: 0x0f, imm: 'none' },
  'call': { code: 0x10, imm: 'func' },
  'call_indirect': { code: 0x11, imm: 'call_indirect' },
  'return_call': { code: 0x12, imm: 'func' },
  'return_call_indirect': { code: 0x13, imm: 'call_indirect' },

  // Parametric instructions (§5.4.3)
  'drop': { code: 0x1a, imm: 'none' },
  'select': { code: 0x1b, imm: 'none' },

  // Variable instructions (§5.4.4)
  'local.get': { code: 0x20, imm: 'local' },
  'local.set': { code: 0x21, imm: 'local' },
  'local.tee': { code: 0x22, imm: 'local' },
  'global.get': { code: 0x23, imm: 'global' },
  'global.set': { code: 0x24, imm: 'global' },

  // Memory instructions (§5.4.6)
  'i32.load': { code: 0x28, imm: 'memarg', align: 2 },
  'i64.load': { code: 0x29, imm: 'memarg', align: 3 },
  'f32.load': { code: 0x2a, imm: 'memarg', align: 2 },
  'f64.load': { code: 0x2b, imm: 'memarg', align: 3 },
  'i32.load8_s': { code: 0x2c, imm: 'memarg', align: 0 },
  'i32.load8_u': { code: 0x2d, imm: 'memarg', align: 0 },
  'i32.load16_s': { code: 0x2e, imm: 'memarg', align: 1 },
  'i32.load16_u': { code: 0x2f, imm: 'memarg', align: 1 },
  'i64.load8_s': { code: 0x30, imm: 'memarg', align: 0 },
  'i64.load8_u': { code: 0x31, imm: 'memarg', align: 0 },
  'i64.load16_s': { code: 0x32, imm: 'memarg', align: 1 },
  'i64.load16_u': { code: 0x33, imm: 'memarg', align: 1 },
  'i64.load32_s': { code: 0x34, imm: 'memarg', align: 2 },
  'i64.load32_u': { code: 0x35, imm: 'memarg', align: 2 },
  'i32.store': { code: 0x36, imm: 'memarg', align: 2 },
  'i64.store': { code: 0x37, imm: 'memarg', align: 3 },
  'f32.store': { code: 0x38, imm: 'memarg', align: 2 },
  'f64.store': { code: 0x39, imm: 'memarg', align: 3 },
  'i32.store8': { code: 0x3a, imm: 'memarg', align: 0 },
  'i32.store16': { code: 0x3b, imm: 'memarg', align: 1 },
  'i64.store8': { code: 0x3c, imm: 'memarg', align: 0 },
  'i64.store16': { code: 0x3d, imm: 'memarg', align: 1 },
  'i64.store32': { code: 0x3e, imm: 'memarg', align: 2 },
  'memory.size': { code: 0x3f, imm: 'memidx' },
  'memory.grow': { code: 0x40, imm: 'memidx' },
  'memory.copy': { prefix: WASM_MISC_PREFIX, code: 10, imm: 'memidx2' },
  'memory.fill': { prefix: WASM_MISC_PREFIX, code: 11, imm: 'memidx' },

  // Numeric instructions (§5.4.7): constants
  'i32.const': { code: 0x41, imm: 'i32' },
  'i64.const': { code: 0x42, imm: 'i64' },
  'f32.const': { code: 0x43, imm: 'f32' },
  'f64.const': { code: 0x44, imm: 'f64' },

  // i32 comparisons
  'i32.eqz': { code: 0x45, imm: 'none' },
  'i32.eq': { code: 0x46, imm: 'none' },
  'i32.ne': { code: 0x47, imm: 'none' },
  'i32.lt_s': { code: 0x48, imm: 'none' },
  'i32.lt_u': { code: 0x49, imm: 'none' },
  'i32.gt_s': { code: 0x4a, imm: 'none' },
  'i32.gt_u': { code: 0x4b, imm: 'none' },
  'i32.le_s': { code: 0x4c, imm: 'none' },
  'i32.le_u': { code: 0x4d, imm: 'none' },
  'i32.ge_s': { code: 0x4e, imm: 'none' },
  'i32.ge_u': { code: 0x4f, imm: 'none' },

  // i64 comparisons
  'i64.eqz': { code: 0x50, imm: 'none' },
  'i64.eq': { code: 0x51, imm: 'none' },
  'i64.ne': { code: 0x52, imm: 'none' },
  'i64.lt_s': { code: 0x53, imm: 'none' },
  'i64.lt_u': { code: 0x54, imm: 'none' },
  'i64.gt_s': { code: 0x55, imm: 'none' },
  'i64.gt_u': { code: 0x56, imm: 'none' },
  'i64.le_s': { code: 0x57, imm: 'none' },
  'i64.le_u': { code: 0x58, imm: 'none' },
  'i64.ge_s': { code: 0x59, imm: 'none' },
  'i64.ge_u': { code: 0x5a, imm: 'none' },

  // f32 comparisons
  'f32.eq': { code: 0x5b, imm: 'none' },
  'f32.ne': { code: 0x5c, imm: 'none' },
  'f32.lt': { code: 0x5d, imm: 'none' },
  'f32.gt': { code: 0x5e, imm: 'none' },
  'f32.le': { code: 0x5f, imm: 'none' },
  'f32.ge': { code: 0x60, imm: 'none' },

  // f64 comparisons
  'f64.eq': { code: 0x61, imm: 'none' },
  'f64.ne': { code: 0x62, imm: 'none' },
  'f64.lt': { code: 0x63, imm: 'none' },
  'f64.gt': { code: 0x64, imm: 'none' },
  'f64.le': { code: 0x65, imm: 'none' },
  'f64.ge': { code: 0x66, imm: 'none' },

  // i32 arithmetic
  'i32.clz': { code: 0x67, imm: 'none' },
  'i32.ctz': { code: 0x68, imm: 'none' },
  'i32.popcnt': { code: 0x69, imm: 'none' },
  'i32.add': { code: 0x6a, imm: 'none' },
  'i32.sub': { code: 0x6b, imm: 'none' },
  'i32.mul': { code: 0x6c, imm: 'none' },
  'i32.div_s': { code: 0x6d, imm: 'none' },
  'i32.div_u': { code: 0x6e, imm: 'none' },
  'i32.rem_s': { code: 0x6f, imm: 'none' },
  'i32.rem_u': { code: 0x70, imm: 'none' },
  'i32.and': { code: 0x71, imm: 'none' },
  'i32.or': { code: 0x72, imm: 'none' },
  'i32.xor': { code: 0x73, imm: 'none' },
  'i32.shl': { code: 0x74, imm: 'none' },
  'i32.shr_s': { code: 0x75, imm: 'none' },
  'i32.shr_u': { code: 0x76, imm: 'none' },
  'i32.rotl': { code: 0x77, imm: 'none' },
  'i32.rotr': { code: 0x78, imm: 'none' },

  // i64 arithmetic
  'i64.clz': { code: 0x79, imm: 'none' },
  'i64.ctz': { code: 0x7a, imm: 'none' },
  'i64.popcnt': { code: 0x7b, imm: 'none' },
  'i64.add': { code: 0x7c, imm: 'none' },
  'i64.sub': { code: 0x7d, imm: 'none' },
  'i64.mul': { code: 0x7e, imm: 'none' },
  'i64.div_s': { code: 0x7f, imm: 'none' },
  'i64.div_u': { code: 0x80, imm: 'none' },
  'i64.rem_s': { code: 0x81, imm: 'none' },
  'i64.rem_u': { code: 0x82, imm: 'none' },
  'i64.and': { code: 0x83, imm: 'none' },
  'i64.or': { code: 0x84, imm: 'none' },
  'i64.xor': { code: 0x85, imm: 'none' },
  'i64.shl': { code: 0x86, imm: 'none' },
  'i64.shr_s': { code: 0x87, imm: 'none' },
  'i64.shr_u': { code: 0x88, imm: 'none' },
  'i64.rotl': { code: 0x89, imm: 'none' },
  'i64.rotr': { code: 0x8a, imm: 'none' },

  // f32 arithmetic
  'f32.abs': { code: 0x8b, imm: 'none' },
  'f32.neg': { code: 0x8c, imm: 'none' },
  'f32.ceil': { code: 0x8d, imm: 'none' },
  'f32.floor': { code: 0x8e, imm: 'none' },
  'f32.trunc': { code: 0x8f, imm: 'none' },
  'f32.nearest': { code: 0x90, imm: 'none' },
  'f32.sqrt': { code: 0x91, imm: 'none' },
  'f32.add': { code: 0x92, imm: 'none' },
  'f32.sub': { code: 0x93, imm: 'none' },
  'f32.mul': { code: 0x94, imm: 'none' },
  'f32.div': { code: 0x95, imm: 'none' },
  'f32.min': { code: 0x96, imm: 'none' },
  'f32.max': { code: 0x97, imm: 'none' },
  'f32.copysign': { code: 0x98, imm: 'none' },

  // f64 arithmetic
  'f64.abs': { code: 0x99, imm: 'none' },
  'f64.neg': { code: 0x9a, imm: 'none' },
  'f64.ceil': { code: 0x9b, imm: 'none' },
  'f64.floor': { code: 0x9c, imm: 'none' },
  'f64.trunc': { code: 0x9d, imm: 'none' },
  'f64.nearest': { code: 0x9e, imm: 'none' },
  'f64.sqrt': { code: 0x9f, imm: 'none' },
  'f64.add': { code: 0xa0, imm: 'none' },
  'f64.sub': { code: 0xa1, imm: 'none' },
  'f64.mul': { code: 0xa2, imm: 'none' },
  'f64.div': { code: 0xa3, imm: 'none' },
  'f64.min': { code: 0xa4, imm: 'none' },
  'f64.max': { code: 0xa5, imm: 'none' },
  'f64.copysign': { code: 0xa6, imm: 'none' },

  // Conversions
  'i32.wrap_i64': { code: 0xa7, imm: 'none' },
  'i32.trunc_f32_s': { code: 0xa8, imm: 'none' },
  'i32.trunc_f32_u': { code: 0xa9, imm: 'none' },
  'i32.trunc_f64_s': { code: 0xaa, imm: 'none' },
  'i32.trunc_f64_u': { code: 0xab, imm: 'none' },
  'i64.extend_i32_s': { code: 0xac, imm: 'none' },
  'i64.extend_i32_u': { code: 0xad, imm: 'none' },
  'i64.trunc_f32_s': { code: 0xae, imm: 'none' },
  'i64.trunc_f32_u': { code: 0xaf, imm: 'none' },
  'i64.trunc_f64_s': { code: 0xb0, imm: 'none' },
  'i64.trunc_f64_u': { code: 0xb1, imm: 'none' },
  'f32.convert_i32_s': { code: 0xb2, imm: 'none' },
  'f32.convert_i32_u': { code: 0xb3, imm: 'none' },
  'f32.convert_i64_s': { code: 0xb4, imm: 'none' },
  'f32.convert_i64_u': { code: 0xb5, imm: 'none' },
  'f32.demote_f64': { code: 0xb6, imm: 'none' },
  'f64.convert_i32_s': { code: 0xb7, imm: 'none' },
  'f64.convert_i32_u': { code: 0xb8, imm: 'none' },
  'f64.convert_i64_s': { code: 0xb9, imm: 'none' },
  'f64.convert_i64_u': { code: 0xba, imm: 'none' },
  'f64.promote_f32': { code: 0xbb, imm: 'none' },

  // Reinterpretations
  'i32.reinterpret_f32': { code: 0xbc, imm: 'none' },
  'i64.reinterpret_f64': { code: 0xbd, imm: 'none' },
  'f32.reinterpret_i32': { code: 0xbe, imm: 'none' },
  'f64.reinterpret_i64': { code: 0xbf, imm: 'none' },

  // Sign-extension operators
  'i32.extend8_s': { code: 0xc0, imm: 'none' },
  'i32.extend16_s': { code: 0xc1, imm: 'none' },
  'i64.extend8_s': { code: 0xc2, imm: 'none' },
  'i64.extend16_s': { code: 0xc3, imm: 'none' },
  'i64.extend32_s': { code: 0xc4, imm: 'none' },

  // Saturating (non-trapping) float-to-int conversions
  'i32.trunc_sat_f32_s': { prefix: WASM_MISC_PREFIX, code: 0, imm: 'none' },
  'i32.trunc_sat_f32_u': { prefix: WASM_MISC_PREFIX, code: 1, imm: 'none' },
  'i32.trunc_sat_f64_s': { prefix: WASM_MISC_PREFIX, code: 2, imm: 'none' },
  'i32.trunc_sat_f64_u': { prefix: WASM_MISC_PREFIX, code: 3, imm: 'none' },
  'i64.trunc_sat_f32_s': { prefix: WASM_MISC_PREFIX, code: 4, imm: 'none' },
  'i64.trunc_sat_f32_u': { prefix: WASM_MISC_PREFIX, code: 5, imm: 'none' },
  'i64.trunc_sat_f64_s': { prefix: WASM_MISC_PREFIX, code: 6, imm: 'none' },
  'i64.trunc_sat_f64_u': { prefix: WASM_MISC_PREFIX, code: 7, imm: 'none' },
} as const satisfies Record<string, WasmOpcodeInfo>;

/** A WebAssembly instruction mnemonic, exactly as the text format spells it. */
export type WasmMnemonic = keyof typeof WASM_OPCODES;

/** The immediate kind of mnemonic `M`, from the table. */
export type WasmImmediateKindOf<M extends WasmMnemonic> = (typeof WASM_OPCODES)[M]['imm'];

/** Every mnemonic in table order (for tests and tab completion). */
export const WASM_MNEMONICS = Object.keys(WASM_OPCODES) as WasmMnemonic[];

/**
 * A table row normalised for the encoder: every row has the same fields
 * (so V8 sees one object shape on the hot path); `prefix` is -1 for
 * single-byte opcodes and `align` is 0 for non-memory instructions.
 */
export interface WasmOpcodeEncoding {
  readonly code: number;
  readonly prefix: number;
  readonly imm: WasmImmediateKind;
  readonly align: number;
}

/** Mnemonic → normalised row, as a Map so the encoder's lookup stays one hash probe. */
export const WASM_OPCODE_LOOKUP: ReadonlyMap<string, WasmOpcodeEncoding> = new Map(
  (Object.entries(WASM_OPCODES) as [string, WasmOpcodeInfo][]).map(([op, info]) => [
    op,
    { code: info.code, prefix: info.prefix ?? -1, imm: info.imm, align: info.align ?? 0 },
  ]),
);
