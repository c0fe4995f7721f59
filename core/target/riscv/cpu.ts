import { ENV } from '../../exec/env';
import { GuestException } from '../../exec/guest-exception';
import { SharedMemory } from '../../memory/shared-memory';
import { RV_ENV, X_ABI } from './cpu-layout';
import { EXC, FS, IRQ, MSTATUS, PRIV, Priv, misaBit } from './spec';

/** The machine-mode and supervisor CSRs that are plain storage, as plain data. */
export interface RiscvCsrState {
  mstatus: bigint;
  misa: bigint;
  medeleg: bigint;
  mideleg: bigint;
  mie: bigint;
  /** Software-writable pending bits (SSIP, STIP, SEIP); device lines are in {@link RiscvCpu.irqLines}. */
  mip: bigint;
  mtvec: bigint;
  mscratch: bigint;
  mepc: bigint;
  mcause: bigint;
  mtval: bigint;
  mcounteren: bigint;
  mcountinhibit: bigint;
  menvcfg: bigint;
  stvec: bigint;
  sscratch: bigint;
  sepc: bigint;
  scause: bigint;
  stval: bigint;
  scounteren: bigint;
  senvcfg: bigint;
  satp: bigint;
  pmpcfg: bigint[];
  pmpaddr: bigint[];
}

/** Where a hart gets the platform's time (`mtime`, for the `time` CSR). */
export interface TimeSource {
  /** Current value of `mtime`. */
  mtime(): bigint;
}

/** Translation-relevant CPU state packed into a number; part of every translation block's key. */
export const TB_FLAGS = {
  privMask: 3,
  /** mstatus.FS is not Off: FP instructions are legal. */
  fpOn: 1 << 2,
  /** Data MMU index in bits 3..5. */
  dataMmuShift: 3,
  /** mstatus.FS is Dirty. */
  fsDirty: 1 << 6,
  /** Instruction fetch is translated (priv below M and satp.MODE not Bare): blocks are keyed by physical address too, and chain only within a page. */
  paged: 1 << 7,
} as const;

/**
 * One RISC-V hart: its registers (in the shared memory, where generated code
 * reads them) and its CSRs, privilege level and trap logic (in JavaScript,
 * reached from generated code through helpers).
 */
export class RiscvCpu {
  /** Current privilege level. */
  priv: Priv = PRIV.M;
  /** CSR storage. */
  readonly csr: RiscvCsrState;
  /** Address reserved by the last `lr`, or -1n. */
  reservation = -1n;
  /** The value `lr` loaded: `sc` fails if memory no longer holds it (another hart stored there). */
  reservationValue = 0n;
  /** Pending bits driven by devices (MSIP, MTIP, MEIP, SEIP from the platform). */
  irqLines = 0n;
  /** The hart executed `wfi` and waits for an interrupt. */
  waiting = false;
  /**
   * The widest translation mode `satp` accepts (`SATP_MODE`: 8 Sv39, 9 Sv48,
   * 10 Sv57; default Sv57). Wider modes are WARL-ignored, so Linux's probe
   * settles on this one.
   */
  maxSatpMode = 10;
  /** Added to the retired-instruction count to give `minstret`/`mcycle`. */
  instretOffset = 0n;
  cycleOffset = 0n;

  constructor(
    readonly mem: SharedMemory,
    /** Byte address of this hart's env in the shared memory. */
    readonly env: number,
    /** Value of `mhartid`. */
    readonly hartId: number,
    readonly time: TimeSource,
    /** Register width in bits. Only 64 is implemented so far; the parameter keeps RV32 open. */
    readonly xlen: 32 | 64 = 64,
  ) {
    const mxl = xlen === 64 ? 2n : 1n;
    let misa = mxl << BigInt(xlen - 2);
    for (const ext of 'IMAFDCSU') misa |= misaBit(ext);
    this.csr = {
      mstatus: xlen === 64 ? (2n << 32n) | (2n << 34n) : 0n, // UXL = SXL = 64-bit
      misa, medeleg: 0n, mideleg: 0n, mie: 0n, mip: 0n, mtvec: 0n, mscratch: 0n, mepc: 0n, mcause: 0n,
      mtval: 0n, mcounteren: 0n, mcountinhibit: 0n, menvcfg: 0n, stvec: 0n, sscratch: 0n, sepc: 0n,
      scause: 0n, stval: 0n, scounteren: 0n, senvcfg: 0n, satp: 0n,
      pmpcfg: new Array(16).fill(0n), pmpaddr: new Array(64).fill(0n),
    };
  }

  /** Accrued floating-point exception flags (fcsr.fflags), kept in env. */
  get fflags(): number {
    return this.mem.i32(this.env + RV_ENV.fcsr) & 0x1f;
  }

