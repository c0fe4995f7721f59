import { ENV } from '../../exec/env';
import { GuestAccess } from '../../exec/guest-access';
import { HelperInfo, IrBlock } from '../../ir/ir';
import { SharedMemory } from '../../memory/shared-memory';
import { BLOCK_TYPE, BlockRuntime, CodegenImports, generateBlockFunction } from './codegen';
import { WasmByteWriter } from './wasm-byte-writer';
import { WasmDirectEncoding, WasmFunctionBuilder } from './wasm-insn';
import { WasmModuleBuilder } from './wasm-module';
import { WasmFuncType } from './wasm-types';

/** A block compiled to WebAssembly. */
export interface CompiledBlock {
  /** Index in the shared function table (never 0). */
  readonly tableIndex: number;
  /** Byte size of the function body in its module. */
  readonly hostBytes: number;
}

/** Counters of the WebAssembly backend, as plain data. */
export interface WasmJitStats {
  modules: number;
  functions: number;
  moduleBytes: number;
  /** Seconds spent generating, encoding, compiling and instantiating. */
  compileSeconds: number;
}

const TABLE_GROWTH = 4096;
const SLOW_LOAD_TYPE: WasmFuncType = { params: ['i32', 'i64', 'i32'], results: ['i64'] };
const SLOW_STORE_TYPE: WasmFuncType = { params: ['i32', 'i64', 'i64', 'i32'], results: [] };
/** The import signature of each helper, made once. */
const helperTypes = new WeakMap<HelperInfo, WasmFuncType>();

function helperType(h: HelperInfo): WasmFuncType {
  let t = helperTypes.get(h);
  if (!t) {
    t = { params: [...h.args], results: h.ret ? [h.ret] : [] };
    helperTypes.set(h, t);
  }
  return t;
}

/**
 * The WebAssembly backend: compiles batches of IR blocks into one module each,
 * installs their functions in a shared table, and runs them through a small
 * dispatcher that follows chained successors without returning to JavaScript.
 */
export class WasmJit {
  readonly table: WebAssembly.Table;
  readonly stats: WasmJitStats = { modules: 0, functions: 0, moduleBytes: 0, compileSeconds: 0 };
  private nextIndex = 1;
  /** Code of the functions being assembled (direct encoding), reused from one module to the next. */
  private readonly codeWriter = new WasmByteWriter(64 * 1024);
  private readonly dispatch: (env: number, index: number) => number;
  private readonly baseImports: Record<string, WebAssembly.ImportValue>;

  constructor(
    readonly mem: SharedMemory,
    access: GuestAccess,
    /**
     * Blocks jump to their successors with tail calls (see {@link CodegenImports.tailCalls}).
     * Off by default: every module then imports the shared table, and V8's table
     * keeps each importing instance alive, so flushed code is never freed
     * (measured: RSS 257 → 638 MB over 2,000 random-stream batches, and slower),
     * for a gain of at most ~10% on chained loops.
     */
    readonly tailCalls = false,
  ) {
    this.table = new WebAssembly.Table({ element: 'anyfunc', initial: TABLE_GROWTH });
    this.baseImports = {
      memory: mem.memory,
      slow_ld: (env: number, addr: bigint, memop: number) =>
        access.load(env, addr, (memop & 15) as 1 | 2 | 4 | 8, (memop & 16) !== 0, memop >> 8),
      slow_st: (env: number, addr: bigint, value: bigint, memop: number) =>
        access.store(env, addr, value, (memop & 15) as 1 | 2 | 4 | 8, memop >> 8),
    };
    this.dispatch = this.buildDispatcher();
  }

  private buildDispatcher(): (env: number, index: number) => number {
    const m = new WasmModuleBuilder();
    m.importMemory('env', 'memory', { min: this.mem.memory.buffer.byteLength / 65536 });
    m.importTable('env', 'table', { min: 1 });
    const f = new WasmFunctionBuilder({
      name: 'dispatch', params: [{ type: 'i32', name: 'env' }, { type: 'i32', name: 'next' }], results: ['i32'],
    });
    // A block returning a successor's index got it from its chain slot or the jump cache: counted
    // here as a chain hit once, not in every block (the jump-cache paths take theirs back).
    f.op('loop', undefined)
      .op('local.get', 0).op('local.get', 1)
      .op('call_indirect', { type: BLOCK_TYPE })
      .op('local.tee', 1)
      .op('if', undefined)
      .op('local.get', 0).op('local.get', 0).op('i64.load', { offset: ENV.chainHits }).op('i64.const', 1n).op('i64.add')
      .op('i64.store', { offset: ENV.chainHits })
      .op('br', 1)
      .op('end')
      .op('end')
      .op('i32.const', 0);
    m.addFunction(f, 'dispatch');
    const inst = new WebAssembly.Instance(new WebAssembly.Module(m.encode().bytes), { env: { memory: this.mem.memory, table: this.table } });
    return inst.exports.dispatch as (env: number, index: number) => number;
  }

