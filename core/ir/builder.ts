import {
  BinaryOpc, Cond, Const, HelperInfo, IrBlock, IrOp, IrType, Label, MemOp, Temp, UnaryOpc, Value, constant,
} from './ir';

/**
 * Temporaries and labels are immutable and identified by their id within a
 * block, so every block shares one object per (type, id) and per label id:
 * translating a block allocates none of them.
 */
const TEMPS_I32: Temp[] = [];
const TEMPS_I64: Temp[] = [];
const LABELS: Label[] = [];

/**
 * Emits IR ops into a block. Every value-producing method allocates a fresh
 * temporary and returns it, so translators read like expressions:
 * `b.setReg(rd, b.add('i64', b.getReg(rs1), b.i64(imm)))`.
 */
export class IrBuilder {
  readonly ops: IrOp[] = [];
  private temps = 0;
  private labels = 0;
  insnCount = 0;
  byteSize = 0;

  constructor(readonly pc: bigint) {}

  /** A fresh temporary of the given type. */
  temp(type: IrType): Temp {
    const id = this.temps++;
    const shared = type === 'i64' ? TEMPS_I64 : TEMPS_I32;
    return shared[id] ?? (shared[id] = { kind: 'temp', id, type });
  }

  /** A fresh label. */
  label(): Label {
    const id = this.labels++;
    return LABELS[id] ?? (LABELS[id] = { id });
  }

  /** An i64 constant. */
  i64(v: bigint | number): Const {
    return constant('i64', v);
  }

  /** An i32 constant. */
  i32(v: bigint | number): Const {
    return constant('i32', v);
  }

  /** Append a raw op. */
  emit(op: IrOp): void {
    this.ops.push(op);
  }

  /** Mark the start of a guest instruction (precise state, disassembly next to the IR). */
  insnStart(pc: bigint, len: number): void {
    this.ops.push({ opc: 'insn_start', pc, len });
    this.insnCount++;
    this.byteSize += len;
  }

  mov(type: IrType, a: Value): Temp {
    const dst = this.temp(type);
    this.ops.push({ opc: 'mov', type, dst, a });
    return dst;
  }

  /** Assign into an existing temporary (for values merged across labels). */
  movTo(dst: Temp, a: Value): void {
    this.ops.push({ opc: 'mov', type: dst.type, dst, a });
  }

  binary(opc: BinaryOpc, type: IrType, a: Value, b: Value): Temp {
    const dst = this.temp(type);
    this.ops.push({ opc, type, dst, a, b });
    return dst;
  }

  unary(opc: UnaryOpc, type: IrType, a: Value): Temp {
    const dst = this.temp(type);
    this.ops.push({ opc, type, dst, a });
    return dst;
  }

  add(type: IrType, a: Value, b: Value): Temp { return this.binary('add', type, a, b); }
  sub(type: IrType, a: Value, b: Value): Temp { return this.binary('sub', type, a, b); }
  and(type: IrType, a: Value, b: Value): Temp { return this.binary('and', type, a, b); }
  or(type: IrType, a: Value, b: Value): Temp { return this.binary('or', type, a, b); }
  xor(type: IrType, a: Value, b: Value): Temp { return this.binary('xor', type, a, b); }
  shl(type: IrType, a: Value, b: Value): Temp { return this.binary('shl', type, a, b); }
  shr(type: IrType, a: Value, b: Value): Temp { return this.binary('shr', type, a, b); }
  sar(type: IrType, a: Value, b: Value): Temp { return this.binary('sar', type, a, b); }

  /** i64 → i32, keeping the low half. */
  trunc(a: Value): Temp {
    const dst = this.temp('i32');
    this.ops.push({ opc: 'trunc', dst, a });
    return dst;
  }

  /** i32 → i64 with sign extension. */
  sext(a: Value): Temp {
    const dst = this.temp('i64');
    this.ops.push({ opc: 'sext', dst, a });
    return dst;
  }

  /** i32 → i64 with zero extension. */
  zext(a: Value): Temp {
    const dst = this.temp('i64');
    this.ops.push({ opc: 'zext', dst, a });
    return dst;
  }

  /** 1 if `a cond b`, else 0, in the operands' type. */
  setcond(type: IrType, cond: Cond, a: Value, b: Value): Temp {
    const dst = this.temp(type);
    this.ops.push({ opc: 'setcond', type, cond, dst, a, b });
    return dst;
  }

  /** `a cond b ? t : f`. */
  movcond(type: IrType, cond: Cond, a: Value, b: Value, t: Value, f: Value): Temp {
    const dst = this.temp(type);
    this.ops.push({ opc: 'movcond', type, cond, dst, a, b, t, f });
    return dst;
  }

  brcond(type: IrType, cond: Cond, a: Value, b: Value, label: Label): void {
    this.ops.push({ opc: 'brcond', type, cond, a, b, label });
  }

  br(label: Label): void {
    this.ops.push({ opc: 'br', label });
  }

  setLabel(label: Label): void {
    this.ops.push({ opc: 'label', label });
  }

  /** Load from the CPU state. */
  ld(type: IrType, offset: number): Temp {
    const dst = this.temp(type);
    this.ops.push({ opc: 'ld', type, dst, offset });
    return dst;
  }

  /** Store to the CPU state. */
  st(type: IrType, src: Value, offset: number): void {
    this.ops.push({ opc: 'st', type, src, offset });
  }

  /** Guest memory load, extended to `type` as `memop.signed` says. */
  qemuLd(type: IrType, addr: Value, memop: MemOp, mmuIdx: number): Temp {
    const dst = this.temp(type);
    this.ops.push({ opc: 'qemu_ld', type, dst, addr, memop, mmuIdx });
    return dst;
  }

  /** Guest memory store of the low `memop.size` bytes of `src`. */
  qemuSt(type: IrType, src: Value, addr: Value, memop: MemOp, mmuIdx: number): void {
    this.ops.push({ opc: 'qemu_st', type, src, addr, memop, mmuIdx });
  }

  /** Call a helper; returns its result temporary when it has one. */
  call(helper: HelperInfo, ...args: Value[]): Temp {
    if (args.length !== helper.args.length) {
      throw new Error(`helper ${helper.name} takes ${helper.args.length} arguments, got ${args.length}`);
    }
    const dst = helper.ret ? this.temp(helper.ret) : undefined;
    this.ops.push(dst ? { opc: 'call', helper, dst, args } : { opc: 'call', helper, args });
    return dst as Temp;
  }

  gotoTb(slot: 0 | 1, pc: bigint): void {
    this.ops.push({ opc: 'goto_tb', slot, pc });
  }

  gotoPtr(pc: Value): void {
    this.ops.push({ opc: 'goto_ptr', pc });
  }

  exitTb(): void {
    this.ops.push({ opc: 'exit_tb' });
  }

  /** The finished block. */
  finish(): IrBlock {
    return {
      pc: this.pc,
      ops: this.ops,
      tempCount: this.temps,
      labelCount: this.labels,
      insnCount: this.insnCount,
      byteSize: this.byteSize,
    };
  }
}
