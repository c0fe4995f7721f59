import { BlockView, RiscvMachine } from '../../core/machine/riscv-machine';
import { GuestException } from '../../core/exec/guest-exception';
import { EXC } from '../../core/target/riscv/spec';
import { PassOptions } from '../../core/ir/passes/pipeline';
import { mimeBundle, MimeBundle } from '../display';
import { hex, toAddress } from './number-format';
import { escapeHtml, sideBySide, TABLE_STYLE } from './table';

/** One stage of a block's translation, as lines of text. */
export interface BlockStage {
  stage: 'guest' | 'IR' | 'optimised IR' | 'WebAssembly';
  lines: string[];
}

/** Options of {@link blockView}. */
export interface BlockViewOptions {
  /** Retranslate with these pass options (the cache is untouched), to see what each pass does. */
  passes?: PassOptions;
  /** Widest column in the text form (default 56; longer lines end in '…'). */
  columnWidth?: number;
}

/** A translated block: guest code → IR → optimised IR → WebAssembly, side by side. */
export class TranslatedBlockView {
  constructor(
    /** The machine's own view of the block (core's BlockView). */
    readonly block: BlockView,
    private readonly columnWidth = 56,
  ) {}

  /** The four stages as plain rows. */
  get rows(): BlockStage[] {
    const b = this.block;
    return [
      { stage: 'guest', lines: b.guest },
      { stage: 'IR', lines: b.ir.split('\n') },
      { stage: 'optimised IR', lines: b.irOptimized.split('\n') },
      { stage: 'WebAssembly', lines: (b.wasm ?? '(not compiled yet: the block has run too few times)').split('\n') },
    ];
  }

  /** Sizes and cost in one line. */
  get summary(): string {
    const s = this.block.stats;
    if (this.block.guest.length === 0) {
      return `block ${hex(this.block.pc)}: no guest instructions: fetching there faults, so the block only raises the exception (see the IR)`;
    }
    return `block ${hex(this.block.pc)}: ${s.guestInsns} guest insns (${s.guestBytes} B), IR ${s.irOps} → ${s.irOpsOptimized} ops, `
      + `${s.hostBytes ? `${s.hostBytes} B WebAssembly` : 'not compiled'}, translated in ${(s.translateSeconds * 1e6).toFixed(0)} µs`;
  }

  toString(): string {
    return `${this.summary}\n${sideBySide(this.rows.map((r) => ({ header: r.stage, text: r.lines.join('\n') })), this.columnWidth)}`;
  }

  [mimeBundle](): MimeBundle {
    const cell = `${TABLE_STYLE.td};border-right:1px solid #ddd`;
    const head = this.rows.map((r) => `<th style="${TABLE_STYLE.th}">${escapeHtml(r.stage)}</th>`).join('');
    const body = this.rows.map((r) => `<td style="${cell}"><pre style="${TABLE_STYLE.pre}">${escapeHtml(r.lines.join('\n'))}</pre></td>`).join('');
    const html = `<table style="${TABLE_STYLE.table}"><caption style="${TABLE_STYLE.caption}">${escapeHtml(this.summary)}</caption>`
      + `<thead><tr>${head}</tr></thead><tbody><tr>${body}</tr></tbody></table>`;
    return { 'text/plain': this.toString(), 'text/html': html };
  }
}

/**
 * The translated block at `pc` (default: hart 0's pc), every stage side by
 * side: guest disassembly, IR, IR after the passes, WebAssembly text. With
 * `passes`, the block is translated afresh with those passes switched on or
 * off (the cache is untouched):
 *
 * ```ts
 * blockView(m)
 * blockView(m, m.cpu.pc, { passes: { envForwarding: false } })
 * ```
 */
export function blockView(m: RiscvMachine, pc?: bigint | number | string, options: BlockViewOptions = {}): TranslatedBlockView {
  const at = pc === undefined ? m.cpu.pc : toAddress(pc, 'pc');
  let block: BlockView;
  try {
    block = m.inspectBlock(at, options.passes ? { passes: options.passes } : {});
  } catch (e) {
    if (e instanceof GuestException) {
      const name = Object.entries(EXC).find(([, c]) => c === e.cause)?.[0] ?? `cause ${e.cause}`;
      throw new RangeError(`cannot translate a block at ${hex(at)}: fetching there raises ${name} (tval ${hex(e.tval)})`);
    }
    throw new RangeError(`cannot translate a block at ${hex(at)}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return new TranslatedBlockView(block, options.columnWidth);
}
