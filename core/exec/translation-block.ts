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
 * A pc as a number key: its low 53 bits (exact in a double). Pcs that differ
 * only above bit 52 share a key; the cache tells them apart by the high word.
 */
export function pcKey(pc: bigint): number {
  return Number(BigInt.asUintN(53, pc));
}

/** The key of the pc whose unsigned 32-bit halves are `lo` and `hi` (same as {@link pcKey}). */
export function pcKeyOf(lo: number, hi: number): number {
  return (hi & PC_KEY_HIGH_MASK) * 2 ** 32 + lo;
}

/** Bits of a pc's high word that are part of its key (53 − 32). */
const PC_KEY_HIGH_MASK = (1 << 21) - 1;

/** What a block is rebuilt from when its translation products were let go (see {@link TranslationBlock.dropIr}). */
export interface RebuiltTranslation<G extends FetchedInsn = FetchedInsn> {
  readonly guest: G[];
  readonly ir: IrBlock;
  readonly irOptimized: IrBlock;
  readonly passStats: PassStats;
}

/**
 * A translated block: the unit the translation cache holds, chains and
 * invalidates. Every stage of its translation stays available for inspection:
 * `guest` → `ir` → `irOptimized` → `compiled` (WebAssembly). Only what running
 * needs is kept for every block; the other stages are rebuilt on demand (a
 * boot makes tens of thousands of blocks, and every object kept alive makes
 * garbage collection slower).
 */
export class TranslationBlock<G extends FetchedInsn = FetchedInsn> {
  /** Still in the cache (false after invalidation or a flush). */
  valid = true;
  /** The WebAssembly function, once compiled. */
  compiled?: CompiledBlock;
  /** The successors this block's chain slots point at. */
  readonly outgoing: [TranslationBlock<G> | undefined, TranslationBlock<G> | undefined] = [undefined, undefined];
  /** Queued for compilation. */
  queued = false;
  /** {@link pc} as the cache's key (see {@link pcKey}) and its high 32 bits, so lookups need no BigInt. */
  readonly pcKey: number;
  readonly pcLow: number;
  readonly pcHigh: number;
  private incomingKept?: { tb: TranslationBlock<G>; slot: 0 | 1 }[];
  private guestKept?: G[];
  private irKept?: IrBlock;
  private irOptimizedKept?: IrBlock;
  private passStatsKept?: PassStats;

  constructor(
    /** Chain-slot id (reused after a flush). */
    readonly id: number,
    /** Guest virtual pc of the first instruction. */
    readonly pc: bigint,
    /** The hart's translation flags it was made for. */
    readonly flags: number,
    /** Maximum instructions it was allowed (1 for single-step blocks). */
    readonly maxInsns: number,
    /** RAM pages holding its code. */
    readonly ramPages: number[],
    /** Host address ranges [start, end) of its code bytes. */
    readonly hostSpans: [number, number][],
    readonly stats: BlockStats,
    /**
     * Translates the block again (same pc, flags and code, so the same
     * result): the stages let go of are rebuilt from it.
     */
    readonly rebuild: (tb: TranslationBlock<G>) => RebuiltTranslation<G>,
    /** IR as translated, kept until {@link dropIr}. */
    ir?: IrBlock,
  ) {
    this.irKept = ir;
    this.pcKey = pcKey(pc);
    this.pcLow = this.pcKey >>> 0;
    this.pcHigh = Number(BigInt.asUintN(64, pc) >> 32n);
  }

  /** Number of guest instructions. */
  get insnCount(): number {
    return this.stats.guestInsns;
  }

  /** Blocks whose chain slot points at this one. */
  get incoming(): { tb: TranslationBlock<G>; slot: 0 | 1 }[] {
    return (this.incomingKept ??= []);
  }

  /** Guest instructions (decoded again when asked for). */
  get guest(): G[] {
    return this.guestKept ?? this.regenerate().guest;
  }

  /** IR as translated. */
  get ir(): IrBlock {
    return this.irKept ?? this.regenerate().ir;
  }

  /** IR after the optimisation passes: what the WebAssembly backend compiles. */
  get irOptimized(): IrBlock {
    return this.irOptimizedKept ?? this.regenerate().irOptimized;
  }

  /** What the passes did. */
  get passStats(): PassStats {
    return this.passStatsKept ?? this.regenerate().passStats;
  }

  /** The optimised IR was just made (to compile the block): keep it and its stats until {@link dropIr}. */
  keepOptimized(irOptimized: IrBlock, passStats: PassStats): void {
    this.irOptimizedKept = irOptimized;
    this.passStatsKept = passStats;
  }

  /**
   * Let go of both IRs (after compilation nothing runs them): keeping millions
   * of IR ops alive makes every garbage collection slow. They are rebuilt on demand.
   */
  dropIr(): void {
    this.irKept = undefined;
    this.irOptimizedKept = undefined;
    this.passStatsKept = undefined;
    this.guestKept = undefined;
  }

  /** Rebuild every stage and keep them (a block being inspected is likely to be inspected again). */
  private regenerate(): RebuiltTranslation<G> {
    const r = this.rebuild(this);
    this.guestKept = r.guest;
    this.irKept = r.ir;
    this.irOptimizedKept = r.irOptimized;
    this.passStatsKept = r.passStats;
    return r;
  }
}