  set fflags(v: number) {
    this.mem.setI32(this.env + RV_ENV.fcsr, (this.mem.i32(this.env + RV_ENV.fcsr) & ~0x1f) | (v & 0x1f));
  }

  /** Dynamic rounding mode (fcsr.frm), kept in env. */
  get frm(): number {
    return (this.mem.i32(this.env + RV_ENV.fcsr) >> 5) & 7;
  }

  set frm(v: number) {
    this.mem.setI32(this.env + RV_ENV.fcsr, (this.mem.i32(this.env + RV_ENV.fcsr) & 0x1f) | ((v & 7) << 5));
  }

  /** The program counter. */
  get pc(): bigint {
    return BigInt.asUintN(64, this.mem.i64(this.env + ENV.pc));
  }

  set pc(v: bigint) {
    this.mem.setI64(this.env + ENV.pc, v);
  }

  /** Read integer register `x[i]` (unsigned). */
  x(i: number): bigint {
    return i === 0 ? 0n : BigInt.asUintN(64, this.mem.i64(this.env + RV_ENV.x(i)));
  }

  /** Write integer register `x[i]`; writes to x0 are ignored. */
  setX(i: number, v: bigint): void {
    if (i !== 0) this.mem.setI64(this.env + RV_ENV.x(i), v);
  }

  /** Read floating-point register `f[i]` as a 64-bit pattern. */
  f(i: number): bigint {
    return BigInt.asUintN(64, this.mem.i64(this.env + RV_ENV.f(i)));
  }

  /** Write floating-point register `f[i]` (64-bit pattern). */
  setF(i: number, v: bigint): void {
    this.mem.setI64(this.env + RV_ENV.f(i), v);
  }

  /** Integer registers by ABI name, for inspection. */
  registers(): Record<string, bigint> {
    const out: Record<string, bigint> = { pc: this.pc };
    X_ABI.forEach((name, i) => { out[name] = this.x(i); });
    return out;
  }

  /** Instructions retired so far (excluding `unretired` of the running block). */
  retired(unretired = 0): bigint {
    return this.mem.i64(this.env + ENV.icount) - BigInt(unretired);
  }

  /** Privilege level that data accesses use (mstatus.MPRV applies MPP in M-mode). */
  dataPriv(): Priv {
    const s = this.csr.mstatus;
    if (this.priv === PRIV.M && (s & MSTATUS.MPRV)) return Number((s & MSTATUS.MPP) >> MSTATUS.MPP_SHIFT) as Priv;
    return this.priv;
  }

  /** MMU index for data accesses: privilege, plus 4 when S-mode may touch user pages (SUM). */
  dataMmuIdx(): number {
    const p = this.dataPriv();
    return p === PRIV.S && (this.csr.mstatus & MSTATUS.SUM) ? p | 4 : p;
  }

  /** MMU index for instruction fetch. */
  fetchMmuIdx(): number {
    return this.priv;
  }

  /** The translation flags for the current state (see {@link TB_FLAGS}). */
  tbFlags(): number {
    let f: number = this.priv;
    const fs = this.csr.mstatus & MSTATUS.FS;
    if (fs !== 0n) f |= TB_FLAGS.fpOn;
    if (fs === MSTATUS.FS) f |= TB_FLAGS.fsDirty;
    if (this.priv !== PRIV.M && (this.csr.satp >> 60n) !== 0n) f |= TB_FLAGS.paged;
    return f | (this.dataMmuIdx() << TB_FLAGS.dataMmuShift);
  }

  /** Set mstatus.FS to Dirty (an FP register or fcsr was written). */
  markFsDirty(): void {
    this.csr.mstatus |= MSTATUS.FS;
    this.csr.mstatus |= MSTATUS.SD;
  }

  /** `mip` as software reads it: device lines merged with the writable bits. */
  mip(): bigint {
    return this.csr.mip | this.irqLines;
  }

  /**
   * The interrupt this hart would take now, as a cause number, or -1. Applies
   * the enables, delegation and the priority order MEI > MSI > MTI > SEI > SSI > STI.
   */
  pendingInterrupt(): number {
    const pending = this.mip() & this.csr.mie;
    if (pending === 0n) return -1;
    const s = this.csr.mstatus;
    const mEnabled = this.priv < PRIV.M || (s & MSTATUS.MIE) !== 0n;
    const sEnabled = this.priv < PRIV.S || (this.priv === PRIV.S && (s & MSTATUS.SIE) !== 0n);
    const toM = pending & ~this.csr.mideleg;
    const toS = pending & this.csr.mideleg;
    const order = [IRQ.MEI, IRQ.MSI, IRQ.MTI, IRQ.SEI, IRQ.SSI, IRQ.STI];
    if (mEnabled && toM) for (const i of order) if (toM & (1n << BigInt(i))) return i;
    if (sEnabled && toS) for (const i of order) if (toS & (1n << BigInt(i))) return i;
    return -1;
  }

