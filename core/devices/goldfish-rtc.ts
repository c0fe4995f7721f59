import { Clock, Device, DeviceState, RegisterInfo, TimedDevice } from './device';
import { IrqLine } from './irq';

/** Register offsets of the Goldfish RTC (Android "Goldfish virtual hardware platform" document). */
export const GOLDFISH_RTC_REG = {
  TIME_LOW: 0x00,
  TIME_HIGH: 0x04,
  ALARM_LOW: 0x08,
  ALARM_HIGH: 0x0c,
  IRQ_ENABLED: 0x10,
  CLEAR_ALARM: 0x14,
  ALARM_STATUS: 0x18,
  CLEAR_INTERRUPT: 0x1c,
} as const;

const NS_PER_SECOND = 1_000_000_000n;
const U64 = (1n << 64n) - 1n;
const LOW32 = 0xffffffffn;

/** Construction options of {@link GoldfishRtc}. */
export interface GoldfishRtcOptions {
  /** Virtual time. */
  clock: Clock;
  /** Wall-clock time, in nanoseconds since 1970, at clock tick 0 (a fixed date for deterministic runs). */
  epochNs: bigint;
  /** The alarm interrupt (PLIC source 11 on virt). */
  irq: IrqLine;
  /** Name in the memory tree; default `rtc`. */
  name?: string;
}

const REGISTERS: readonly RegisterInfo[] = [
  { name: 'TIME_LOW', offset: 0x00, size: 4, access: 'rw', description: 'Low 32 bits of the time in ns since 1970; reading latches TIME_HIGH' },
  { name: 'TIME_HIGH', offset: 0x04, size: 4, access: 'rw', description: 'High 32 bits of the time, as latched by the last TIME_LOW read' },
  { name: 'ALARM_LOW', offset: 0x08, size: 4, access: 'rw', description: 'Low 32 bits of the alarm time; writing arms the alarm' },
  { name: 'ALARM_HIGH', offset: 0x0c, size: 4, access: 'rw', description: 'High 32 bits of the alarm time (write before ALARM_LOW)' },
  { name: 'IRQ_ENABLED', offset: 0x10, size: 4, access: 'rw', description: 'Bit 0: the alarm interrupt reaches the interrupt line' },
  { name: 'CLEAR_ALARM', offset: 0x14, size: 4, access: 'w', description: 'Any write disarms the alarm' },
  { name: 'ALARM_STATUS', offset: 0x18, size: 4, access: 'r', description: '1 while an alarm is armed and has not fired' },
  { name: 'CLEAR_INTERRUPT', offset: 0x1c, size: 4, access: 'w', description: 'Any write acknowledges the alarm interrupt' },
];

/**
 * Goldfish real-time clock: nanoseconds since 1970 and one alarm. The time
 * is `epochNs + offset + clock ticks in ns`; guest writes to TIME move the
 * offset (`hwclock -w`). The alarm fires when the time reaches it, at an
 * exact tick through {@link TimedDevice}.
 */
export class GoldfishRtc implements Device, TimedDevice {
  readonly name: string;
  readonly size = 0x1000;
  readonly registers = REGISTERS;
  readonly stateVersion = 1;

  private readonly clock: Clock;
  private readonly irq: IrqLine;
  private readonly initialEpochNs: bigint;
  private epochNs: bigint;
  /** Set by guest writes to TIME_LOW/TIME_HIGH. */
  private offsetNs = 0n;
  private timeHighLatch = 0;
  private alarmNs = 0n;
  private alarmArmed = false;
  private irqEnabled = false;
  private irqPending = false;

  constructor(options: GoldfishRtcOptions) {
    this.clock = options.clock;
    this.irq = options.irq;
    this.initialEpochNs = options.epochNs;
    this.epochNs = options.epochNs;
    this.name = options.name ?? 'rtc';
  }

  /** The RTC's time now, in nanoseconds since 1970. */
  get timeNs(): bigint {
    return this.timeAt(this.clock.now());
  }

