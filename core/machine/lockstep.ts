import { EngineOptions } from '../exec/exec-engine';
import { RiscvCpu } from '../target/riscv/cpu';
import { X_ABI, F_ABI } from '../target/riscv/cpu-layout';
import { guestInsnText, RiscvMachine } from './riscv-machine';

/** A hart's architectural state as plain data: registers, pc, privilege, FP status and CSRs. */
export function hartState(cpu: RiscvCpu): Record<string, bigint> {
  const s: Record<string, bigint> = { pc: cpu.pc, priv: BigInt(cpu.priv), fflags: BigInt(cpu.fflags), frm: BigInt(cpu.frm) };
  for (let i = 1; i < 32; i++) s[X_ABI[i]] = cpu.x(i);
  for (let i = 0; i < 32; i++) s[F_ABI[i]] = cpu.f(i);
  for (const [k, v] of Object.entries(cpu.csr)) if (typeof v === 'bigint') s[k] = v;
  s.instret = cpu.retired();
  s.reservation = cpu.reservation;
  return s;
}

/** One field that differs between two states. */
export interface StateDiff {
  name: string;
  a: bigint;
  b: bigint;
}

/** The fields of two hart states that differ. */
export function diffHartStates(a: Record<string, bigint>, b: Record<string, bigint>): StateDiff[] {
  return Object.keys(a).filter((k) => a[k] !== b[k]).map((name) => ({ name, a: a[name], b: b[name] }));
}

/** The first RAM byte where two machines differ, or -1. */
export function firstRamDifference(a: RiscvMachine, b: RiscvMachine, base = 0n, length = a.mem.ramSize): number {
  const ra = a.bus.readPhys(a.bus.ramBase + base, length);
  const rb = b.bus.readPhys(b.bus.ramBase + base, length);
  if (Buffer.compare(ra, rb) === 0) return -1;
  for (let i = 0; i < length; i++) if (ra[i] !== rb[i]) return i;
  return -1;
}

/** Where two backends first disagree. */
export interface Divergence {
  /** Instructions both had retired identically before the one that differs. */
  insnIndex: number;
  /** pc of the instruction whose execution differs. */
  pc: bigint;
  /** Its disassembly. */
  text: string;
  /** Differing state after it (register/CSR fields), and the first differing RAM offset (-1 if none). */
  diffs: StateDiff[];
  ramOffset: number;
}

/** Result of a lockstep run. */
export interface LockstepResult {
  /** Instructions run on both sides. */
  insns: number;
  divergence?: Divergence;
}

/** Backends that a lockstep run compares, by default the reference interpreter and compiled WebAssembly. */
export const LOCKSTEP_SIDES: [EngineOptions, EngineOptions] = [
  { backend: 'interp' },
  { backend: 'wasm', hotThreshold: 0 },
];

function same(a: RiscvMachine, b: RiscvMachine): boolean {
  return diffHartStates(hartState(a.cpu), hartState(b.cpu)).length === 0 && firstRamDifference(a, b) < 0;
}

/**
 * Run two freshly made, identical machines on two backends side by side in
 * chunks of `chunk` instructions, comparing the whole state after each chunk.
 * When a chunk differs, replay both from the start (execution is
 * deterministic) and single-step the chunk to name the first instruction whose
 * effect differs.
 *
 * @param make builds a machine with the given engine options and the program loaded
 */
export function lockstep(
  make: (options: EngineOptions) => RiscvMachine,
  maxInsns: number,
  { chunk = 10_000, sides = LOCKSTEP_SIDES }: { chunk?: number; sides?: [EngineOptions, EngineOptions] } = {},
): LockstepResult {
  const a = make(sides[0]);
  const b = make(sides[1]);
  let done = 0;
  while (done < maxInsns && !a.halted && !b.halted) {
    const n = Math.min(chunk, maxInsns - done);
    const ra = a.runSync(n);
    const rb = b.runSync(n);
    if (ra.insns === rb.insns && same(a, b)) {
      done += ra.insns;
      if (ra.insns < n) break;
      continue;
    }
    // Replay to the last good point, then one instruction at a time.
    const a2 = make({ ...sides[0], maxBlockInsns: 1 });
    const b2 = make({ ...sides[1], maxBlockInsns: 1 });
    a2.runSync(done);
    b2.runSync(done);
    for (let i = 0; i < n; i++) {
      const pc = a2.cpu.pc;
      a2.runSync(1);
      b2.runSync(1);
      const diffs = diffHartStates(hartState(a2.cpu), hartState(b2.cpu));
      const ramOffset = firstRamDifference(a2, b2);
      if (diffs.length || ramOffset >= 0) {
        return { insns: done + i, divergence: { insnIndex: done + i, pc, text: describe(a2, pc), diffs, ramOffset } };
      }
    }
    // The chunk differs only with multi-instruction blocks: report the chunk's end.
    return {
      insns: done,
      divergence: {
        insnIndex: done, pc: a.cpu.pc, text: '(differs only when run in whole blocks)',
        diffs: diffHartStates(hartState(a.cpu), hartState(b.cpu)), ramOffset: firstRamDifference(a, b),
      },
    };
  }
  return { insns: done };
}

function describe(m: RiscvMachine, pc: bigint): string {
  try {
    return guestInsnText(m.block(pc).guest[0]);
  } catch {
    return '?';
  }
}
