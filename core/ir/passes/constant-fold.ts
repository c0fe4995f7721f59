import { Const, IrBlock, IrOp, IrType, Temp, Value, constant } from '../ir';
import { condOnEqual, evalBinary, evalCond, evalUnary } from './const-eval';
import { scratchTable } from './scratch-tables';

/**
 * Constant folding and algebraic simplification.
 *
 * Walks the block once, remembering which temps hold a known constant (set by
 * `mov t, $c`, including movs this pass creates; forgotten at every `label`,
 * where another path may have assigned the temp, and when the temp is
 * reassigned). An op whose inputs are all known becomes `mov dst, $result`;
 * identities (`x+0`, `x*1`, `x&0`, `x^x`, shifts by 0, ...) become a `mov`;
 * `brcond` with a decided condition becomes `br` or disappears, and
 * `setcond`/`movcond` with a decided condition become a `mov`. Replaced ops
 * keep their destination temp, so later uses are untouched: copy propagation
 * and dead-code elimination finish the job.
 */
export function constantFold(block: IrBlock): IrBlock {
  const n = block.tempCount;
  stamp = scratchTable(0, n);
  while (known.length < n) known.push(null);
  epoch = 1;

  const ops = block.ops;
  // Made at the first op that changes (with the ops before it): a block with nothing to
  // fold keeps its list, which also tells the pipeline nothing changed.
  let out: IrOp[] | null = null;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    if (op.opc === 'label') epoch++;
    const folded = fold(op);
    if (folded !== null) {
      const dst = (folded as { dst?: Temp }).dst;
      if (dst) {
        const id = dst.id;
        if (folded.opc === 'mov' && folded.a.kind === 'const') {
          known[id] = folded.a;
          stamp[id] = epoch;
        } else {
          stamp[id] = 0;
        }
      }
    }
    if (out === null) {
      if (folded === op) continue;
      out = ops.slice(0, i);
    }
    if (folded !== null) out.push(folded);
  }
  block.ops = out === null ? ops : out;
  return block;
}

/*
 * The state of the block being folded, module-level so that no closure is
 * made per block (passes never re-enter): `known[id]` is the constant temp
 * `id` holds, valid when `stamp[id] === epoch`. `known` is reused across
 * blocks; `stamp` is cleared per block.
 */
const known: (Const | null)[] = [];
let stamp: Int32Array = new Int32Array(0);
let epoch = 1;

/** `v`, or the constant it is known to hold. */
function resolve(v: Value): Value {
  return v.kind === 'temp' && stamp[v.id] === epoch ? known[v.id]! : v;
}

// The (interned) constants identities produce.
const ZERO_I32 = constant('i32', 0);
const ZERO_I64 = constant('i64', 0);
const ALL_ONES_I32 = constant('i32', -1);
const ALL_ONES_I64 = constant('i64', -1);

function mov(type: IrType, dst: Temp, a: Value): IrOp {
  return { opc: 'mov', type, dst, a };
}

function same(a: Value, b: Value): boolean {
  return a.kind === 'temp' ? b.kind === 'temp' && a.id === b.id : b.kind === 'const' && a.value === b.value;
}

function isConst(v: Value, x: bigint): boolean {
  return v.kind === 'const' && v.value === x;
}

/** The op to keep instead of `op` (possibly `op` itself), or null to drop it. */
function fold(op: IrOp): IrOp | null {
  switch (op.opc) {
    case 'insn_start': case 'label': case 'br': case 'ld': case 'st': case 'qemu_ld': case 'qemu_st':
    case 'call': case 'goto_tb': case 'goto_ptr': case 'exit_tb':
      return op;
    case 'mov': {
      const a = resolve(op.a);
      return a === op.a ? op : mov(op.type, op.dst, a);
    }
    case 'trunc': {
      const a = resolve(op.a);
      return a.kind === 'const' ? mov('i32', op.dst, constant('i32', a.value)) : op;
    }
    case 'sext': case 'zext': {
      const a = resolve(op.a);
      if (a.kind !== 'const') return op;
      return mov('i64', op.dst, constant('i64', op.opc === 'sext' ? a.value : BigInt.asUintN(32, a.value)));
    }
    case 'neg': case 'not': case 'ext8s': case 'ext8u': case 'ext16s': case 'ext16u': case 'ext32s': case 'ext32u': case 'fsqrt': {
      if (op.opc === 'fsqrt') return op; // float results are not folded (NaN patterns are backend-defined)
      const a = resolve(op.a);
      return a.kind === 'const' ? mov(op.type, op.dst, constant(op.type, evalUnary(op.opc, op.type, a.value))) : op;
    }
    case 'setcond': {
      const decided = decide(op.cond, op.type, resolve(op.a), resolve(op.b));
      return decided === undefined ? op : mov(op.type, op.dst, constant(op.type, decided ? 1 : 0));
    }
    case 'movcond': {
      const t = resolve(op.t);
      const f = resolve(op.f);
      if (same(t, f)) return mov(op.type, op.dst, t);
      const decided = decide(op.cond, op.type, resolve(op.a), resolve(op.b));
      return decided === undefined ? op : mov(op.type, op.dst, decided ? t : f);
    }
    case 'brcond': {
      const decided = decide(op.cond, op.type, resolve(op.a), resolve(op.b));
      if (decided === undefined) return op;
      return decided ? { opc: 'br', label: op.label } : null;
    }
    default:
      return foldBinary(op, resolve(op.a), resolve(op.b));
  }
}

