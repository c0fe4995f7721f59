import { ENV } from '../../../exec/env';
import { GuestException } from '../../../exec/guest-exception';
import { HelperInfo, IrType } from '../../../ir/ir';
import { SoftMmu } from '../../../memory/softmmu';
import { RiscvCpu } from '../cpu';
import { readCsr, readModifyWriteBase, writeCsr } from '../csr';
import { EXC, MSTATUS, PRIV } from '../spec';
import { RV_ENV } from '../cpu-layout';
import { CSR } from '../csr-numbers';
import { createFpHelpers, FpHelpers } from './fp-helpers';

/** What the helpers need from the machine around them. */
export interface RiscvRuntime {
  /** The hart whose code is running now. */
  current: RiscvCpu;
  readonly mmu: SoftMmu;
  /** The hart's address translation changed: drop its TLB and jump cache. */
  flushTlb(cpu: RiscvCpu): void;
  /** The mapping of virtual address `vaddr` may have changed: drop what the TLB and jump cache hold from it. */
  flushTlbMapping(cpu: RiscvCpu, vaddr: bigint): void;
  /** `wfi` retired: let the machine skip to the next event. */
  waitForInterrupt(cpu: RiscvCpu): void;
}

/**
 * CSRs whose writes affect later instructions only through the translation
 * flags or pending interrupts, both checked after the write: the block may go
 * on after writing them when neither changed (Linux saves and restores
 * `sstatus.SIE` around every spinlock). Writes to any other CSR end the block.
 */
const CSRS_WITHOUT_SIDE_EFFECTS: ReadonlySet<number> = new Set([
  CSR.sstatus, CSR.sie, CSR.sip, CSR.sscratch, CSR.sepc, CSR.scause, CSR.stval, CSR.stvec,
  CSR.mstatus, CSR.mie, CSR.mip, CSR.mscratch, CSR.mepc, CSR.mcause, CSR.mtval, CSR.mtvec,
]);

/** CSR instruction kinds for the `csr` helper's mode argument. */
export const CSR_OP = { write: 0, set: 1, clear: 2, read: 4, doWrite: 8 } as const;

/** AMO operations for the `amo` helper's op argument. */
export const AMO_OP = {
  swap: 0, add: 1, xor: 2, and: 3, or: 4, min: 5, max: 6, minu: 7, maxu: 8,
} as const;

type Fn = (...args: any[]) => any;

function helper(name: string, args: IrType[], ret: IrType | undefined, fn: Fn, opts: Partial<HelperInfo> = {}): HelperInfo {
  return { name, args, ret, fn, mayRaise: true, readsEnv: true, writesEnv: false, pure: false, ...opts };
}

/** The helper functions RISC-V translation calls, bound to one machine's runtime. */
export interface RiscvHelpers extends FpHelpers {
  raise: HelperInfo;
  csr: HelperInfo;
  mret: HelperInfo;
  sret: HelperInfo;
  wfi: HelperInfo;
  sfenceVma: HelperInfo;
  lr: HelperInfo;
  sc: HelperInfo;
  amo: HelperInfo;
}

function memSize(sizeMmu: number): 4 | 8 {
  return (sizeMmu & 0xff) as 4 | 8;
}

