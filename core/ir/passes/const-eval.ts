import { BinaryOpc, Cond, IrType, UnaryOpc, canonical } from '../ir';

/**
 * Exact semantics of the value-computing ops on constants, written with
 * unbounded `BigInt` arithmetic and one width parameter so that it reads like
 * `docs/ir.md`. Constant folding uses it; the interpreter has its own
 * width-specialised implementation, so the two check each other in the
 * property tests.
 */

function width(type: IrType): number {
  return type === 'i64' ? 64 : 32;
}

/** `a opc b` in `type`; inputs and result canonical (`canonical(type, v)`). */
export function evalBinary(opc: BinaryOpc, type: IrType, a: bigint, b: bigint): bigint {
  const w = width(type);
  const bw = BigInt(w);
  const sa = BigInt.asIntN(w, a);
  const sb = BigInt.asIntN(w, b);
  const ua = BigInt.asUintN(w, a);
  const ub = BigInt.asUintN(w, b);
  const count = ub % bw;
  const min = -(1n << (bw - 1n));
  switch (opc) {
    case 'add': return canonical(type, sa + sb);
    case 'sub': return canonical(type, sa - sb);
    case 'mul': return canonical(type, sa * sb);
    case 'and': return canonical(type, sa & sb);
    case 'or': return canonical(type, sa | sb);
    case 'xor': return canonical(type, sa ^ sb);
    case 'shl': return canonical(type, ua << count);
    case 'shr': return canonical(type, ua >> count);
    case 'sar': return canonical(type, sa >> count);
    case 'rotl': return canonical(type, (ua << count) | (ua >> ((bw - count) % bw)));
    case 'rotr': return canonical(type, (ua >> count) | (ua << ((bw - count) % bw)));
    case 'div':
      if (sb === 0n) return -1n;
      if (sa === min && sb === -1n) return min;
      return canonical(type, sa / sb);
    case 'divu': return ub === 0n ? -1n : canonical(type, ua / ub);
    case 'rem':
      if (sb === 0n) return sa;
      if (sb === -1n) return 0n;
      return canonical(type, sa % sb);
    case 'remu': return ub === 0n ? sa : canonical(type, ua % ub);
    case 'mulsh': return canonical(type, (sa * sb) >> bw);
    case 'muluh': return canonical(type, (ua * ub) >> bw);
    case 'mulsuh': return canonical(type, (sa * ub) >> bw);
    default: throw new Error(`${opc} is not evaluated on constants`);
  }
}

/** `opc a` in `type`. */
export function evalUnary(opc: UnaryOpc, type: IrType, a: bigint): bigint {
  switch (opc) {
    case 'neg': return canonical(type, -a);
    case 'not': return canonical(type, ~a);
    case 'ext8s': return canonical(type, BigInt.asIntN(8, a));
    case 'ext8u': return canonical(type, BigInt.asUintN(8, a));
    case 'ext16s': return canonical(type, BigInt.asIntN(16, a));
    case 'ext16u': return canonical(type, BigInt.asUintN(16, a));
    case 'ext32s': return canonical(type, BigInt.asIntN(32, a));
    case 'ext32u': return canonical(type, BigInt.asUintN(32, a));
    default: throw new Error(`${opc} is not evaluated on constants`);
  }
}

/** Whether `a cond b` holds for operands of `type`. */
export function evalCond(cond: Cond, type: IrType, a: bigint, b: bigint): boolean {
  const w = width(type);
  const sa = BigInt.asIntN(w, a);
  const sb = BigInt.asIntN(w, b);
  const ua = BigInt.asUintN(w, a);
  const ub = BigInt.asUintN(w, b);
  switch (cond) {
    case 'eq': return sa === sb;
    case 'ne': return sa !== sb;
    case 'lt': return sa < sb;
    case 'ge': return sa >= sb;
    case 'le': return sa <= sb;
    case 'gt': return sa > sb;
    case 'ltu': return ua < ub;
    case 'geu': return ua >= ub;
    case 'leu': return ua <= ub;
    case 'gtu': return ua > ub;
  }
}

/** Whether `x cond x` holds (the same value on both sides). */
export function condOnEqual(cond: Cond): boolean {
  return cond === 'eq' || cond === 'ge' || cond === 'le' || cond === 'geu' || cond === 'leu';
}
