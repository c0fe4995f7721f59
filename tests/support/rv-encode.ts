/**
 * A minimal RV64GC instruction encoder for generated test streams (the
 * standard formats of the ISA manual's base opcode map).
 */
const OPC = {
  LOAD: 0x03, LOAD_FP: 0x07, OP_IMM: 0x13, AUIPC: 0x17, OP_IMM_32: 0x1b, STORE: 0x23, STORE_FP: 0x27,
  AMO: 0x2f, OP: 0x33, LUI: 0x37, OP_32: 0x3b, MADD: 0x43, OP_FP: 0x53, BRANCH: 0x63, JAL: 0x6f, SYSTEM: 0x73,
} as const;
export { OPC };

export function rType(opcode: number, rd: number, f3: number, rs1: number, rs2: number, f7: number): number {
  return ((f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opcode) >>> 0;
}
export function iType(opcode: number, rd: number, f3: number, rs1: number, imm: number): number {
  return (((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opcode) >>> 0;
}
export function sType(opcode: number, f3: number, rs1: number, rs2: number, imm: number): number {
  return ((((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 0x1f) << 7) | opcode) >>> 0;
}
export function bType(f3: number, rs1: number, rs2: number, imm: number): number {
  return ((((imm >> 12) & 1) << 31) | (((imm >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12)
    | (((imm >> 1) & 0xf) << 8) | (((imm >> 11) & 1) << 7) | OPC.BRANCH) >>> 0;
}
export function uType(opcode: number, rd: number, imm20: number): number {
  return (((imm20 & 0xfffff) << 12) | (rd << 7) | opcode) >>> 0;
}
export function jal(rd: number, imm: number): number {
  return ((((imm >> 20) & 1) << 31) | (((imm >> 1) & 0x3ff) << 21) | (((imm >> 11) & 1) << 20)
    | (((imm >> 12) & 0xff) << 12) | (rd << 7) | OPC.JAL) >>> 0;
}
export function r4Type(opcode: number, rd: number, rm: number, rs1: number, rs2: number, rs3: number, fmt: number): number {
  return ((rs3 << 27) | (fmt << 25) | (rs2 << 20) | (rs1 << 15) | (rm << 12) | (rd << 7) | opcode) >>> 0;
}
export function csrType(rd: number, f3: number, rs1: number, csr: number): number {
  return ((csr << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | OPC.SYSTEM) >>> 0;
}
