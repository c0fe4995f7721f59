import { IrBuilder } from '../../ir/builder';
import { IrBlock } from '../../ir/ir';
import { MEMORY, PAGE_BITS } from '../../exec/env';
import { GuestException } from '../../exec/guest-exception';
import { SoftMmu } from '../../memory/softmmu';
import { TB_FLAGS } from './cpu';
import { decode, insnLength } from './decoder';
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

/**
 * The RISC-V front end: fetches guest code through the softmmu, decodes it
 * and emits IR, one small translator function per instruction.
 */
export class RiscvTranslator {
  constructor(
    readonly mmu: SoftMmu,
    readonly helpers: RiscvHelpers,
    readonly xlen: 32 | 64 = 64,
    /** Translate common FP operations with an inline host-arithmetic fast path (see rv-fd.ts). */
    readonly fpFastPath = true,
  ) {}

  /** @inheritdoc */
  readonly pagedFlags = TB_FLAGS.paged;

  /** @inheritdoc */
  codeMmuIdx(flags: number): number {
    return flags & TB_FLAGS.privMask;
  }

  codeHost(env: number, pc: bigint, flags: number): number {
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
    const pages: number[] = [];
    const spans: [number, number][] = [];
    const pageSize = 1 << PAGE_BITS;
    // Offset of the next instruction in the first page, as a number: no BigInt work per instruction.
    let offset = Number(pc & BigInt(pageSize - 1));
    let cur = pc;
    /** Host address of `len` code bytes at `addr`, all in one page; records the page and span. */
    const fetch = (addr: bigint, len: number): number => {
      const host = this.mmu.fetchHost(env, addr, priv);
      const ramPage = (host - MEMORY.ramBase) >>> PAGE_BITS;
      if (!pages.includes(ramPage)) pages.push(ramPage);
      const last = spans[spans.length - 1];
      if (last && last[1] === host) last[1] = host + len;
      else spans.push([host, host + len]);
      return host;
    };

    for (;;) {
      let raw: number;
      let len: 2 | 4;
      try {
        // Both halves of a 4-byte instruction are fetched together unless it straddles a page.
        const straddles = offset === pageSize - 2;
        const host = fetch(cur, 2);
        const lo = view.getUint16(host, true);
        // 48-bit and longer encodings (bits[4:0] = 11111) are reserved: illegal, reported with their first halfword.
        len = (lo & 0x1f) === 0x1f ? 2 : insnLength(lo);
        if (len === 4) {
          // An instruction that straddles a page gets a block of its own.
          if (straddles && b.insnCount > 0) break;
          const hi = straddles ? view.getUint16(fetch(cur + 2n, 2), true) : view.getUint16(host + 2, true);
          if (!straddles) spans[spans.length - 1][1] += 2;
          raw = (lo | (hi << 16)) >>> 0;
        } else {
          raw = lo;
        }
      } catch (e) {
        if (!(e instanceof GuestException)) throw e;
        if (b.insnCount > 0) break; // the fault is taken when the next block starts
        b.insnStart(cur, 2);
        ctx.pc = cur;
        ctx.insn = illegalInsn(0, 2);
        ctx.raise(e.cause, e.tval);
        break;
      }
      b.insnStart(cur, len);
      ctx.pc = cur;
      const insn = decode(raw, this.xlen);
      guest.push({ pc: cur, raw, len, insn });
      ctx.insn = insn ?? illegalInsn(raw, len);
      const translator = insn ? TRANSLATORS[insn.op] : undefined;
      if (translator) translator(ctx, insn!);
      else ctx.illegal();
      cur = BigInt.asUintN(64, cur + (len === 4 ? 4n : 2n));
      offset += len;
      if (ctx.end !== 'none') break;
      if (b.insnCount >= maxInsns || offset >= pageSize) break;
    }
    if (ctx.end === 'none') {
      b.gotoTb(0, cur);
    }
    return { ir: b.finish(), guest, ramPages: pages, hostSpans: spans };
  }
}

function illegalInsn(raw: number, len: 2 | 4): Insn {
  return { op: 'illegal', rd: 0, rs1: 0, rs2: 0, rs3: 0, imm: 0, csr: 0, rm: 0, aq: false, rl: false, pred: 0, succ: 0, len, raw };
}
