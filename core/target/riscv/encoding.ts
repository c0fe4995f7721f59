/**
 * RISC-V instruction encodings as data, in the spirit of QEMU's decodetree:
 * one row per instruction with its bit pattern (MSB first, `0`/`1` fixed,
 * `-` a field bit, spaces only for reading), the format that says where its
 * operands live, its extension and, when it differs between RV32 and RV64,
 * the XLEN it exists in.
 *
 * The decoder (`decoder.ts`) derives all of its matching from these tables;
 * nothing else in the project needs to know a bit position.
 *
 * Sources: The RISC-V Instruction Set Manual, Volume I (unprivileged ISA,
 * chapters "RV32I", "RV64I", "M", "A", "F", "D", "C", "Zicsr", "Zifencei" and
 * the opcode map "RV32/64G Instruction Set Listings"), Volume II (privileged
 * ISA, "mret", "sret", "wfi", "sfence.vma").
 */

/** Register width the decoder is parameterised by. */
export type Xlen = 32 | 64;

/** Extensions that make up RV64GC (plus the privileged instructions). */
export type Extension = 'I' | 'M' | 'A' | 'F' | 'D' | 'C' | 'Zicsr' | 'Zifencei' | 'Priv';

/**
 * Where the operands of a 32-bit instruction live (the manual's base
 * formats, refined where an instruction uses a subset of a format's fields).
 */
export type Format32 =
  | 'R' //      rd, rs1, rs2
  | 'R_rm' //   rd, rs1, rs2, rm (FP arithmetic)
  | 'R1' //     rd, rs1 (rs2 fixed by the pattern: fmv.x.w, fclass.s)
  | 'R1_rm' //  rd, rs1, rm (fsqrt, fcvt)
  | 'R4' //     rd, rs1, rs2, rs3, rm (fused multiply-add)
  | 'I' //      rd, rs1, imm[11:0]
  | 'I_shamt' // rd, rs1, shamt (imm[5:0] or imm[4:0], width fixed by the pattern)
  | 'S' //      rs1, rs2, imm[11:5|4:0]
  | 'B' //      rs1, rs2, offset[12|10:5|4:1|11]
  | 'U' //      rd, imm[31:12]
  | 'J' //      rd, offset[20|10:1|11|19:12]
  | 'AMO' //    rd, rs1, rs2, aq, rl
  | 'LR' //     rd, rs1, aq, rl
  | 'CSR' //    rd, rs1, csr
  | 'CSRI' //   rd, zimm (in imm), csr
  | 'FENCE' //  fm, pred, succ (rd, rs1 fixed zero are not required by the manual)
  | 'SFENCE' // rs1, rs2
  | 'NONE'; //  no operands

/** One 32-bit instruction encoding. */
export interface Encoding32 {
  /** Base mnemonic exactly as in the ISA manual. */
  readonly op: string;
  /** 32 pattern characters MSB first: `0`/`1` must match, `-` is operand bits. */
  readonly pattern: string;
  readonly format: Format32;
  readonly ext: Extension;
  /** Present when the instruction exists only in one XLEN. */
  readonly xlen?: Xlen;
}

/**
 * Where the operands of a 16-bit (RVC) instruction live. Each name is the
 * manual's format plus the immediate layout it uses, because RVC scatters
 * immediates differently per instruction (manual, "Compressed Instruction
 * Formats" and the per-instruction figures).
 */
