/**
 * RISC-V disassembler whose text is exactly what GNU objdump 2.40
 * (`riscv64-linux-gnu-objdump -d`) prints for the same bytes: the same
 * aliases (`li`, `mv`, `ret`, `beqz`, `csrr`, `frflags`, `fneg.d`, ...), the
 * same RVC spellings (`c.addi` prints as `add a0,a0,1`, HINTs keep their
 * `c.` name), rounding-mode suffixes only when not `dyn`, CSR names, ABI
 * register names and objdump's `# address` comments after instructions that
 * complete a `lui`/`auipc` address or use `gp`, `tp` or `zero` as a base.
 *
 * The rules here were established by disassembling every 16-bit pattern
 * and every instruction form with objdump (see the tests), not by reading
 * its sources.
 */
import type { Insn } from './insn';
import { decode } from './decoder';
import type { Xlen } from './encoding';
import { csrName, type PrivSpec } from './csr-names';

/** ABI names of x0..x31. */
export const X_NAMES: readonly string[] = [
  'zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6',
];

/** ABI names of f0..f31. */
export const F_NAMES: readonly string[] = [
  'ft0', 'ft1', 'ft2', 'ft3', 'ft4', 'ft5', 'ft6', 'ft7', 'fs0', 'fs1', 'fa0', 'fa1', 'fa2', 'fa3', 'fa4', 'fa5',
  'fa6', 'fa7', 'fs2', 'fs3', 'fs4', 'fs5', 'fs6', 'fs7', 'fs8', 'fs9', 'fs10', 'fs11', 'ft8', 'ft9', 'ft10', 'ft11',
];

/** Rounding-mode suffixes by `rm`; 5 and 6 are reserved and objdump prints them as 'unknown'. */
const RM_NAMES: readonly string[] = ['rne', 'rtz', 'rdn', 'rup', 'rmm', 'unknown', 'unknown', 'dyn'];
const RM_DYN = 7;

/** Register numbers objdump's address tracking treats specially. */
const REG = { zero: 0, ra: 1, sp: 2, gp: 3, tp: 4 } as const;

/** CSR numbers with dedicated aliases (unprivileged spec: F and Zicntr). */
const CSR = {
  fflags: 0x001, frm: 0x002, fcsr: 0x003,
  cycle: 0xc00, time: 0xc01, instret: 0xc02, cycleh: 0xc80, timeh: 0xc81, instreth: 0xc82,
} as const;

/** Encodings objdump names although decode() rejects them (RV64GC has no such instruction). */
const OBJDUMP_EXTRA_32: ReadonlyMap<number, string> = new Map([
  [0x00200073, 'uret'], // N extension, withdrawn
  [0x7b200073, 'dret'], // debug spec
]);

/**
 * objdump's pc-relative address tracking: a `lui`/`auipc` records the value
 * it puts in rd; the next instruction that uses rd as a base prints the
 * full address as a `# addr <sym>` comment and forgets it. Keep one tracker
 * per section and pass it to each `disassemble` call in address order.
 */
export class AddressTracker {
  /** Pending upper-immediate value per x register. */
  readonly hi: (bigint | undefined)[] = new Array(32).fill(undefined);
  /** Value of `__global_pointer$`, when known: gp-relative accesses are then annotated. */
  gp: bigint | undefined;
  constructor(gp?: bigint) {
    this.gp = gp;
  }
}

/** Options of `disassemble` / `disassembleRange`. */
export interface DisasmOptions {
  /** Register width (default 64): address arithmetic and the RV32-only `rdcycleh` aliases. */
  readonly xlen?: Xlen;
  /** CSR name set (default '1.12', what objdump assumes without an ELF attribute). */
  readonly priv?: PrivSpec;
  /**
   * How an absolute address is printed (branch targets, `# addr` comments).
   * Default: hex without `0x`, as objdump prints it when no symbol is known;
   * pass one that appends objdump's ` <symbol+0xoff>`.
   */
  readonly printAddress?: (addr: bigint) => string;
  /** Address tracking state shared across consecutive instructions (a fresh one when omitted). */
  readonly tracker?: AddressTracker;
}

