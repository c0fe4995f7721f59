import { GuestException } from '../../exec/guest-exception';
import { CSR, HPM, PMP_ADDR_COUNT, PMP_CFG_COUNT } from './csr-numbers';
import { RiscvCpu } from './cpu';
import { pagingLevels, SATP, SATP_MODE } from './page-table';
import { PMP_A, PMP_ENTRIES, PMPCFG, pmpCfgByte } from './pmp';
import { EXC, MSTATUS, PRIV } from './spec';

/** mstatus bits software may write (M, S and U modes, F/D, no V). */
const MSTATUS_WRITABLE =
  MSTATUS.SIE | MSTATUS.MIE | MSTATUS.SPIE | MSTATUS.MPIE | MSTATUS.SPP | MSTATUS.MPP | MSTATUS.FS |
  MSTATUS.MPRV | MSTATUS.SUM | MSTATUS.MXR | MSTATUS.TVM | MSTATUS.TW | MSTATUS.TSR;
/** The subset of mstatus visible as sstatus. */
const SSTATUS_MASK =
  MSTATUS.SIE | MSTATUS.SPIE | MSTATUS.UBE | MSTATUS.SPP | MSTATUS.VS | MSTATUS.FS | MSTATUS.XS |
  MSTATUS.SUM | MSTATUS.MXR | MSTATUS.UXL | MSTATUS.SD;
const SSTATUS_WRITABLE = MSTATUS.SIE | MSTATUS.SPIE | MSTATUS.SPP | MSTATUS.FS | MSTATUS.SUM | MSTATUS.MXR;
/** Interrupt bits that exist: SSI, MSI, STI, MTI, SEI, MEI. */
const IRQ_BITS = 0xaaan;
const S_IRQ_BITS = 0x222n;
/** mip bits M-mode software may write: SSIP, STIP, SEIP. */
const MIP_WRITABLE = 0x222n;
/** Exceptions that may be delegated (all but ecall-from-M and the reserved 10/14). */
const MEDELEG_WRITABLE = 0xb3ffn;
/** pmpaddr holds bits 55:2 of an address. */
const PMPADDR_MASK = (1n << 54n) - 1n;

function illegal(raw: number): GuestException {
  return new GuestException(EXC.illegalInstruction, BigInt(raw >>> 0));
}

function legalizeMstatus(old: bigint, v: bigint): bigint {
  let s = (old & ~MSTATUS_WRITABLE) | (v & MSTATUS_WRITABLE);
  // MPP is WARL over {U, S, M}: the reserved value 2 keeps the old field.
  if (((s & MSTATUS.MPP) >> MSTATUS.MPP_SHIFT) === 2n) s = (s & ~MSTATUS.MPP) | (old & MSTATUS.MPP);
  const fsDirty = (s & MSTATUS.FS) === MSTATUS.FS;
  const xsDirty = (s & MSTATUS.XS) === MSTATUS.XS;
  return fsDirty || xsDirty ? s | MSTATUS.SD : s & ~MSTATUS.SD;
}

/** Write mstatus (or sstatus merged into it); a change of MXR changes what loads may read, so TLBs go. */
function writeMstatus(cpu: RiscvCpu, value: bigint): CsrWriteEffect {
  const old = cpu.csr.mstatus;
  cpu.csr.mstatus = legalizeMstatus(old, value);
  return ((old ^ cpu.csr.mstatus) & MSTATUS.MXR) ? { flushTlb: true } : {};
}

/**
 * New value of a pmpcfg register (eight entries, a byte each): locked entries
 * keep their byte, reserved bits read zero, and the reserved combination
 * W=1 R=0 keeps the old byte.
 */
function legalizePmpcfg(old: bigint, value: bigint): bigint {
  let out = 0n;
  for (let b = 0; b < 8; b++) {
    const shift = BigInt(b * 8);
    const was = Number((old >> shift) & 0xffn);
    let cfg = Number((value >> shift) & 0xffn) & PMPCFG.WRITABLE;
    if (was & PMPCFG.L || (cfg & (PMPCFG.R | PMPCFG.W)) === PMPCFG.W) cfg = was;
    out |= BigInt(cfg) << shift;
  }
  return out;
}

/** pmpaddr`i` ignores writes when entry i is locked, or entry i+1 is a locked TOR entry (i is its base). */
function pmpaddrLocked(pmpcfg: readonly bigint[], i: number): boolean {
  if (pmpCfgByte(pmpcfg, i) & PMPCFG.L) return true;
  if (i + 1 >= PMP_ENTRIES) return false;
  const next = pmpCfgByte(pmpcfg, i + 1);
  return (next & PMPCFG.L) !== 0 && ((next & PMPCFG.A) >> PMPCFG.A_SHIFT) === PMP_A.TOR;
}

function counterEnabled(cpu: RiscvCpu, index: number): boolean {
  const bit = 1n << BigInt(index);
  if (cpu.priv < PRIV.M && !(cpu.csr.mcounteren & bit)) return false;
  if (cpu.priv < PRIV.S && !(cpu.csr.scounteren & bit)) return false;
  return true;
}

