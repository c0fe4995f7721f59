import { Device, DeviceState, RegisterInfo } from './device';
import { IrqLine } from './irq';

/** Register layout of the RISC-V PLIC (riscv-plic-spec 1.0.0; QEMU virt uses the same). */
export const PLIC_REG = {
  /** Source priorities: 4 bytes per source, source 0 (reserved) at 0. */
  priorityBase: 0x0,
  /** Pending bits: one bit per source, 32 per word. */
  pendingBase: 0x1000,
  /** Enable bits of context c at enableBase + enableStride * c. */
  enableBase: 0x2000,
  enableStride: 0x80,
  /** Priority threshold of context c at contextBase + contextStride * c; claim/complete at +4. */
  contextBase: 0x200000,
  contextStride: 0x1000,
  claimOffset: 4,
} as const;

/** Construction options of {@link Plic}. */
export interface PlicOptions {
  /** Number of interrupt sources including the reserved source 0 (96 on virt). */
  sources: number;
  /** Number of contexts: 2 per hart on virt (2i = hart i M-mode, 2i+1 = hart i S-mode). */
  contexts: number;
  /** Output line of each context (the machine wires them to MEIP/SEIP). */
  outputs: readonly IrqLine[];
  /** Highest priority level (7 on virt); priorities and thresholds keep only the bits this needs. */
  maxPriority?: number;
  /** Name in the memory tree; default `plic`. */
  name?: string;
}

/** One context's view of the PLIC, as QEMU's `info pic` would show it. */
export interface PlicContextInfo {
  readonly context: number;
  /** Hart and privilege level, with the virt numbering (2 contexts per hart). */
  readonly hart: number;
  readonly mode: 'M' | 'S';
  readonly threshold: number;
  /** Sources this context has enabled. */
  readonly enabled: number[];
  /** Enabled sources pending now (eligible for a claim if above the threshold). */
  readonly pending: number[];
  /** Sources this context has claimed and not completed yet. */
  readonly claimed: number[];
  /** Level of the context's output line. */
  readonly irq: boolean;
}

/**
 * Platform-Level Interrupt Controller. Every source has a level-triggered
 * gateway: a high line makes the source pending unless the source is claimed
 * and not yet completed; a completion re-arms the gateway, so a line still
 * high is pending again. As in QEMU, a line going low before the claim
 * withdraws the pending request. A context's output is high while some
 * enabled, pending, unclaimed source has a priority above its threshold.
 */
export class Plic implements Device {
  readonly name: string;
  readonly size: number;
  readonly registers: readonly RegisterInfo[];
  readonly stateVersion = 1;
  readonly sources: number;
  readonly contexts: number;
  readonly maxPriority: number;

  private readonly outputs: readonly IrqLine[];
  private readonly words: number;
  private readonly inputs: IrqLine[];
  private priority: Uint32Array;
  private pending: Uint32Array;
  /** enable[ctx * words + w]. */
  private enable: Uint32Array;
  private threshold: Uint32Array;
  /** Line level of each source. */
  private level: Uint8Array;
  /** Context that claimed the source and has not completed it, or -1. */
  private claimedBy: Int32Array;

  constructor(options: PlicOptions) {
    if (options.outputs.length !== options.contexts) {
      throw new Error(`plic: ${options.contexts} contexts but ${options.outputs.length} output lines`);
    }
    this.name = options.name ?? 'plic';
    this.sources = options.sources;
    this.contexts = options.contexts;
    this.maxPriority = options.maxPriority ?? 7;
    this.outputs = options.outputs;
    this.words = Math.ceil(this.sources / 32);
    this.size = PLIC_REG.contextBase + PLIC_REG.contextStride * this.contexts;
    this.priority = new Uint32Array(this.sources);
    this.pending = new Uint32Array(this.words);
    this.enable = new Uint32Array(this.words * this.contexts);
    this.threshold = new Uint32Array(this.contexts);
    this.level = new Uint8Array(this.sources);
    this.claimedBy = new Int32Array(this.sources).fill(-1);
    this.inputs = [];
    for (let n = 0; n < this.sources; n++) this.inputs.push(this.makeInput(n));
    this.registers = this.registerTable();
  }

  /** The input line of source `n` (1 ≤ n < sources); devices drive it. Source 0 is reserved and ignores its line. */
  source(n: number): IrqLine {
    if (!Number.isInteger(n) || n < 0 || n >= this.sources) throw new RangeError(`plic: no source ${n}`);
    return this.inputs[n];
  }

