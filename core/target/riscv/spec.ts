/**
 * Numbers from the RISC-V privileged specification, named as it names them:
 * exception and interrupt causes, `mstatus` fields, privilege levels.
 * CSR numbers live in `csr-numbers.ts`.
 */

/** Privilege levels (the encoding used by `mstatus.MPP`). */
export const PRIV = { U: 0, S: 1, M: 3 } as const;
export type Priv = 0 | 1 | 3;

/** Synchronous exception causes (`mcause` with the interrupt bit clear). */
export const EXC = {
  instructionAddressMisaligned: 0,
  instructionAccessFault: 1,
  illegalInstruction: 2,
  breakpoint: 3,
  loadAddressMisaligned: 4,
  loadAccessFault: 5,
  storeAddressMisaligned: 6,
  storeAccessFault: 7,
  ecallFromU: 8,
  ecallFromS: 9,
  ecallFromM: 11,
  instructionPageFault: 12,
  loadPageFault: 13,
  storePageFault: 15,
} as const;

/** Interrupt causes (`mcause` with the interrupt bit set), also the bit numbers in `mip`/`mie`. */
export const IRQ = {
  SSI: 1, MSI: 3, STI: 5, MTI: 7, SEI: 9, MEI: 11,
} as const;

/** `mstatus` fields (bit masks) and shifts. */
export const MSTATUS = {
  SIE: 1n << 1n,
  MIE: 1n << 3n,
  SPIE: 1n << 5n,
  UBE: 1n << 6n,
  MPIE: 1n << 7n,
  SPP: 1n << 8n,
  VS: 3n << 9n,
  MPP: 3n << 11n,
  MPP_SHIFT: 11n,
  FS: 3n << 13n,
  FS_SHIFT: 13n,
  XS: 3n << 15n,
  MPRV: 1n << 17n,
  SUM: 1n << 18n,
  MXR: 1n << 19n,
  TVM: 1n << 20n,
  TW: 1n << 21n,
  TSR: 1n << 22n,
  UXL: 3n << 32n,
  SXL: 3n << 34n,
  SBE: 1n << 36n,
  MBE: 1n << 37n,
  SD: 1n << 63n,
} as const;

/** Values of the `mstatus.FS` field. */
export const FS = { Off: 0n, Initial: 1n, Clean: 2n, Dirty: 3n } as const;

/** `misa` extension bits by letter. */
export function misaBit(letter: string): bigint {
  return 1n << BigInt(letter.charCodeAt(0) - 65);
}

/** `fflags` bits. */
export const FFLAGS = { NX: 1, UF: 2, OF: 4, DZ: 8, NV: 16 } as const;