/** One disassembled instruction of `disassembleRange`. */
export interface DisasmRow {
  /** Address of the instruction. */
  readonly pc: bigint;
  /** Raw bits (16 or 32). */
  readonly raw: number;
  readonly len: 2 | 4;
  /** objdump's text: mnemonic, a tab, operands (and a `# addr` comment). */
  readonly text: string;
  /** The decoded instruction, or null for an invalid encoding. */
  readonly insn: Insn | null;
}

const hex = (v: number | bigint) => `0x${v.toString(16)}`;

function wrap(v: bigint, xlen: Xlen): bigint {
  return BigInt.asUintN(xlen, v);
}

/**
 * Disassemble one decoded instruction at `pc` as objdump prints it:
 * `'mnemonic\toperands'` (just the mnemonic when there are no operands).
 *
 * @example disassemble(decode(0x00a58533, 64)!, 0x1000n) // 'add\ta0,a1,a0'
 */
export function disassemble(insn: Insn, pc: bigint, opts: DisasmOptions = {}): string {
  const xlen = opts.xlen ?? 64;
  const priv = opts.priv ?? '1.12';
  const printAddress = opts.printAddress ?? ((a: bigint) => a.toString(16));
  const tracker = opts.tracker ?? new AddressTracker();
  const x = (r: number) => X_NAMES[r];
  const f = (r: number) => F_NAMES[r];
  const target = () => printAddress(wrap(pc + BigInt(insn.imm), xlen));
  const { rd, rs1, rs2, imm } = insn;
  let comment: bigint | undefined;

  /** objdump's maybe_print_address: annotate `base + offset` when the base value is known. */
  const track = (base: number, offset: number, wide = false) => {
    let addr: bigint;
    const hi = tracker.hi[base];
    if (hi !== undefined) {
      addr = (base !== REG.zero ? hi : 0n) + BigInt(offset);
      tracker.hi[base] = undefined;
    } else if (base === REG.gp && tracker.gp !== undefined) {
      addr = tracker.gp + BigInt(offset);
    } else if (base === REG.tp || base === REG.zero) {
      addr = BigInt(offset);
    } else {
      return;
    }
    if (wide) addr = BigInt.asIntN(32, addr);
    comment = wrap(addr, xlen);
  };
  const out = (mnemonic: string, operands?: string): string => {
    let s = operands === undefined ? mnemonic : `${mnemonic}\t${operands}`;
    if (comment !== undefined) s += ` # ${printAddress(comment)}`;
    return s;
  };
  const rmSuffix = () => (insn.rm === RM_DYN ? '' : `,${RM_NAMES[insn.rm]}`);
  const csr = () => csrName(insn.csr, priv) ?? hex(insn.csr);
  const upper = () => hex((imm >>> 12) & 0xfffff);

  if (insn.cname !== undefined) return disassembleCompressed(insn, pc, xlen, target, track, out, upper, tracker);

  switch (insn.op) {
    case 'lui':
      tracker.hi[rd] = BigInt(imm);
      return out('lui', `${x(rd)},${upper()}`);
    case 'auipc':
      tracker.hi[rd] = wrap(pc + BigInt(imm), xlen);
      return out('auipc', `${x(rd)},${upper()}`);
    case 'jal':
      if (rd === REG.zero) return out('j', target());
      if (rd === REG.ra) return out('jal', target());
      return out('jal', `${x(rd)},${target()}`);
    case 'jalr':
      if (rd === REG.zero && rs1 === REG.ra && imm === 0) return out('ret');
      // objdump resolves the base once for the register and again for an `imm(rs1)`
      // operand; the second lookup wins when the base is gp, tp or zero.
      track(rs1, imm);
      if (imm !== 0) track(rs1, imm);
      if (rd === REG.zero) return out('jr', imm === 0 ? x(rs1) : `${imm}(${x(rs1)})`);
      if (rd === REG.ra) return out('jalr', imm === 0 ? x(rs1) : `${imm}(${x(rs1)})`);
      return out('jalr', imm === 0 ? `${x(rd)},${x(rs1)}` : `${x(rd)},${imm}(${x(rs1)})`);
    case 'beq': case 'bne':
      if (rs2 === REG.zero) return out(`${insn.op}z`, `${x(rs1)},${target()}`);
      return out(insn.op, `${x(rs1)},${x(rs2)},${target()}`);
    case 'blt': case 'bge': {
      // objdump tries bltz before bgtz but blez before bgez (visible when both registers are x0).
      if (insn.op === 'blt' && rs2 === REG.zero) return out('bltz', `${x(rs1)},${target()}`);
      if (rs1 === REG.zero) return out(insn.op === 'blt' ? 'bgtz' : 'blez', `${x(rs2)},${target()}`);
      if (rs2 === REG.zero) return out('bgez', `${x(rs1)},${target()}`);
      return out(insn.op, `${x(rs1)},${x(rs2)},${target()}`);
    }
    case 'bltu': case 'bgeu':
      return out(insn.op, `${x(rs1)},${x(rs2)},${target()}`);
    case 'lb': case 'lh': case 'lw': case 'ld': case 'lbu': case 'lhu': case 'lwu':
      track(rs1, imm);
      return out(insn.op, `${x(rd)},${imm}(${x(rs1)})`);
    case 'flw': case 'fld':
      track(rs1, imm);
      return out(insn.op, `${f(rd)},${imm}(${x(rs1)})`);
    case 'sb': case 'sh': case 'sw': case 'sd':
      track(rs1, imm);
      return out(insn.op, `${x(rs2)},${imm}(${x(rs1)})`);
    case 'fsw': case 'fsd':
      track(rs1, imm);
      return out(insn.op, `${f(rs2)},${imm}(${x(rs1)})`);
    // Only the forms that print the immediate complete a tracked address (not li/mv/sext.w).
    case 'addi':
      if (rd === REG.zero && rs1 === REG.zero && imm === 0) return out('nop');
      if (rs1 === REG.zero) return out('li', `${x(rd)},${imm}`);
      if (imm === 0) return out('mv', `${x(rd)},${x(rs1)}`);
      track(rs1, imm);
      return out('add', `${x(rd)},${x(rs1)},${imm}`);
    case 'addiw':
      if (imm === 0) return out('sext.w', `${x(rd)},${x(rs1)}`);
      if (rs1 !== REG.zero) track(rs1, imm, true);
      return out('addw', `${x(rd)},${x(rs1)},${imm}`);
    case 'sltiu':
      if (imm === 1) return out('seqz', `${x(rd)},${x(rs1)}`);
      return out('sltiu', `${x(rd)},${x(rs1)},${imm}`);
    case 'xori':
      if (imm === -1) return out('not', `${x(rd)},${x(rs1)}`);
      return out('xor', `${x(rd)},${x(rs1)},${imm}`);
    case 'slti':
      return out('slti', `${x(rd)},${x(rs1)},${imm}`);
    case 'andi':
      if (imm === 0xff) return out('zext.b', `${x(rd)},${x(rs1)}`);
      return out('and', `${x(rd)},${x(rs1)},${imm}`);
    case 'ori':
      return out(insn.op.slice(0, -1), `${x(rd)},${x(rs1)},${imm}`);
    case 'slli': case 'srli': case 'srai': case 'slliw': case 'srliw': case 'sraiw':
      return out(insn.op.replace('i', ''), `${x(rd)},${x(rs1)},${hex(imm)}`);
    case 'sub': case 'subw':
      if (rs1 === REG.zero) return out(insn.op === 'sub' ? 'neg' : 'negw', `${x(rd)},${x(rs2)}`);
      return out(insn.op, `${x(rd)},${x(rs1)},${x(rs2)}`);
    case 'slt':
      if (rs2 === REG.zero) return out('sltz', `${x(rd)},${x(rs1)}`);
      if (rs1 === REG.zero) return out('sgtz', `${x(rd)},${x(rs2)}`);
      return out('slt', `${x(rd)},${x(rs1)},${x(rs2)}`);
    case 'sltu':
      if (rs1 === REG.zero) return out('snez', `${x(rd)},${x(rs2)}`);
      return out('sltu', `${x(rd)},${x(rs1)},${x(rs2)}`);
    case 'add': case 'sll': case 'xor': case 'srl': case 'sra': case 'or': case 'and':
    case 'addw': case 'sllw': case 'srlw': case 'sraw':
    case 'mul': case 'mulh': case 'mulhsu': case 'mulhu': case 'div': case 'divu': case 'rem': case 'remu':
    case 'mulw': case 'divw': case 'divuw': case 'remw': case 'remuw':
      return out(insn.op, `${x(rd)},${x(rs1)},${x(rs2)}`);
    case 'fence': return disassembleFence(insn, out);
    case 'fence.i':
      return (insn.raw & ~0x7000 & ~0x7f) === 0 ? out('fence.i') : invalid(insn.raw, 4);
    case 'ecall': case 'ebreak': case 'sret': case 'mret': case 'wfi':
      return out(insn.op);
    case 'sfence.vma':
      if (rs2 === REG.zero) return out('sfence.vma', rs1 === REG.zero ? undefined : x(rs1));
      return out('sfence.vma', `${x(rs1)},${x(rs2)}`);
    case 'csrrw': case 'csrrs': case 'csrrc': case 'csrrwi': case 'csrrsi': case 'csrrci':
      return disassembleCsr(insn, xlen, csr, out);
  }
  if (insn.op.startsWith('lr.') || insn.op.startsWith('sc.') || insn.op.startsWith('amo')) {
    const suffix = insn.aq ? (insn.rl ? '.aqrl' : '.aq') : insn.rl ? '.rl' : '';
    if (insn.op.startsWith('lr.')) return out(insn.op + suffix, `${x(rd)},(${x(rs1)})`);
    return out(insn.op + suffix, `${x(rd)},${x(rs2)},(${x(rs1)})`);
  }
  return disassembleFp(insn, x, f, rmSuffix, out);
}

