import { ENV, TLB_ENTRIES, TLB_ENTRY, TLB_ENTRY_SIZE, PAGE_BITS, JMP_CACHE_ENTRIES, JMP_CACHE_ENTRY_SIZE, chainSlot, jmpCacheIndex } from '../../exec/env';
import { BinaryOpc, Cond, EnvSync, HelperInfo, IrBlock, IrOp, IrType, MemOp, Temp, Value } from '../../ir/ir';
import { WasmDirectEncoding, WasmFunctionBuilder } from './wasm-insn';
import { WasmMnemonic } from './wasm-opcodes';

/** Function indexes a block function may call, provided by the module being assembled. */
export interface CodegenImports {
  /** `slow_ld(env i32, addr i64, memop i32) -> i64` */
  slowLoad: number;
  /** `slow_st(env i32, addr i64, value i64, memop i32)` */
  slowStore: number;
  /** `mulhu64(a i64, b i64) -> i64`: high half of the unsigned 128-bit product. */
  mulhu: number;
  /** The function index of a helper (importing it on first use). */
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

const ENV_PARAM = 0;
const TLB_TABLE_BYTES = TLB_ENTRIES * TLB_ENTRY_SIZE;

const BIN: Partial<Record<BinaryOpc, string>> = {
  add: 'add', sub: 'sub', mul: 'mul', and: 'and', or: 'or', xor: 'xor',
  shl: 'shl', shr: 'shr_u', sar: 'shr_s', rotl: 'rotl', rotr: 'rotr',
};

const FLOAT_BINARY: Partial<Record<BinaryOpc, string>> = {
  fadd: 'add', fsub: 'sub', fmul: 'mul', fdiv: 'div', feq: 'eq', flt: 'lt', fle: 'le',
};

const COND: Record<Cond, string> = {
  eq: 'eq', ne: 'ne', lt: 'lt_s', ge: 'ge_s', le: 'le_s', gt: 'gt_s', ltu: 'lt_u', geu: 'ge_u', leu: 'le_u', gtu: 'gt_u',
};

function loadOp(type: IrType, m: MemOp): WasmMnemonic {
  const sign = m.signed ? 's' : 'u';
  if (m.size === 8) return 'i64.load';
  if (type === 'i32') return m.size === 4 ? 'i32.load' : (`i32.load${m.size * 8}_${sign}` as WasmMnemonic);
  return `i64.load${m.size * 8}_${sign}` as WasmMnemonic;
}

function storeOp(type: IrType, m: MemOp): WasmMnemonic {
  if (type === 'i32') return m.size === 4 ? 'i32.store' : (`i32.store${m.size * 8}` as WasmMnemonic);
  return m.size === 8 ? 'i64.store' : (`i64.store${m.size * 8}` as WasmMnemonic);
}

/**
 * Generates the WebAssembly function for one translated block:
 * `(func (param $env i32) (result i32))` returning the table index of the next
 * block to run (a chained or jump-cached successor) or 0 to return to the loop.
 *
 * IR temporaries become locals; guest memory accesses check the softmmu TLB
 * inline and call the slow path on a miss; forward branches become nested
 * `block`s. Before anything that may raise, `env.faultPc` and
 * `env.faultUnretired` are set so the loop can restore precise state.
 *
 * With `direct`, the code is encoded into bytes as it is generated (the
 * compile path); without, it is kept as an instruction list that prints as
 * text (inspection). Both give the same bytes.
 */
export function generateBlockFunction(block: IrBlock, tbId: number, imports: CodegenImports, direct?: WasmDirectEncoding): WasmFunctionBuilder {
  const f = new WasmFunctionBuilder({
    name: `tb_${block.pc.toString(16)}`,
    params: direct ? ['i32'] : [{ type: 'i32', name: 'env' }],
    results: ['i32'],
  }, direct);
  // Local index of each temp (0: none yet; a temp is never local 0, which is the env parameter).
  const locals: number[] = new Array(block.tempCount).fill(0);
  const local = (t: Temp): number => {
    let l = locals[t.id];
    if (l === 0) {
      l = f.addLocal(t.type, direct ? undefined : `t${t.id}`);
      locals[t.id] = l;
    }
    return l;
  };
  const scratch: Record<string, number[]> = { i32: [], i64: [] };
  const scratchUsed: Record<string, number> = { i32: 0, i64: 0 };
  const tmp = (type: IrType): number => {
    const pool = scratch[type];
    const i = scratchUsed[type]++;
    if (i >= pool.length) pool.push(f.addLocal(type, direct ? undefined : `${type === 'i32' ? 'w' : 'q'}${pool.length}`));
    return pool[i];
  };
  const releaseScratch = () => { scratchUsed.i32 = 0; scratchUsed.i64 = 0; };

  const push = (v: Value) => {
    if (v.kind === 'temp') f.op('local.get', local(v));
    else if (v.type === 'i64') f.op('i64.const', v.value);
    else f.op('i32.const', Number(v.value));
  };
  const env = () => f.op('local.get', ENV_PARAM);
  const set = (t: Temp) => f.op('local.set', local(t));

  // Labels: every label is a block opened at the start, innermost = first to be reached.
  const labelOrder: number[] = [];
  for (const op of block.ops) if (op.opc === 'label') labelOrder.push(op.label.id);
  const open = [...labelOrder]; // open[0] is the innermost block
  const depthOf = (labelId: number): number => {
    const d = open.indexOf(labelId);
    if (d < 0) throw new Error(`wasm backend: branch to L${labelId} is not forward`);
    return d;
  };

  // Prologue: account for the block's instructions or, past the limit, leave without running any.
  const n = block.insnCount;
  const count = tmp('i64');
  env(); f.op('i64.load', { offset: ENV.icount }); f.op('i64.const', BigInt(n)); f.op('i64.add'); f.op('local.tee', count);
  env(); f.op('i64.load', { offset: ENV.icountLimit }); f.op('i64.gt_s');
  f.op('if', undefined);
  env(); f.op('i64.const', BigInt.asIntN(64, block.pc)); f.op('i64.store', { offset: ENV.pc });
  f.op('i32.const', 0); f.op('return');
  f.op('end');
  env(); f.op('local.get', count); f.op('i64.store', { offset: ENV.icount });
  releaseScratch();

  for (let i = labelOrder.length - 1; i >= 0; i--) f.op('block', undefined);

  let insnIndex = -1;
  let insnPc = block.pc;
  const faultInfo = () => {
    env(); f.op('i64.const', BigInt.asIntN(64, insnPc)); f.op('i64.store', { offset: ENV.faultPc });
    env(); f.op('i32.const', n - insnIndex); f.op('i32.store', { offset: ENV.faultUnretired });
  };

  /** Guest-register stores deferred to a memory op's slow path (see EnvSync). */
  const syncEnv = (list: readonly EnvSync[] | undefined) => {
    if (list) for (const st of list) { env(); push(st.src); f.op(st.type === 'i64' ? 'i64.store' : 'i32.store', { offset: st.offset }); }
  };

  const bump = (offset: number) => {
    env(); env(); f.op('i64.load', { offset }); f.op('i64.const', 1n); f.op('i64.add'); f.op('i64.store', { offset });
  };

  const emitBinary = (op: Extract<IrOp, { b: Value; dst: Temp }>) => {
    const t = op.type;
    const simple = BIN[op.opc as BinaryOpc];
    if (simple) {
      push(op.a); push(op.b); f.op(`${t}.${simple}` as WasmMnemonic); set(op.dst);
      return;
    }
    const float = FLOAT_BINARY[op.opc as BinaryOpc];
    if (float) {
      // Reinterpret the bit patterns, compute in the host's IEEE arithmetic, reinterpret back.
      const [ft, reinterpretIn, reinterpretOut] = t === 'i64'
        ? ['f64', 'f64.reinterpret_i64', 'i64.reinterpret_f64'] as const
        : ['f32', 'f32.reinterpret_i32', 'i32.reinterpret_f32'] as const;
      push(op.a); f.op(reinterpretIn); push(op.b); f.op(reinterpretIn);
      f.op(`${ft}.${float}` as WasmMnemonic);
      if (op.opc === 'feq' || op.opc === 'flt' || op.opc === 'fle') {
        if (t === 'i64') f.op('i64.extend_i32_u');
      } else {
        f.op(reinterpretOut);
      }
      set(op.dst);
      return;
    }
    const a = tmp(t);
    const b = tmp(t);
    push(op.a); f.op('local.set', a);
    push(op.b); f.op('local.set', b);
    const c = (v: bigint) => (t === 'i64' ? f.op('i64.const', v) : f.op('i32.const', Number(v)));
    const min = t === 'i64' ? -(1n << 63n) : -(1n << 31n);
    const o = (name: string) => f.op(`${t}.${name}` as WasmMnemonic);
    switch (op.opc) {
      case 'div': case 'rem': {
        // Safe divisor: 1 when dividing by zero or MIN / -1 (both have defined results).
        const bad = tmp('i32');
        f.op('local.get', b); o('eqz');
        f.op('local.get', a); c(min); o('eq'); f.op('local.get', b); c(-1n); o('eq'); f.op('i32.and');
        f.op('i32.or'); f.op('local.set', bad);
        if (op.opc === 'div') c(-1n); else f.op('local.get', a);
        f.op('local.get', a);
        c(1n); f.op('local.get', b); f.op('local.get', bad); f.op('select');
        o(op.opc === 'div' ? 'div_s' : 'rem_s');
        f.op('local.get', b); o('eqz'); f.op('select');
        break;
      }
      case 'divu': case 'remu':
        if (op.opc === 'divu') c(-1n); else f.op('local.get', a);
        f.op('local.get', a);
        c(1n); f.op('local.get', b); f.op('local.get', b); o('eqz'); f.op('select');
        o(op.opc === 'divu' ? 'div_u' : 'rem_u');
        f.op('local.get', b); o('eqz'); f.op('select');
        break;
      case 'mulsh': case 'muluh': case 'mulsuh':
        if (t === 'i32') {
          const ext = op.opc === 'muluh' ? 'i64.extend_i32_u' : 'i64.extend_i32_s';
          f.op('local.get', a); f.op(ext);
          f.op('local.get', b); f.op(op.opc === 'mulsh' ? 'i64.extend_i32_s' : 'i64.extend_i32_u');
          f.op('i64.mul'); f.op('i64.const', 32n); f.op('i64.shr_u'); f.op('i32.wrap_i64');
        } else {
          f.op('local.get', a); f.op('local.get', b); f.op('call', imports.mulhu);
          // Signed corrections: hi(a*b) = hiu(a*b) - (a<0 ? b : 0) - (b<0 ? a : 0).
          if (op.opc !== 'muluh') {
            f.op('local.get', b); f.op('i64.const', 0n); f.op('local.get', a); f.op('i64.const', 0n); f.op('i64.lt_s');
            f.op('select'); f.op('i64.sub');
          }
          if (op.opc === 'mulsh') {
            f.op('local.get', a); f.op('i64.const', 0n); f.op('local.get', b); f.op('i64.const', 0n); f.op('i64.lt_s');
            f.op('select'); f.op('i64.sub');
          }
        }
        break;
      default:
        throw new Error(`wasm backend: no code for ${op.opc}`);
    }
    set(op.dst);
  };

  const emitCompare = (type: IrType, cond: Cond, a: Value, b: Value) => {
    push(a); push(b); f.op(`${type}.${COND[cond]}` as WasmMnemonic);
  };

  /** Leave code for an exit to the loop with the chain slot or jump cache missed. */
  for (const op of block.ops) {
    releaseScratch();
    switch (op.opc) {
      case 'insn_start':
        insnIndex++;
        insnPc = op.pc;
        break;
      case 'mov':
        push(op.a); set(op.dst);
        break;
      case 'neg':
        if (op.type === 'i64') f.op('i64.const', 0n); else f.op('i32.const', 0);
        push(op.a); f.op(`${op.type}.sub`); set(op.dst);
        break;
      case 'not':
        push(op.a);
        if (op.type === 'i64') f.op('i64.const', -1n); else f.op('i32.const', -1);
        f.op(`${op.type}.xor`); set(op.dst);
        break;
      case 'ext8s': push(op.a); f.op(`${op.type}.extend8_s`); set(op.dst); break;
      case 'ext16s': push(op.a); f.op(`${op.type}.extend16_s`); set(op.dst); break;
      case 'ext32s': push(op.a); f.op('i64.extend32_s'); set(op.dst); break;
      case 'ext8u':
        push(op.a);
        if (op.type === 'i64') f.op('i64.const', 0xffn); else f.op('i32.const', 0xff);
        f.op(`${op.type}.and`); set(op.dst);
        break;
      case 'ext16u':
        push(op.a);
        if (op.type === 'i64') f.op('i64.const', 0xffffn); else f.op('i32.const', 0xffff);
        f.op(`${op.type}.and`); set(op.dst);
        break;
      case 'ext32u': push(op.a); f.op('i64.const', 0xffffffffn); f.op('i64.and'); set(op.dst); break;
      case 'fsqrt':
        push(op.a);
        if (op.type === 'i64') f.op('f64.reinterpret_i64').op('f64.sqrt').op('i64.reinterpret_f64');
        else f.op('f32.reinterpret_i32').op('f32.sqrt').op('i32.reinterpret_f32');
        set(op.dst);
        break;
      case 'trunc': push(op.a); f.op('i32.wrap_i64'); set(op.dst); break;
      case 'sext': push(op.a); f.op('i64.extend_i32_s'); set(op.dst); break;
      case 'zext': push(op.a); f.op('i64.extend_i32_u'); set(op.dst); break;
      case 'setcond':
        emitCompare(op.type, op.cond, op.a, op.b);
        if (op.type === 'i64') f.op('i64.extend_i32_u');
        set(op.dst);
        break;
      case 'movcond':
        push(op.t); push(op.f); emitCompare(op.type, op.cond, op.a, op.b); f.op('select'); set(op.dst);
        break;
      case 'brcond':
        emitCompare(op.type, op.cond, op.a, op.b); f.op('br_if', depthOf(op.label.id));
        break;
      case 'br':
        f.op('br', depthOf(op.label.id));
        break;
      case 'label':
        if (open[0] !== op.label.id) throw new Error(`wasm backend: label L${op.label.id} out of order`);
        open.shift();
        f.op('end');
        break;
      case 'ld':
        env(); f.op(op.type === 'i64' ? 'i64.load' : 'i32.load', { offset: op.offset }); set(op.dst);
        break;
      case 'st':
        env(); push(op.src); f.op(op.type === 'i64' ? 'i64.store' : 'i32.store', { offset: op.offset });
        break;
      case 'qemu_ld': case 'qemu_st': {
        const isLoad = op.opc === 'qemu_ld';
        const addr = tmp('i64');
        const entry = tmp('i32');
        push(op.addr); f.op('local.set', addr);
        // entry = env + TLB table of mmuIdx + index(vpn)
        env();
        f.op('local.get', addr); f.op('i64.const', BigInt(PAGE_BITS)); f.op('i64.shr_u'); f.op('i32.wrap_i64');
        f.op('i32.const', TLB_ENTRIES - 1); f.op('i32.and'); f.op('i32.const', Math.log2(TLB_ENTRY_SIZE)); f.op('i32.shl');
        f.op('i32.add'); f.op('local.set', entry);
        const base = ENV.tlb + op.mmuIdx * TLB_TABLE_BYTES;
        // Hit when the tag equals the page of the access's last byte (page-crossing accesses miss).
        f.op('local.get', entry); f.op('i64.load', { offset: base + (isLoad ? TLB_ENTRY.tagRead : TLB_ENTRY.tagWrite) });
        f.op('local.get', addr);
        if (op.memop.size > 1) { f.op('i64.const', BigInt(op.memop.size - 1)); f.op('i64.add'); }
        f.op('i64.const', BigInt(PAGE_BITS)); f.op('i64.shr_u');
        f.op('i64.eq');
        if (isLoad) {
          f.op('if', op.type);
          f.op('local.get', addr); f.op('i32.wrap_i64');
          f.op('local.get', entry); f.op('i32.load', { offset: base + TLB_ENTRY.addend }); f.op('i32.add');
          f.op(loadOp(op.type, op.memop), { offset: 0, align: 0 });
          f.op('else');
          syncEnv(op.sync);
          faultInfo();
          env(); f.op('local.get', addr); f.op('i32.const', encodeMemop(op.memop, op.mmuIdx));
          f.op('call', imports.slowLoad);
          if (op.type === 'i32') f.op('i32.wrap_i64');
          f.op('end');
          set(op.dst);
        } else {
          f.op('if', undefined);
          f.op('local.get', addr); f.op('i32.wrap_i64');
          f.op('local.get', entry); f.op('i32.load', { offset: base + TLB_ENTRY.addend }); f.op('i32.add');
          push(op.src);
          f.op(storeOp(op.type, op.memop), { offset: 0, align: 0 });
          f.op('else');
          syncEnv(op.sync);
          faultInfo();
          env(); f.op('local.get', addr); push(op.src);
          if (op.type === 'i32') f.op('i64.extend_i32_u');
          f.op('i32.const', encodeMemop(op.memop, op.mmuIdx));
          f.op('call', imports.slowStore);
          f.op('end');
        }
        break;
      }
      case 'call':
        if (op.helper.mayRaise) faultInfo();
        for (const a of op.args) push(a);
        f.op('call', imports.helper(op.helper));
        if (op.dst) set(op.dst);
        break;
      case 'goto_tb': {
        const next = tmp('i32');
        f.op('i32.const', 0); f.op('i32.load', { offset: chainSlot(tbId, op.slot) }); f.op('local.tee', next);
        f.op('if', undefined);
        bump(ENV.chainHits);
        if (imports.tailCalls) {
          env(); f.op('local.get', next); f.op('return_call_indirect', { type: BLOCK_TYPE });
        } else {
          f.op('local.get', next); f.op('return');
        }
        f.op('end');
        // Unlinked slot: the jump cache may know the target (under paging, chains never cross a
        // page, so this is how cross-page direct jumps stay inside generated code).
        {
          const slot = ENV.jmpCache + jmpCacheIndex(op.pc) * JMP_CACHE_ENTRY_SIZE;
          env(); f.op('i64.load', { offset: slot }); f.op('i64.const', BigInt.asIntN(64, op.pc)); f.op('i64.eq');
          f.op('if', undefined);
          bump(ENV.jmpCacheHits);
          if (imports.tailCalls) env();
          env(); f.op('i32.load', { offset: slot + 8 });
          if (imports.tailCalls) f.op('return_call_indirect', { type: BLOCK_TYPE });
          else f.op('return');
          f.op('end');
        }
        env(); f.op('i64.const', BigInt.asIntN(64, op.pc)); f.op('i64.store', { offset: ENV.pc });
        env(); f.op('i32.const', tbId + 1); f.op('i32.store', { offset: ENV.exitTb });
        env(); f.op('i32.const', op.slot); f.op('i32.store', { offset: ENV.exitSlot });
        f.op('i32.const', 0); f.op('return');
        break;
      }
      case 'goto_ptr': {
        const pc = tmp('i64');
        const entry = tmp('i32');
        push(op.pc); f.op('local.set', pc);
        env(); f.op('local.get', pc); f.op('i64.store', { offset: ENV.pc });
        env();
        f.op('local.get', pc); f.op('i64.const', 1n); f.op('i64.shr_u'); f.op('i32.wrap_i64');
        f.op('i32.const', JMP_CACHE_ENTRIES - 1); f.op('i32.and');
        f.op('i32.const', Math.log2(JMP_CACHE_ENTRY_SIZE)); f.op('i32.shl'); f.op('i32.add');
        f.op('local.set', entry);
        f.op('local.get', entry); f.op('i64.load', { offset: ENV.jmpCache });
        f.op('local.get', pc); f.op('i64.eq');
        f.op('if', undefined);
        bump(ENV.jmpCacheHits);
        if (imports.tailCalls) env();
        f.op('local.get', entry); f.op('i32.load', { offset: ENV.jmpCache + 8 });
        if (imports.tailCalls) f.op('return_call_indirect', { type: BLOCK_TYPE });
        else f.op('return');
        f.op('end');
        f.op('i32.const', 0); f.op('return');
        break;
      }
      case 'exit_tb':
        f.op('i32.const', 0); f.op('return');
        break;
      default:
        emitBinary(op as Extract<IrOp, { b: Value; dst: Temp }>);
    }
  }
  // Every path ends in a terminator; the validator needs a value on the fall-through path.
  f.op('unreachable');
  return f;
}

/**
 * `mulhu64(a, b)`: the high 64 bits of the unsigned 128-bit product, from
 * 32-bit partial products (WebAssembly has no 64×64→128 multiply).
 */
export function generateMulhu(): WasmFunctionBuilder {
  const f = new WasmFunctionBuilder({ name: 'mulhu64', params: [{ type: 'i64', name: 'a' }, { type: 'i64', name: 'b' }], results: ['i64'] });
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
