/**
 * The binary encoding of one instruction (spec §5.4): opcode, then the
 * immediate its kind calls for. Shared by the module encoder (which walks a
 * function's instruction list) and by function builders that write bytes as
 * the code generator emits them (no instruction objects at all).
 */
import { WasmByteWriter } from './wasm-byte-writer';
import { WASM_OPCODE_LOOKUP, WasmOpcodeEncoding } from './wasm-opcodes';
import { WASM_TYPE_BYTE, WASM_VALTYPE_CODE, WasmFuncType, WasmValType } from './wasm-types';

/** Resolves a signature to its index in the module's type section (adding it when new). */
export type WasmTypeIndexer = (type: WasmFuncType) => number;

/** The table row of a mnemonic, or throws naming it. */
export function opcodeEncoding(op: string): WasmOpcodeEncoding {
  const info = WASM_OPCODE_LOOKUP.get(op);
  if (info === undefined) throw new Error(`unknown WebAssembly instruction '${op}'`);
  return info;
}

/** Writes the opcode bytes of `info` (a prefix byte and LEB128 sub-opcode for prefixed instructions). */
export function writeOpcode(w: WasmByteWriter, info: WasmOpcodeEncoding): void {
  if (info.prefix >= 0) {
    w.byte(info.prefix);
    w.u32(info.code);
  } else {
    w.byte(info.code);
  }
}

/** Writes the immediate `imm` of an instruction whose row is `info`. */
export function writeImmediate(w: WasmByteWriter, imm: unknown, info: WasmOpcodeEncoding, typeIndex: WasmTypeIndexer): void {
  switch (info.imm) {
    case 'memarg': {
      const m = imm as { offset?: number; align?: number } | undefined;
      w.u32(m?.align ?? info.align);
      w.u32(m?.offset ?? 0);
      break;
    }
    case 'local':
    case 'global':
    case 'func':
    case 'label':
      w.u32(imm as number);
      break;
    case 'i32':
      w.s32(imm as number);
      break;
    case 'i64':
      w.s64(imm as bigint);
      break;
    case 'f32':
      if (typeof imm === 'number') w.f32(imm);
      else w.u32Fixed((imm as { bits: number }).bits);
      break;
    case 'f64':
      if (typeof imm === 'number') w.f64(imm);
      else w.u64Fixed((imm as { bits: bigint }).bits);
      break;
    case 'blocktype':
      if (imm === undefined) w.byte(WASM_TYPE_BYTE.emptyBlock);
      else if (typeof imm === 'string') w.byte(WASM_VALTYPE_CODE[imm as WasmValType]);
      else w.s32(typeIndex(imm as WasmFuncType)); // s33 in the spec; type indices are small
      break;
    case 'br_table': {
      const t = imm as { labels: readonly number[]; defaultLabel: number };
      w.u32(t.labels.length);
      for (let k = 0; k < t.labels.length; k++) w.u32(t.labels[k]);
      w.u32(t.defaultLabel);
      break;
    }
    case 'call_indirect': {
      const c = imm as { type: WasmFuncType | number; table?: number };
      w.u32(typeof c.type === 'number' ? c.type : typeIndex(c.type));
      w.u32(c.table ?? 0);
      break;
    }
    case 'memidx':
      w.byte(0);
      break;
    case 'memidx2':
      w.byte(0);
      w.byte(0);
      break;
    case 'none':
      break;
  }
}