type Out = (mnemonic: string, operands?: string) => string;

function disassembleFence(insn: Insn, out: Out): string {
  const fm = insn.raw >>> 28;
  // objdump only accepts the reserved rd/rs1 fields as zero, and fm = 0 or the fence.tso form.
  if ((insn.raw & 0x000f8f80) !== 0) return invalid(insn.raw, 4);
  const RW = 0b0011;
  const IORW = 0b1111;
  if (fm === 0b1000) return insn.pred === RW && insn.succ === RW ? out('fence.tso') : invalid(insn.raw, 4);
  if (fm !== 0) return invalid(insn.raw, 4);
  if (insn.pred === IORW && insn.succ === IORW) return out('fence');
  const set = (s: number) => s === 0 ? 'unknown' : ['i', 'o', 'r', 'w'].filter((_, i) => (s & (8 >> i)) !== 0).join('');
  return out('fence', `${set(insn.pred)},${set(insn.succ)}`);
}

function disassembleCsr(insn: Insn, xlen: Xlen, csr: () => string, out: Out): string {
  const { rd, rs1, imm } = insn;
  const x = (r: number) => X_NAMES[r];
  const c = insn.csr;
  switch (insn.op) {
    case 'csrrs':
      if (rs1 === REG.zero) {
        if (c === CSR.fflags) return out('frflags', x(rd));
        if (c === CSR.frm) return out('frrm', x(rd));
        if (c === CSR.fcsr) return out('frcsr', x(rd));
        if (c === CSR.cycle) return out('rdcycle', x(rd));
        if (c === CSR.time) return out('rdtime', x(rd));
        if (c === CSR.instret) return out('rdinstret', x(rd));
        if (xlen === 32 && c === CSR.cycleh) return out('rdcycleh', x(rd));
        if (xlen === 32 && c === CSR.timeh) return out('rdtimeh', x(rd));
        if (xlen === 32 && c === CSR.instreth) return out('rdinstreth', x(rd));
        return out('csrr', `${x(rd)},${csr()}`);
      }
      return rd === REG.zero ? out('csrs', `${csr()},${x(rs1)}`) : out('csrrs', `${x(rd)},${csr()},${x(rs1)}`);
    case 'csrrw': {
      // csrrw x0, cycle, x0 is the canonical 32-bit `unimp`.
      if (insn.raw === 0xc0001073) return out('unimp');
      const alias = c === CSR.fflags ? 'fsflags' : c === CSR.frm ? 'fsrm' : c === CSR.fcsr ? 'fscsr' : undefined;
      if (rd === REG.zero) return alias !== undefined ? out(alias, x(rs1)) : out('csrw', `${csr()},${x(rs1)}`);
      return alias !== undefined ? out(alias, `${x(rd)},${x(rs1)}`) : out('csrrw', `${x(rd)},${csr()},${x(rs1)}`);
    }
    case 'csrrc':
      return rd === REG.zero ? out('csrc', `${csr()},${x(rs1)}`) : out('csrrc', `${x(rd)},${csr()},${x(rs1)}`);
    case 'csrrwi':
      if (c === CSR.fflags) return out('fsflagsi', `${x(rd)},${imm}`);
      if (c === CSR.frm) return out('fsrmi', `${x(rd)},${imm}`);
      return rd === REG.zero ? out('csrw', `${csr()},${imm}`) : out('csrrw', `${x(rd)},${csr()},${imm}`);
    case 'csrrsi':
      return rd === REG.zero ? out('csrs', `${csr()},${imm}`) : out('csrrs', `${x(rd)},${csr()},${imm}`);
    default: // csrrci
      return rd === REG.zero ? out('csrc', `${csr()},${imm}`) : out('csrrc', `${x(rd)},${csr()},${imm}`);
  }
}

