import { IrBlock } from '../ir/ir';
import { PassStats } from '../ir/passes/pipeline';
import { CompiledBlock } from '../backend/wasm/wasm-jit';

/** A guest instruction as fetched for a block (the target decodes it for display). */
export interface FetchedInsn {
  readonly pc: bigint;
  readonly raw: number;
  readonly len: number;
}

/** What a front end returns for a block of guest code. */
export interface TranslatedCode<G extends FetchedInsn = FetchedInsn> {
  readonly ir: IrBlock;
  readonly guest: G[];
  /** Indexes of the RAM pages the code was fetched from. */
  readonly ramPages: number[];
  /** Host address ranges [start, end) of the code's bytes, for precise invalidation on writes. */
  readonly hostSpans: [number, number][];
}

/** Counters of one block, as plain data. */
export interface BlockStats {
  guestInsns: number;
  guestBytes: number;
  irOps: number;
  irOpsOptimized: number;
  hostBytes: number;
  /** Seconds to decode and translate to IR, and to run the passes. */
  translateSeconds: number;
  /** Times run by the interpreter (runs as WebAssembly are not counted one by one). */
  interpretedRuns: number;
}

/**
 * A translated block: the unit the translation cache holds, chains and
 * invalidates. Every stage of its translation stays available for inspection:
 * `guest` → `ir` → `irOptimized` → `compiled` (WebAssembly).
 */
export class TranslationBlock<G extends FetchedInsn = FetchedInsn> {
  /** Still in the cache (false after invalidation or a flush). */
  valid = true;
  /** The WebAssembly function, once compiled. */
  compiled?: CompiledBlock;
  /** Blocks whose chain slot points at this one. */
  readonly incoming: { tb: TranslationBlock<G>; slot: 0 | 1 }[] = [];
  /** The successors this block's chain slots point at. */
  readonly outgoing: [TranslationBlock<G> | undefined, TranslationBlock<G> | undefined] = [undefined, undefined];
  /** Queued for compilation. */
  queued = false;

  constructor(
    /** Chain-slot id (reused after a flush). */
    readonly id: number,
    /** Guest virtual pc of the first instruction. */
    readonly pc: bigint,
    /** The hart's translation flags it was made for. */
    readonly flags: number,
    /** Maximum instructions it was allowed (1 for single-step blocks). */
    readonly maxInsns: number,
    /** Guest instructions. */
    readonly guest: G[],
    ir: IrBlock,
    irOptimized: IrBlock,
    /** What the passes did. */
    readonly passStats: PassStats,
    /** RAM pages holding its code. */
    readonly ramPages: number[],
    /** Host address ranges [start, end) of its code bytes. */
    readonly hostSpans: [number, number][],
    readonly stats: BlockStats,
  ) {
    this.irKept = ir;
    this.irOptimizedKept = irOptimized;
  }

  /** Number of guest instructions. */
  get insnCount(): number {
    return this.stats.guestInsns;
  }

  /**
   * Translates the block again, for its IR once {@link dropIr} let it go (the
   * engine sets it: same pc, flags and code, so the same IR).
   */
  retranslate?: () => { ir: IrBlock; irOptimized: IrBlock };
  private irKept?: IrBlock;
  private irOptimizedKept?: IrBlock;

  /** IR as translated. */
  get ir(): IrBlock {
    return this.irKept ?? this.regenerate().ir;
  }

  /** IR after the optimisation passes: what the backends run. */
  get irOptimized(): IrBlock {
    return this.irOptimizedKept ?? this.regenerate().irOptimized;
  }

  /**
   * Let go of both IRs (after compilation nothing runs them): a booting guest
   * has tens of thousands of blocks, and keeping millions of IR ops alive
   * makes every garbage collection slow. They are rebuilt on demand.
   */
  dropIr(): void {
    if (!this.retranslate) return;
    this.irKept = undefined;
    this.irOptimizedKept = undefined;
  }

  private regenerate(): { ir: IrBlock; irOptimized: IrBlock } {
    if (!this.retranslate) throw new Error(`block at 0x${this.pc.toString(16)} has no IR to rebuild`);
    return this.retranslate();
  }
}
