import { Device, RegisterInfo } from '../core/devices/device';
import { IrqLine } from '../core/devices/irq';
import { Plic } from '../core/devices/plic';
import { VIRT_IRQ } from '../core/machine/virt-map';
import { RiscvMachine } from '../core/machine/riscv-machine';
import { mimeBundle, MimeBundle } from './display';
import { hex } from './views/number-format';
import { Column, htmlTable, textTable } from './views/table';

/**
 * Property names that tools probe on any object (promises, JSON, test
 * matchers, REPL previews). Looking them up on a device or register proxy
 * answers `undefined` instead of "no such device".
 */
const PROBED_NAMES = new Set([
  'then', 'toJSON', 'inspect', 'constructor', 'asymmetricMatch', '$$typeof', 'nodeType', 'length', 'toString',
  'valueOf', 'prototype', '__proto__', 'splice', 'size', 'nodeName', '@@__IMMUTABLE_ITERABLE__@@', '@@__IMMUTABLE_RECORD__@@',
]);

/** An interrupt line to raise and lower by hand. */
export class IrqLineView {
  constructor(
    /** What drives it (`plic source 10 (uart0)`). */
    readonly name: string,
    private readonly line: IrqLine,
  ) {}

  /** Current level. */
  get level(): boolean {
    return this.line.level;
  }

  /** Drive the line high. The device that owns it may drive it again at its next change. */
  raise(): this {
    this.line.set(true);
    return this;
  }

  /** Drive the line low. */
  lower(): this {
    this.line.set(false);
    return this;
  }

  toString(): string {
    return `${this.name}: ${this.level ? 'high' : 'low'}`;
  }
}

/** A register of a device as a table row. */
export interface DeviceRegisterRow extends RegisterInfo {
  /** Its value now (read without side effects), or undefined for write-only registers. */
  value?: bigint;
}

/**
 * A device as a reflective object: its registers by name, read and written as
 * the guest would, its interrupt line, and its access log.
 *
 * ```ts
 * const uart = devices(m).uart0;
 * uart.regs.LSR                      // a guest-like read (side effects included)
 * uart.peek('LSR')                   // the same value, state left as it was
 * uart.write('IER', 1)
 * uart.type('ls\n'); uart.log
 * uart.irq?.raise()
 * ```
 */
export class DeviceView {
  /**
   * Registers by name: reading `regs.LSR` reads the register as the guest
   * would (with its side effects: reading RBR takes a byte from the FIFO),
   * assigning `regs.IER = 1` writes it.
   */
  readonly regs: Record<string, bigint>;

  constructor(
    readonly name: string,
    /** The device object itself (core/devices). */
    readonly device: Device,
    /** Guest physical address of its register window. */
    readonly base: bigint,
    /** The interrupt line it drives, when known. */
    readonly irq: IrqLineView | undefined,
    private readonly input?: (text: string | Uint8Array) => void,
  ) {
    const target = Object.fromEntries(device.registers.map((r) => [r.name, r])) as unknown as Record<string, bigint>;
    this.regs = new Proxy(target, {
      get: (t, prop, receiver) => {
        if (typeof prop === 'symbol' || PROBED_NAMES.has(prop)) return Reflect.get(t, prop, receiver);
        return this.read(prop);
      },
      set: (_t, prop, value) => {
        if (typeof prop === 'symbol') return false;
        this.write(prop, value as bigint | number);
        return true;
      },
    });
  }

  /** The device's registers, from its own table. */
  get registers(): readonly RegisterInfo[] {
    return this.device.registers;
  }