function disassembleFp(
  insn: Insn, x: (r: number) => string, f: (r: number) => string, rmSuffix: () => string, out: Out,
): string {
  const { op, rd, rs1, rs2, rs3 } = insn;
  const [name, a, b] = op.split('.');
  switch (name) {
    case 'fmadd': case 'fmsub': case 'fnmsub': case 'fnmadd':
      return out(op, `${f(rd)},${f(rs1)},${f(rs2)},${f(rs3)}${rmSuffix()}`);
    case 'fadd': case 'fsub': case 'fmul': case 'fdiv':
      return out(op, `${f(rd)},${f(rs1)},${f(rs2)}${rmSuffix()}`);
    case 'fsqrt':
      return out(op, `${f(rd)},${f(rs1)}${rmSuffix()}`);
    case 'fsgnj': case 'fsgnjn': case 'fsgnjx':
      if (rs1 === rs2) {
        const alias = name === 'fsgnj' ? 'fmv' : name === 'fsgnjn' ? 'fneg' : 'fabs';
        return out(`${alias}.${a}`, `${f(rd)},${f(rs1)}`);
      }
      return out(op, `${f(rd)},${f(rs1)},${f(rs2)}`);
    case 'fmin': case 'fmax':
      return out(op, `${f(rd)},${f(rs1)},${f(rs2)}`);
    case 'feq': case 'flt': case 'fle':
      return out(op, `${x(rd)},${f(rs1)},${f(rs2)}`);
    case 'fclass':
      return out(op, `${x(rd)},${f(rs1)}`);
    case 'fmv':
      // fmv.x.w / fmv.x.d move to an x register; fmv.w.x / fmv.d.x from one.
      return a === 'x' ? out(op, `${x(rd)},${f(rs1)}`) : out(op, `${f(rd)},${x(rs1)}`);
    case 'fcvt': {
      const isInt = (t: string) => t === 'w' || t === 'wu' || t === 'l' || t === 'lu';
      const dst = isInt(a) ? x(rd) : f(rd);
      const src = isInt(b) ? x(rs1) : f(rs1);
      // Exact conversions: objdump knows them only without a rounding mode.
      if (op === 'fcvt.d.s' || op === 'fcvt.d.w' || op === 'fcvt.d.wu') {
        return insn.rm === 0 ? out(op, `${dst},${src}`) : invalid(insn.raw, 4);
      }
      return out(op, `${dst},${src}${rmSuffix()}`);
    }
  }
  throw new Error(`disassemble: no rule for '${op}'`);
}

