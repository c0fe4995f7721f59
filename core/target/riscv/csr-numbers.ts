/**
 * CSR numbers from the RISC-V privileged specification, by their spec names:
 * the ones the CPU implements. (Names by number, for printing, are in `csr-names.ts`.)
 */
export const CSR = {
  // Unprivileged floating-point and counters
  fflags: 0x001, frm: 0x002, fcsr: 0x003,
  cycle: 0xc00, time: 0xc01, instret: 0xc02,
  // Supervisor
  sstatus: 0x100, sie: 0x104, stvec: 0x105, scounteren: 0x106, senvcfg: 0x10a,
  sscratch: 0x140, sepc: 0x141, scause: 0x142, stval: 0x143, sip: 0x144,
  stimecmp: 0x14d, satp: 0x180,
  // Machine information
  mvendorid: 0xf11, marchid: 0xf12, mimpid: 0xf13, mhartid: 0xf14, mconfigptr: 0xf15,
  // Machine trap setup and handling
  mstatus: 0x300, misa: 0x301, medeleg: 0x302, mideleg: 0x303, mie: 0x304, mtvec: 0x305,
  mcounteren: 0x306, menvcfg: 0x30a, mcountinhibit: 0x320,
  mscratch: 0x340, mepc: 0x341, mcause: 0x342, mtval: 0x343, mip: 0x344,
  mtinst: 0x34a, mtval2: 0x34b, mseccfg: 0x747,
  // Machine counters
  mcycle: 0xb00, minstret: 0xb02,
  // Debug/trace (accepted, as Spike does, for firmware probing them)
  tselect: 0x7a0, tdata1: 0x7a1, tdata2: 0x7a2, tdata3: 0x7a3,
  // PMP
  pmpcfg0: 0x3a0, pmpaddr0: 0x3b0,
} as const;

/** Number of `pmpcfg` registers (RV64 uses the even ones) and `pmpaddr` registers. */
export const PMP_CFG_COUNT = 16;
export const PMP_ADDR_COUNT = 64;

/** First counters beyond cycle/time/instret: `hpmcounter3..31` (0xc03..), `mhpmcounter3..31` (0xb03..), `mhpmevent3..31` (0x323..). */
export const HPM = { counter3: 0xc03, mcounter3: 0xb03, mevent3: 0x323, count: 29 } as const;