/** The outcome of `a cond b` when it is known at translation time. */
function decide(cond: Parameters<typeof evalCond>[0], type: IrType, a: Value, b: Value): boolean | undefined {
  if (a.kind === 'const' && b.kind === 'const') return evalCond(cond, type, a.value, b.value);
  if (a.kind === 'temp' && b.kind === 'temp' && a.id === b.id) return condOnEqual(cond);
  return undefined;
}

function foldBinary(op: Extract<IrOp, { b: Value; dst: Temp; type: IrType }>, a: Value, b: Value): IrOp {
  const { type, dst } = op;
  if (op.opc === 'setcond' || op.opc === 'movcond') return op; // handled by fold()
  if (isFloat(op.opc)) return op; // float results are not folded (NaN patterns are backend-defined)
  if (a.kind === 'const' && b.kind === 'const') {
    return mov(type, dst, constant(type, evalBinary(op.opc, type, a.value, b.value)));
  }
  const zero = type === 'i64' ? ZERO_I64 : ZERO_I32;
  const width = type === 'i64' ? 64n : 32n;
  switch (op.opc) {
    case 'add':
      if (isConst(b, 0n)) return mov(type, dst, a);
      if (isConst(a, 0n)) return mov(type, dst, b);
      break;
    case 'sub':
      if (isConst(b, 0n)) return mov(type, dst, a);
      if (same(a, b)) return mov(type, dst, zero);
      break;
    case 'mul':
      if (isConst(b, 1n)) return mov(type, dst, a);
      if (isConst(a, 1n)) return mov(type, dst, b);
      if (isConst(a, 0n) || isConst(b, 0n)) return mov(type, dst, zero);
      break;
    case 'and':
      if (isConst(a, 0n) || isConst(b, 0n)) return mov(type, dst, zero);
      if (isConst(b, -1n) || same(a, b)) return mov(type, dst, a);
      if (isConst(a, -1n)) return mov(type, dst, b);
      break;
    case 'or':
      if (isConst(b, 0n) || same(a, b)) return mov(type, dst, a);
      if (isConst(a, 0n)) return mov(type, dst, b);
      if (isConst(a, -1n) || isConst(b, -1n)) return mov(type, dst, type === 'i64' ? ALL_ONES_I64 : ALL_ONES_I32);
      break;
    case 'xor':
      if (isConst(b, 0n)) return mov(type, dst, a);
      if (isConst(a, 0n)) return mov(type, dst, b);
      // Both operands are read by the same op, so x^x is 0 whatever x holds.
      if (same(a, b)) return mov(type, dst, zero);
      break;
    case 'shl': case 'shr': case 'sar': case 'rotl': case 'rotr':
      if (b.kind === 'const' && BigInt.asUintN(Number(width), b.value) % width === 0n) return mov(type, dst, a);
      if (isConst(a, 0n)) return mov(type, dst, zero);
      if (op.opc === 'sar' || op.opc === 'rotl' || op.opc === 'rotr') {
        if (isConst(a, -1n)) return mov(type, dst, a);
      }
      break;
    case 'div': case 'divu':
      if (isConst(b, 1n)) return mov(type, dst, a);
      break;
    case 'rem': case 'remu':
      if (isConst(b, 1n)) return mov(type, dst, zero);
      break;
    case 'mulsh': case 'muluh': case 'mulsuh':
      if (isConst(a, 0n) || isConst(b, 0n)) return mov(type, dst, zero);
      break;
  }
  return op;
}

/** Whether a binary opcode is a float op ({@link FLOAT_OPS}), without a Set lookup. */
function isFloat(opc: string): boolean {
  switch (opc) {
    case 'fadd': case 'fsub': case 'fmul': case 'fdiv': case 'feq': case 'flt': case 'fle':
      return true;
    default:
      return false;
  }
}