  /** Register `name`, or an error that lists the names. */
  register(name: string): RegisterInfo {
    const r = this.device.registers.find((x) => x.name === name)
      ?? this.device.registers.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!r) {
      const names = this.device.registers.map((x) => x.name);
      throw new RangeError(`${this.name} has no register '${name}'; it has ${names.slice(0, 24).join(', ')}${names.length > 24 ? `, … (${names.length})` : ''}`);
    }
    return r;
  }

  /** Read register `name` as the guest would (side effects included; it appears in the access log). */
  read(name: string): bigint {
    const r = this.register(name);
    if (r.access === 'w') throw new RangeError(`${this.name}.${r.name} (offset ${hex(r.offset)}) is write-only`);
    return this.device.read(r.offset, r.size);
  }

  /**
   * Read register `name` and put the device back as it was (its saved state
   * and its access log), so looking does not disturb the guest.
   */
  peek(name: string): bigint {
    const r = this.register(name);
    if (r.access === 'w') throw new RangeError(`${this.name}.${r.name} (offset ${hex(r.offset)}) is write-only`);
    const state = this.device.saveState();
    const log = accessLogOf(this.device);
    const logBefore = log ? [...log] : undefined;
    try {
      return this.device.read(r.offset, r.size);
    } finally {
      this.device.loadState(state);
      // The log is the device's own array, exposed read-only for users; peeking must not show up in it.
      if (log && logBefore) (log as unknown[]).splice(0, log.length, ...logBefore);
    }
  }

  /** Write register `name` as the guest would. Returns this view, so writes chain. */
  write(name: string, value: bigint | number): this {
    const r = this.register(name);
    if (r.access === 'r') throw new RangeError(`${this.name}.${r.name} (offset ${hex(r.offset)}) is read-only`);
    if (typeof value !== 'bigint' && !Number.isInteger(value)) throw new TypeError(`${this.name}.${r.name}: value ${String(value)} is not an integer`);
    const v = BigInt(value);
    const max = (1n << BigInt(8 * r.size)) - 1n;
    if (v < 0n || v > max) throw new RangeError(`${this.name}.${r.name} is ${r.size * 8}-bit: ${value} is outside 0..${hex(max)}`);
    this.device.write(r.offset, r.size, v);
    return this;
  }

  /** Type `text` into the device's input (the UART's receiver). */
  type(text: string | Uint8Array): this {
    if (!this.input) throw new TypeError(`${this.name} takes no input (only a UART does)`);
    this.input(text);
    return this;
  }

  /** The last guest accesses the device recorded, oldest first. */
  get log(): readonly unknown[] {
    const log = accessLogOf(this.device);
    if (!log) throw new TypeError(`${this.name} keeps no access log`);
    return log;
  }

  /** Every register with its current value (read without side effects). */
  get rows(): DeviceRegisterRow[] {
    return this.device.registers.map((r) => (r.access === 'w' ? { ...r } : { ...r, value: this.peek(r.name) }));
  }

  private title(): string {
    return `${this.name} at ${hex(this.base)}${this.irq ? `, ${this.irq}` : ''}`;
  }

  toString(): string {
    return textTable(REGISTER_COLUMNS, this.rows, this.title());
  }

  [mimeBundle](): MimeBundle {
    return { 'text/plain': this.toString(), 'text/html': htmlTable(REGISTER_COLUMNS, this.rows, { title: this.title() }) };
  }
}

const REGISTER_COLUMNS: readonly Column<DeviceRegisterRow>[] = [
  { header: 'register', cell: (r) => r.name },
  { header: 'offset', cell: (r) => hex(r.offset, 2), align: 'right' },
  { header: 'size', cell: (r) => String(r.size), align: 'right' },
  { header: 'access', cell: (r) => r.access },
  { header: 'value', cell: (r) => (r.value === undefined ? '—' : hex(r.value, r.size * 2)), align: 'right' },
  { header: 'description', cell: (r) => r.description },
];

function accessLogOf(device: Device): readonly unknown[] | undefined {
  const log = (device as { accessLog?: unknown }).accessLog;
  return Array.isArray(log) ? log : undefined;
}

function isDevice(d: unknown): d is Device {
  return typeof d === 'object' && d !== null && Array.isArray((d as Device).registers) && typeof (d as Device).read === 'function';
}

/** The devices of a machine by name, as {@link DeviceView}s. */
export class DevicesView {
  /** Views by name, in address order. */
  readonly byName: ReadonlyMap<string, DeviceView>;

  constructor(private readonly m: RiscvMachine) {
    const plic = m.bus.regions.map((r) => r.device).find((d): d is Plic => d instanceof Plic);
    const sendInput = (m as { sendInput?: (t: string | Uint8Array) => void }).sendInput;
    const views = new Map<string, DeviceView>();
    for (const r of m.bus.regions) {
      if (r.kind !== 'mmio' || !isDevice(r.device)) continue;
      const d = r.device;
      const source = irqSourceOf(d.name);
      const irq = plic && source !== undefined ? new IrqLineView(`plic source ${source}`, plic.source(source)) : undefined;
      const receive = (d as { receive?: (t: string | Uint8Array) => void }).receive;
      // The machine's own input path also wakes a run waiting for input.
      const input = receive ? (d.name === 'uart0' && sendInput ? sendInput.bind(m) : receive.bind(d)) : undefined;
      views.set(d.name, new DeviceView(d.name, d, r.base, irq, input));
    }
    this.byName = views;
  }

