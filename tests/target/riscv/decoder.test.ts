import { describe, it, expect } from 'vitest';
import { decode, insnLength, compilePattern } from '../../../core/target/riscv/decoder';
import { ENCODINGS_16, ENCODINGS_32 } from '../../../core/target/riscv/encoding';

const d64 = (raw: number) => decode(raw, 64);
const d32 = (raw: number) => decode(raw, 32);

describe('32-bit field extraction', () => {
  it('addi sign-extends its 12-bit immediate', () => {
    expect(d64(0x80058513)).toMatchObject({ op: 'addi', rd: 10, rs1: 11, imm: -2048, len: 4 }); // addi a0,a1,-2048
    expect(d64(0x7ff58513)).toMatchObject({ imm: 2047 });
  });
  it('store offsets join imm[11:5] and imm[4:0]', () => {
    expect(d64(0xfea5bfa3)).toMatchObject({ op: 'sd', rs1: 11, rs2: 10, imm: -1, rd: 0 }); // sd a0,-1(a1)
  });
  it('branch offsets are in bytes and reach -4096', () => {
    expect(d64(0x80b50063)).toMatchObject({ op: 'beq', rs1: 10, rs2: 11, imm: -4096 });
    expect(d64(0x7eb50fe3)).toMatchObject({ op: 'beq', imm: 4094 });
  });
  it('jal offsets reach ±1 MiB', () => {
    expect(d64(0x800000ef)).toMatchObject({ op: 'jal', rd: 1, imm: -(1 << 20) });
    expect(d64(0x7ffff06f)).toMatchObject({ op: 'jal', rd: 0, imm: (1 << 20) - 2 });
  });
  it('lui keeps imm << 12 sign-extended to 32 bits', () => {
    expect(d64(0x800005b7)).toMatchObject({ op: 'lui', rd: 11, imm: -0x80000000 });
    expect(d64(0x12345537)).toMatchObject({ op: 'lui', imm: 0x12345000 });
  });
  it('RV64 shifts take a 6-bit shamt, RV32 shifts a 5-bit one', () => {
    expect(d64(0x03f59513)).toMatchObject({ op: 'slli', imm: 63 });
    expect(d32(0x03f59513)).toBeNull();
    expect(d32(0x01f59513)).toMatchObject({ op: 'slli', imm: 31 });
    expect(d64(0x4205d513)).toMatchObject({ op: 'srai', imm: 32 });
  });
  it('csrr*i put the zimm in imm and the CSR number in csr', () => {
    expect(d64(0x300fe573)).toMatchObject({ op: 'csrrsi', rd: 10, rs1: 0, imm: 31, csr: 0x300 });
    expect(d64(0x30059573)).toMatchObject({ op: 'csrrw', rd: 10, rs1: 11, csr: 0x300 });
  });
  it('FP instructions carry the rounding mode and R4 the third source', () => {
    expect(d64(0x68c59543)).toMatchObject({ op: 'fmadd.s', rd: 10, rs1: 11, rs2: 12, rs3: 13, rm: 1 });
    expect(d64(0xc2051553)).toMatchObject({ op: 'fcvt.w.d', rd: 10, rs1: 10, rm: 1, rs2: 0 });
  });
  it('AMOs set aq and rl', () => {
    expect(d64(0x0ec5a52f)).toMatchObject({ op: 'amoswap.w', aq: true, rl: true, rs2: 12 });
    expect(d64(0x1605b52f)).toMatchObject({ op: 'lr.d', aq: true, rl: true });
    expect(d64(0x1ac5b52f)).toMatchObject({ op: 'sc.d', aq: false, rl: true });
  });
  it('fence sets pred/succ; fence.tso is a fence with fm = 1000', () => {
    expect(d64(0x0330000f)).toMatchObject({ op: 'fence', pred: 3, succ: 3 });
    const tso = d64(0x8330000f);
    expect(tso).toMatchObject({ op: 'fence', pred: 3, succ: 3 });
    expect(tso!.raw >>> 28).toBe(0b1000);
  });
  it('privileged instructions decode by name', () => {
    expect(d64(0x30200073)?.op).toBe('mret');
    expect(d64(0x10200073)?.op).toBe('sret');
    expect(d64(0x10500073)?.op).toBe('wfi');
    expect(d64(0x12b50073)).toMatchObject({ op: 'sfence.vma', rs1: 10, rs2: 11 });
  });
  it('RV64-only instructions do not exist in RV32', () => {
    for (const raw of [0x0005b503 /* ld */, 0x0015051b /* addiw */, 0x00b5053b /* addw */, 0xe2058553 /* fmv.x.d */]) {
      expect(d64(raw)).not.toBeNull();
      expect(d32(raw)).toBeNull();
    }
  });
  it('reserved encodings are null', () => {
    expect(d64(0x00000000)).toBeNull(); // 32-bit view of a zero parcel is compressed: see below
    expect(d64(0xffffffff)).toBeNull(); // >32-bit length encoding
    expect(d64(0x000000f3)).toBeNull(); // ecall with rd != 0
    expect(d64(0x1015a52f)).toBeNull(); // lr.w with rs2 != 0
    expect(d64(0x0000607f)).toBeNull();
  });
});