  /** Per-context summary: enabled, pending and claimed sources (the `info irq` view). */
  info(): PlicContextInfo[] {
    const out: PlicContextInfo[] = [];
    for (let ctx = 0; ctx < this.contexts; ctx++) {
      const enabled: number[] = [];
      const pending: number[] = [];
      const claimed: number[] = [];
      for (let n = 1; n < this.sources; n++) {
        if (this.claimedBy[n] === ctx) claimed.push(n);
        if (!this.isEnabled(ctx, n)) continue;
        enabled.push(n);
        if (this.isPending(n)) pending.push(n);
      }
      out.push({
        context: ctx, hart: ctx >> 1, mode: ctx & 1 ? 'S' : 'M', threshold: this.threshold[ctx],
        enabled, pending, claimed, irq: this.outputs[ctx].level,
      });
    }
    return out;
  }

  read(offset: number, size: 1 | 2 | 4 | 8): bigint {
    // All PLIC registers are 32-bit words; other accesses read zero.
    if (size !== 4 || offset & 3) return 0n;
    if (offset < PLIC_REG.pendingBase) {
      const n = offset >> 2;
      return n < this.sources ? BigInt(this.priority[n]) : 0n;
    }
    if (offset < PLIC_REG.enableBase) {
      const w = (offset - PLIC_REG.pendingBase) >> 2;
      return w < this.words ? BigInt(this.pending[w]) : 0n;
    }
    if (offset < PLIC_REG.contextBase) {
      const ctx = Math.floor((offset - PLIC_REG.enableBase) / PLIC_REG.enableStride);
      const w = ((offset - PLIC_REG.enableBase) % PLIC_REG.enableStride) >> 2;
      return ctx < this.contexts && w < this.words ? BigInt(this.enable[ctx * this.words + w]) : 0n;
    }
    const ctx = Math.floor((offset - PLIC_REG.contextBase) / PLIC_REG.contextStride);
    const reg = (offset - PLIC_REG.contextBase) % PLIC_REG.contextStride;
    if (ctx >= this.contexts) return 0n;
    if (reg === 0) return BigInt(this.threshold[ctx]);
    if (reg === PLIC_REG.claimOffset) return BigInt(this.claim(ctx));
    return 0n;
  }

  write(offset: number, size: 1 | 2 | 4 | 8, value: bigint): void {
    if (size !== 4 || offset & 3) return;
    const v = Number(value & 0xffffffffn);
    if (offset < PLIC_REG.pendingBase) {
      const n = offset >> 2;
      if (n === 0 || n >= this.sources) return;
      this.priority[n] = this.priorityValue(v, this.priority[n]);
    } else if (offset < PLIC_REG.enableBase) {
      // Pending bits are read-only: only the gateways set them.
      return;
    } else if (offset < PLIC_REG.contextBase) {
      const ctx = Math.floor((offset - PLIC_REG.enableBase) / PLIC_REG.enableStride);
      const w = ((offset - PLIC_REG.enableBase) % PLIC_REG.enableStride) >> 2;
      if (ctx >= this.contexts || w >= this.words) return;
      this.enable[ctx * this.words + w] = (v & this.implementedMask(w)) >>> 0;
    } else {
      const ctx = Math.floor((offset - PLIC_REG.contextBase) / PLIC_REG.contextStride);
      const reg = (offset - PLIC_REG.contextBase) % PLIC_REG.contextStride;
      if (ctx >= this.contexts) return;
      if (reg === 0) this.threshold[ctx] = this.priorityValue(v, this.threshold[ctx]);
      else if (reg === PLIC_REG.claimOffset) this.complete(ctx, v);
      else return;
    }
    this.update();
  }

  reset(): void {
    this.priority.fill(0);
    this.pending.fill(0);
    this.enable.fill(0);
    this.threshold.fill(0);
    this.claimedBy.fill(-1);
    // Lines are driven by the devices, which keep their levels; the gateways see them again.
    for (let n = 1; n < this.sources; n++) if (this.level[n]) this.setPending(n, true);
    this.update();
  }

  saveState(): DeviceState {
    return {
      priority: Array.from(this.priority),
      pending: Array.from(this.pending),
      enable: Array.from(this.enable),
      threshold: Array.from(this.threshold),
      level: Array.from(this.level),
      claimedBy: Array.from(this.claimedBy),
    };
  }

  loadState(state: DeviceState): void {
    const load = (name: string, into: Uint32Array | Uint8Array | Int32Array): void => {
      const a = state[name] as number[];
      if (!Array.isArray(a) || a.length !== into.length) {
        throw new Error(`plic: saved ${name} has ${Array.isArray(a) ? a.length : 'no'} entries, this PLIC has ${into.length}`);
      }
      into.set(a);
    };
    load('priority', this.priority);
    load('pending', this.pending);
    load('enable', this.enable);
    load('threshold', this.threshold);
    load('level', this.level);
    load('claimedBy', this.claimedBy);
    this.update();
  }

