import { Device, DeviceState, RegisterInfo } from './device';
import { IrqLine } from './irq';

/**
 * Register offsets of the 16550A (PC16550D datasheet, register shift 0). Offsets
 * 0 and 1 are the divisor latch (DLL/DLM) while LCR.DLAB is set.
 */
export const UART_REG = {
  RBR: 0, THR: 0, DLL: 0,
  IER: 1, DLM: 1,
  IIR: 2, FCR: 2,
  LCR: 3, MCR: 4, LSR: 5, MSR: 6, SCR: 7,
} as const;

/** Register bits, named as in the PC16550D datasheet. */
export const UART_BIT = {
  /** IER: received data available, THR empty, receiver line status, modem status. */
  IER_ERBFI: 0x01, IER_ETBEI: 0x02, IER_ELSI: 0x04, IER_EDSSI: 0x08,
  /** IIR: bit 0 set = no interrupt pending; bits 3:1 identify the source; bits 7:6 = FIFOs enabled. */
  IIR_NO_INT: 0x01, IIR_RLS: 0x06, IIR_RDA: 0x04, IIR_CTI: 0x0c, IIR_THRI: 0x02, IIR_MSI: 0x00,
  IIR_ID_MASK: 0x0e, IIR_FIFOS: 0xc0,
  /** FCR: FIFO enable, clear receive FIFO, clear transmit FIFO, DMA mode, receiver trigger (bits 7:6). */
  FCR_FIFO_EN: 0x01, FCR_RX_CLEAR: 0x02, FCR_TX_CLEAR: 0x04, FCR_DMA: 0x08, FCR_TRIGGER: 0xc0,
  /** LCR: divisor latch access bit. */
  LCR_DLAB: 0x80,
  /** MCR: DTR, RTS, OUT1, OUT2, loopback. */
  MCR_DTR: 0x01, MCR_RTS: 0x02, MCR_OUT1: 0x04, MCR_OUT2: 0x08, MCR_LOOP: 0x10, MCR_MASK: 0x1f,
  /** LSR: data ready, overrun/parity/framing error, break, THR empty, transmitter empty. */
  LSR_DR: 0x01, LSR_OE: 0x02, LSR_PE: 0x04, LSR_FE: 0x08, LSR_BI: 0x10, LSR_THRE: 0x20, LSR_TEMT: 0x40,
  LSR_ERRORS: 0x1e,
  /** MSR: delta bits (3:0) and line states CTS, DSR, RI, DCD. */
  MSR_DELTAS: 0x0f, MSR_CTS: 0x10, MSR_DSR: 0x20, MSR_RI: 0x40, MSR_DCD: 0x80,
} as const;

/** Receive FIFO depth of the 16550A. */
const FIFO_DEPTH = 16;
/** Receiver trigger levels selected by FCR bits 7:6. */
const TRIGGER_LEVELS = [1, 4, 8, 14] as const;
/** Power-on MSR: a terminal is attached (CTS, DSR, DCD asserted), as QEMU's serial model. */
const MSR_RESET = UART_BIT.MSR_CTS | UART_BIT.MSR_DSR | UART_BIT.MSR_DCD;
/** Power-on MCR: OUT2 set, as QEMU's serial model. */
const MCR_RESET = UART_BIT.MCR_OUT2;

/** One guest access, as kept in {@link Ns16550a.accessLog}. */
export interface UartAccess {
  readonly offset: number;
  /** Register name at that offset given DLAB and direction (`LSR`, `THR`, `DLL`). */
  readonly name: string;
  readonly kind: 'r' | 'w';
  readonly value: number;
}

/** Construction options of {@link Ns16550a}. */
export interface Ns16550aOptions {
  /** The interrupt output (PLIC source 10 on virt). */
  irq: IrqLine;
  /** Called with every byte the guest transmits (not called in loopback mode). */
  onTransmit: (byte: number) => void;
  /** Name in the memory tree; default `uart0`. */
  name?: string;
  /** Number of accesses kept in {@link Ns16550a.accessLog}; default 64, 0 disables the log. */
  accessLogSize?: number;
}