function disassembleCompressed(
  insn: Insn, pc: bigint, xlen: Xlen, target: () => string,
  track: (base: number, offset: number, wide?: boolean) => void, out: Out, upper: () => string,
  tracker: AddressTracker,
): string {
  const { rd, rs1, rs2, imm } = insn;
  const x = (r: number) => X_NAMES[r];
  const f = (r: number) => F_NAMES[r];
  void pc; void xlen;
  switch (insn.cname) {
    case 'c.addi4spn': return out('add', `${x(rd)},sp,${imm}`);
    case 'c.fld': case 'c.flw': case 'c.fldsp': case 'c.flwsp':
      return out(insn.op, `${f(rd)},${imm}(${x(rs1)})`);
    case 'c.lw': case 'c.ld': case 'c.lwsp': case 'c.ldsp':
      return out(insn.op, `${x(rd)},${imm}(${x(rs1)})`);
    case 'c.fsd': case 'c.fsw': case 'c.fsdsp': case 'c.fswsp':
      return out(insn.op, `${f(rs2)},${imm}(${x(rs1)})`);
    case 'c.sw': case 'c.sd': case 'c.swsp': case 'c.sdsp':
      return out(insn.op, `${x(rs2)},${imm}(${x(rs1)})`);
    case 'c.nop': return imm === 0 ? out('nop') : out('c.nop', `${imm}`);
    case 'c.addi':
      track(rd, imm);
      return out('add', `${x(rd)},${x(rd)},${imm}`);
    case 'c.addiw':
      if (imm === 0) return out('sext.w', `${x(rd)},${x(rd)}`);
      track(rd, imm, true);
      return out('addw', `${x(rd)},${x(rd)},${imm}`);
    case 'c.li': return rd === REG.zero ? out('c.li', `zero,${imm}`) : out('li', `${x(rd)},${imm}`);
    case 'c.addi16sp': return out('add', `sp,sp,${imm}`);
    case 'c.lui':
      if (rd === REG.zero) return out('c.lui', `zero,${upper()}`);
      tracker.hi[rd] = BigInt(imm);
      return out('lui', `${x(rd)},${upper()}`);
    case 'c.srli': case 'c.srai':
      if (imm === 0) return out(`${insn.cname}64`, x(rd));
      return out(insn.op.slice(0, 3), `${x(rd)},${x(rd)},${hex(imm)}`);
    case 'c.slli':
      if (imm === 0) return out('c.slli64', x(rd));
      if (rd === REG.zero) return out('c.slli', `zero,${hex(imm)}`);
      return out('sll', `${x(rd)},${x(rd)},${hex(imm)}`);
    case 'c.andi': return out('and', `${x(rd)},${x(rd)},${imm}`);
    case 'c.sub': case 'c.xor': case 'c.or': case 'c.and': case 'c.subw': case 'c.addw':
      return out(insn.op, `${x(rd)},${x(rd)},${x(rs2)}`);
    case 'c.j': return out('j', target());
    case 'c.jal': return out('jal', target());
    case 'c.beqz': return out('beqz', `${x(rs1)},${target()}`);
    case 'c.bnez': return out('bnez', `${x(rs1)},${target()}`);
    case 'c.jr': return rs1 === REG.ra ? out('ret') : out('jr', x(rs1));
    case 'c.jalr': return out('jalr', x(rs1));
    case 'c.mv': return rd === REG.zero ? out('c.mv', `zero,${x(rs2)}`) : out('mv', `${x(rd)},${x(rs2)}`);
    case 'c.add': return rd === REG.zero ? out('c.add', `zero,${x(rs2)}`) : out('add', `${x(rd)},${x(rd)},${x(rs2)}`);
    case 'c.ebreak': return out('ebreak');
  }
  throw new Error(`disassemble: no rule for '${insn.cname}'`);
}