export type Format16 =
  | 'CIW_addi4spn' // rd'=[4:2], nzuimm[5:4|9:6|2|3]=[12:5]
  | 'CL_w' //         rd'=[4:2], rs1'=[9:7], uimm[5:3]=[12:10], uimm[2|6]=[6:5]
  | 'CL_d' //         rd'=[4:2], rs1'=[9:7], uimm[5:3]=[12:10], uimm[7:6]=[6:5]
  | 'CS_w' //         rs2'=[4:2], rs1'=[9:7], offsets as CL_w
  | 'CS_d' //         rs2'=[4:2], rs1'=[9:7], offsets as CL_d
  | 'CI' //           rd=rs1=[11:7], imm[5]=[12], imm[4:0]=[6:2], sign-extended
  | 'CI_lui' //       rd=[11:7], nzimm[17]=[12], nzimm[16:12]=[6:2], sign-extended
  | 'CI_addi16sp' //  rd=rs1=x2, nzimm[9]=[12], nzimm[4|6|8:7|5]=[6:2]
  | 'CI_shamt' //     rd=rs1=[11:7], shamt[5]=[12], shamt[4:0]=[6:2]
  | 'CI_lwsp' //      rd=[11:7], rs1=x2, uimm[5]=[12], uimm[4:2|7:6]=[6:2]
  | 'CI_ldsp' //      rd=[11:7], rs1=x2, uimm[5]=[12], uimm[4:3|8:6]=[6:2]
  | 'CSS_swsp' //     rs2=[6:2], rs1=x2, uimm[5:2|7:6]=[12:7]
  | 'CSS_sdsp' //     rs2=[6:2], rs1=x2, uimm[5:3|8:6]=[12:7]
  | 'CB_shamt' //     rd=rs1=8+[9:7], shamt[5]=[12], shamt[4:0]=[6:2]
  | 'CB_andi' //      rd=rs1=8+[9:7], imm[5]=[12], imm[4:0]=[6:2], sign-extended
  | 'CB_branch' //    rs1=8+[9:7], rs2=x0, offset[8|4:3]=[12:10], offset[7:6|2:1|5]=[6:2]
  | 'CJ' //           offset[11|4|9:8|10|6|7|3:1|5]=[12:2]
  | 'CR' //           rd=rs1=[11:7], rs2=[6:2]
  | 'CA' //           rd=rs1=8+[9:7], rs2=8+[4:2]
  | 'NONE';

/**
 * Conditions under which an otherwise matching RVC pattern is reserved
 * (not a HINT: HINTs are legal and decode to their base instruction).
 */
export type Reserved16 =
  | 'imm=0' //   nzimm/nzuimm fields (c.addi4spn, c.addi16sp, c.lui)
  | 'rd=0' //    c.lwsp, c.ldsp, c.addiw
  | 'rs1=0' //   c.jr
  | 'shamt5'; // RV32 shifts with shamt[5]=1 (designated for custom use)

/** One 16-bit (RVC) encoding and the base instruction it expands to. */
export interface Encoding16 {
  /** RVC mnemonic from the manual ('c.addi16sp'). */
  readonly cname: string;
  /** The base instruction it expands to ('addi'). */
  readonly op: string;
  /** 16 pattern characters MSB first. */
  readonly pattern: string;
  readonly format: Format16;
  /** Registers the expansion fixes (c.mv: rs1=x0; c.jal: rd=x1). */
  readonly implicit?: { readonly rd?: number; readonly rs1?: number; readonly rs2?: number };
  /** When the matching encoding is reserved instead. */
  readonly reserved?: readonly Reserved16[];
  /** 'D'/'F' for the FP loads/stores; 'C' otherwise. */
  readonly ext: Extension;
  readonly xlen?: Xlen;
}

/** Major opcodes (inst[6:0]) named as in the manual's opcode map. */
export const OPCODE = {
  LOAD: 0b0000011,
  LOAD_FP: 0b0000111,
  MISC_MEM: 0b0001111,
  OP_IMM: 0b0010011,
  AUIPC: 0b0010111,
  OP_IMM_32: 0b0011011,
  STORE: 0b0100011,
  STORE_FP: 0b0100111,
  AMO: 0b0101111,
  OP: 0b0110011,
  LUI: 0b0110111,
  OP_32: 0b0111011,
  MADD: 0b1000011,
  MSUB: 0b1000111,
  NMSUB: 0b1001011,
  NMADD: 0b1001111,
  OP_FP: 0b1010011,
  BRANCH: 0b1100011,
  JALR: 0b1100111,
  JAL: 0b1101111,
  SYSTEM: 0b1110011,
} as const;

// Row builders keep the table one line per instruction. Field placeholders
// are spelled out in each pattern so the table reads like the manual's
// encoding figures.
function row(op: string, pattern: string, format: Format32, ext: Extension, xlen?: Xlen): Encoding32 {
  return xlen === undefined ? { op, pattern, format, ext } : { op, pattern, format, ext, xlen };
}

/** funct3 as three pattern characters. */
function f3(v: number): string {
  return v.toString(2).padStart(3, '0');
}

/** The opcode as seven pattern characters. */
function opc(v: number): string {
  return v.toString(2).padStart(7, '0');
}

const branch = (op: string, funct3: number) =>
  row(op, `------- ----- ----- ${f3(funct3)} ----- ${opc(OPCODE.BRANCH)}`, 'B', 'I');
const load = (op: string, funct3: number, ext: Extension = 'I', xlen?: Xlen, major: number = OPCODE.LOAD) =>
  row(op, `------------ ----- ${f3(funct3)} ----- ${opc(major)}`, 'I', ext, xlen);
