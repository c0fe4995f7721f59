import { IrBuilder } from '../../../ir/builder';
import { Const, IrType, Temp, Value } from '../../../ir/ir';
import { ENV } from '../../../exec/env';
import { RV_ENV } from '../cpu-layout';
import { Insn } from '../insn';
import { RiscvHelpers } from '../helpers/helper-table';
import { TB_FLAGS } from '../cpu';

/** How a translator function ended the block, if it did. */
export type BlockEnd = 'none' | 'jump' | 'exit';

/**
 * What an instruction translator sees: the IR builder, the instruction's pc
 * and the translation-time state (privilege, FP enable, MMU index).
 */
export class DisasContext {
  /** Set by a translator that ended the block (jump, trap, state change). */
  end: BlockEnd = 'none';
  /** pc of the instruction being translated. */
  pc = 0n;
  /** pc of the next instruction (`pc + insn.len`, modulo 2^64); set with `pc`, so translators need no BigInt work for it. */
  nextPc = 0n;
  /** The instruction being translated. */
  insn!: Insn;

  /** Privilege level (0 U, 1 S, 3 M). */
  readonly priv: number;
  /** mstatus.FS != Off: FP instructions are legal. */
  readonly fpOn: boolean;
  /** mstatus.FS == Dirty: FP register writes need not mark it. */
  readonly fsDirty: boolean;
  /** MMU index for loads and stores. */
  readonly mmuIdx: number;

  constructor(
    readonly b: IrBuilder,
    readonly helpers: RiscvHelpers,
    /** The hart's translation flags (see TB_FLAGS). */
    readonly flags: number,
    readonly xlen: 32 | 64,
    /** Emit inline fast paths for common FP operations. */
    readonly fpFastPath = true,
  ) {
    this.priv = flags & TB_FLAGS.privMask;
    this.fpOn = (flags & TB_FLAGS.fpOn) !== 0;
    this.fsDirty = (flags & TB_FLAGS.fsDirty) !== 0;
    this.mmuIdx = (flags >> TB_FLAGS.dataMmuShift) & 7;
  }


  /** An i64 constant. */
  i64(v: bigint | number): Const {
    return this.b.i64(v);
  }

  /** Read x[r] (the constant 0 for x0). */
  getX(r: number): Value {
    return r === 0 ? this.b.i64(0) : this.b.ld('i64', RV_ENV.x(r));
  }

  /** Write x[r]; writes to x0 are dropped. */
  setX(r: number, v: Value): void {
    if (r !== 0) this.b.st('i64', v, RV_ENV.x(r));
  }

  /** Read f[r] as its 64-bit pattern. */
  getF(r: number): Temp {
    return this.b.ld('i64', RV_ENV.f(r));
  }

  /** Write f[r] (a 64-bit pattern), marking mstatus.FS dirty when it is not yet. */
  setF(r: number, v: Value): void {
    if (!this.fsDirty) this.b.call(this.helpers.markFsDirty);
    this.b.st('i64', v, RV_ENV.f(r));
  }

  /** The effective address `x[rs1] + imm` of a load or store. */
  address(rs1: number, imm: number): Value {
    return imm === 0 ? this.getX(rs1) : this.b.add('i64', this.getX(rs1), this.b.i64(imm));
  }

  /** Sign-extend the low 32 bits of an i64 value. */
  sext32(v: Value): Temp {
    return this.b.unary('ext32s', 'i64', v);
  }

  /** Low half of an i64 as i32. */
  lo32(v: Value): Temp {
    return this.b.trunc(v);
  }

  /** Raise a synchronous exception at this instruction and end the block. */
  raise(cause: number, tval: bigint): void {
    this.b.call(this.helpers.raise, this.b.i32(cause), this.b.i64(tval));
    this.b.exitTb();
    this.end = 'exit';
  }

  /** The illegal-instruction exception with the instruction bits in tval. */
  illegal(): void {
    this.raise(2, BigInt(this.insn.raw >>> 0));
  }

  /** End the block after this instruction, returning to the execution loop (state may have changed). */
  exitAfter(): void {
    this.b.st('i64', this.b.i64(this.nextPc), ENV.pc);
    this.b.exitTb();
    this.end = 'exit';
  }

  /** Jump to a constant target through chain slot `slot`. */
  gotoTb(slot: 0 | 1, target: bigint): void {
    this.b.gotoTb(slot, BigInt.asUintN(64, target));
  }

  /** A binary operation producing a fresh temp. */
  bin(opc: Parameters<IrBuilder['binary']>[0], type: IrType, a: Value, b: Value): Temp {
    return this.b.binary(opc, type, a, b);
  }
}

/** A translator for one instruction. */
export type InsnTranslator = (ctx: DisasContext, insn: Insn) => void;