  /**
   * Generate and encode one module holding the blocks' functions (nothing is
   * installed). `forText` keeps the instruction lists (so they print as WAT);
   * otherwise code is encoded as it is generated.
   */
  private assemble(blocks: readonly { ir: IrBlock; id: number }[], forText = false) {
    const m = new WasmModuleBuilder();
    m.importMemory('env', 'memory', { min: this.mem.memory.buffer.byteLength / 65536 });
    if (this.tailCalls) m.importTable('env', 'table', { min: 1 });
    const imports: Record<string, WebAssembly.ImportValue> = { ...this.baseImports, table: this.table };
    const slowLoad = m.importFunction('env', 'slow_ld', SLOW_LOAD_TYPE);
    const slowStore = m.importFunction('env', 'slow_st', SLOW_STORE_TYPE);
    // Import every helper the batch calls before defining functions (function indexes start with imports).
    const helperIndex = new Map<HelperInfo, number>();
    for (const { ir } of blocks) {
      for (const op of ir.ops) {
        if (op.opc !== 'call' || helperIndex.has(op.helper)) continue;
        const h = op.helper;
        helperIndex.set(h, m.importFunction('env', h.name, helperType(h)));
        imports[h.name] = h.fn;
      }
    }
    // The cold parts of memory accesses and exits, once per module, after the blocks.
    const runtime = new BlockRuntime(m.functionImportCount + blocks.length);
    const codegenImports: CodegenImports = {
      runtime,
      helper: (h) => helperIndex.get(h)!,
      tailCalls: this.tailCalls,
    };
    let direct: WasmDirectEncoding | undefined;
    if (!forText) {
      this.codeWriter.reset();
      direct = { writer: this.codeWriter, typeIndex: m.typeIndexer };
    }
    const fns = blocks.map(({ ir, id }, i) => {
      const fn = generateBlockFunction(ir, id, codegenImports, direct);
      m.addFunction(fn, `b${i}`);
      return fn;
    });
    runtime.addTo(m, slowLoad, slowStore, this.tailCalls);
    const encoded = m.encode();
    return { m, fns, encoded, imports, hostBytes: fns.map((_, i) => encoded.functionBodySizes[i]) };
  }

  /**
   * Compile blocks (IR after the passes, with their ids for the chain slots)
   * into one module and install them. Returns them in the same order.
   */
  compile(blocks: readonly { ir: IrBlock; id: number }[]): CompiledBlock[] {
    const t0 = performance.now();
    const { fns, encoded, imports, hostBytes } = this.assemble(blocks);
    const instance = new WebAssembly.Instance(new WebAssembly.Module(encoded.bytes), { env: imports });
    const out = fns.map((fn, i): CompiledBlock => {
      const tableIndex = this.allocate();
      this.table.set(tableIndex, instance.exports[`b${i}`] as Function);
      return { tableIndex, hostBytes: hostBytes[i] };
    });
    this.stats.modules++;
    this.stats.functions += blocks.length;
    this.stats.moduleBytes += encoded.bytes.length;
    this.stats.compileSeconds += (performance.now() - t0) / 1000;
    return out;
  }

  /**
   * The WebAssembly a block would compile to, without installing it (for
   * looking at a retranslation with other options): its text and body size.
   */
  preview(ir: IrBlock): { wat: string; hostBytes: number } {
    const { fns, hostBytes } = this.assemble([{ ir, id: 0 }], true);
    return { wat: fns[0].toWat(), hostBytes: hostBytes[0] };
  }

  private allocate(): number {
    if (this.nextIndex >= this.table.length) this.table.grow(TABLE_GROWTH);
    return this.nextIndex++;
  }

  /** Run from the block at `tableIndex` until a block returns to the loop. */
  run(env: number, tableIndex: number): void {
    this.dispatch(env, tableIndex);
  }

  /** Forget every compiled block (after a translation-cache flush): table slots are reused. */
  reset(): void {
    for (let i = 1; i < this.nextIndex; i++) this.table.set(i, null);
    this.nextIndex = 1;
  }
}