  /** Device names. */
  get names(): string[] {
    return [...this.byName.keys()];
  }

  /** The device called `name`, or an error listing the devices there are. */
  get(name: string): DeviceView {
    const v = this.byName.get(name);
    if (!v) {
      const have = this.names.length ? this.names.join(', ') : 'none (it has no memory-mapped devices)';
      throw new RangeError(`this ${this.m.constructor.name} has no device '${name}'; devices: ${have}`);
    }
    return v;
  }

  /** PLIC interrupt source `n` (1 ≤ n < sources), to raise and lower by hand. */
  irq(n: number): IrqLineView {
    const plic = [...this.byName.values()].map((v) => v.device).find((d): d is Plic => d instanceof Plic);
    if (!plic) throw new TypeError(`this ${this.m.constructor.name} has no PLIC`);
    if (!Number.isInteger(n) || n < 1 || n >= plic.sources) throw new RangeError(`PLIC source ${n} does not exist: sources are 1..${plic.sources - 1}`);
    return new IrqLineView(`plic source ${n}`, plic.source(n));
  }

  /** One row per device. */
  get rows(): { name: string; base: bigint; size: number; registers: number; irq: string }[] {
    return [...this.byName.values()].map((v) => ({
      name: v.name, base: v.base, size: v.device.size, registers: v.registers.length, irq: v.irq ? v.irq.toString() : '',
    }));
  }

  toString(): string {
    return textTable(DEVICE_COLUMNS, this.rows, `${this.byName.size} devices`);
  }

  [mimeBundle](): MimeBundle {
    return { 'text/plain': this.toString(), 'text/html': htmlTable(DEVICE_COLUMNS, this.rows, { title: `${this.byName.size} devices` }) };
  }
}

const DEVICE_COLUMNS: readonly Column<DevicesView['rows'][number]>[] = [
  { header: 'device', cell: (r) => r.name },
  { header: 'base', cell: (r) => hex(r.base, 8), align: 'right' },
  { header: 'size', cell: (r) => hex(r.size), align: 'right' },
  { header: 'registers', cell: (r) => String(r.registers), align: 'right' },
  { header: 'interrupt', cell: (r) => r.irq },
];

/** The PLIC source a virt-machine device drives (virtio slot i: source 1 + i). */
function irqSourceOf(name: string): number | undefined {
  const virtio = /^virtio(\d+)$/.exec(name);
  if (virtio) return VIRT_IRQ.virtio0 + Number(virtio[1]);
  return (VIRT_IRQ as Record<string, number>)[name];
}

/** {@link DevicesView} with each device also reachable as a property: `devices(m).uart0`. */
export type Devices = DevicesView & { readonly [name: string]: DeviceView };

/**
 * The machine's memory-mapped devices as reflective objects, by name:
 *
 * ```ts
 * const d = devices(m);
 * d                                  // a table: name, address, registers, interrupt
 * d.uart0.regs.LSR; d.uart0.write('SCR', 0x5a)
 * d.irq(10).raise()                  // PLIC source 10 by hand
 * ```
 *
 * An unknown name throws an error listing the devices there are.
 */
export function devices(m: RiscvMachine): Devices {
  const view = new DevicesView(m);
  return new Proxy(view, {
    get(target, prop, receiver) {
      if (typeof prop === 'symbol' || prop in target || PROBED_NAMES.has(prop)) return Reflect.get(target, prop, receiver);
      return target.get(prop);
    },
    has(target, prop) {
      return typeof prop === 'string' && target.byName.has(prop) ? true : Reflect.has(target, prop);
    },
    ownKeys(target) {
      return [...Reflect.ownKeys(target), ...target.names.filter((n) => !Reflect.has(target, n))];
    },
    getOwnPropertyDescriptor(target, prop) {
      if (typeof prop === 'string' && target.byName.has(prop)) return { configurable: true, enumerable: true, value: target.get(prop) };
      return Reflect.getOwnPropertyDescriptor(target, prop);
    },
  }) as Devices;
}

/** One device of the machine by name: `device(m, 'uart0')` (same as `devices(m).uart0`). */
export function device(m: RiscvMachine, name: string): DeviceView {
  return new DevicesView(m).get(name);
}
