import { Clock, Device, DeviceState, RegisterInfo, TimedDevice } from './device';
import { IrqLine } from './irq';

/** Register layout of the SiFive CLINT, which QEMU virt keeps for its ACLINT MSWI + MTIMER pair. */
export const ACLINT_REG = {
  /** MSWI: `msip[hart]`, 4 bytes each; bit 0 drives the hart's MSIP. */
  msipBase: 0x0,
  /** MTIMER: `mtimecmp[hart]`, 8 bytes each. */
  mtimecmpBase: 0x4000,
  /** MTIMER: `mtime`, 8 bytes. */
  mtime: 0xbff8,
  /** Size of the whole window. */
  size: 0x10000,
} as const;

const U64 = (1n << 64n) - 1n;
const LOW32 = 0xffffffffn;

/** Construction options of {@link Aclint}. */
export interface AclintOptions {
  harts: number;
  /** Virtual time; `mtime` = clock ticks + an offset set by guest writes to `mtime`. */
  clock: Clock;
  /** MSIP line of each hart. */
  msip: readonly IrqLine[];
  /** MTIP line of each hart. */
  mtip: readonly IrqLine[];
  /** Name in the memory tree; default `clint`. */
  name?: string;
}

/**
 * The core-local interruptor: machine software interrupts (`msip`) and the
 * machine timer (`mtime`, `mtimecmp`), in the SiFive CLINT layout.
 *
 * MTIP of hart i is the level `mtime >= mtimecmp[i]`, re-evaluated on every
 * access and when the machine reports the passage of time ({@link onTime}).
 * `mtimecmp` resets to all ones. (QEMU 7.2 leaves it at 0 but only evaluates
 * MTIP when `mtimecmp` is written, so on both no timer interrupt arrives
 * before the first write; they differ only in what a read returns before it,
 * which OpenSBI and Linux never do.)
 */
export class Aclint implements Device, TimedDevice {
  readonly name: string;
  readonly size = ACLINT_REG.size;
  readonly registers: readonly RegisterInfo[];
  readonly stateVersion = 1;
  readonly harts: number;

  private readonly clock: Clock;
  private readonly msipLines: readonly IrqLine[];
  private readonly mtipLines: readonly IrqLine[];
  private msip: Uint8Array;
  private mtimecmp: bigint[];
  /** mtime - clock ticks (mod 2^64), set by writes to `mtime`. */
  private offset = 0n;

  constructor(options: AclintOptions) {
    if (options.msip.length !== options.harts || options.mtip.length !== options.harts) {
      throw new Error(`aclint: ${options.harts} harts need as many msip and mtip lines`);
    }
    this.name = options.name ?? 'clint';
    this.harts = options.harts;
    this.clock = options.clock;
    this.msipLines = options.msip;
    this.mtipLines = options.mtip;
    this.msip = new Uint8Array(this.harts);
    this.mtimecmp = new Array<bigint>(this.harts).fill(U64);
    this.registers = this.registerTable();
  }

  /** Current `mtime`. */
  get mtime(): bigint {
    return this.mtimeAt(this.clock.now());
  }

  /** Current `mtimecmp` of `hart`. */
  timecmp(hart: number): bigint {
    return this.mtimecmp[hart];
  }

  read(offset: number, size: 1 | 2 | 4 | 8): bigint {
    const f = this.field(offset, size);
    if (!f) return 0n;
    let v: bigint;
    if (f.kind === 'msip') v = BigInt(this.msip[f.index]);
    else v = f.kind === 'mtimecmp' ? this.mtimecmp[f.index] : this.mtime;
    this.updateMtip(this.clock.now());
    if (size === 8) return v;
    return f.high ? v >> 32n : v & LOW32;
  }

  write(offset: number, size: 1 | 2 | 4 | 8, value: bigint): void {
    const f = this.field(offset, size);
    if (!f) return;
    if (f.kind === 'msip') {
      this.msip[f.index] = Number(value & 1n);
      this.msipLines[f.index].set(this.msip[f.index] !== 0);
      return;
    }
    const old = f.kind === 'mtimecmp' ? this.mtimecmp[f.index] : this.mtime;
    let next: bigint;
    if (size === 8) next = value & U64;
    else if (f.high) next = ((value & LOW32) << 32n) | (old & LOW32);
    else next = (old & ~LOW32 & U64) | (value & LOW32);
    const now = this.clock.now();
    if (f.kind === 'mtimecmp') this.mtimecmp[f.index] = next;
    else this.offset = (next - now) & U64;
    this.updateMtip(now);
    this.onDeadlineChange?.();
  }

