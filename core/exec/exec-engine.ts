import { interpretBlock } from '../backend/interp/interpreter';
import { WasmJit } from '../backend/wasm/wasm-jit';
import { PassOptions, optimize } from '../ir/passes/pipeline';
import { PAGE_FLAG } from '../memory/bus';
import { SoftMmu } from '../memory/softmmu';
import { ENV, PAGE_SIZE } from './env';
import { GuestException } from './guest-exception';
import { TbCache } from './tb-cache';
import { FetchedInsn, RebuiltTranslation, TranslatedCode, TranslationBlock } from './translation-block';

const TWO32 = 2 ** 32;

/** The pc whose unsigned 32-bit halves are `lo` and `hi`. */
function pcOf(lo: number, hi: number): bigint {
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/** What the execution loop needs from a hart; targets implement it. */
export interface ExecCpu {
  /** Byte address of the hart's env. */
  readonly env: number;
  pc: bigint;
  /** Translation-relevant state, part of the block key. */
  tbFlags(): number;
  /** Take guest exception `e` raised by the instruction at `pc`. */
  takeException(e: GuestException, pc: bigint): void;
  /** Take the highest-priority enabled pending interrupt, if any; true if one was taken. */
  takeInterrupt(): boolean;
  /** Stopped in `wfi` until an interrupt is pending. */
  readonly waiting: boolean;
}

/** A front end: guest code at a pc → IR. */
export interface Frontend<G extends FetchedInsn> {
  translate(env: number, pc: bigint, flags: number, maxInsns: number): TranslatedCode<G>;
  /**
   * Bits of the translation flags meaning instruction addresses are virtual
   * (paging on). Blocks made under such flags are also keyed by the host
   * address their code came from, and chain only to blocks on the same
   * virtual page: another page's mapping may change under them.
   */
  readonly pagedFlags: number;
  /** Host address of the code at virtual `pc` for a hart in state `flags`, or -1 when fetching there faults. */
  codeHost(env: number, pc: bigint, flags: number): number;
  /** The softmmu index instruction fetches use in state `flags` (the loop looks code up in that TLB first). */
  codeMmuIdx(flags: number): number;
}

/** Which backend runs translated blocks. */
export type BackendKind = 'wasm' | 'interp';

/** Tuning of the execution engine. Every field is optional. */
export interface EngineOptions {
  /** `'wasm'` (default): cold blocks interpreted, hot ones compiled in batches. `'interp'`: the IR interpreter only. */
  backend?: BackendKind;
  /** Optimisation passes (all on by default). */
  passes?: PassOptions;
  /** Interpreted runs after which a block is queued for compilation (default 1; 0 compiles on first use). */
  hotThreshold?: number;
  /**
   * Blocks per WebAssembly module (default 256). V8 pays a fixed cost of a few
   * hundred microseconds per module and compiles each function lazily on its
   * first call, so large batches are cheaper; `urgentRuns` keeps hot code from
   * waiting for a batch to fill.
   */
  batchSize?: number;
  /** A queued block run this often is compiled without waiting for a full batch (default 48). */
  urgentRuns?: number;
  /** Maximum guest instructions per block (default 512). */
  maxBlockInsns?: number;
  /** Keep every compiled block's IR in memory (default false: it is rebuilt when inspected, which keeps garbage collection cheap). */
  keepIr?: boolean;
  /** Compiled blocks tail-call their chained successors instead of returning to the dispatcher loop (default false: see WasmJit). */
  tailCalls?: boolean;
}

/** Why a run returned. */
export type StopReason = 'budget' | 'wfi' | 'breakpoint' | 'stop' | 'yield';

/** Counters of the execution loop, as plain data. */
export interface EngineStats {
  /** Guest instructions run by the interpreter and by WebAssembly. */
  insnsInterpreted: number;
  insnsWasm: number;
  /** Exits from generated code back to the loop. */
  loopExits: number;
  /** Exits through an unlinked chain slot / a jump-cache miss. */
  chainMisses: number;
  jmpCacheMisses: number;
  exceptions: number;
  interrupts: number;
  /** Seconds translating (front end + passes). */
  translateSeconds: number;
  irOpsBefore: number;
  irOpsAfter: number;
  guestInsnsTranslated: number;
}

/**
 * The execution engine: looks up or translates the block at the hart's pc,
 * runs it on a backend, links chain slots, fills jump caches, compiles hot
 * blocks in batches, and turns guest exceptions into traps with precise state.
 */
export class ExecEngine<G extends FetchedInsn> {
  readonly cache: TbCache<G>;
  readonly jit: WasmJit;
  readonly stats: EngineStats = {
    insnsInterpreted: 0, insnsWasm: 0, loopExits: 0, chainMisses: 0, jmpCacheMisses: 0, exceptions: 0,
    interrupts: 0, translateSeconds: 0, irOpsBefore: 0, irOpsAfter: 0, guestInsnsTranslated: 0,
  };
  readonly options: Required<Omit<EngineOptions, 'passes'>> & { passes: PassOptions };
  /** Guest pcs where a run stops before executing the instruction. */
  readonly breakpoints = new Set<bigint>();
  /** Set (e.g. by an interrupt from the user) to stop a run at the next block boundary. */
  stopRequested = false;
  /** Set to end the current hart's run at the next block boundary with 'yield' (it spins on `wfi`: let other harts run). */
  yieldRequested = false;
  private readonly queue: TranslationBlock<G>[] = [];
  /** The running hart's env and the icount its run ends at (see {@link limitRun}). */
  private runningEnv = -1;
  private runLimit = 0;
  /** How far past {@link runLimit} a block that starts before it may run (see {@link run}). */
  private runSlack = 0;
  private skipBreakpointAt: bigint | undefined;

  constructor(readonly mmu: SoftMmu, readonly frontend: Frontend<G>, options: EngineOptions = {}) {
    this.options = {
      backend: options.backend ?? 'wasm',
      passes: options.passes ?? {},
      hotThreshold: options.hotThreshold ?? 1,
      batchSize: options.batchSize ?? 256,
      urgentRuns: options.urgentRuns ?? 48,
      maxBlockInsns: options.maxBlockInsns ?? 512,
      tailCalls: options.tailCalls ?? false,
      keepIr: options.keepIr ?? false,
    };
    this.cache = new TbCache<G>(mmu.mem);
    this.jit = new WasmJit(mmu.mem, mmu, this.options.tailCalls);
    this.cache.onFlush = () => {
      this.jit.reset();
      this.queue.length = 0;
    };
    mmu.onCodeWrite = (page, host, size) => this.cache.invalidateRange(page, host, size);
    mmu.bus.onCodeWrite = mmu.onCodeWrite;
  }

  /** Register a hart (its jump cache is kept coherent). */
  addHart(env: number): void {
    this.cache.envs.push(env);
    this.cache.clearJumpCache(env);
  }

  /** Drop all translations (e.g. after a snapshot restore, or to re-run with other passes). */
  flush(): void {
    this.cache.flush();
  }

  /** Translate (or find) the block at `pc` for `flags`. */
  block(env: number, pc: bigint, flags: number, maxInsns = this.options.maxBlockInsns): TranslationBlock<G> {
    const u = BigInt.asUintN(64, pc);
    return this.blockAt(env, Number(u & 0xffffffffn), Number(u >> 32n), flags, maxInsns);
  }

  /** {@link block} for the pc whose unsigned 32-bit halves are `lo` and `hi`: no BigInt unless it must translate. */
  private blockAt(env: number, lo: number, hi: number, flags: number, maxInsns: number): TranslationBlock<G> {
    // Under paging the code's host address is part of the key: found once, used for lookup and insert.
    const paged = (flags & this.frontend.pagedFlags) !== 0;
    let host = -1;
    if (paged) {
      host = this.mmu.fetchHostHit(env, lo, hi, this.frontend.codeMmuIdx(flags));
      if (host < 0) host = this.frontend.codeHost(env, pcOf(lo, hi), flags);
    }
    const hit = this.cache.lookupHalves(lo, hi, flags, maxInsns, paged ? host : undefined);
    if (hit && (!paged || this.secondPageMatches(env, hit))) return hit;
    return this.translateBlock(env, pcOf(lo, hi), flags, maxInsns, paged, host);
  }

  private translateBlock(env: number, pc: bigint, flags: number, maxInsns: number, paged: boolean, host: number): TranslationBlock<G> {
    const t0 = performance.now();
    const code = this.frontend.translate(env, pc, flags, maxInsns);
    const seconds = (performance.now() - t0) / 1000;
    // Cold blocks run their IR as translated; the passes run when a block is compiled (see compileQueue).
    const tb = new TranslationBlock<G>(
      this.cache.allocateId(), pc, flags, maxInsns, code.ramPages, code.hostSpans,
      {
        guestInsns: code.ir.insnCount, guestBytes: code.ir.byteSize, irOps: code.ir.ops.length,
        irOpsOptimized: 0, hostBytes: 0, translateSeconds: seconds, interpretedRuns: 0,
      },
      (block) => this.rebuild(env, block), code.ir,
    );
    if (paged && host < 0) {
      // Fetching faults: the block only raises the fault. It is not cached, since a
      // later mapping of the page must not find it.
      tb.valid = false;
      return tb;
    }
    // Pages holding translated code lose their fast write path, so stores to them invalidate it.
    const bus = this.mmu.bus;
    for (const p of code.ramPages) {
      if (!(bus.pageFlags[p] & PAGE_FLAG.code)) {
        bus.pageFlags[p] |= PAGE_FLAG.code;
        this.mmu.protectRamPage(p);
      }
    }
    this.cache.insert(tb);
    this.stats.translateSeconds += seconds;
    this.stats.irOpsBefore += code.ir.ops.length;
    this.stats.guestInsnsTranslated += code.ir.insnCount;
    // Compile-everything mode still batches: blocks translated ahead of running share a module.
    if (this.options.backend === 'wasm' && this.options.hotThreshold === 0) this.enqueue(tb, false);
    return tb;
  }

  /** Every stage of a block, translated again (for inspection after the engine let go of them). */
  private rebuild(env: number, tb: TranslationBlock<G>): RebuiltTranslation<G> {
    const code = this.frontend.translate(env, tb.pc, tb.flags, tb.maxInsns);
    const { block: irOptimized, stats: passStats } = optimize(code.ir, this.options.passes);
    return { guest: code.guest, ir: code.ir, irOptimized, passStats };
  }

  /** A paged block whose code crosses into a second page: does that page still map to the same host page? */
  private secondPageMatches(env: number, tb: TranslationBlock<G>): boolean {
    if (tb.ramPages.length < 2) return true;
    const end = BigInt.asUintN(64, tb.pc + BigInt(tb.stats.guestBytes) - 1n);
    const want = tb.hostSpans[tb.hostSpans.length - 1][1] - 1;
    return this.frontend.codeHost(env, end, tb.flags) === want;
  }

  /**
   * Shorten the running hart's run so it ends after at most `steps` more
   * instructions (a timer deadline moved closer). No effect if it already
   * ends sooner or no run is in progress for `env`.
   */
  limitRun(env: number, steps: number): void {
    if (env !== this.runningEnv) return;
    const mem = this.mmu.mem;
    const want = this.u64(env + ENV.icount) + Math.max(0, Math.floor(steps));
    if (want >= this.runLimit) return;
    // The new end is a time slice's, not a budget's: it may be passed by a block (but the old end stays a bound).
    const end = this.runLimit + this.runSlack;
    this.runLimit = want;
    const slack = end - want;
    this.runSlack = Math.min(slack, this.options.maxBlockInsns);
    mem.setI64(env + ENV.icountLimit, 0n); // leave generated code at the next block boundary; the loop restores the limit
  }

  /** An unsigned 64-bit counter in the shared memory, as a number (exact below 2^53: counts of instructions). */
  private u64(addr: number): number {
    const view = this.mmu.mem.view;
    return view.getUint32(addr + 4, true) * TWO32 + view.getUint32(addr, true);
  }

  private setU64(addr: number, n: number): void {
    const view = this.mmu.mem.view;
    view.setUint32(addr, n >>> 0, true);
    view.setUint32(addr + 4, Math.floor(n / TWO32), true);
  }

  /**
   * End the hart's current block early: generated code returns to the loop at
   * the next block boundary, which then takes pending interrupts and goes on
   * (a device raised an interrupt line, another hart's slice must start).
   */
  kick(env: number): void {
    this.mmu.mem.setI64(env + ENV.icountLimit, 0n);
  }

  /**
   * Translate the block at `pc` again with other pass options, leaving the
   * cache alone: every stage, and the WebAssembly it would compile to. For
   * comparing what each pass does to one block.
   */
  retranslate(env: number, pc: bigint, flags: number, passes: PassOptions, maxInsns = this.options.maxBlockInsns) {
    const code = this.frontend.translate(env, pc, flags, maxInsns);
    const { block: irOptimized, stats: passStats } = optimize(code.ir, passes);
    return { guest: code.guest, ir: code.ir, irOptimized, passStats, wasm: this.jit.preview(irOptimized) };
  }

  /**
   * A chain slot may point only at a block made for the same translation flags
   * and, under paging, into the same virtual page (see {@link Frontend.pagedFlags}).
   */
  private mayChain(from: TranslationBlock<G>, to: TranslationBlock<G>): boolean {
    if (from.flags !== to.flags) return false;
    if (!(from.flags & this.frontend.pagedFlags)) return true;
    return Math.floor(from.pcKey / PAGE_SIZE) === Math.floor(to.pcKey / PAGE_SIZE) && from.pcHigh === to.pcHigh;
  }

  private enqueue(tb: TranslationBlock<G>, now: boolean): void {
    if (tb.compiled) return;
    if (!tb.queued) {
      tb.queued = true;
      this.queue.push(tb);
    }
    if (now || this.queue.length >= this.options.batchSize) this.compileQueue();
  }

  /** Optimise and compile every queued block now (one module). */
  compileQueue(): void {
    const batch = this.queue.filter((tb) => tb.valid && !tb.compiled);
    this.queue.length = 0;
    if (batch.length === 0) return;
    const t0 = performance.now();
    const optimized = batch.map((tb) => {
      const { block, stats } = optimize(tb.ir, this.options.passes);
      tb.stats.irOpsOptimized = block.ops.length;
      tb.stats.translateSeconds += stats.micros / 1e6;
      this.stats.irOpsAfter += block.ops.length;
      if (this.options.keepIr) tb.keepOptimized(block, stats);
      return block;
    });
    this.stats.translateSeconds += (performance.now() - t0) / 1000;
    const compiled = this.jit.compile(batch.map((tb, i) => ({ ir: optimized[i], id: tb.id })));
    batch.forEach((tb, i) => {
      tb.compiled = compiled[i];
      tb.queued = false;
      tb.stats.hostBytes = compiled[i].hostBytes;
      if (!this.options.keepIr) tb.dropIr();
    });
  }

  /**
   * Run hart `cpu` for `maxInsns` steps — retired instructions plus traps
   * taken (exactly that many unless it stops earlier) — returning why it
   * stopped. With `slack`, a block that starts before the limit may run past
   * it by up to `slack` instructions instead of being split into
   * one-instruction blocks: machines use it for time slices, where ending
   * on a block boundary matters more than the exact count.
   */
  run(cpu: ExecCpu, maxInsns: number, slack = 0): StopReason {
    const mem = this.mmu.mem;
    const env = cpu.env;
    const icount = () => this.u64(env + ENV.icount);
    this.runningEnv = env;
    this.runLimit = icount() + Math.max(0, Math.floor(maxInsns));
    this.runSlack = Math.max(0, Math.floor(slack));
    this.setU64(env + ENV.icountLimit, this.runLimit + this.runSlack);
    const debugging = this.breakpoints.size > 0;
    let linkFrom: TranslationBlock<G> | undefined;
    let linkSlot: 0 | 1 = 0;

    for (;;) {
      // A kick zeroes the limit in env so generated code comes back here; restore it.
      if (!this.stopRequested && this.u64(env + ENV.icountLimit) !== this.runLimit + this.runSlack) {
        this.setU64(env + ENV.icountLimit, this.runLimit + this.runSlack);
      }
      if (cpu.takeInterrupt()) {
        this.stats.interrupts++;
        linkFrom = undefined;
      }
      if (cpu.waiting) return 'wfi';
      if (this.yieldRequested) {
        this.yieldRequested = false;
        return 'yield';
      }
      if (this.stopRequested) {
        this.stopRequested = false;
        return 'stop';
      }
      const now = icount();
      if (now >= this.runLimit) return 'budget';
      if (debugging) {
        const pc = cpu.pc;
        if (this.breakpoints.has(pc) && this.skipBreakpointAt !== pc) {
          this.skipBreakpointAt = pc;
          return 'breakpoint';
        }
      }
      this.skipBreakpointAt = undefined;
      // Jump-cache entries carry their block's flags (ENV.tbFlags): a change of flags need not empty the cache.
      const flags = cpu.tbFlags();
      mem.setI32(env + ENV.tbFlags, flags);
      const view = mem.view;
      const pcLo = view.getUint32(env + ENV.pc, true);
      const pcHi = view.getUint32(env + ENV.pc + 4, true);
      // Close to the end of an exact budget the full block may not fit: then a block cut to the
      // room left runs instead, which ends the budget exactly (so this happens once per run).
      const room = this.runLimit + this.runSlack - now;
      let tb: TranslationBlock<G>;
      if (debugging) tb = this.blockAt(env, pcLo, pcHi, flags, 1);
      else if (room >= this.options.maxBlockInsns) tb = this.blockAt(env, pcLo, pcHi, flags, this.options.maxBlockInsns);
      else {
        const full = this.blockAt(env, pcLo, pcHi, flags, this.options.maxBlockInsns);
        tb = full.insnCount <= room ? full : this.blockAt(env, pcLo, pcHi, flags, Math.max(1, room));
      }
      if (linkFrom && !debugging && this.mayChain(linkFrom, tb)) this.cache.link(linkFrom, linkSlot, tb);
      linkFrom = undefined;
      if (tb.queued && this.options.hotThreshold === 0) this.compileQueue();
      try {
        if (tb.compiled && this.options.backend === 'wasm') {
          if (!debugging) this.cache.fillJumpCache(env, tb);
          mem.setI32(env + ENV.exitTb, 0);
          this.jit.run(env, tb.compiled.tableIndex);
          this.stats.loopExits++;
          const exitTb = mem.i32(env + ENV.exitTb);
          if (exitTb !== 0) {
            linkFrom = this.cache.byIdLookup(exitTb - 1);
            linkSlot = mem.i32(env + ENV.exitSlot) as 0 | 1;
            this.stats.chainMisses++;
          }
        } else {
          this.setU64(env + ENV.icount, now + tb.insnCount);
          // The interpreter-only backend runs hot blocks optimised; otherwise they are compiled before the passes pay off.
          const ir = this.options.backend === 'interp' && tb.stats.interpretedRuns >= this.options.hotThreshold ? tb.irOptimized : tb.ir;
          const exit = interpretBlock(ir, { view: mem.view, env, access: this.mmu });
          this.stats.insnsInterpreted += tb.insnCount;
          tb.stats.interpretedRuns++;
          if (this.options.backend === 'wasm' && tb.maxInsns > 1) {
            const runs = tb.stats.interpretedRuns;
            if (runs >= this.options.hotThreshold) this.enqueue(tb, runs >= this.options.urgentRuns);
          }
          if (exit.kind === 'goto_tb') {
            linkFrom = tb;
            linkSlot = exit.slot;
          }
        }
      } catch (e) {
        if (!(e instanceof GuestException)) throw e;
        const unretired = mem.i32(env + ENV.faultUnretired);
        this.setU64(env + ENV.icount, icount() - unretired);
        if (!tb.compiled || this.options.backend !== 'wasm') this.stats.insnsInterpreted -= unretired;
        this.stats.exceptions++;
        // A trap retires nothing but takes time: it uses up one step of the budget, so a guest
        // stuck in a trap loop still stops when the budget runs out.
        this.runLimit -= 1;
        if (!this.stopRequested) this.setU64(env + ENV.icountLimit, this.runLimit + this.runSlack);
        cpu.takeException(e, BigInt.asUintN(64, mem.i64(env + ENV.faultPc)));
        linkFrom = undefined;
      }
    }
  }
}