const REGISTERS: readonly RegisterInfo[] = [
  { name: 'RBR', offset: 0, size: 1, access: 'r', description: 'Receiver buffer: next received byte (DLAB=0)' },
  { name: 'THR', offset: 0, size: 1, access: 'w', description: 'Transmitter holding register: byte to send (DLAB=0)' },
  { name: 'DLL', offset: 0, size: 1, access: 'rw', description: 'Divisor latch, low byte (DLAB=1)' },
  { name: 'IER', offset: 1, size: 1, access: 'rw', description: 'Interrupt enable: ERBFI, ETBEI, ELSI, EDSSI (DLAB=0)' },
  { name: 'DLM', offset: 1, size: 1, access: 'rw', description: 'Divisor latch, high byte (DLAB=1)' },
  { name: 'IIR', offset: 2, size: 1, access: 'r', description: 'Interrupt identification: highest-priority pending source; reading clears a THRE interrupt' },
  { name: 'FCR', offset: 2, size: 1, access: 'w', description: 'FIFO control: enable, clear rx/tx, receiver trigger level' },
  { name: 'LCR', offset: 3, size: 1, access: 'rw', description: 'Line control: word length, stop bits, parity, break, DLAB' },
  { name: 'MCR', offset: 4, size: 1, access: 'rw', description: 'Modem control: DTR, RTS, OUT1, OUT2, loopback' },
  { name: 'LSR', offset: 5, size: 1, access: 'r', description: 'Line status: DR, OE, PE, FE, BI, THRE, TEMT; reading clears the error bits' },
  { name: 'MSR', offset: 6, size: 1, access: 'r', description: 'Modem status: CTS, DSR, RI, DCD and their deltas; reading clears the deltas' },
  { name: 'SCR', offset: 7, size: 1, access: 'rw', description: 'Scratch register' },
];

const READ_NAMES = ['RBR', 'IER', 'IIR', 'LCR', 'MCR', 'LSR', 'MSR', 'SCR'] as const;
const WRITE_NAMES = ['THR', 'IER', 'FCR', 'LCR', 'MCR', 'LSR', 'MSR', 'SCR'] as const;

/**
 * NS16550A UART (QEMU virt's `uart0`, Linux `ns16550a` / 8250 driver).
 *
 * Transmission is instantaneous: a THR write goes straight to `onTransmit`
 * and THR is empty again at once. Host input ({@link receive}) waits in an
 * unbounded queue and enters the 16-byte receive FIFO as the guest drains it,
 * so pasted text is never overrun. With the FIFO enabled, data below the
 * trigger level is reported at once as a character timeout (there is no more
 * input on its way), which is what the 8250 driver waits for.
 */
export class Ns16550a implements Device {
  readonly name: string;
  readonly size = 0x100;
  readonly registers = REGISTERS;
  readonly stateVersion = 1;

  private readonly irq: IrqLine;
  private readonly onTransmit: (byte: number) => void;
  private readonly logSize: number;
  private readonly log: UartAccess[] = [];

  private ier = 0;
  private lcr = 0;
  private mcr: number = MCR_RESET;
  private fcr = 0;
  private scr = 0;
  private dll = 0;
  private dlm = 0;
  /** LSR error bits (OE, PE, FE, BI); DR, THRE and TEMT are derived. */
  private lsrErrors = 0;
  private msr: number = MSR_RESET;
  /** A THR-empty interrupt is pending (cleared by reading IIR when it is the source, or by writing THR). */
  private thrInterrupt = false;
  /** The receive FIFO (depth 1 when FIFOs are disabled: the receiver buffer register). */
  private rxFifo: number[] = [];
  /** Host bytes not yet in the FIFO; `hostHead` is the index of the next one. */
  private hostQueue: number[] = [];
  private hostHead = 0;

  constructor(options: Ns16550aOptions) {
    this.irq = options.irq;
    this.onTransmit = options.onTransmit;
    this.name = options.name ?? 'uart0';
    this.logSize = options.accessLogSize ?? 64;
  }

  /** Queue host input (a string is sent as UTF-8). It reaches the guest as the receive FIFO drains. */
  receive(bytes: Uint8Array | string): void {
    const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
    for (const b of data) this.hostQueue.push(b);
    this.refill();
    this.updateIrq();
  }

  /** Host bytes still waiting to enter the receive FIFO. */
  get pendingInput(): number {
    return this.hostQueue.length - this.hostHead;
  }

  /** The guest's driver is listening: the received-data interrupt is enabled and nothing received is still unread. */
  get readyForInput(): boolean {
    return (this.ier & UART_BIT.IER_ERBFI) !== 0 && this.pendingInput === 0 && this.rxFifoLevel === 0;
  }

  /** Bytes in the receive FIFO now. */
  get rxFifoLevel(): number {
    return this.rxFifo.length;
  }

  /** The last guest accesses, oldest first (for inspection; not part of the saved state). */
  get accessLog(): readonly UartAccess[] {
    return this.log;
  }

