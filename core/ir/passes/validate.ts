import { TLB_MMU_MODES } from '../../exec/env';
import { IrBlock, IrOp, IrType, TERMINATORS, Value, canonical } from '../ir';
import { formatOp } from '../printer';

/** A block broke a rule of `docs/ir.md`; `opIndex` is the offending op (-1 for the block as a whole). */
export class IrValidationError extends Error {
  constructor(readonly opIndex: number, message: string) {
    super(message);
    this.name = 'IrValidationError';
  }
}

const BYTES: Record<IrType, number> = { i32: 4, i64: 8 };

/**
 * Check that a block is well formed: every operand has the type its op
 * requires, temps keep one type and stay below `tempCount`, constants are
 * canonical, every label is defined exactly once and every branch target
 * exists, helper calls match their signatures, the number of `insn_start`s is
 * `insnCount`, and a terminator is the last op (terminators may also end
 * paths inside the block, as in TCG's `brcond; goto_tb 0; set_label; goto_tb 1`). Throws an
 * {@link IrValidationError} naming the op index and the op.
 */
export function validateBlock(block: IrBlock): void {
  const ops = block.ops;
  const tempTypes: (IrType | undefined)[] = new Array(block.tempCount);
  const labelDefined = new Uint8Array(block.labelCount);
  let insns = 0;
  let index = 0;
  let op: IrOp = ops[0];

  const fail = (message: string): never => {
    throw new IrValidationError(index, `IR op #${index} (${formatOp(op)}): ${message}`);
  };
  const value = (name: string, v: Value, type: IrType | 'any'): void => {
    if (type !== 'any' && v.type !== type) fail(`${name} has type ${v.type}, expected ${type}`);
    if (v.kind === 'const') {
      if (v.value !== canonical(v.type, v.value)) fail(`${name} constant ${v.value} is not canonical for ${v.type}`);
      return;
    }
    if (!Number.isInteger(v.id) || v.id < 0 || v.id >= block.tempCount) {
      fail(`${name} is t${v.id}, outside 0..${block.tempCount - 1} (tempCount)`);
    }
    const known = tempTypes[v.id];
    if (known === undefined) tempTypes[v.id] = v.type;
    else if (known !== v.type) fail(`t${v.id} is used as ${v.type} here but as ${known} elsewhere`);
  };
  const label = (id: number): void => {
    if (!Number.isInteger(id) || id < 0 || id >= block.labelCount) fail(`label L${id} outside 0..${block.labelCount - 1} (labelCount)`);
  };
  const offset = (o: number): void => {
    if (!Number.isInteger(o) || o < 0) fail(`env offset ${o} is not a non-negative integer`);
  };

  if (ops.length === 0) throw new IrValidationError(-1, 'IR block is empty: it needs a terminator');
  for (index = 0; index < ops.length; index++) {
    op = ops[index];
    const last = index === ops.length - 1;
    if (last && !TERMINATORS.has(op.opc)) fail('the last op must be a terminator (goto_tb, goto_ptr, exit_tb)');

    switch (op.opc) {
      case 'insn_start': insns++; break;
      case 'mov': value('dst', op.dst, op.type); value('a', op.a, op.type); break;
      case 'trunc': value('dst', op.dst, 'i32'); value('a', op.a, 'i64'); break;
      case 'sext': case 'zext': value('dst', op.dst, 'i64'); value('a', op.a, 'i32'); break;
      case 'neg': case 'not': case 'ext8s': case 'ext8u': case 'ext16s': case 'ext16u': case 'fsqrt':
        value('dst', op.dst, op.type); value('a', op.a, op.type); break;
      case 'ext32s': case 'ext32u':
        if (op.type !== 'i64') fail(`${op.opc} exists only for i64`);
        value('dst', op.dst, op.type); value('a', op.a, op.type); break;
      case 'setcond':
        value('dst', op.dst, op.type); value('a', op.a, op.type); value('b', op.b, op.type); break;
      case 'movcond':
        value('dst', op.dst, op.type); value('a', op.a, op.type); value('b', op.b, op.type);
        value('t', op.t, op.type); value('f', op.f, op.type); break;
      case 'brcond': value('a', op.a, op.type); value('b', op.b, op.type); label(op.label.id); break;
      case 'br': label(op.label.id); break;
      case 'label':
        label(op.label.id);
        if (labelDefined[op.label.id]) fail(`label L${op.label.id} is defined twice`);
        labelDefined[op.label.id] = 1;
        break;
      case 'ld': value('dst', op.dst, op.type); offset(op.offset); break;
      case 'st': value('src', op.src, op.type); offset(op.offset); break;
      case 'qemu_ld': case 'qemu_st': {
        if (op.opc === 'qemu_ld') value('dst', op.dst, op.type);
        else value('src', op.src, op.type);
        value('addr', op.addr, 'any');
        if (op.sync) for (const s of op.sync) { value('sync', s.src, s.type); offset(s.offset); }
        const size = op.memop.size;
        if (size !== 1 && size !== 2 && size !== 4 && size !== 8) fail(`memory access size ${size} is not 1, 2, 4 or 8`);
        if (size > BYTES[op.type]) fail(`a ${size}-byte access does not fit ${op.type}`);
        if (!Number.isInteger(op.mmuIdx) || op.mmuIdx < 0 || op.mmuIdx >= TLB_MMU_MODES) {
          fail(`mmu index ${op.mmuIdx} outside 0..${TLB_MMU_MODES - 1}`);
        }
        break;
      }
      case 'call': {
        const h = op.helper;
        if (h.pure && (h.mayRaise || h.writesEnv)) fail(`helper ${h.name} is marked pure but may raise or writes env`);
        if (op.args.length !== h.args.length) fail(`helper ${h.name} takes ${h.args.length} arguments, got ${op.args.length}`);
        op.args.forEach((a, i) => value(`argument ${i}`, a, h.args[i]));
        if (h.ret === undefined && op.dst) fail(`helper ${h.name} returns nothing but the call has a destination`);
        if (h.ret !== undefined && !op.dst) fail(`helper ${h.name} returns ${h.ret} but the call has no destination`);
        if (op.dst) value('dst', op.dst, h.ret!);
        break;
      }
      case 'goto_tb':
        if (op.slot !== 0 && op.slot !== 1) fail(`jump slot ${op.slot} is not 0 or 1`);
        break;
      case 'goto_ptr': value('pc', op.pc, 'i64'); break;
      case 'exit_tb': break;
      default: // binary ops
        value('dst', op.dst, op.type); value('a', op.a, op.type); value('b', op.b, op.type);
    }
  }
  index = 0;
  for (index = 0; index < ops.length; index++) {
    op = ops[index];
    if ((op.opc === 'br' || op.opc === 'brcond') && !labelDefined[op.label.id]) fail(`branch to L${op.label.id}, which is never defined`);
  }
  if (insns !== block.insnCount) {
    throw new IrValidationError(-1, `IR block has ${insns} insn_start ops but insnCount is ${block.insnCount}`);
  }
}