/**
 * Check privilege and read-only rules for a CSR access, as the privileged
 * specification defines them by the CSR number's bits: [11:10] = 3 is
 * read-only, [9:8] is the lowest privilege that may access it.
 */
function checkAccess(cpu: RiscvCpu, num: number, write: boolean, raw: number): void {
  if (write && (num >> 10) === 3) throw illegal(raw);
  if (cpu.priv < ((num >> 8) & 3)) throw illegal(raw);
  if ((num === CSR.fflags || num === CSR.frm || num === CSR.fcsr) && !cpu.fpEnabled()) throw illegal(raw);
  if (num === CSR.satp && cpu.priv === PRIV.S && (cpu.csr.mstatus & MSTATUS.TVM)) throw illegal(raw);
}

/**
 * Read CSR `num` as the instruction with bits `raw` would, with `unretired`
 * instructions of the running block not yet retired (for the counters).
 * Throws an illegal-instruction exception for unknown or inaccessible CSRs.
 */
export function readCsr(cpu: RiscvCpu, num: number, raw: number, unretired: number, willWrite: boolean): bigint {
  checkAccess(cpu, num, willWrite, raw);
  const c = cpu.csr;
  switch (num) {
    case CSR.fflags: return BigInt(cpu.fflags);
    case CSR.frm: return BigInt(cpu.frm);
    case CSR.fcsr: return BigInt((cpu.frm << 5) | cpu.fflags);
    case CSR.cycle: if (!counterEnabled(cpu, 0)) throw illegal(raw); return cpu.retired(unretired) + cpu.cycleOffset;
    case CSR.time: if (!counterEnabled(cpu, 1)) throw illegal(raw); return cpu.time.mtime();
    case CSR.instret: if (!counterEnabled(cpu, 2)) throw illegal(raw); return cpu.retired(unretired) + cpu.instretOffset;
    case CSR.mcycle: return cpu.retired(unretired) + cpu.cycleOffset;
    case CSR.minstret: return cpu.retired(unretired) + cpu.instretOffset;
    case CSR.sstatus: return c.mstatus & SSTATUS_MASK;
    case CSR.sie: return c.mie & c.mideleg;
    case CSR.stvec: return c.stvec;
    case CSR.scounteren: return c.scounteren;
    case CSR.senvcfg: return c.senvcfg;
    case CSR.sscratch: return c.sscratch;
    case CSR.sepc: return c.sepc;
    case CSR.scause: return c.scause;
    case CSR.stval: return c.stval;
    case CSR.sip: return cpu.mip() & c.mideleg;
    case CSR.satp: return c.satp;
    case CSR.mvendorid: case CSR.marchid: case CSR.mimpid: case CSR.mconfigptr: return 0n;
    case CSR.mhartid: return BigInt(cpu.hartId);
    case CSR.mstatus: return c.mstatus;
    case CSR.misa: return c.misa;
    case CSR.medeleg: return c.medeleg;
    case CSR.mideleg: return c.mideleg;
    case CSR.mie: return c.mie;
    case CSR.mtvec: return c.mtvec;
    case CSR.mcounteren: return c.mcounteren;
    case CSR.menvcfg: return c.menvcfg;
    case CSR.mcountinhibit: return c.mcountinhibit;
    case CSR.mscratch: return c.mscratch;
    case CSR.mepc: return c.mepc;
    case CSR.mcause: return c.mcause;
    case CSR.mtval: return c.mtval;
    case CSR.mip: return cpu.mip();
    case CSR.tselect: case CSR.tdata1: case CSR.tdata2: case CSR.tdata3: return 0n;
  }
  if (num >= CSR.pmpcfg0 && num < CSR.pmpcfg0 + PMP_CFG_COUNT) {
    if (num & 1) throw illegal(raw); // RV64 has only the even pmpcfg registers
    return c.pmpcfg[num - CSR.pmpcfg0];
  }
  if (num >= CSR.pmpaddr0 && num < CSR.pmpaddr0 + PMP_ADDR_COUNT) return c.pmpaddr[num - CSR.pmpaddr0];
  if (num >= HPM.counter3 && num < HPM.counter3 + HPM.count) {
    if (!counterEnabled(cpu, num - 0xc00)) throw illegal(raw);
    return 0n;
  }
  if (num >= HPM.mcounter3 && num < HPM.mcounter3 + HPM.count) return 0n;
  if (num >= HPM.mevent3 && num < HPM.mevent3 + HPM.count) return 0n;
  throw illegal(raw);
}

/**
 * The value csrrs/csrrc modify for CSR `num`, given what the read returned.
 * For `mip`/`sip` the read ORs in the interrupt controllers' lines, but only
 * the software-writable bits take part in the read-modify-write (privileged
 * spec, "Machine Interrupt Registers"): otherwise clearing STIP would latch
 * an external SEIP forever.
 */
export function readModifyWriteBase(cpu: RiscvCpu, num: number, read: bigint): bigint {
  if (num === CSR.mip) return cpu.csr.mip;
  if (num === CSR.sip) return cpu.csr.mip & cpu.csr.mideleg;
  return read;
}

