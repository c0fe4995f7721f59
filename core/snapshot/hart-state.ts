import { ENV } from '../exec/env';
import { RiscvCpu } from '../target/riscv/cpu';
import { RV_ENV } from '../target/riscv/cpu-layout';
import { Priv } from '../target/riscv/spec';

/** Schema version of {@link HartState}; bumped when its shape changes. */
export const HART_STATE_VERSION = 1;

/** Number of integer and of floating-point registers. */
const REGISTER_COUNT = 32;

/**
 * One hart's architectural state as plain data: what generated code keeps in
 * the env (pc, x, f, fcsr, the retired-instruction count) and what lives in
 * JavaScript (privilege, CSRs, reservation, interrupt lines, `wfi`). The TLB
 * and jump cache that share the env are derived and never part of it.
 */
export interface HartState {
  hartId: number;
  pc: bigint;
  /** x0..x31 (x0 always 0). */
  x: bigint[];
  /** f0..f31 as 64-bit patterns. */
  f: bigint[];
  /** fcsr (frm << 5 | fflags). */
  fcsr: number;
  /** Instructions retired so far (ENV.icount). */
  icount: bigint;
  priv: Priv;
  /** Every CSR of {@link RiscvCpu.csr} by field name (pmpcfg/pmpaddr as arrays). */
  csr: Record<string, bigint | bigint[]>;
  reservation: bigint;
  reservationValue: bigint;
  irqLines: bigint;
  waiting: boolean;
  instretOffset: bigint;
  cycleOffset: bigint;
}

/** Capture hart `cpu`. */
export function captureHart(cpu: RiscvCpu): HartState {
  const m = cpu.mem;
  const csr: Record<string, bigint | bigint[]> = {};
  // Every field, so CSRs added to the CPU later are saved without a change here.
  for (const [name, v] of Object.entries(cpu.csr)) csr[name] = Array.isArray(v) ? [...v] : (v as bigint);
  return {
    hartId: cpu.hartId,
    pc: cpu.pc,
    x: Array.from({ length: REGISTER_COUNT }, (_, i) => cpu.x(i)),
    f: Array.from({ length: REGISTER_COUNT }, (_, i) => cpu.f(i)),
    fcsr: m.i32(cpu.env + RV_ENV.fcsr),
    icount: cpu.retired(),
    priv: cpu.priv,
    csr,
    reservation: cpu.reservation,
    reservationValue: cpu.reservationValue,
    irqLines: cpu.irqLines,
    waiting: cpu.waiting,
    instretOffset: cpu.instretOffset,
    cycleOffset: cpu.cycleOffset,
  };
}

/**
 * Why `s` cannot be put into `cpu` (a different hart, or CSR sets that
 * differ), or undefined when it can. Checked before anything is written.
 */
export function hartMismatch(cpu: RiscvCpu, s: HartState): string | undefined {
  if (s.hartId !== cpu.hartId) return `hart state is for hart ${s.hartId}, not ${cpu.hartId}`;
  if (s.x?.length !== REGISTER_COUNT || s.f?.length !== REGISTER_COUNT) return `hart ${s.hartId}: register files are not 32 entries`;
  const have = Object.keys(cpu.csr).sort();
  const saved = Object.keys(s.csr ?? {}).sort();
  const missing = have.filter((k) => !(k in s.csr));
  const extra = saved.filter((k) => !(k in cpu.csr));
  if (missing.length || extra.length) {
    return `hart ${s.hartId}: CSR sets differ (snapshot lacks [${missing.join(', ')}], has unknown [${extra.join(', ')}])`;
  }
  for (const k of have) {
    const cur = (cpu.csr as unknown as Record<string, unknown>)[k];
    const sv = s.csr[k];
    if (Array.isArray(cur) !== Array.isArray(sv) || (Array.isArray(cur) && cur.length !== (sv as bigint[]).length)) {
      return `hart ${s.hartId}: CSR ${k} has another shape`;
    }
  }
  return undefined;
}

/** Put `s` back into `cpu` (check with {@link hartMismatch} first). */
export function restoreHart(cpu: RiscvCpu, s: HartState): void {
  const m = cpu.mem;
  cpu.pc = s.pc;
  for (let i = 1; i < REGISTER_COUNT; i++) cpu.setX(i, s.x[i]);
  for (let i = 0; i < REGISTER_COUNT; i++) cpu.setF(i, s.f[i]);
  m.setI32(cpu.env + RV_ENV.fcsr, s.fcsr);
  m.setI64(cpu.env + ENV.icount, s.icount);
  cpu.priv = s.priv;
  const csr = cpu.csr as unknown as Record<string, bigint | bigint[]>;
  for (const [name, v] of Object.entries(s.csr)) {
    const cur = csr[name];
    // Arrays are filled in place: other objects (the PMP decoder) hold them.
    if (Array.isArray(cur)) (v as bigint[]).forEach((e, i) => { cur[i] = BigInt(e); });
    else csr[name] = BigInt(v as bigint);
  }
  cpu.reservation = s.reservation;
  cpu.reservationValue = s.reservationValue;
  cpu.irqLines = s.irqLines;
  cpu.waiting = s.waiting;
  cpu.instretOffset = s.instretOffset;
  cpu.cycleOffset = s.cycleOffset;
}