function invalid(raw: number, len: 2 | 4): string {
  return len === 2 ? `.2byte\t${hex(raw & 0xffff)}` : `.4byte\t${hex(raw >>> 0)}`;
}

/**
 * What objdump prints for bits `decode()` rejects: `unimp` for the all-zero
 * parcel, `.2byte 0x…`/`.4byte 0x…` for reserved encodings, and the few
 * encodings objdump still names (`uret`, `dret`, `c.addi16sp` with a zero
 * immediate, RV32 shifts with shamt[5] set).
 */
export function disassembleInvalid(raw: number, len: 2 | 4, pc: bigint = 0n, opts: DisasmOptions = {}): string {
  const xlen = opts.xlen ?? 64;
  if (len === 2) {
    raw &= 0xffff;
    if (raw === 0) return 'unimp';
    if (raw === 0x6101) return 'add\tsp,sp,0'; // c.addi16sp sp,0: reserved, objdump still names it
    if (xlen === 32) {
      const wide = decode(raw, 64);
      if (wide !== null && (wide.cname === 'c.slli' || wide.cname === 'c.srli' || wide.cname === 'c.srai')) {
        return disassemble(wide, pc, opts);
      }
    }
    return invalid(raw, 2);
  }
  if (xlen === 32) {
    // objdump prints RV32 shifts with shamt[5] set although the manual reserves them.
    const wide = decode(raw, 64);
    if (wide !== null && (wide.op === 'slli' || wide.op === 'srli' || wide.op === 'srai')) {
      return disassemble(wide, pc, opts);
    }
  }
  return OBJDUMP_EXTRA_32.get(raw >>> 0) ?? invalid(raw, 4);
}