/** Result of a CSR write that the execution loop must act on. */
export interface CsrWriteEffect {
  /** The address translation changed (satp): flush TLBs. */
  flushTlb?: boolean;
}

/**
 * Write CSR `num` with `value` (already combined for csrrs/csrrc), applying
 * each field's WARL rules. Access was checked by {@link readCsr} or is checked here.
 */
export function writeCsr(cpu: RiscvCpu, num: number, value: bigint, raw: number, unretired: number): CsrWriteEffect {
  checkAccess(cpu, num, true, raw);
  const c = cpu.csr;
  value = BigInt.asUintN(64, value);
  switch (num) {
    case CSR.fflags: cpu.fflags = Number(value & 0x1fn); cpu.markFsDirty(); return {};
    case CSR.frm: cpu.frm = Number(value & 7n); cpu.markFsDirty(); return {};
    case CSR.fcsr: cpu.fflags = Number(value & 0x1fn); cpu.frm = Number((value >> 5n) & 7n); cpu.markFsDirty(); return {};
    // The write takes effect after this instruction retires, so it is not counted.
    case CSR.mcycle: cpu.cycleOffset = value - cpu.retired(unretired) - 1n; return {};
    case CSR.minstret: cpu.instretOffset = value - cpu.retired(unretired) - 1n; return {};
    case CSR.sstatus:
      return writeMstatus(cpu, (c.mstatus & ~SSTATUS_WRITABLE) | (value & SSTATUS_WRITABLE));
    case CSR.sie: c.mie = (c.mie & ~c.mideleg) | (value & c.mideleg & S_IRQ_BITS); return {};
    case CSR.stvec: c.stvec = value & ~2n; return {};
    case CSR.scounteren: c.scounteren = value & 0xffffffffn; return {};
    case CSR.senvcfg: c.senvcfg = value & 1n; return {};
    case CSR.sscratch: c.sscratch = value; return {};
    case CSR.sepc: c.sepc = value & ~1n; return {};
    case CSR.scause: c.scause = value; return {};
    case CSR.stval: c.stval = value; return {};
    case CSR.sip: c.mip = (c.mip & ~(c.mideleg & 2n)) | (value & c.mideleg & 2n); return {};
    case CSR.satp: {
      // WARL: a write selecting an unimplemented mode has no effect at all (Linux probes Sv57/Sv48 this way).
      const mode = Number(value >> SATP.MODE_SHIFT);
      if (mode !== SATP_MODE.Bare && (pagingLevels(mode) === 0 || mode > cpu.maxSatpMode)) return {};
      c.satp = value & ((0xfn << SATP.MODE_SHIFT) | SATP.ASID_MASK | SATP.PPN_MASK);
      return { flushTlb: true };
    }
    case CSR.mstatus: return writeMstatus(cpu, value);
    case CSR.misa: return {}; // WARL: extensions cannot be switched off
    case CSR.medeleg: c.medeleg = value & MEDELEG_WRITABLE; return {};
    case CSR.mideleg: c.mideleg = value & S_IRQ_BITS; return {};
    case CSR.mie: c.mie = value & IRQ_BITS; return {};
    case CSR.mtvec: c.mtvec = value & ~2n; return {};
    case CSR.mcounteren: c.mcounteren = value & 0xffffffffn; return {};
    case CSR.menvcfg: c.menvcfg = value & 1n; return {};
    case CSR.mcountinhibit: c.mcountinhibit = value & 0xfffffffdn; return {};
    case CSR.mscratch: c.mscratch = value; return {};
    case CSR.mepc: c.mepc = value & ~1n; return {};
    case CSR.mcause: c.mcause = value; return {};
    case CSR.mtval: c.mtval = value; return {};
    case CSR.mip: c.mip = (c.mip & ~MIP_WRITABLE) | (value & MIP_WRITABLE); return {};
    case CSR.tselect: case CSR.tdata1: case CSR.tdata2: case CSR.tdata3: return {};
  }
  if (num >= CSR.pmpcfg0 && num < CSR.pmpcfg0 + PMP_CFG_COUNT) {
    if (num & 1) throw illegal(raw);
    const i = num - CSR.pmpcfg0;
    // Only 16 entries (pmpcfg0 and pmpcfg2) exist.
    if (i <= 2) c.pmpcfg[i] = legalizePmpcfg(c.pmpcfg[i], value);
    return { flushTlb: true };
  }
  if (num >= CSR.pmpaddr0 && num < CSR.pmpaddr0 + PMP_ADDR_COUNT) {
    const i = num - CSR.pmpaddr0;
    if (i < PMP_ENTRIES && !pmpaddrLocked(c.pmpcfg, i)) c.pmpaddr[i] = value & PMPADDR_MASK;
    return { flushTlb: true };
  }
  if (num >= HPM.mcounter3 && num < HPM.mcounter3 + HPM.count) return {};
  if (num >= HPM.mevent3 && num < HPM.mevent3 + HPM.count) return {};
  throw illegal(raw);
}
