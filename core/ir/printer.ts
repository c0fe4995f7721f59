import { EnvSync, IrBlock, IrOp, Value } from './ir';

/** How to show target-specific things in printed IR. */
export interface IrPrintOptions {
  /** Name of a CPU state field at `offset` ('x10', 'pc'), or undefined to print the offset. */
  envName?: (offset: number) => string | undefined;
  /** Guest instruction text for an `insn_start`, printed on the marker line. */
  guestText?: (pc: bigint) => string | undefined;
}

function hex(v: bigint): string {
  return v < 0n ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`;
}

/** Print one operand: `t3` or `$0x10`. */
export function formatValue(v: Value): string {
  return v.kind === 'temp' ? `t${v.id}` : `$${hex(v.value)}`;
}

function env(offset: number, opts: IrPrintOptions): string {
  return `env.${opts.envName?.(offset) ?? `[${offset}]`}`;
}

function memop(op: { memop: { size: number; signed: boolean }; mmuIdx: number }): string {
  return `${op.memop.signed ? 's' : 'u'}${op.memop.size * 8},mmu${op.mmuIdx}`;
}

function sync(list: readonly EnvSync[] | undefined, opts: IrPrintOptions): string {
  if (!list || list.length === 0) return '';
  return `  [slow path: ${list.map((s) => `${env(s.offset, opts)}=${formatValue(s.src)}`).join(' ')}]`;
}

/** Print one op in TCG's `-d op` style: `add_i64 t2, t1, $0x1`. */
export function formatOp(op: IrOp, opts: IrPrintOptions = {}): string {
  const v = formatValue;
  switch (op.opc) {
    case 'insn_start': {
      const text = opts.guestText?.(op.pc);
      return ` ---- ${op.pc.toString(16).padStart(16, '0')}${text ? `  ${text}` : ''}`;
    }
    case 'mov': return `mov_${op.type} t${op.dst.id}, ${v(op.a)}`;
    case 'trunc': return `extrl_i64_i32 t${op.dst.id}, ${v(op.a)}`;
    case 'sext': return `ext_i32_i64 t${op.dst.id}, ${v(op.a)}`;
    case 'zext': return `extu_i32_i64 t${op.dst.id}, ${v(op.a)}`;
    case 'setcond': return `setcond_${op.type} t${op.dst.id}, ${v(op.a)}, ${v(op.b)}, ${op.cond}`;
    case 'movcond':
      return `movcond_${op.type} t${op.dst.id}, ${v(op.a)}, ${v(op.b)}, ${v(op.t)}, ${v(op.f)}, ${op.cond}`;
    case 'brcond': return `brcond_${op.type} ${v(op.a)}, ${v(op.b)}, ${op.cond}, L${op.label.id}`;
    case 'br': return `br L${op.label.id}`;
    case 'label': return `set_label L${op.label.id}`;
    case 'ld': return `ld_${op.type} t${op.dst.id}, ${env(op.offset, opts)}`;
    case 'st': return `st_${op.type} ${v(op.src)}, ${env(op.offset, opts)}`;
    case 'qemu_ld': return `qemu_ld_${op.type} t${op.dst.id}, ${v(op.addr)}, ${memop(op)}${sync(op.sync, opts)}`;
    case 'qemu_st': return `qemu_st_${op.type} ${v(op.src)}, ${v(op.addr)}, ${memop(op)}${sync(op.sync, opts)}`;
    case 'call': {
      const args = op.args.map(v).join(', ');
      return `call ${op.helper.name}${op.dst ? ` t${op.dst.id},` : ''}${args ? ` ${args}` : ''}`.replace(/,$/, '');
    }
    case 'goto_tb': return `goto_tb ${op.slot}, ${hex(op.pc)}`;
    case 'goto_ptr': return `goto_ptr ${v(op.pc)}`;
    case 'exit_tb': return 'exit_tb';
    default:
      return 'b' in op
        ? `${op.opc}_${op.type} t${op.dst.id}, ${v(op.a)}, ${v(op.b)}`
        : `${op.opc}_${op.type} t${op.dst.id}, ${v(op.a)}`;
  }
}

/** Print a whole block, one op per line, instruction markers flush left. */
export function formatBlock(block: IrBlock, opts: IrPrintOptions = {}): string {
  return block.ops.map((op) => (op.opc === 'insn_start' ? formatOp(op, opts) : ` ${formatOp(op, opts)}`)).join('\n');
}