  read(offset: number, _size: 1 | 2 | 4 | 8): bigint {
    // Only address lines A2..A0 are decoded: the window aliases every 8 bytes.
    const reg = offset & 7;
    const dlab = (this.lcr & UART_BIT.LCR_DLAB) !== 0;
    let value: number;
    let name: string = READ_NAMES[reg];
    switch (reg) {
      case UART_REG.RBR:
        if (dlab) {
          value = this.dll;
          name = 'DLL';
        } else {
          value = this.rxFifo.shift() ?? 0;
          this.refill();
          this.updateIrq();
        }
        break;
      case UART_REG.IER:
        if (dlab) {
          value = this.dlm;
          name = 'DLM';
        } else {
          value = this.ier;
        }
        break;
      case UART_REG.IIR:
        value = this.iir();
        if ((value & UART_BIT.IIR_ID_MASK) === UART_BIT.IIR_THRI) {
          this.thrInterrupt = false;
          this.updateIrq();
        }
        break;
      case UART_REG.LCR:
        value = this.lcr;
        break;
      case UART_REG.MCR:
        value = this.mcr;
        break;
      case UART_REG.LSR:
        value = this.lsr();
        if (this.lsrErrors !== 0) {
          this.lsrErrors = 0;
          this.updateIrq();
        }
        break;
      case UART_REG.MSR:
        value = this.modemStatus();
        if (this.msr & UART_BIT.MSR_DELTAS) {
          this.msr &= ~UART_BIT.MSR_DELTAS;
          this.updateIrq();
        }
        break;
      default:
        value = this.scr;
    }
    this.record(offset, name, 'r', value);
    return BigInt(value);
  }

  write(offset: number, _size: 1 | 2 | 4 | 8, value: bigint): void {
    const reg = offset & 7;
    const v = Number(value & 0xffn);
    const dlab = (this.lcr & UART_BIT.LCR_DLAB) !== 0;
    let name: string = WRITE_NAMES[reg];
    switch (reg) {
      case UART_REG.THR:
        if (dlab) {
          this.dll = v;
          name = 'DLL';
        } else {
          this.transmit(v);
        }
        break;
      case UART_REG.IER:
        if (dlab) {
          this.dlm = v;
          name = 'DLM';
        } else {
          this.writeIer(v);
        }
        break;
      case UART_REG.FCR:
        this.writeFcr(v);
        break;
      case UART_REG.LCR:
        this.lcr = v;
        break;
      case UART_REG.MCR: {
        const wasLoop = (this.mcr & UART_BIT.MCR_LOOP) !== 0;
        this.mcr = v & UART_BIT.MCR_MASK;
        // Leaving loopback reconnects the receiver to the host input.
        if (wasLoop && !(this.mcr & UART_BIT.MCR_LOOP)) {
          this.refill();
          this.updateIrq();
        }
        break;
      }
      case UART_REG.SCR:
        this.scr = v;
        break;
      default:
        // LSR and MSR are read-only (factory test registers on real parts).
        break;
    }
    this.record(offset, name, 'w', v);
  }

  reset(): void {
    this.ier = 0;
    this.lcr = 0;
    this.mcr = MCR_RESET;
    this.fcr = 0;
    this.scr = 0;
    this.dll = 0;
    this.dlm = 0;
    this.lsrErrors = 0;
    this.msr = MSR_RESET;
    this.thrInterrupt = false;
    this.rxFifo = [];
    // Host input typed before the reset is kept: it belongs to the user, not to the chip.
    this.refill();
    this.updateIrq();
  }

  saveState(): DeviceState {
    return {
      ier: this.ier, lcr: this.lcr, mcr: this.mcr, fcr: this.fcr, scr: this.scr,
      dll: this.dll, dlm: this.dlm, lsrErrors: this.lsrErrors, msr: this.msr,
      thrInterrupt: this.thrInterrupt,
      rxFifo: Uint8Array.from(this.rxFifo),
      hostQueue: Uint8Array.from(this.hostQueue.slice(this.hostHead)),
    };
  }

  loadState(state: DeviceState): void {
    const s = state;
    this.ier = Number(s.ier);
    this.lcr = Number(s.lcr);
    this.mcr = Number(s.mcr);
    this.fcr = Number(s.fcr);
    this.scr = Number(s.scr);
    this.dll = Number(s.dll);
    this.dlm = Number(s.dlm);
    this.lsrErrors = Number(s.lsrErrors);
    this.msr = Number(s.msr);
    this.thrInterrupt = Boolean(s.thrInterrupt);
    this.rxFifo = Array.from(state.rxFifo as Uint8Array);
    this.hostQueue = Array.from(state.hostQueue as Uint8Array);
    this.hostHead = 0;
    this.updateIrq();
  }

  /** Interrupt identification (IIR value) for the current state, without side effects. */
  iir(): number {
    const fifoBits = this.fifoEnabled ? UART_BIT.IIR_FIFOS : 0;
    return this.interruptId() | fifoBits;
  }

  /** Line status (LSR value) for the current state, without side effects. */
  lsr(): number {
    // Transmission is instantaneous: THR and the shift register are always empty.
    let v = this.lsrErrors | UART_BIT.LSR_THRE | UART_BIT.LSR_TEMT;
    if (this.rxFifo.length > 0) v |= UART_BIT.LSR_DR;
    return v;
  }