  /** @inheritdoc */
  onDeadlineChange?: () => void;

  /** Clock tick at which the next hart's `mtime >= mtimecmp` becomes true, or undefined if none will. */
  nextDeadline(): bigint | undefined {
    const now = this.clock.now();
    const mtime = this.mtimeAt(now);
    let best: bigint | undefined;
    for (const cmp of this.mtimecmp) {
      if (cmp <= mtime) continue;
      const at = now + (cmp - mtime);
      if (best === undefined || at < best) best = at;
    }
    return best;
  }

  onTime(now: bigint): void {
    this.updateMtip(now);
  }

  reset(): void {
    this.msip.fill(0);
    this.mtimecmp.fill(U64);
    this.offset = 0n;
    for (const line of this.msipLines) line.set(false);
    this.updateMtip(this.clock.now());
  }

  saveState(): DeviceState {
    return { msip: Array.from(this.msip), mtimecmp: [...this.mtimecmp], offset: this.offset };
  }

  loadState(state: DeviceState): void {
    const msip = state.msip as number[];
    const mtimecmp = state.mtimecmp as bigint[];
    if (msip.length !== this.harts || mtimecmp.length !== this.harts) {
      throw new Error(`aclint: saved state is for ${mtimecmp.length} harts, this CLINT has ${this.harts}`);
    }
    this.msip.set(msip);
    this.mtimecmp = mtimecmp.map((v) => BigInt(v));
    this.offset = BigInt(state.offset as bigint);
    for (let h = 0; h < this.harts; h++) this.msipLines[h].set(this.msip[h] !== 0);
    this.updateMtip(this.clock.now());
  }

  private mtimeAt(now: bigint): bigint {
    return (now + this.offset) & U64;
  }

  private updateMtip(now: bigint): void {
    const mtime = this.mtimeAt(now);
    for (let h = 0; h < this.harts; h++) this.mtipLines[h].set(mtime >= this.mtimecmp[h]);
  }

  /** Decode an access: which register, which hart, which half. Undefined for holes and bad sizes. */
  private field(offset: number, size: number): { kind: 'msip' | 'mtimecmp' | 'mtime'; index: number; high: boolean } | undefined {
    if (offset < ACLINT_REG.mtimecmpBase) {
      const hart = offset >> 2;
      if (size !== 4 || offset & 3 || hart >= this.harts) return undefined;
      return { kind: 'msip', index: hart, high: false };
    }
    // The 64-bit timer registers take naturally aligned 8-byte accesses or 4-byte halves.
    if (!(size === 4 || size === 8) || offset % size !== 0) return undefined;
    const high = size === 4 && (offset & 4) !== 0;
    const base = offset & ~7;
    if (base === ACLINT_REG.mtime) return { kind: 'mtime', index: 0, high };
    const hart = (base - ACLINT_REG.mtimecmpBase) >> 3;
    if (base < ACLINT_REG.mtime && hart < this.harts) return { kind: 'mtimecmp', index: hart, high };
    return undefined;
  }

  private registerTable(): RegisterInfo[] {
    const regs: RegisterInfo[] = [];
    for (let h = 0; h < this.harts; h++) {
      regs.push({ name: `msip[${h}]`, offset: ACLINT_REG.msipBase + 4 * h, size: 4, access: 'rw', description: `Machine software interrupt of hart ${h} (bit 0 drives MSIP)` });
    }
    for (let h = 0; h < this.harts; h++) {
      regs.push({ name: `mtimecmp[${h}]`, offset: ACLINT_REG.mtimecmpBase + 8 * h, size: 8, access: 'rw', description: `Timer compare of hart ${h}: MTIP while mtime >= mtimecmp` });
    }
    regs.push({ name: 'mtime', offset: ACLINT_REG.mtime, size: 8, access: 'rw', description: 'Machine time, counting at the timebase frequency; writable' });
    return regs;
  }
}