  /**
   * Take a trap: exception `cause` (or interrupt when `interrupt`), with `epc`
   * the pc of the instruction it is reported against. Chooses M or S by
   * delegation and updates the xSTATUS/xEPC/xCAUSE/xTVAL CSRs and pc.
   */
  trap(cause: number, tval: bigint, epc: bigint, interrupt = false): void {
    const bit = 1n << BigInt(cause);
    const deleg = interrupt ? this.csr.mideleg : this.csr.medeleg;
    const c = this.csr;
    const mcause = interrupt ? (1n << BigInt(this.xlen - 1)) | BigInt(cause) : BigInt(cause);
    this.reservation = -1n;
    this.waiting = false;
    if (this.priv <= PRIV.S && (deleg & bit)) {
      c.scause = mcause;
      c.sepc = epc;
      c.stval = tval;
      let s = c.mstatus;
      s = (s & ~MSTATUS.SPIE) | ((s & MSTATUS.SIE) ? MSTATUS.SPIE : 0n);
      s = (s & ~MSTATUS.SPP) | (this.priv === PRIV.S ? MSTATUS.SPP : 0n);
      s &= ~MSTATUS.SIE;
      c.mstatus = s;
      this.priv = PRIV.S;
      this.pc = trapVector(c.stvec, cause, interrupt);
    } else {
      c.mcause = mcause;
      c.mepc = epc;
      c.mtval = tval;
      let s = c.mstatus;
      s = (s & ~MSTATUS.MPIE) | ((s & MSTATUS.MIE) ? MSTATUS.MPIE : 0n);
      s = (s & ~MSTATUS.MPP) | (BigInt(this.priv) << MSTATUS.MPP_SHIFT);
      s &= ~MSTATUS.MIE;
      c.mstatus = s;
      this.priv = PRIV.M;
      this.pc = trapVector(c.mtvec, cause, interrupt);
    }
  }

  /** `mret`: return from an M-mode trap handler. */
  mret(): void {
    if (this.priv < PRIV.M) throw new GuestException(EXC.illegalInstruction, 0n);
    let s = this.csr.mstatus;
    const mpp = Number((s & MSTATUS.MPP) >> MSTATUS.MPP_SHIFT) as Priv;
    s = (s & ~MSTATUS.MIE) | ((s & MSTATUS.MPIE) ? MSTATUS.MIE : 0n);
    s |= MSTATUS.MPIE;
    s &= ~MSTATUS.MPP; // MPP = U, the least-privileged mode
    if (mpp !== PRIV.M) s &= ~MSTATUS.MPRV;
    this.csr.mstatus = s;
    this.priv = mpp;
    this.reservation = -1n;
    this.pc = this.csr.mepc;
  }

  /** `sret`: return from an S-mode trap handler. */
  sret(): void {
    if (this.priv < PRIV.S || (this.priv === PRIV.S && (this.csr.mstatus & MSTATUS.TSR))) {
      throw new GuestException(EXC.illegalInstruction, 0n);
    }
    let s = this.csr.mstatus;
    const spp: Priv = (s & MSTATUS.SPP) ? PRIV.S : PRIV.U;
    s = (s & ~MSTATUS.SIE) | ((s & MSTATUS.SPIE) ? MSTATUS.SIE : 0n);
    s |= MSTATUS.SPIE;
    s &= ~MSTATUS.SPP;
    s &= ~MSTATUS.MPRV; // SPP is never M
    this.csr.mstatus = s;
    this.priv = spp;
    this.reservation = -1n;
    this.pc = this.csr.sepc;
  }

  /** Take guest exception `e` raised by the instruction at `pc` (the execution loop calls this). */
  takeException(e: GuestException, pc: bigint): void {
    this.trap(e.cause, e.tval, pc);
  }

  /**
   * Take the highest-priority enabled pending interrupt, if any (at a block
   * boundary). A pending interrupt also ends `wfi`, even when it is not enabled.
   */
  takeInterrupt(): boolean {
    if (this.waiting && (this.mip() & this.csr.mie) !== 0n) this.waiting = false;
    const cause = this.pendingInterrupt();
    if (cause < 0) return false;
    this.trap(cause, 0n, this.pc, true);
    return true;
  }

  /** True when FP instructions are enabled (mstatus.FS != Off). */
  fpEnabled(): boolean {
    return ((this.csr.mstatus & MSTATUS.FS) >> MSTATUS.FS_SHIFT) !== FS.Off;
  }
}

function trapVector(tvec: bigint, cause: number, interrupt: boolean): bigint {
  const base = tvec & ~3n;
  return interrupt && (tvec & 3n) === 1n ? base + 4n * BigInt(cause) : base;
}