/**
 * Disassemble a run of instruction bytes starting at `pc` (little-endian,
 * 2-byte parcels) into rows a notebook can tabulate. Invalid encodings give
 * objdump's `.2byte`/`.4byte`/`unimp` text and `insn: null`; a trailing
 * partial instruction is shown as `.byte` values.
 */
export function disassembleRange(bytes: Uint8Array, pc: bigint, xlen: Xlen, opts: DisasmOptions = {}): DisasmRow[] {
  const rows: DisasmRow[] = [];
  const o: DisasmOptions = { ...opts, xlen, tracker: opts.tracker ?? new AddressTracker() };
  for (let off = 0; off < bytes.length;) {
    const row = disassembleAt(bytes, off, pc + BigInt(off), o);
    rows.push(row);
    off += row.text.startsWith('.byte') ? 1 : row.len;
  }
  return rows;
}

/**
 * Disassemble the one instruction at `bytes[offset]` (address `pc`).
 * Pass the same `opts.tracker` for consecutive calls to get objdump's
 * `# address` comments. A lone trailing byte gives `.byte` (advance by 1).
 */
export function disassembleAt(bytes: Uint8Array, offset: number, pc: bigint, opts: DisasmOptions = {}): DisasmRow {
  const xlen = opts.xlen ?? 64;
  if (bytes.length - offset < 2) {
    return { pc, raw: bytes[offset], len: 2, text: `.byte\t${hex(bytes[offset])}`, insn: null };
  }
  const lo = bytes[offset] | (bytes[offset + 1] << 8);
  if ((lo & 3) === 3 && bytes.length - offset < 4) {
    return { pc, raw: lo, len: 2, text: `.2byte\t${hex(lo)}`, insn: null };
  }
  const len: 2 | 4 = (lo & 3) === 3 ? 4 : 2;
  const raw = len === 2 ? lo : (lo | (bytes[offset + 2] << 16) | (bytes[offset + 3] << 24)) >>> 0;
  const insn = decode(raw, xlen);
  const text = insn === null ? disassembleInvalid(raw, len, pc, opts) : disassemble(insn, pc, opts);
  return { pc, raw, len, text, insn };
}
