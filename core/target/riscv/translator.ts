import { IrBuilder } from '../../ir/builder';
import { IrBlock } from '../../ir/ir';
import { MEMORY, PAGE_BITS } from '../../exec/env';
import { GuestException } from '../../exec/guest-exception';
import { SoftMmu } from '../../memory/softmmu';
import { TB_FLAGS } from './cpu';
import { decode, decode32Into, InsnFields, insnLength } from './decoder';
import { ENCODINGS_32 } from './encoding';
import { Insn } from './insn';
import { RiscvHelpers } from './helpers/helper-table';
import { DisasContext, InsnTranslator } from './translate/context';
import { RV_FD } from './translate/rv-fd';
import { RV_I, RV_M } from './translate/rv-i';
import { RV_SYSTEM } from './translate/rv-system';

/** One guest instruction of a block, as fetched: what the block view disassembles. */
export interface GuestInsn {
  readonly pc: bigint;
  readonly raw: number;
  readonly len: 2 | 4;
  /** The decoded instruction, or null for an illegal encoding. */
  readonly insn: Insn | null;
}

/**
 * A fetched instruction as the front end records it: the bits, and the
 * decoded instruction on first use of `insn` (display only; the translator
 * decodes into a scratch object). The bits are kept as two halfwords, small
 * integers V8 stores unboxed.
 */
class FetchedInsn implements GuestInsn {
  constructor(
    readonly pc: bigint,
    private readonly lo: number,
    private readonly hi: number,
    readonly len: 2 | 4,
    private readonly xlen: 32 | 64,
    /** The decoded instruction, or undefined until `insn` is first read. */
    private decoded: Insn | null | undefined,
  ) {}

  get raw(): number {
    return (this.lo | (this.hi << 16)) >>> 0;
  }

  get insn(): Insn | null {
    if (this.decoded === undefined) this.decoded = decode(this.raw, this.xlen);
    return this.decoded;
  }
}

/** The result of translating a block of guest code. */
export interface TranslatedCode {
  readonly ir: IrBlock;
  readonly guest: GuestInsn[];
  /** Indexes of the RAM pages (4 KiB) the code was fetched from. */
  readonly ramPages: number[];
  /** Host address ranges [start, end) of the code bytes. */
  readonly hostSpans: [number, number][];
}

/** Every instruction translator, by the decoder's base mnemonic. */
export const TRANSLATORS: Record<string, InsnTranslator> = { ...RV_I, ...RV_M, ...RV_SYSTEM, ...RV_FD };

/** Maximum guest instructions in one block (as QEMU's TCG_MAX_INSNS). */
export const MAX_BLOCK_INSNS = 512;

const PAGE_SIZE = 1 << PAGE_BITS;
const PAGE_OFFSET_MASK = BigInt(PAGE_SIZE - 1);
const LOW32 = 0xffffffffn;
const MAX_U64 = (1n << 64n) - 1n;

/** Translator of each row of ENCODINGS_32 (undefined: none, the instruction is illegal here). */
const TRANSLATORS_32: (InsnTranslator | undefined)[] = ENCODINGS_32.map((e) => TRANSLATORS[e.op]);

/**
 * Decoded compressed instructions of one XLEN by their 16 bits, shared by
 * every translator: a decode is a pure function of the bits and an `Insn` is
 * immutable. Compressed code repeats a few thousand encodings, so nearly every
 * compressed instruction is an array read.
 */
class Rvc16Cache {
  /** The decode (undefined: not decoded yet, null: illegal). */
  readonly insn: (Insn | null | undefined)[] = new Array(65536).fill(undefined);
  /** Its translator (undefined for an illegal instruction). */
  readonly fn: (InsnTranslator | undefined)[] = new Array(65536).fill(undefined);

  constructor(readonly xlen: 32 | 64) {}

  /** Decode `raw` into its slot. */
  fill(raw: number): Insn | null {
    const insn = decode(raw, this.xlen);
    this.insn[raw] = insn;
    this.fn[raw] = insn !== null ? TRANSLATORS[insn.op] : undefined;
    return insn;
  }
}

const RVC_CACHES: { 32?: Rvc16Cache; 64?: Rvc16Cache } = {};