const store = (op: string, funct3: number, ext: Extension = 'I', xlen?: Xlen, major: number = OPCODE.STORE) =>
  row(op, `------- ----- ----- ${f3(funct3)} ----- ${opc(major)}`, 'S', ext, xlen);
const opImm = (op: string, funct3: number, major: number = OPCODE.OP_IMM, xlen?: Xlen) =>
  row(op, `------------ ----- ${f3(funct3)} ----- ${opc(major)}`, 'I', 'I', xlen);
const shiftImm = (op: string, high: string, funct3: number, major: number, xlen?: Xlen) =>
  row(op, `${high} ----- ${f3(funct3)} ----- ${opc(major)}`, 'I_shamt', 'I', xlen);
const regReg = (op: string, funct7: string, funct3: number, ext: Extension, major: number = OPCODE.OP, xlen?: Xlen) =>
  row(op, `${funct7} ----- ----- ${f3(funct3)} ----- ${opc(major)}`, 'R', ext, xlen);
const amo = (op: string, funct5: string, width: 'w' | 'd') =>
  row(`${op}.${width}`, `${funct5} -- ----- ----- ${width === 'w' ? '010' : '011'} ----- ${opc(OPCODE.AMO)}`,
    op === 'lr' ? 'LR' : 'AMO', 'A', width === 'd' ? 64 : undefined);
const csr = (op: string, funct3: number) =>
  row(op, `------------ ----- ${f3(funct3)} ----- ${opc(OPCODE.SYSTEM)}`, funct3 >= 4 ? 'CSRI' : 'CSR', 'Zicsr');

/** fmt field (inst[26:25]) of F/D instructions. */
const FMT = { s: '00', d: '01' } as const;
type Fp = keyof typeof FMT;

const fma = (op: string, major: number, fp: Fp) =>
  row(`${op}.${fp}`, `----- ${FMT[fp]} ----- ----- --- ----- ${opc(major)}`, 'R4', fp === 's' ? 'F' : 'D');
const fpOp = (op: string, funct5: string, fp: Fp, format: Format32, rs2 = '-----', funct3 = '---', xlen?: Xlen) =>
  row(op, `${funct5} ${FMT[fp]} ${rs2} ----- ${funct3} ----- ${opc(OPCODE.OP_FP)}`, format, fp === 's' ? 'F' : 'D', xlen);