describe('compressed instructions', () => {
  it('expand to their base instruction and keep the RVC name', () => {
    expect(d64(0x1141)).toMatchObject({ op: 'addi', cname: 'c.addi', rd: 2, rs1: 2, imm: -16, len: 2 });
    expect(d64(0x8082)).toMatchObject({ op: 'jalr', cname: 'c.jr', rd: 0, rs1: 1, imm: 0 });
    expect(d64(0x852e)).toMatchObject({ op: 'add', cname: 'c.mv', rd: 10, rs1: 0, rs2: 11 });
    expect(d64(0x9502)).toMatchObject({ op: 'jalr', cname: 'c.jalr', rd: 1, rs1: 10 });
    expect(d64(0x7179)).toMatchObject({ op: 'addi', cname: 'c.addi16sp', rd: 2, rs1: 2, imm: -48 });
    expect(d64(0x0808)).toMatchObject({ op: 'addi', cname: 'c.addi4spn', rd: 10, rs1: 2, imm: 16 });
    expect(d64(0x6585)).toMatchObject({ op: 'lui', cname: 'c.lui', rd: 11, imm: 0x1000 });
    expect(d64(0x75fd)).toMatchObject({ op: 'lui', imm: -0x1000 });
    expect(d64(0xe406)).toMatchObject({ op: 'sd', cname: 'c.sdsp', rs1: 2, rs2: 1, imm: 8 });
    expect(d64(0x60a2)).toMatchObject({ op: 'ld', cname: 'c.ldsp', rd: 1, rs1: 2, imm: 8 });
  });
  it('compressed branch and jump offsets are in bytes', () => {
    expect(d64(0xc001)).toMatchObject({ op: 'beq', cname: 'c.beqz', rs1: 8, rs2: 0, imm: 0 });
    expect(d64(0xdd7d)).toMatchObject({ op: 'beq', rs1: 10, imm: -2 }); // beqz a0,.-2
    expect(d64(0xbffd)).toMatchObject({ op: 'jal', cname: 'c.j', rd: 0, imm: -2 });
  });
  it('every reserved RVC encoding is null', () => {
    expect(d64(0x0000)).toBeNull(); // all-zero parcel (illegal)
    expect(d64(0x0004)).toBeNull(); // c.addi4spn nzuimm=0
    expect(d64(0x4002)).toBeNull(); // c.lwsp rd=0
    expect(d64(0x6002)).toBeNull(); // c.ldsp rd=0
    expect(d64(0x8002)).toBeNull(); // c.jr rs1=0
    expect(d64(0x6501)).toBeNull(); // c.lui imm=0
    expect(d64(0x6001)).toBeNull(); // c.lui rd=0, imm=0
    expect(d64(0x6101)).toBeNull(); // c.addi16sp imm=0
    expect(d64(0x2001)).toBeNull(); // c.addiw rd=0
    expect(d64(0x8000)).toBeNull(); // quadrant 0, funct3=100
    expect(d64(0x9c41)).toBeNull(); // funct6=100111 funct2=10
    expect(d64(0x9c61)).toBeNull(); // funct6=100111 funct2=11
    expect(d32(0x9c01)).toBeNull(); // c.subw does not exist in RV32
    expect(d32(0x1006)).toBeNull(); // RV32 c.slli with shamt[5]=1
    expect(d32(0x9005)).toBeNull(); // RV32 c.srli with shamt[5]=1
    expect(d32(0x9405)).toBeNull(); // RV32 c.srai with shamt[5]=1
  });
  it('HINT encodings are legal and decode to their base instruction', () => {
    expect(d64(0x0005)).toMatchObject({ op: 'addi', cname: 'c.nop', rd: 0, imm: 1 });
    expect(d64(0x0081)).toMatchObject({ op: 'addi', cname: 'c.addi', rd: 1, imm: 0 });
    expect(d64(0x4005)).toMatchObject({ op: 'addi', cname: 'c.li', rd: 0, rs1: 0, imm: 1 });
    expect(d64(0x6005)).toMatchObject({ op: 'lui', cname: 'c.lui', rd: 0, imm: 0x1000 });
    expect(d64(0x8006)).toMatchObject({ op: 'add', cname: 'c.mv', rd: 0, rs2: 1 });
    expect(d64(0x9006)).toMatchObject({ op: 'add', cname: 'c.add', rd: 0, rs2: 1 });
    expect(d64(0x0006)).toMatchObject({ op: 'slli', cname: 'c.slli', rd: 0, imm: 1 });
    expect(d64(0x0082)).toMatchObject({ op: 'slli', cname: 'c.slli', rd: 1, imm: 0 });
    expect(d64(0x8001)).toMatchObject({ op: 'srli', cname: 'c.srli', rd: 8, imm: 0 });
  });
  it('RV32 has c.jal, c.flw and c.fsw where RV64 has c.addiw, c.ld and c.sd', () => {
    expect(d32(0x2005)).toMatchObject({ op: 'jal', cname: 'c.jal', rd: 1, imm: 0x20 });
    expect(d64(0x2085)).toMatchObject({ op: 'addiw', cname: 'c.addiw', rd: 1, imm: 1 });
    expect(d32(0x6188)).toMatchObject({ op: 'flw', cname: 'c.flw' });
    expect(d64(0x6188)).toMatchObject({ op: 'ld', cname: 'c.ld' });
    expect(d32(0xe188)).toMatchObject({ op: 'fsw', cname: 'c.fsw' });
    expect(d64(0xe188)).toMatchObject({ op: 'sd', cname: 'c.sd' });
    expect(d32(0x6522)).toMatchObject({ op: 'flw', cname: 'c.flwsp', rd: 10 });
    expect(d64(0x6522)).toMatchObject({ op: 'ld', cname: 'c.ldsp', rd: 10 });
  });
  it('a 32-bit fetch whose low parcel is compressed decodes only that parcel', () => {
    expect(d64(0xdead1141)).toMatchObject({ op: 'addi', cname: 'c.addi', raw: 0x1141, len: 2 });
  });
});