/** Create the helpers for a machine. */
export function createRiscvHelpers(rt: RiscvRuntime): RiscvHelpers {
  const mmu = rt.mmu;
  const unretired = (cpu: RiscvCpu) => mmu.mem.i32(cpu.env + ENV.faultUnretired);

  const amoCheck = (addr: bigint, size: number) => {
    if (addr & BigInt(size - 1)) throw new GuestException(EXC.storeAddressMisaligned, addr);
  };

  return {
    ...createFpHelpers(rt),
    raise: helper('raise_exception', ['i32', 'i64'], undefined, (cause: number, tval: bigint) => {
      throw new GuestException(cause, BigInt.asUintN(64, tval));
    }, { readsEnv: false }),

    csr: helper('csr', ['i32', 'i64', 'i32', 'i32'], 'i64', (num: number, value: bigint, raw: number, mode: number) => {
      const cpu = rt.current;
      const u = unretired(cpu);
      const doWrite = (mode & CSR_OP.doWrite) !== 0;
      let old = 0n;
      if (mode & CSR_OP.read) old = readCsr(cpu, num, raw, u, doWrite);
      if (doWrite) {
        const op = mode & 3;
        const base = op === CSR_OP.write ? 0n : readModifyWriteBase(cpu, num, old);
        const v = op === CSR_OP.write ? value : op === CSR_OP.set ? base | value : base & ~value;
        const flagsBefore = cpu.tbFlags();
        const flush = writeCsr(cpu, num, v, raw, u).flushTlb === true;
        if (flush) rt.flushTlb(cpu);
        const goOn = !flush && CSRS_WITHOUT_SIDE_EFFECTS.has(num) && cpu.tbFlags() === flagsBefore && cpu.pendingInterrupt() < 0;
        mmu.mem.setI32(cpu.env + RV_ENV.csrExit, goOn ? 0 : 1);
      }
      return BigInt.asIntN(64, old);
    }, { writesEnv: true }),

    mret: helper('mret', [], undefined, () => rt.current.mret(), { writesEnv: true }),
    sret: helper('sret', [], undefined, () => rt.current.sret(), { writesEnv: true }),

    wfi: helper('wfi', ['i32'], undefined, (raw: number) => {
      const cpu = rt.current;
      const tw = (cpu.csr.mstatus & MSTATUS.TW) !== 0n;
      if (cpu.priv === PRIV.U || (cpu.priv === PRIV.S && tw)) {
        throw new GuestException(EXC.illegalInstruction, BigInt(raw >>> 0));
      }
      rt.waitForInterrupt(cpu);
    }),

    sfenceVma: helper('sfence_vma', ['i32', 'i64'], undefined, (raw: number, vaddr: bigint) => {
      const cpu = rt.current;
      if (cpu.priv === PRIV.U || (cpu.priv === PRIV.S && (cpu.csr.mstatus & MSTATUS.TVM))) {
        throw new GuestException(EXC.illegalInstruction, BigInt(raw >>> 0));
      }
      // rs1 = x0 flushes every address; otherwise only the mappings of rs1's address
      // (Linux's flush of one page after changing its PTE). The ASID in rs2 is not used:
      // flushing other address spaces' entries too is always allowed.
      if (((raw >>> 15) & 31) === 0) rt.flushTlb(cpu);
      else rt.flushTlbMapping(cpu, vaddr);
    }),

    lr: helper('lr', ['i64', 'i32'], 'i64', (addr: bigint, sizeMmu: number) => {
      const cpu = rt.current;
      const size = memSize(sizeMmu);
      addr = BigInt.asUintN(64, addr);
      if (addr & BigInt(size - 1)) throw new GuestException(EXC.loadAddressMisaligned, addr);
      const v = mmu.load(cpu.env, addr, size, true, sizeMmu >> 8);
      cpu.reservation = addr;
      cpu.reservationValue = v;
      return v;
    }),

    sc: helper('sc', ['i64', 'i64', 'i32'], 'i64', (addr: bigint, value: bigint, sizeMmu: number) => {
      const cpu = rt.current;
      const size = memSize(sizeMmu);
      addr = BigInt.asUintN(64, addr);
      amoCheck(addr, size);
      const mmuIdx = sizeMmu >> 8;
      let ok = cpu.reservation === addr;
      cpu.reservation = -1n;
      if (!ok) return 1n;
      // Harts take turns, so another hart's store to the reserved word shows as a changed
      // value: compare it (as QEMU does with a compare-and-swap).
      mmu.probeWrite(cpu.env, addr, mmuIdx);
      ok = mmu.load(cpu.env, addr, size, true, mmuIdx) === cpu.reservationValue;
      if (!ok) return 1n;
      mmu.store(cpu.env, addr, value, size, mmuIdx);
      return 0n;
    }),

    amo: helper('amo', ['i32', 'i64', 'i64', 'i32'], 'i64', (op: number, addr: bigint, src: bigint, sizeMmu: number) => {
      const cpu = rt.current;
      const size = memSize(sizeMmu);
      const mmuIdx = sizeMmu >> 8;
      addr = BigInt.asUintN(64, addr);
      amoCheck(addr, size);
      // Faults of an AMO are store/AMO faults: check write access before reading.
      mmu.probeWrite(cpu.env, addr, mmuIdx);
      const old = mmu.load(cpu.env, addr, size, true, mmuIdx);
      const bits = size * 8;
      const a = BigInt.asIntN(bits, old);
      const b = BigInt.asIntN(bits, src);
      const ua = BigInt.asUintN(bits, old);
      const ub = BigInt.asUintN(bits, src);
      let r: bigint;
      switch (op) {
        case AMO_OP.swap: r = b; break;
        case AMO_OP.add: r = a + b; break;
        case AMO_OP.xor: r = a ^ b; break;
        case AMO_OP.and: r = a & b; break;
        case AMO_OP.or: r = a | b; break;
        case AMO_OP.min: r = a < b ? a : b; break;
        case AMO_OP.max: r = a > b ? a : b; break;
        case AMO_OP.minu: r = ua < ub ? ua : ub; break;
        default: r = ua > ub ? ua : ub; break;
      }
      mmu.store(cpu.env, addr, r, size, mmuIdx);
      return a;
    }),
  };
}