/** Every 32-bit RV64GC instruction (+ privileged), ordered as in the manual's listings. */
export const ENCODINGS_32: readonly Encoding32[] = [
  // RV32I / RV64I base
  row('lui', `-------------------- ----- ${opc(OPCODE.LUI)}`, 'U', 'I'),
  row('auipc', `-------------------- ----- ${opc(OPCODE.AUIPC)}`, 'U', 'I'),
  row('jal', `-------------------- ----- ${opc(OPCODE.JAL)}`, 'J', 'I'),
  row('jalr', `------------ ----- 000 ----- ${opc(OPCODE.JALR)}`, 'I', 'I'),
  branch('beq', 0), branch('bne', 1), branch('blt', 4), branch('bge', 5), branch('bltu', 6), branch('bgeu', 7),
  load('lb', 0), load('lh', 1), load('lw', 2), load('ld', 3, 'I', 64),
  load('lbu', 4), load('lhu', 5), load('lwu', 6, 'I', 64),
  store('sb', 0), store('sh', 1), store('sw', 2), store('sd', 3, 'I', 64),
  opImm('addi', 0), opImm('slti', 2), opImm('sltiu', 3), opImm('xori', 4), opImm('ori', 6), opImm('andi', 7),
  // RV32 shifts take shamt[4:0]; RV64 shamt[5:0] (the manual's RV64I chapter).
  shiftImm('slli', '0000000 -----', 1, OPCODE.OP_IMM, 32),
  shiftImm('srli', '0000000 -----', 5, OPCODE.OP_IMM, 32),
  shiftImm('srai', '0100000 -----', 5, OPCODE.OP_IMM, 32),
  shiftImm('slli', '000000 ------', 1, OPCODE.OP_IMM, 64),
  shiftImm('srli', '000000 ------', 5, OPCODE.OP_IMM, 64),
  shiftImm('srai', '010000 ------', 5, OPCODE.OP_IMM, 64),
  regReg('add', '0000000', 0, 'I'), regReg('sub', '0100000', 0, 'I'),
  regReg('sll', '0000000', 1, 'I'), regReg('slt', '0000000', 2, 'I'), regReg('sltu', '0000000', 3, 'I'),
  regReg('xor', '0000000', 4, 'I'), regReg('srl', '0000000', 5, 'I'), regReg('sra', '0100000', 5, 'I'),
  regReg('or', '0000000', 6, 'I'), regReg('and', '0000000', 7, 'I'),
  row('fence', `---- ---- ---- ----- 000 ----- ${opc(OPCODE.MISC_MEM)}`, 'FENCE', 'I'),
  row('ecall', `000000000000 00000 000 00000 ${opc(OPCODE.SYSTEM)}`, 'NONE', 'I'),
  row('ebreak', `000000000001 00000 000 00000 ${opc(OPCODE.SYSTEM)}`, 'NONE', 'I'),
  // RV64I word operations
  opImm('addiw', 0, OPCODE.OP_IMM_32, 64),
  shiftImm('slliw', '0000000 -----', 1, OPCODE.OP_IMM_32, 64),
  shiftImm('srliw', '0000000 -----', 5, OPCODE.OP_IMM_32, 64),
  shiftImm('sraiw', '0100000 -----', 5, OPCODE.OP_IMM_32, 64),
  regReg('addw', '0000000', 0, 'I', OPCODE.OP_32, 64), regReg('subw', '0100000', 0, 'I', OPCODE.OP_32, 64),
  regReg('sllw', '0000000', 1, 'I', OPCODE.OP_32, 64), regReg('srlw', '0000000', 5, 'I', OPCODE.OP_32, 64),
  regReg('sraw', '0100000', 5, 'I', OPCODE.OP_32, 64),
  // Zifencei
  row('fence.i', `------------ ----- 001 ----- ${opc(OPCODE.MISC_MEM)}`, 'NONE', 'Zifencei'),
  // Zicsr
  csr('csrrw', 1), csr('csrrs', 2), csr('csrrc', 3), csr('csrrwi', 5), csr('csrrsi', 6), csr('csrrci', 7),
  // M
  regReg('mul', '0000001', 0, 'M'), regReg('mulh', '0000001', 1, 'M'), regReg('mulhsu', '0000001', 2, 'M'),
  regReg('mulhu', '0000001', 3, 'M'), regReg('div', '0000001', 4, 'M'), regReg('divu', '0000001', 5, 'M'),
  regReg('rem', '0000001', 6, 'M'), regReg('remu', '0000001', 7, 'M'),
  regReg('mulw', '0000001', 0, 'M', OPCODE.OP_32, 64), regReg('divw', '0000001', 4, 'M', OPCODE.OP_32, 64),
  regReg('divuw', '0000001', 5, 'M', OPCODE.OP_32, 64), regReg('remw', '0000001', 6, 'M', OPCODE.OP_32, 64),
  regReg('remuw', '0000001', 7, 'M', OPCODE.OP_32, 64),
  // A (lr requires rs2 = 0)
  ...(['w', 'd'] as const).flatMap((w) => [
    row(`lr.${w}`, `00010 -- 00000 ----- ${w === 'w' ? '010' : '011'} ----- ${opc(OPCODE.AMO)}`, 'LR', 'A',
      w === 'd' ? 64 : undefined),
    amo('sc', '00011', w), amo('amoswap', '00001', w), amo('amoadd', '00000', w), amo('amoxor', '00100', w),
    amo('amoand', '01100', w), amo('amoor', '01000', w), amo('amomin', '10000', w), amo('amomax', '10100', w),
    amo('amominu', '11000', w), amo('amomaxu', '11100', w),
  ]),
  // F and D
  load('flw', 2, 'F', undefined, OPCODE.LOAD_FP), store('fsw', 2, 'F', undefined, OPCODE.STORE_FP),
  load('fld', 3, 'D', undefined, OPCODE.LOAD_FP), store('fsd', 3, 'D', undefined, OPCODE.STORE_FP),
  ...(['s', 'd'] as const).flatMap((p) => {
    const other: Fp = p === 's' ? 'd' : 's';
    return [
      fma('fmadd', OPCODE.MADD, p), fma('fmsub', OPCODE.MSUB, p),
      fma('fnmsub', OPCODE.NMSUB, p), fma('fnmadd', OPCODE.NMADD, p),
      fpOp(`fadd.${p}`, '00000', p, 'R_rm'), fpOp(`fsub.${p}`, '00001', p, 'R_rm'),
      fpOp(`fmul.${p}`, '00010', p, 'R_rm'), fpOp(`fdiv.${p}`, '00011', p, 'R_rm'),
      fpOp(`fsqrt.${p}`, '01011', p, 'R1_rm', '00000'),
      fpOp(`fsgnj.${p}`, '00100', p, 'R', '-----', '000'),
      fpOp(`fsgnjn.${p}`, '00100', p, 'R', '-----', '001'),
      fpOp(`fsgnjx.${p}`, '00100', p, 'R', '-----', '010'),
      fpOp(`fmin.${p}`, '00101', p, 'R', '-----', '000'),
      fpOp(`fmax.${p}`, '00101', p, 'R', '-----', '001'),
      fpOp(`fcvt.${p}.${other}`, '01000', p, 'R1_rm', p === 's' ? '00001' : '00000'),
      fpOp(`feq.${p}`, '10100', p, 'R', '-----', '010'),
      fpOp(`flt.${p}`, '10100', p, 'R', '-----', '001'),
      fpOp(`fle.${p}`, '10100', p, 'R', '-----', '000'),
      fpOp(`fclass.${p}`, '11100', p, 'R1', '00000', '001'),
      fpOp(`fcvt.w.${p}`, '11000', p, 'R1_rm', '00000'),
      fpOp(`fcvt.wu.${p}`, '11000', p, 'R1_rm', '00001'),
      fpOp(`fcvt.l.${p}`, '11000', p, 'R1_rm', '00010', '---', 64),
      fpOp(`fcvt.lu.${p}`, '11000', p, 'R1_rm', '00011', '---', 64),
      fpOp(`fcvt.${p}.w`, '11010', p, 'R1_rm', '00000'),
      fpOp(`fcvt.${p}.wu`, '11010', p, 'R1_rm', '00001'),
      fpOp(`fcvt.${p}.l`, '11010', p, 'R1_rm', '00010', '---', 64),
      fpOp(`fcvt.${p}.lu`, '11010', p, 'R1_rm', '00011', '---', 64),
      // fmv.x.d / fmv.d.x exist only in RV64 (RV32 has no 64-bit x register).
      fpOp(p === 's' ? 'fmv.x.w' : 'fmv.x.d', '11100', p, 'R1', '00000', '000', p === 'd' ? 64 : undefined),
      fpOp(p === 's' ? 'fmv.w.x' : 'fmv.d.x', '11110', p, 'R1', '00000', '000', p === 'd' ? 64 : undefined),
    ];
  }),
  // Privileged
  row('sret', `0001000 00010 00000 000 00000 ${opc(OPCODE.SYSTEM)}`, 'NONE', 'Priv'),
  row('mret', `0011000 00010 00000 000 00000 ${opc(OPCODE.SYSTEM)}`, 'NONE', 'Priv'),
  row('wfi', `0001000 00101 00000 000 00000 ${opc(OPCODE.SYSTEM)}`, 'NONE', 'Priv'),
  row('sfence.vma', `0001001 ----- ----- 000 00000 ${opc(OPCODE.SYSTEM)}`, 'SFENCE', 'Priv'),
];