  /** Highest-priority enabled, pending, unclaimed source above the context's threshold (ties: lowest id), or 0. */
  private best(ctx: number): number {
    let bestId = 0;
    let bestPriority = this.threshold[ctx];
    for (let w = 0; w < this.words; w++) {
      const candidates = this.pending[w] & this.enable[ctx * this.words + w];
      if (candidates === 0) continue;
      for (let b = 0; b < 32; b++) {
        if (!(candidates & (1 << b))) continue;
        const n = w * 32 + b;
        if (this.claimedBy[n] < 0 && this.priority[n] > bestPriority) {
          bestId = n;
          bestPriority = this.priority[n];
        }
      }
    }
    return bestId;
  }

  private claim(ctx: number): number {
    const n = this.best(ctx);
    if (n !== 0) {
      this.setPending(n, false);
      this.claimedBy[n] = ctx;
    }
    this.update();
    return n;
  }

  private complete(ctx: number, n: number): void {
    // The spec ignores a completion for a source the context has not enabled (Linux's EOI relies on it).
    if (n <= 0 || n >= this.sources || !this.isEnabled(ctx, n) || this.claimedBy[n] < 0) return;
    this.claimedBy[n] = -1;
    if (this.level[n]) this.setPending(n, true);
  }

  private makeInput(n: number): IrqLine {
    const plic = this;
    return {
      get level(): boolean {
        return plic.level[n] !== 0;
      },
      set(level: boolean): void {
        if (n === 0 || (plic.level[n] !== 0) === level) return;
        plic.level[n] = level ? 1 : 0;
        if (plic.claimedBy[n] < 0) plic.setPending(n, level);
        plic.update();
      },
    };
  }

  private update(): void {
    for (let ctx = 0; ctx < this.contexts; ctx++) this.outputs[ctx].set(this.best(ctx) !== 0);
  }

  private isPending(n: number): boolean {
    return (this.pending[n >> 5] & (1 << (n & 31))) !== 0;
  }

  private isEnabled(ctx: number, n: number): boolean {
    return (this.enable[ctx * this.words + (n >> 5)] & (1 << (n & 31))) !== 0;
  }

  private setPending(n: number, on: boolean): void {
    const bit = 1 << (n & 31);
    this.pending[n >> 5] = on ? this.pending[n >> 5] | bit : this.pending[n >> 5] & ~bit;
  }

  /** WARL priority/threshold field, as QEMU: only the implemented bits when the levels fill them, else out-of-range writes are dropped. */
  private priorityValue(v: number, old: number): number {
    if (((this.maxPriority + 1) & this.maxPriority) === 0) return v & this.maxPriority;
    return v <= this.maxPriority ? v : old;
  }

  /** Bits of enable word `w` that name existing sources (source 0 is hardwired to 0). */
  private implementedMask(w: number): number {
    let mask = 0;
    for (let b = 0; b < 32; b++) {
      const n = w * 32 + b;
      if (n !== 0 && n < this.sources) mask |= 1 << b;
    }
    return mask;
  }

  private registerTable(): RegisterInfo[] {
    const regs: RegisterInfo[] = [];
    for (let n = 1; n < this.sources; n++) {
      regs.push({ name: `priority[${n}]`, offset: PLIC_REG.priorityBase + 4 * n, size: 4, access: 'rw', description: `Priority of source ${n} (0 = never interrupts, up to ${this.maxPriority})` });
    }
    for (let w = 0; w < this.words; w++) {
      regs.push({ name: `pending[${w}]`, offset: PLIC_REG.pendingBase + 4 * w, size: 4, access: 'r', description: `Pending bits of sources ${w * 32}..${w * 32 + 31}` });
    }
    for (let ctx = 0; ctx < this.contexts; ctx++) {
      const who = `context ${ctx} (hart ${ctx >> 1} ${ctx & 1 ? 'S' : 'M'}-mode)`;
      for (let w = 0; w < this.words; w++) {
        regs.push({ name: `enable[${ctx}][${w}]`, offset: PLIC_REG.enableBase + PLIC_REG.enableStride * ctx + 4 * w, size: 4, access: 'rw', description: `Enable bits of sources ${w * 32}..${w * 32 + 31} for ${who}` });
      }
      const base = PLIC_REG.contextBase + PLIC_REG.contextStride * ctx;
      regs.push({ name: `threshold[${ctx}]`, offset: base, size: 4, access: 'rw', description: `Priority threshold of ${who}: only higher priorities interrupt` });
      regs.push({ name: `claim[${ctx}]`, offset: base + PLIC_REG.claimOffset, size: 4, access: 'rw', description: `Read: claim the best pending source of ${who}; write: complete it` });
    }
    return regs;
  }
}
