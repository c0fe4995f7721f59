import { IrBuilder } from '../../../core/ir/builder';
import { GuestException } from '../../../core/exec/guest-exception';
import { BinaryOpc, Cond, HelperInfo, IrBlock, IrType, Label, Temp, UnaryOpc, Value, constant } from '../../../core/ir/ir';
import { TEST_RAM_BASE, TestMachine } from '../../backend/interp/interp-harness';

/** A seeded generator (mulberry32) so every failing block can be rebuilt from its seed. */
export class Rng {
  constructor(private s: number) {}
  next(): number {
    this.s = (this.s + 0x6d2b79f5) | 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  }
  int(n: number): number { return Math.floor(this.next() * n); }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]; }
  chance(p: number): boolean { return this.next() < p; }
  bits64(): bigint { return (BigInt(this.int(2 ** 32)) << 32n) | BigInt(this.int(2 ** 32)); }
}

/** The machine the helpers below act on (set before each run). */
export let currentMachine: TestMachine | undefined;
export function setCurrentMachine(m: TestMachine): void { currentMachine = m; }

const flags = { mayRaise: false, readsEnv: false, writesEnv: false, pure: false };
/** Env offsets the random blocks use: i64 registers and i32 halves that overlap them. */
export const ENV_I64 = [64, 72, 80, 88, 96] as const;
export const ENV_I32 = [64, 68, 80, 84, 90, 100, 104] as const; // 90: unaligned
export const HELPERS = {
  mix: { ...flags, name: 'mix', args: ['i64', 'i64'], ret: 'i64', pure: true,
    fn: (a: bigint, b: bigint) => BigInt.asIntN(64, (a * 31n) ^ b) } as HelperInfo,
  peek: { ...flags, name: 'peek', args: [], ret: 'i64', readsEnv: true,
    fn: () => currentMachine!.getI64(72) ^ currentMachine!.getI64(88) } as HelperInfo,
  poke: { ...flags, name: 'poke', args: ['i64'], writesEnv: true,
    fn: (v: bigint) => { currentMachine!.setI64(80, v); currentMachine!.setI32(68, Number(BigInt.asIntN(32, v >> 3n))); } } as HelperInfo,
  check: { ...flags, name: 'check', args: ['i32'], mayRaise: true,
    fn: (v: number) => { if ((v & 15) === 0) throw new GuestException(2, BigInt(v)); } } as HelperInfo,
};

const BINARY: BinaryOpc[] = ['add', 'sub', 'mul', 'and', 'or', 'xor', 'shl', 'shr', 'sar', 'rotl', 'rotr',
  'div', 'divu', 'rem', 'remu', 'mulsh', 'muluh', 'mulsuh'];
const UNARY: UnaryOpc[] = ['neg', 'not', 'ext8s', 'ext8u', 'ext16s', 'ext16u'];
const CONDS: Cond[] = ['eq', 'ne', 'lt', 'ge', 'le', 'gt', 'ltu', 'geu', 'leu', 'gtu'];
const SPECIAL = [0n, 1n, -1n, 2n, 3n, 31n, 32n, 63n, 64n, 0xffn, 0x7fffffffn, -0x80000000n,
  0x7fffffffffffffffn, -0x8000000000000000n];

/**
 * A random well-typed block: arithmetic, setcond/movcond, forward branches to
 * labels with temps merged across them, env ld/st with overlapping sizes,
 * helper calls (pure, env-reading, env-writing, raising) and guest memory
 * accesses, some of which fault. A temp is only read where it is assigned on
 * every path, so the block never reads an unassigned temp.
 */
