import { MEMORY, PAGE_BITS } from '../../exec/env';
import { GuestException } from '../../exec/guest-exception';
import { PAGE_FLAG } from '../../memory/bus';
import { Access, AddressTranslation, SoftMmu } from '../../memory/softmmu';
import { RiscvCpu } from './cpu';
import { PageTableMemory, PageTableWalker, pagingLevels, SATP, WalkResult } from './page-table';
import { PmpResult, PmpRules } from './pmp';
import { EXC, MSTATUS, PRIV } from './spec';

const ACCESS_FAULT = [EXC.loadAccessFault, EXC.storeAccessFault, EXC.instructionAccessFault];
const PAGE_FAULT = [EXC.loadPageFault, EXC.storePageFault, EXC.instructionPageFault];
/** RV64 physical addresses have 56 bits. */
const PHYS_LIMIT = 1n << 56n;
/** Bit of an MMU index that means "S-mode with mstatus.SUM set" (see RiscvCpu.dataMmuIdx). */
const MMU_IDX_SUM = 4;

/**
 * RISC-V address translation for the softmmu: Bare, Sv39, Sv48 and Sv57
 * (`satp.MODE`), with PMP on every physical access including page-table
 * reads. An MMU index is the effective privilege in bits 0-1 (0 U, 1 S, 3 M)
 * plus 4 for S-mode with mstatus.SUM.
 */
export class RiscvAddressTranslation implements AddressTranslation {
  /** False when the last translation must not be kept in a TLB (a PMP boundary inside the page). */
  lastCacheable = true;
  lastSpanBits = 0;
  /** The page-table walker (available once a softmmu has attached). */
  walker?: PageTableWalker;
  private readonly pmpByEnv = new Map<number, PmpRules>();

  constructor(
    /** The hart that owns an env (for satp, privilege, mstatus and PMP). */
    readonly cpuOf: (env: number) => RiscvCpu,
  ) {}

  /** Called by the softmmu: page tables are read from its RAM, and PTE write-backs respect its code tracking. */
  attach(mmu: SoftMmu): void {
    const bus = mmu.bus;
    const memory: PageTableMemory = {
      get view() { return mmu.mem.view; },
      ramBase: Number(bus.ramBase),
      ramSize: mmu.mem.ramSize,
      hostBase: MEMORY.ramBase,
      pteWritten(host: number): void {
        const page = (host - MEMORY.ramBase) >>> PAGE_BITS;
        if (bus.pageFlags[page] & PAGE_FLAG.code) {
          mmu.stats.codeWrites++;
          if (!mmu.onCodeWrite(page, host, 8)) bus.pageFlags[page] &= ~PAGE_FLAG.code;
        }
      },
    };
    this.walker = new PageTableWalker(memory);
  }

  /** The decoded PMP entries of a hart, brought up to date with its CSRs. */
  pmpRules(cpu: RiscvCpu): PmpRules {
    let rules = this.pmpByEnv.get(cpu.env);
    if (!rules) {
      rules = new PmpRules();
      this.pmpByEnv.set(cpu.env, rules);
    }
    rules.sync(cpu.csr.pmpcfg, cpu.csr.pmpaddr);
    return rules;
  }

  translate(env: number, vaddr: bigint, access: Access, mmuIdx: number, size = 1): bigint {
    const cpu = this.cpuOf(env);
    const priv = mmuIdx & 3;
    const pmp = this.pmpRules(cpu);
    let paddr = vaddr;
    this.lastSpanBits = 0;
    const satp = cpu.csr.satp;
    if (priv !== PRIV.M && pagingLevels(Number(satp >> SATP.MODE_SHIFT)) !== 0) {
      const walker = this.walker;
      if (!walker) throw new Error('RiscvAddressTranslation: no softmmu attached');
      const sum = (mmuIdx & MMU_IDX_SUM) !== 0;
      const mxr = (cpu.csr.mstatus & MSTATUS.MXR) !== 0n;
      const r = walker.walk(satp, vaddr, access, priv, sum, mxr, pmp);
      if (r === WalkResult.PageFault) throw new GuestException(PAGE_FAULT[access], vaddr);
      if (r === WalkResult.AccessFault) throw this.accessFault(access, vaddr);
      paddr = walker.paddr;
      this.lastSpanBits = PAGE_BITS + walker.leafLevel * 9;
    } else if (vaddr >= PHYS_LIMIT) {
      throw this.accessFault(access, vaddr);
    }
    const p = pmp.check(Number(paddr), size, access, priv);
    if (p === PmpResult.Denied) throw this.accessFault(access, vaddr);
    this.lastCacheable = p === PmpResult.Allowed;
    return paddr;
  }

  accessFault(access: Access, vaddr: bigint): GuestException {
    return new GuestException(ACCESS_FAULT[access], vaddr);
  }
}
