/**
 * Decodes function code from the binary format back into instruction
 * objects (the inverse of {@link writeOpcode}/{@link writeImmediate}).
 *
 * The code generator writes bytes only; when a block's WebAssembly is to be
 * read (the text form in notebooks and the REPL), its bytes are decoded into
 * a {@link WasmInsn} list, so the text always shows exactly the code that runs.
 */
import type { WasmInsn } from './wasm-insn';
import { WASM_MISC_PREFIX, WASM_OPCODES, WasmImmediateKind } from './wasm-opcodes';
import { WASM_TYPE_BYTE, WASM_VALTYPE_CODE, WasmBlockType, WasmFuncType, WasmValType } from './wasm-types';

interface DecodeRow {
  readonly op: string;
  readonly imm: WasmImmediateKind;
  readonly align: number;
}

/** Single-byte opcodes by byte; prefixed ones by sub-opcode. */
const SINGLE: (DecodeRow | undefined)[] = [];
const MISC = new Map<number, DecodeRow>();
for (const [op, info] of Object.entries(WASM_OPCODES) as [string, { code: number; prefix?: number; imm: WasmImmediateKind; align?: number }][]) {
  const row = { op, imm: info.imm, align: info.align ?? 0 };
  if (info.prefix === WASM_MISC_PREFIX) MISC.set(info.code, row);
  else SINGLE[info.code] = row;
}
const VALTYPE_BY_CODE = new Map<number, WasmValType>(
  (Object.entries(WASM_VALTYPE_CODE) as [WasmValType, number][]).map(([t, c]) => [c, t]),
);

/** A cursor over bytes with the LEB128 and IEEE-754 readers the code section needs. */
class Reader {
  constructor(readonly bytes: Uint8Array, public pos: number) {}

  byte(): number {
    if (this.pos >= this.bytes.length) throw new Error('unexpected end of code');
    return this.bytes[this.pos++];
  }

  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
    }
  }

  /** Signed LEB128 as a bigint (i64 constants, s33 block types). */
  sBig(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) {
        if (b & 0x40) result -= 1n << shift;
        return result;
      }
    }
  }

  fixed(n: number): DataView {
    if (this.pos + n > this.bytes.length) throw new Error('unexpected end of code');
    const v = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.pos, n);
    this.pos += n;
    return v;
  }
}

/**
 * The instructions encoded in `bytes[start, end)` (a function's code without
 * its locals; a final function-closing `end` is dropped, as
 * {@link WasmFunctionBuilder.body} keeps it implicit). `types` resolves block
 * types given by type index.
 */
export function decodeInstructions(bytes: Uint8Array, start: number, end: number, types: readonly WasmFuncType[] = []): WasmInsn[] {
  const r = new Reader(bytes, start);
  const out: { op: string; imm: unknown }[] = [];
  let depth = 0;
  while (r.pos < end) {
    const at = r.pos;
    const b = r.byte();
    const row = b === WASM_MISC_PREFIX ? MISC.get(r.u32()) : SINGLE[b];
    if (row === undefined) throw new Error(`unknown opcode 0x${b.toString(16)} at ${at}`);
    let imm: unknown;
    switch (row.imm) {
      case 'none':
        if (row.op === 'end' && --depth < 0) {
          if (r.pos !== end) throw new Error(`code continues after the function's end at ${at}`);
          return out as WasmInsn[];
        }
        break;
      case 'memarg': {
        const align = r.u32();
        const offset = r.u32();
        imm = align === row.align ? { offset } : { offset, align };
        break;
      }
      case 'local': case 'global': case 'func': case 'label':
        imm = r.u32();
        break;
      case 'i32':
        imm = Number(BigInt.asIntN(32, r.sBig()));
        break;
      case 'i64':
        imm = BigInt.asIntN(64, r.sBig());
        break;
      case 'f32': {
        const view = r.fixed(4);
        const bits = view.getUint32(0, true);
        const v = view.getFloat32(0, true);
        imm = Number.isNaN(v) ? { bits } : v;
        break;
      }
      case 'f64': {
        const view = r.fixed(8);
        const bits = view.getBigUint64(0, true);
        const v = view.getFloat64(0, true);
        imm = Number.isNaN(v) ? { bits } : v;
        break;
      }
      case 'blocktype': {
        depth++;
        const t = bytes[r.pos];
        if (t === WASM_TYPE_BYTE.emptyBlock) { r.pos++; imm = undefined; break; }
        const vt = VALTYPE_BY_CODE.get(t);
        if (vt !== undefined) { r.pos++; imm = vt; break; }
        const index = Number(r.sBig());
        const ft = types[index];
        if (ft === undefined) throw new Error(`block type index ${index} is not in the type list`);
        imm = ft satisfies WasmBlockType;
        break;
      }
      case 'br_table': {
        const labels: number[] = [];
        for (let n = r.u32(); n > 0; n--) labels.push(r.u32());
        imm = { labels, defaultLabel: r.u32() };
        break;
      }
      case 'call_indirect': {
        const type = r.u32();
        const table = r.u32();
        imm = table === 0 ? { type } : { type, table };
        break;
      }
      case 'memidx':
        r.byte();
        break;
      case 'memidx2':
        r.byte();
        r.byte();
        break;
    }
    out.push({ op: row.op, imm });
  }
  return out as WasmInsn[];
}