/**
 * The RISC-V front end: fetches guest code through the softmmu, decodes it
 * and emits IR, one small translator function per instruction.
 *
 * Per instruction the loop does no MMU call (the host address of a page is
 * asked once, when the page's exec TLB entry then covers it), no allocation
 * for decoding (compressed decodes are cached and shared, 32-bit ones go into
 * a scratch object; the guest records decode lazily), and one BigInt addition
 * (the pc).
 */
export class RiscvTranslator {
  private readonly rvc: Rvc16Cache;
  /** 32-bit instructions rarely repeat in cold code: each is decoded into this one object, not cached. */
  private readonly scratch = new InsnFields();
  /** Set by `fetch`: the exec TLB maps the page just fetched from. */
  private fetchedFromTlb = false;
  /** The block being translated: RAM pages fetched from (undefined: none yet). */
  private pages: number[] | undefined = undefined;
  /** The block being translated: finished host spans of its code (undefined: none yet)... */
  private spans: [number, number][] | undefined = undefined;
  /** ...and the current one, [spanStart, spanEnd) (-1: none yet). */
  private spanStart = -1;
  private spanEnd = -1;

  constructor(
    readonly mmu: SoftMmu,
    readonly helpers: RiscvHelpers,
    readonly xlen: 32 | 64 = 64,
    /** Translate common FP operations with an inline host-arithmetic fast path (see rv-fd.ts). */
    readonly fpFastPath = true,
  ) {
    this.rvc = RVC_CACHES[xlen] ??= new Rvc16Cache(xlen);
  }

  /** @inheritdoc */
  readonly pagedFlags = TB_FLAGS.paged;

  /** @inheritdoc */
  codeMmuIdx(flags: number): number {
    return flags & TB_FLAGS.privMask;
  }

  codeHost(env: number, pc: bigint, flags: number): number {
    const hit = this.execTlbHost(env, pc, flags & TB_FLAGS.privMask);
    if (hit >= 0) return hit;
    try {
      return this.mmu.fetchHost(env, pc, flags & TB_FLAGS.privMask);
    } catch (e) {
      if (e instanceof GuestException) return -1;
      throw e;
    }
  }

  /**
   * Translate the block starting at `pc` for a hart in the state `flags`
   * describes. A block ends at a control transfer, an instruction that changes
   * translation state, a page boundary, or after `maxInsns` instructions.
   */
  translate(env: number, pc: bigint, flags: number, maxInsns = MAX_BLOCK_INSNS): TranslatedCode {
    const b = new IrBuilder(pc);
    const priv = flags & TB_FLAGS.privMask;
    const ctx = new DisasContext(b, this.helpers, flags, this.xlen, this.fpFastPath);
    const view = this.mmu.mem.view;
    const guest: GuestInsn[] = [];
    this.pages = undefined;
    this.spans = undefined;
    this.spanStart = this.spanEnd = -1;
    // Offset of the next instruction in the first page, as a number: no BigInt work per instruction.
    let offset = Number(pc & PAGE_OFFSET_MASK);
    // Host address of the page's first byte while its exec TLB entry covers every fetch in it (else -1).
    let pageHost = -1;
    let cur = pc;
    // Whether cur is in [0, 2^64) already (a caller's pc normally is).
    let inRange = pc >= 0n && pc <= MAX_U64;

    for (;;) {
      let raw: number;
      let len: 2 | 4;
      try {
        // Both halves of a 4-byte instruction are fetched together unless it straddles a page.
        const straddles = offset === PAGE_SIZE - 2;
        let host: number;
        if (pageHost >= 0) {
          // Same page as the last instruction, which ended where this one starts: its span grows.
          host = pageHost + offset;
          this.spanEnd = host + 2;
        } else {
          host = this.fetch(env, cur, priv);
          if (this.fetchedFromTlb) pageHost = host - offset;
        }
        const lo = view.getUint16(host, true);
        // 48-bit and longer encodings (bits[4:0] = 11111) are reserved: illegal, reported with their first halfword.
        len = (lo & 0x1f) === 0x1f ? 2 : insnLength(lo);
        if (len === 4) {
          // An instruction that straddles a page gets a block of its own.
          if (straddles && b.insnCount > 0) break;
          const hi = straddles
            ? view.getUint16(this.fetch(env, BigInt.asUintN(64, cur + 2n), priv), true)
            : view.getUint16(host + 2, true);
          if (!straddles) this.spanEnd += 2;
          raw = (lo | (hi << 16)) >>> 0;
        } else {
          raw = lo;
        }
      } catch (e) {
        if (!(e instanceof GuestException)) throw e;
        if (b.insnCount > 0) break; // the fault is taken when the next block starts
        b.insnStart(cur, 2);
        ctx.pc = cur;
        ctx.nextPc = BigInt.asUintN(64, cur + 2n);
        ctx.insn = illegalInsn(0, 2);
        ctx.raise(e.cause, e.tval);
        break;
      }
      offset += len;
      // pc + len modulo 2^64: within a page a canonical pc cannot pass 2^64, only the page's end can be 2^64 itself.
      const next = offset >= PAGE_SIZE || !inRange ? BigInt.asUintN(64, cur + BigInt(len)) : cur + (len === 4 ? 4n : 2n);
      inRange = true;
      b.insnStart(cur, len);
      ctx.pc = cur;
      ctx.nextPc = next;
      let insn: Insn | null | undefined;
      let translator: InsnTranslator | undefined;
      if (len === 2) {
        insn = this.rvc.insn[raw];
        if (insn === undefined) insn = this.rvc.fill(raw);
        translator = this.rvc.fn[raw];
        guest.push(new FetchedInsn(cur, raw, 0, 2, this.xlen, insn));
      } else {
        const row = decode32Into(raw, this.xlen, this.scratch);
        insn = row >= 0 ? this.scratch : null;
        translator = row >= 0 ? TRANSLATORS_32[row] : undefined;
        guest.push(new FetchedInsn(cur, raw & 0xffff, raw >>> 16, 4, this.xlen, undefined));
      }
      ctx.insn = insn ?? illegalInsn(raw, len);
      if (translator !== undefined) translator(ctx, insn!);
      else ctx.illegal();
      cur = next;
      if (ctx.end !== 'none') break;
      if (b.insnCount >= maxInsns || offset >= PAGE_SIZE) break;
    }
    if (ctx.end === 'none') {
      b.gotoTb(0, cur);
    }
    // (Cast: TypeScript keeps the narrowing of the reset above across the fetch calls.)
    const spans = (this.spans as [number, number][] | undefined) ?? [];
    if (this.spanStart >= 0) spans.push([this.spanStart, this.spanEnd]);
    const pages = (this.pages as number[] | undefined) ?? [];
    this.pages = this.spans = undefined;
    return { ir: b.finish(), guest, ramPages: pages, hostSpans: spans };
  }