export function randomBlock(rng: Rng, length: number): IrBlock {
  const b = new IrBuilder(0x1000n);
  const temps: Temp[] = [];
  let defined = new Set<number>();
  let reachable = true;
  const open = new Map<number, { label: Label; defined: Set<number> | undefined }>();
  let pc = 0x1000n;

  const konst = (type: IrType): Value => constant(type, rng.chance(0.6) ? rng.pick(SPECIAL) : rng.bits64() >> BigInt(rng.int(64)));
  const operand = (type: IrType): Value => {
    const ready = temps.filter((t) => t.type === type && defined.has(t.id));
    return ready.length === 0 || rng.chance(0.2) ? konst(type) : rng.pick(ready);
  };
  /** A destination: usually fresh, sometimes an existing temp reassigned. */
  const dest = (type: IrType): Temp => {
    const same = temps.filter((t) => t.type === type);
    if (same.length > 0 && rng.chance(0.25)) return rng.pick(same);
    const t = b.temp(type);
    temps.push(t);
    return t;
  };
  const defd = (t: Temp): void => { defined.add(t.id); };
  const intersect = (a: Set<number>, c: Set<number>): Set<number> => new Set([...a].filter((x) => c.has(x)));
  const branchTo = (): Label => {
    const entries = [...open.values()];
    const entry = entries.length > 0 && rng.chance(0.5) ? rng.pick(entries) : { label: b.label(), defined: undefined };
    entry.defined = entry.defined ? intersect(entry.defined, defined) : new Set(defined);
    if (!reachable) entry.defined = entry.defined ?? new Set();
    open.set(entry.label.id, entry);
    return entry.label;
  };
  const place = (id: number): void => {
    const entry = open.get(id)!;
    open.delete(id);
    defined = reachable ? intersect(defined, entry.defined!) : new Set(entry.defined!);
    reachable = true;
    b.setLabel(entry.label);
  };
  const type = (): IrType => (rng.chance(0.6) ? 'i64' : 'i32');
  const address = (): Value => {
    if (rng.chance(0.1)) return operand('i64'); // probably outside RAM: faults
    const off = b.and('i64', operand('i64'), constant('i64', 0xff8));
    defd(off);
    const a = b.add('i64', off, constant('i64', TEST_RAM_BASE));
    defd(a);
    return a;
  };

  for (let i = 0; i < length; i++) {
    if (i === 0 || rng.chance(0.2)) { b.insnStart(pc, 4); pc += 4n; }
    const r = rng.int(100);
    if (r < 30) {
      const ty = type(); const d = dest(ty);
      b.emit({ opc: rng.pick(BINARY), type: ty, dst: d, a: operand(ty), b: operand(ty) }); defd(d);
    } else if (r < 35) {
      const ty = type(); const d = dest(ty);
      const opc = ty === 'i64' && rng.chance(0.3) ? rng.pick(['ext32s', 'ext32u'] as const) : rng.pick(UNARY);
      b.emit({ opc, type: ty, dst: d, a: operand(ty) }); defd(d);
    } else if (r < 39) {
      const which = rng.int(3);
      const d = dest(which === 0 ? 'i32' : 'i64');
      if (which === 0) b.emit({ opc: 'trunc', dst: d, a: operand('i64') });
      else b.emit({ opc: which === 1 ? 'sext' : 'zext', dst: d, a: operand('i32') });
      defd(d);
    } else if (r < 44) {
      const ty = type(); const d = dest(ty);
      b.emit({ opc: 'setcond', type: ty, cond: rng.pick(CONDS), dst: d, a: operand(ty), b: operand(ty) }); defd(d);
    } else if (r < 48) {
      const ty = type(); const d = dest(ty);
      const a = operand(ty);
      b.emit({ opc: 'movcond', type: ty, cond: rng.pick(CONDS), dst: d, a, b: rng.chance(0.3) ? a : operand(ty), t: operand(ty), f: operand(ty) });
      defd(d);
    } else if (r < 56) {
      const ty = type(); const d = dest(ty);
      b.emit({ opc: 'mov', type: ty, dst: d, a: operand(ty) }); defd(d);
    } else if (r < 66) {
      const ty = type(); const d = dest(ty);
      b.emit({ opc: 'ld', type: ty, dst: d, offset: ty === 'i64' ? rng.pick(ENV_I64) : rng.pick(ENV_I32) }); defd(d);
    } else if (r < 76) {
      const ty = type();
      b.st(ty, operand(ty), ty === 'i64' ? rng.pick(ENV_I64) : rng.pick(ENV_I32));
    } else if (r < 82) {
      const h = rng.pick([HELPERS.mix, HELPERS.peek, HELPERS.poke, HELPERS.check]);
      const args = h.args.map((t) => operand(t));
      const d = h.ret ? dest(h.ret) : undefined;
      b.emit(d ? { opc: 'call', helper: h, dst: d, args } : { opc: 'call', helper: h, args });
      if (d) defd(d);
    } else if (r < 86) {
      const ty = type();
      const size = rng.pick(ty === 'i64' ? [1, 2, 4, 8] as const : [1, 2, 4] as const);
      const addr = address();
      if (rng.chance(0.5)) {
        const d = dest(ty);
        b.emit({ opc: 'qemu_ld', type: ty, dst: d, addr, memop: { size, signed: rng.chance(0.5) }, mmuIdx: rng.int(4) });
        defd(d);
      } else {
        b.qemuSt(ty, operand(ty), addr, { size, signed: false }, rng.int(4));
      }
    } else if (r < 93) {
      const ty = type();
      const a = operand(ty);
      b.brcond(ty, rng.pick(CONDS), a, rng.chance(0.2) ? a : operand(ty), branchTo());
    } else if (r < 95) {
      b.br(branchTo());
      reachable = false;
      defined = new Set();
    } else if (open.size > 0) {
      place(rng.pick([...open.keys()]));
    }
  }
  for (const id of [...open.keys()]) place(id);
  const t = rng.int(3);
  if (t === 0) b.gotoTb(rng.int(2) as 0 | 1, 0x2000n);
  else if (t === 1) b.gotoPtr(operand('i64'));
  else b.exitTb();
  return b.finish();
}