  read(offset: number, size: 1 | 2 | 4 | 8): bigint {
    if (size !== 4) return 0n;
    switch (offset) {
      case GOLDFISH_RTC_REG.TIME_LOW: {
        const t = this.timeNs;
        // The guest reads LOW then HIGH; latching HIGH makes the pair consistent.
        this.timeHighLatch = Number(t >> 32n);
        return t & LOW32;
      }
      case GOLDFISH_RTC_REG.TIME_HIGH:
        return BigInt(this.timeHighLatch);
      case GOLDFISH_RTC_REG.ALARM_LOW:
        return this.alarmNs & LOW32;
      case GOLDFISH_RTC_REG.ALARM_HIGH:
        return this.alarmNs >> 32n;
      case GOLDFISH_RTC_REG.IRQ_ENABLED:
        return this.irqEnabled ? 1n : 0n;
      case GOLDFISH_RTC_REG.ALARM_STATUS:
        return this.alarmArmed ? 1n : 0n;
      default:
        return 0n;
    }
  }

  /** @inheritdoc */
  onDeadlineChange?: () => void;

  write(offset: number, size: 1 | 2 | 4 | 8, value: bigint): void {
    if (size !== 4) return;
    const v = value & LOW32;
    switch (offset) {
      case GOLDFISH_RTC_REG.TIME_LOW:
      case GOLDFISH_RTC_REG.TIME_HIGH: {
        const now = this.timeNs;
        const next = offset === GOLDFISH_RTC_REG.TIME_LOW ? (now & ~LOW32 & U64) | v : (v << 32n) | (now & LOW32);
        this.offsetNs += next - now;
        break;
      }
      case GOLDFISH_RTC_REG.ALARM_LOW:
        this.alarmNs = (this.alarmNs & ~LOW32 & U64) | v;
        this.alarmArmed = true;
        // An alarm already in the past fires at once.
        this.onTime(this.clock.now());
        this.onDeadlineChange?.();
        break;
      case GOLDFISH_RTC_REG.ALARM_HIGH:
        this.alarmNs = (v << 32n) | (this.alarmNs & LOW32);
        break;
      case GOLDFISH_RTC_REG.IRQ_ENABLED:
        this.irqEnabled = (v & 1n) !== 0n;
        break;
      case GOLDFISH_RTC_REG.CLEAR_ALARM:
        this.alarmArmed = false;
        break;
      case GOLDFISH_RTC_REG.CLEAR_INTERRUPT:
        this.irqPending = false;
        break;
      default:
        return;
    }
    this.updateIrq();
  }

  /** First clock tick at which the time reaches the armed alarm, or undefined. */
  nextDeadline(): bigint | undefined {
    if (!this.alarmArmed) return undefined;
    const freq = BigInt(this.clock.frequency);
    const ns = this.alarmNs - this.epochNs - this.offsetNs;
    if (ns <= 0n) return this.clock.now();
    // Smallest tick t with floor(t * 1e9 / freq) >= ns.
    const t = (ns * freq + NS_PER_SECOND - 1n) / NS_PER_SECOND;
    return t < this.clock.now() ? this.clock.now() : t;
  }

  onTime(now: bigint): void {
    if (this.alarmArmed && this.timeAt(now) >= this.alarmNs) {
      this.alarmArmed = false;
      this.irqPending = true;
      this.updateIrq();
    }
  }

  reset(): void {
    this.epochNs = this.initialEpochNs;
    this.offsetNs = 0n;
    this.timeHighLatch = 0;
    this.alarmNs = 0n;
    this.alarmArmed = false;
    this.irqEnabled = false;
    this.irqPending = false;
    this.updateIrq();
  }

  saveState(): DeviceState {
    return {
      epochNs: this.epochNs, offsetNs: this.offsetNs, timeHighLatch: this.timeHighLatch,
      alarmNs: this.alarmNs, alarmArmed: this.alarmArmed, irqEnabled: this.irqEnabled, irqPending: this.irqPending,
    };
  }

  loadState(state: DeviceState): void {
    this.epochNs = BigInt(state.epochNs as bigint);
    this.offsetNs = BigInt(state.offsetNs as bigint);
    this.timeHighLatch = Number(state.timeHighLatch);
    this.alarmNs = BigInt(state.alarmNs as bigint);
    this.alarmArmed = Boolean(state.alarmArmed);
    this.irqEnabled = Boolean(state.irqEnabled);
    this.irqPending = Boolean(state.irqPending);
    this.updateIrq();
  }

  private timeAt(ticks: bigint): bigint {
    return this.epochNs + this.offsetNs + (ticks * NS_PER_SECOND) / BigInt(this.clock.frequency);
  }

  private updateIrq(): void {
    this.irq.set(this.irqPending && this.irqEnabled);
  }
}