  private get fifoEnabled(): boolean {
    return (this.fcr & UART_BIT.FCR_FIFO_EN) !== 0;
  }

  private get loopback(): boolean {
    return (this.mcr & UART_BIT.MCR_LOOP) !== 0;
  }

  /** Highest-priority pending source, datasheet order: line status, rx data / timeout, THRE, modem status. */
  private interruptId(): number {
    if (this.ier & UART_BIT.IER_ELSI && this.lsrErrors & UART_BIT.LSR_ERRORS) return UART_BIT.IIR_RLS;
    if (this.ier & UART_BIT.IER_ERBFI && this.rxFifo.length > 0) {
      if (!this.fifoEnabled) return UART_BIT.IIR_RDA;
      const trigger = TRIGGER_LEVELS[(this.fcr & UART_BIT.FCR_TRIGGER) >> 6];
      return this.rxFifo.length >= trigger ? UART_BIT.IIR_RDA : UART_BIT.IIR_CTI;
    }
    if (this.ier & UART_BIT.IER_ETBEI && this.thrInterrupt) return UART_BIT.IIR_THRI;
    if (this.ier & UART_BIT.IER_EDSSI && this.msr & UART_BIT.MSR_DELTAS) return UART_BIT.IIR_MSI;
    return UART_BIT.IIR_NO_INT;
  }

  private updateIrq(): void {
    this.irq.set(this.interruptId() !== UART_BIT.IIR_NO_INT);
  }

  private modemStatus(): number {
    if (!this.loopback) return this.msr;
    // Loopback wires the modem outputs to the inputs: RTS→CTS, DTR→DSR, OUT1→RI, OUT2→DCD.
    const m = this.mcr;
    return (
      (m & UART_BIT.MCR_RTS ? UART_BIT.MSR_CTS : 0) |
      (m & UART_BIT.MCR_DTR ? UART_BIT.MSR_DSR : 0) |
      (m & UART_BIT.MCR_OUT1 ? UART_BIT.MSR_RI : 0) |
      (m & UART_BIT.MCR_OUT2 ? UART_BIT.MSR_DCD : 0)
    );
  }

  private transmit(byte: number): void {
    if (this.loopback) {
      if (this.rxFifo.length < this.capacity) this.rxFifo.push(byte);
      else this.lsrErrors |= UART_BIT.LSR_OE;
    } else {
      this.onTransmit(byte);
    }
    // Sent at once, so THR is empty again: a new THRE interrupt.
    this.thrInterrupt = true;
    this.updateIrq();
  }

  private writeIer(v: number): void {
    const next = v & 0x0f;
    const changed = this.ier ^ next;
    this.ier = next;
    // Enabling ETBEI while THR is empty raises THRE again even if IIR consumed it (QEMU, and Linux's THRE test rely on it).
    if (changed & UART_BIT.IER_ETBEI) this.thrInterrupt = (next & UART_BIT.IER_ETBEI) !== 0;
    this.updateIrq();
  }

  private writeFcr(v: number): void {
    let val = v;
    // Switching the FIFOs on or off empties them.
    if ((val ^ this.fcr) & UART_BIT.FCR_FIFO_EN) val |= UART_BIT.FCR_RX_CLEAR | UART_BIT.FCR_TX_CLEAR;
    if (val & UART_BIT.FCR_RX_CLEAR) {
      this.rxFifo = [];
      this.lsrErrors &= ~UART_BIT.LSR_BI;
    }
    // The clear bits self-clear; only enable, DMA mode and trigger level are kept.
    this.fcr = val & (UART_BIT.FCR_FIFO_EN | UART_BIT.FCR_DMA | UART_BIT.FCR_TRIGGER);
    this.refill();
    this.updateIrq();
  }

  private get capacity(): number {
    return this.fifoEnabled ? FIFO_DEPTH : 1;
  }

  /** Move host bytes into the receive FIFO while there is room (the receiver is disconnected in loopback). */
  private refill(): void {
    if (this.loopback) return;
    while (this.rxFifo.length < this.capacity && this.hostHead < this.hostQueue.length) {
      this.rxFifo.push(this.hostQueue[this.hostHead++]);
    }
    if (this.hostHead === this.hostQueue.length) {
      this.hostQueue = [];
      this.hostHead = 0;
    } else if (this.hostHead > 4096) {
      this.hostQueue = this.hostQueue.slice(this.hostHead);
      this.hostHead = 0;
    }
  }

  private record(offset: number, name: string, kind: 'r' | 'w', value: number): void {
    if (this.logSize === 0) return;
    if (this.log.length === this.logSize) this.log.shift();
    this.log.push({ offset, name, kind, value });
  }
}
