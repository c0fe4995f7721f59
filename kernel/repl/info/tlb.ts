import { ENV, MEMORY, PAGE_BITS, TLB_ENTRIES, TLB_ENTRY, TLB_ENTRY_SIZE, TLB_MMU_MODES } from '../../../core/exec/env';
import { RiscvMachine } from '../../../core/machine/riscv-machine';

/** Tag of an entry that maps nothing. */
const INVALID_TAG = -1n;
/** Bit of an MMU index meaning "S-mode with mstatus.SUM" (see RiscvCpu.dataMmuIdx). */
const MMU_IDX_SUM = 4;
const MODE_NAME = ['U', 'S', '?', 'M'];
const KINDS = [['r', TLB_ENTRY.tagRead], ['w', TLB_ENTRY.tagWrite], ['x', TLB_ENTRY.tagExec]] as const;

const h64 = (v: bigint) => v.toString(16).padStart(16, '0');

/** One live softmmu TLB entry. */
export interface TlbRow {
  hart: number;
  mmuIdx: number;
  vaddr: bigint;
  paddr: bigint;
  perms: string;
}

/** The live entries of every hart's softmmu TLB (what generated code hits without a page walk). */
export function tlbEntries(m: RiscvMachine): TlbRow[] {
  const view = m.mem.view;
  const rows: TlbRow[] = [];
  for (const cpu of m.harts) {
    for (let idx = 0; idx < TLB_MMU_MODES; idx++) {
      for (let i = 0; i < TLB_ENTRIES; i++) {
        const e = cpu.env + ENV.tlb + (idx * TLB_ENTRIES + i) * TLB_ENTRY_SIZE;
        const addend = view.getInt32(e + TLB_ENTRY.addend, true);
        const byPage = new Map<bigint, string>();
        for (const [kind, field] of KINDS) {
          const tag = view.getBigInt64(e + field, true);
          if (tag !== INVALID_TAG) byPage.set(tag, (byPage.get(tag) ?? '') + kind);
        }
        for (const [vpn, kinds] of byPage) {
          const vaddr = BigInt.asUintN(64, vpn << BigInt(PAGE_BITS));
          const host = (Number(BigInt.asUintN(32, vaddr)) + addend) >>> 0;
          const paddr = m.bus.ramBase + BigInt(host - MEMORY.ramBase);
          const perms = KINDS.map(([k]) => (kinds.includes(k) ? k : '-')).join('');
          rows.push({ hart: cpu.hartId, mmuIdx: idx, vaddr, paddr, perms });
        }
      }
    }
  }
  return rows;
}

/**
 * `info tlb`: the softmmu TLB entries per hart and MMU index (privilege, and
 * S-mode with SUM), virtual page to physical page with the kinds of access
 * cached. Empty tables are left out.
 */
export function formatTlb(m: RiscvMachine): string {
  const rows = tlbEntries(m);
  if (rows.length === 0) return 'the TLB is empty (nothing has run since the last flush)';
  const lines: string[] = [];
  let last = '';
  for (const r of rows.sort((a, b) => a.hart - b.hart || a.mmuIdx - b.mmuIdx || (a.vaddr < b.vaddr ? -1 : 1))) {
    const head = `hart ${r.hart}, mmu index ${r.mmuIdx} (${MODE_NAME[r.mmuIdx & 3]}${r.mmuIdx & MMU_IDX_SUM ? '+SUM' : ''})`;
    if (head !== last) {
      lines.push(`${head}:`, `  ${'vaddr'.padEnd(16)} ${'paddr'.padEnd(16)} rwx`);
      last = head;
    }
    lines.push(`  ${h64(r.vaddr)} ${h64(r.paddr)} ${r.perms}`);
  }
  return lines.join('\n');
}