describe('instruction length', () => {
  it('is 2 for RVC parcels and 4 for the 32-bit space', () => {
    expect(insnLength(0x1141)).toBe(2);
    expect(insnLength(0x0513)).toBe(4);
  });
  it('rejects encodings longer than 32 bits', () => {
    expect(() => insnLength(0x001f)).toThrow(/longer than 32 bits/);
    expect(() => insnLength(0x003f)).toThrow(/longer than 32 bits/);
  });
});

describe('encoding tables', () => {
  it('every pattern is well-formed and no two rows of one XLEN share mask and match', () => {
    for (const xlen of [32, 64] as const) {
      const seen = new Set<string>();
      for (const e of ENCODINGS_32.filter((r) => r.xlen === undefined || r.xlen === xlen)) {
        const { mask, match } = compilePattern(e.pattern, 32);
        expect(match & ~mask).toBe(0);
        const key = `${mask}:${match}`;
        expect(seen.has(key), `${e.op} duplicates another row`).toBe(false);
        seen.add(key);
      }
      for (const e of ENCODINGS_16) compilePattern(e.pattern, 16);
    }
  });
  it('decodes well under a microsecond per instruction', () => {
    const words = [0x00a58533, 0xfe010113, 0x00113423, 0x0505, 0x1141, 0x8082, 0x02c58553, 0x0ec5a52f];
    for (let i = 0; i < 10000; i++) d64(words[i & 7]); // build indexes, warm up
    const n = 200_000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) d64(words[i & 7]);
    const usPerInsn = ((performance.now() - t0) * 1000) / n;
    expect(usPerInsn).toBeLessThan(1);
  });
});