function c(
  cname: string, op: string, pattern: string, format: Format16,
  extra: Partial<Pick<Encoding16, 'implicit' | 'reserved' | 'xlen' | 'ext'>> = {},
): Encoding16 {
  return { cname, op, pattern, format, ext: 'C', ...extra };
}

/**
 * Every RVC instruction of RV32C/RV64C (with the F/D forms), per the
 * manual's "RVC Instruction Set Listings". Where two rows overlap the more
 * specific one comes first and wins (c.addi16sp before c.lui, c.nop is
 * c.addi with rd=x0, c.ebreak before c.jalr before c.add, ...).
 */
export const ENCODINGS_16: readonly Encoding16[] = [
  // Quadrant 0
  c('c.addi4spn', 'addi', '000 -------- --- 00', 'CIW_addi4spn', { implicit: { rs1: 2 }, reserved: ['imm=0'] }),
  c('c.fld', 'fld', '001 --- --- -- --- 00', 'CL_d', { ext: 'D' }),
  c('c.lw', 'lw', '010 --- --- -- --- 00', 'CL_w'),
  c('c.flw', 'flw', '011 --- --- -- --- 00', 'CL_w', { ext: 'F', xlen: 32 }),
  c('c.ld', 'ld', '011 --- --- -- --- 00', 'CL_d', { xlen: 64 }),
  c('c.fsd', 'fsd', '101 --- --- -- --- 00', 'CS_d', { ext: 'D' }),
  c('c.sw', 'sw', '110 --- --- -- --- 00', 'CS_w'),
  c('c.fsw', 'fsw', '111 --- --- -- --- 00', 'CS_w', { ext: 'F', xlen: 32 }),
  c('c.sd', 'sd', '111 --- --- -- --- 00', 'CS_d', { xlen: 64 }),
  // Quadrant 1
  c('c.nop', 'addi', '000 - 00000 ----- 01', 'CI'), // nzimm≠0 is a HINT
  c('c.addi', 'addi', '000 - ----- ----- 01', 'CI'), // nzimm=0 is a HINT
  c('c.jal', 'jal', '001 ----------- 01', 'CJ', { implicit: { rd: 1 }, xlen: 32 }),
  c('c.addiw', 'addiw', '001 - ----- ----- 01', 'CI', { reserved: ['rd=0'], xlen: 64 }),
  c('c.li', 'addi', '010 - ----- ----- 01', 'CI', { implicit: { rs1: 0 } }), // rd=0 is a HINT
  c('c.addi16sp', 'addi', '011 - 00010 ----- 01', 'CI_addi16sp', { reserved: ['imm=0'] }),
  c('c.lui', 'lui', '011 - ----- ----- 01', 'CI_lui', { reserved: ['imm=0'] }), // rd=0 is a HINT
  c('c.srli', 'srli', '100 - 00 --- ----- 01', 'CB_shamt', { reserved: ['shamt5'] }),
  c('c.srai', 'srai', '100 - 01 --- ----- 01', 'CB_shamt', { reserved: ['shamt5'] }),
  c('c.andi', 'andi', '100 - 10 --- ----- 01', 'CB_andi'),
  c('c.sub', 'sub', '100 0 11 --- 00 --- 01', 'CA'),
  c('c.xor', 'xor', '100 0 11 --- 01 --- 01', 'CA'),
  c('c.or', 'or', '100 0 11 --- 10 --- 01', 'CA'),
  c('c.and', 'and', '100 0 11 --- 11 --- 01', 'CA'),
  c('c.subw', 'subw', '100 1 11 --- 00 --- 01', 'CA', { xlen: 64 }),
  c('c.addw', 'addw', '100 1 11 --- 01 --- 01', 'CA', { xlen: 64 }),
  c('c.j', 'jal', '101 ----------- 01', 'CJ', { implicit: { rd: 0 } }),
  c('c.beqz', 'beq', '110 --- --- ----- 01', 'CB_branch'),
  c('c.bnez', 'bne', '111 --- --- ----- 01', 'CB_branch'),
  // Quadrant 2
  c('c.slli', 'slli', '000 - ----- ----- 10', 'CI_shamt', { reserved: ['shamt5'] }), // rd=0, shamt=0: HINTs
  c('c.fldsp', 'fld', '001 - ----- ----- 10', 'CI_ldsp', { ext: 'D' }),
  c('c.lwsp', 'lw', '010 - ----- ----- 10', 'CI_lwsp', { reserved: ['rd=0'] }),
  c('c.flwsp', 'flw', '011 - ----- ----- 10', 'CI_lwsp', { ext: 'F', xlen: 32 }),
  c('c.ldsp', 'ld', '011 - ----- ----- 10', 'CI_ldsp', { reserved: ['rd=0'], xlen: 64 }),
  c('c.jr', 'jalr', '100 0 ----- 00000 10', 'CR', { implicit: { rd: 0 }, reserved: ['rs1=0'] }),
  c('c.mv', 'add', '100 0 ----- ----- 10', 'CR', { implicit: { rs1: 0 } }), // rd=0 is a HINT
  c('c.ebreak', 'ebreak', '100 1 00000 00000 10', 'NONE'),
  c('c.jalr', 'jalr', '100 1 ----- 00000 10', 'CR', { implicit: { rd: 1 } }),
  c('c.add', 'add', '100 1 ----- ----- 10', 'CR'), // rd=0 is a HINT
  c('c.fsdsp', 'fsd', '101 ------ ----- 10', 'CSS_sdsp', { ext: 'D' }),
  c('c.swsp', 'sw', '110 ------ ----- 10', 'CSS_swsp'),
  c('c.fswsp', 'fsw', '111 ------ ----- 10', 'CSS_swsp', { ext: 'F', xlen: 32 }),
  c('c.sdsp', 'sd', '111 ------ ----- 10', 'CSS_sdsp', { xlen: 64 }),
];