  /**
   * Host address of 2 code bytes at `addr`, as `SoftMmu.fetchHost` gives it
   * (which may throw the fetch fault); records the page and the span. Sets
   * `fetchedFromTlb` when the exec TLB maps the page, so that every fetch in
   * it would hit and need not be asked for.
   */
  private fetch(env: number, addr: bigint, priv: number): number {
    let host = this.execTlbHost(env, addr, priv);
    if (host < 0) {
      host = this.mmu.fetchHost(env, addr, priv);
      // Unless the translation held for part of the page only (a PMP boundary in it), it is now in the TLB.
      this.fetchedFromTlb = this.execTlbHost(env, addr, priv) >= 0;
    } else {
      this.fetchedFromTlb = true;
    }
    const ramPage = (host - MEMORY.ramBase) >>> PAGE_BITS;
    if (this.pages === undefined) this.pages = [ramPage];
    else if (!this.pages.includes(ramPage)) this.pages.push(ramPage);
    if (this.spanEnd === host) {
      this.spanEnd = host + 2;
    } else {
      if (this.spanStart >= 0) (this.spans ??= []).push([this.spanStart, this.spanEnd]);
      this.spanStart = host;
      this.spanEnd = host + 2;
    }
    return host;
  }

  /**
   * The host address of `addr` when the exec TLB of `env` maps its page for
   * `mmuIdx`, else -1 (the softmmu's TLB hit path, without BigInt work beyond
   * splitting the address).
   */
  private execTlbHost(env: number, addr: bigint, mmuIdx: number): number {
    // (A negative, i.e. not yet canonical, addr never matches: fetchHost then handles it.)
    if (addr < 0n) return -1;
    return this.mmu.fetchHostHit(env, Number(addr & LOW32), Number(addr >> 32n), mmuIdx);
  }
}

function illegalInsn(raw: number, len: 2 | 4): Insn {
  return { op: 'illegal', rd: 0, rs1: 0, rs2: 0, rs3: 0, imm: 0, csr: 0, rm: 0, aq: false, rl: false, pred: 0, succ: 0, len, raw };
}
