import { describe, expect, it } from 'vitest';
import { Ns16550a, UART_BIT, UART_REG } from '../../core/devices/ns16550a';
import { WiredIrqLine } from '../../core/devices/irq';

/** A UART wired to a real IRQ line, collecting what the guest transmits. */
function uart(): { u: Ns16550a; irq: WiredIrqLine; sent: number[]; text: () => string } {
  const sent: number[] = [];
  const irq = new WiredIrqLine('plic.10', () => {});
  const u = new Ns16550a({ irq, onTransmit: (b) => sent.push(b) });
  return { u, irq, sent, text: () => Buffer.from(sent).toString('latin1') };
}

const rd = (u: Ns16550a, reg: number): number => Number(u.read(reg, 1));
const wr = (u: Ns16550a, reg: number, v: number): void => u.write(reg, 1, BigInt(v));

/** What the 8250 driver's receive loop does: read RBR while LSR.DR. */
function drain(u: Ns16550a): string {
  const out: number[] = [];
  while (rd(u, UART_REG.LSR) & UART_BIT.LSR_DR) out.push(rd(u, UART_REG.RBR));
  return Buffer.from(out).toString('latin1');
}

/** The driver's startup for a 16550A: FIFOs on with the 8-byte trigger, 8N1, OUT2. */
function startup(u: Ns16550a): void {
  wr(u, UART_REG.FCR, 0x01 | 0x80);
  wr(u, UART_REG.LCR, 0x03);
  wr(u, UART_REG.MCR, UART_BIT.MCR_OUT2 | UART_BIT.MCR_RTS | UART_BIT.MCR_DTR);
}

describe('NS16550A UART', () => {
  it('passes the 8250 autoconfig probe: IER scratch test, scratch register, FIFO identification, loopback', () => {
    const { u } = uart();
    // IER scratch test: all zero, then the four implemented bits.
    wr(u, UART_REG.IER, 0);
    expect(rd(u, UART_REG.IER) & 0x0f).toBe(0);
    wr(u, UART_REG.IER, 0xff);
    expect(rd(u, UART_REG.IER)).toBe(0x0f);
    wr(u, UART_REG.IER, 0);
    // Scratch register.
    wr(u, UART_REG.SCR, 0xa5);
    expect(rd(u, UART_REG.SCR)).toBe(0xa5);
    wr(u, UART_REG.SCR, 0x5a);
    expect(rd(u, UART_REG.SCR)).toBe(0x5a);
    // FIFO enable: IIR bits 7:6 = 3 identify a 16550A.
    expect(rd(u, UART_REG.IIR) >> 6).toBe(0);
    wr(u, UART_REG.FCR, 0x01);
    expect(rd(u, UART_REG.IIR) >> 6).toBe(3);
    // Loopback: MCR = LOOP | OUT2 | RTS reads back on MSR as DCD | CTS.
    wr(u, UART_REG.MCR, UART_BIT.MCR_LOOP | 0x0a);
    expect(rd(u, UART_REG.MSR) & 0xf0).toBe(0x90);
    wr(u, UART_REG.MCR, 0);
    expect(rd(u, UART_REG.MSR) & 0xf0).toBe(UART_BIT.MSR_CTS | UART_BIT.MSR_DSR | UART_BIT.MSR_DCD);
  });

  it('exposes the divisor latch at offsets 0 and 1 only while LCR.DLAB is set', () => {
    const { u, sent } = uart();
    wr(u, UART_REG.LCR, UART_BIT.LCR_DLAB | 0x03);
    wr(u, UART_REG.DLL, 0x0c);
    wr(u, UART_REG.DLM, 0x01);
    expect(rd(u, UART_REG.DLL)).toBe(0x0c);
    expect(rd(u, UART_REG.DLM)).toBe(0x01);
    expect(sent).toEqual([]);
    wr(u, UART_REG.LCR, 0x03);
    expect(rd(u, UART_REG.LCR)).toBe(0x03);
    expect(rd(u, UART_REG.IER)).toBe(0);
    wr(u, UART_REG.THR, 0x41);
    expect(sent).toEqual([0x41]);
  });

  it('resets to an idle line: THR empty, no data, no interrupt, OUT2 set', () => {
    const { u, irq } = uart();
    expect(rd(u, UART_REG.LSR)).toBe(UART_BIT.LSR_THRE | UART_BIT.LSR_TEMT);
    expect(rd(u, UART_REG.IIR)).toBe(UART_BIT.IIR_NO_INT);
    expect(rd(u, UART_REG.MCR)).toBe(UART_BIT.MCR_OUT2);
    expect(irq.level).toBe(false);
  });

  it('drives an interrupt-driven transmit: THRE interrupt on enable, cleared by reading IIR, raised again after each THR write', () => {
    const { u, irq, text } = uart();
    startup(u);
    wr(u, UART_REG.IER, UART_BIT.IER_ETBEI);
    expect(irq.level).toBe(true);
    expect(rd(u, UART_REG.IIR)).toBe(UART_BIT.IIR_FIFOS | UART_BIT.IIR_THRI);
    // Reading IIR consumed the THRE interrupt.
    expect(irq.level).toBe(false);
    expect(rd(u, UART_REG.IIR)).toBe(UART_BIT.IIR_FIFOS | UART_BIT.IIR_NO_INT);
    for (const c of 'hello') wr(u, UART_REG.THR, c.charCodeAt(0));
    expect(text()).toBe('hello');
    // Transmission is instantaneous, so THR is empty again and interrupts.
    expect(irq.level).toBe(true);
    // The driver's __stop_tx: nothing left to send, turn ETBEI off.
    wr(u, UART_REG.IER, 0);
    expect(irq.level).toBe(false);
    // Re-enabling while THR is empty raises THRE again (Linux's UART_BUG_THRE test expects it).
    wr(u, UART_REG.IER, UART_BIT.IER_ETBEI);
    expect(rd(u, UART_REG.IIR) & UART_BIT.IIR_ID_MASK).toBe(UART_BIT.IIR_THRI);
  });

  it('reports received bytes below the trigger level as a character timeout and at the trigger level as data available', () => {
    const { u, irq } = uart();
    startup(u);
    wr(u, UART_REG.IER, UART_BIT.IER_ERBFI);
    expect(irq.level).toBe(false);
    u.receive('hello');
    expect(irq.level).toBe(true);
    expect(rd(u, UART_REG.IIR)).toBe(UART_BIT.IIR_FIFOS | UART_BIT.IIR_CTI);
    expect(drain(u)).toBe('hello');
    expect(irq.level).toBe(false);
    u.receive('0123456789');
    expect(rd(u, UART_REG.IIR)).toBe(UART_BIT.IIR_FIFOS | UART_BIT.IIR_RDA);
    expect(drain(u)).toBe('0123456789');
  });

  it('holds pasted text in the host queue and feeds it through the 16-byte FIFO without loss', () => {
    const { u } = uart();
    startup(u);
    const text = Array.from({ length: 5000 }, (_, i) => String.fromCharCode(32 + (i % 95))).join('');
    u.receive(text);
    expect(u.rxFifoLevel).toBe(16);
    expect(u.pendingInput).toBe(5000 - 16);
    expect(drain(u)).toBe(text);
    expect(rd(u, UART_REG.LSR) & UART_BIT.LSR_OE).toBe(0);
  });

  it('sends strings as UTF-8', () => {
    const { u } = uart();
    startup(u);
    u.receive('é');
    expect(rd(u, UART_REG.RBR)).toBe(0xc3);
    expect(rd(u, UART_REG.RBR)).toBe(0xa9);
  });

  it('holds one byte at a time in the receiver buffer when the FIFOs are off', () => {
    const { u, irq } = uart();
    wr(u, UART_REG.IER, UART_BIT.IER_ERBFI);
    u.receive(Uint8Array.of(1, 2, 3));
    expect(u.rxFifoLevel).toBe(1);
    expect(rd(u, UART_REG.IIR)).toBe(UART_BIT.IIR_RDA);
    expect(irq.level).toBe(true);
    expect([rd(u, 0), rd(u, 0), rd(u, 0)]).toEqual([1, 2, 3]);
    expect(irq.level).toBe(false);
    expect(rd(u, UART_REG.LSR) & UART_BIT.LSR_DR).toBe(0);
  });

  it('clears the receive FIFO on FCR clear, then refills it from the host queue', () => {
    const { u } = uart();
    startup(u);
    u.receive('a'.repeat(16) + 'b');
    wr(u, UART_REG.FCR, 0x81 | UART_BIT.FCR_RX_CLEAR);
    expect(drain(u)).toBe('b');
  });

  it('loops transmitted bytes back to the receiver in loopback mode, holding host input until it ends', () => {
    const { u, sent } = uart();
    startup(u);
    wr(u, UART_REG.MCR, UART_BIT.MCR_LOOP);
    u.receive('host');
    wr(u, UART_REG.THR, 0x55);
    expect(sent).toEqual([]);
    expect(drain(u)).toBe('\x55');
    wr(u, UART_REG.MCR, UART_BIT.MCR_OUT2);
    expect(drain(u)).toBe('host');
  });

  it('ranks interrupts: line status over received data over THR empty; reading LSR clears an overrun', () => {
    const { u, irq } = uart();
    startup(u);
    wr(u, UART_REG.MCR, UART_BIT.MCR_LOOP);
    wr(u, UART_REG.IER, UART_BIT.IER_ERBFI | UART_BIT.IER_ETBEI | UART_BIT.IER_ELSI);
    // 17 bytes into a 16-byte FIFO: the last one overruns.
    for (let i = 0; i < 17; i++) wr(u, UART_REG.THR, i);
    expect(rd(u, UART_REG.IIR) & 0x0f).toBe(UART_BIT.IIR_RLS);
    expect(rd(u, UART_REG.LSR) & (UART_BIT.LSR_OE | UART_BIT.LSR_DR)).toBe(UART_BIT.LSR_OE | UART_BIT.LSR_DR);
    expect(rd(u, UART_REG.LSR) & UART_BIT.LSR_OE).toBe(0);
    expect(rd(u, UART_REG.IIR) & 0x0f).toBe(UART_BIT.IIR_RDA);
    for (let i = 0; i < 16; i++) expect(rd(u, UART_REG.RBR)).toBe(i);
    expect(rd(u, UART_REG.IIR) & 0x0f).toBe(UART_BIT.IIR_THRI);
    expect(irq.level).toBe(false);
  });

  it('decodes only the low three address bits and never throws on wide or odd accesses', () => {
    const { u } = uart();
    u.write(0x0f, 1, 0x77n);
    expect(rd(u, UART_REG.SCR)).toBe(0x77);
    expect(u.read(UART_REG.SCR, 4)).toBe(0x77n);
    expect(() => u.write(0xff, 8, (1n << 64n) - 1n)).not.toThrow();
    expect(() => u.read(0xfe, 2)).not.toThrow();
  });

  it('keeps a log of the last accesses with register names', () => {
    const sent: number[] = [];
    const u = new Ns16550a({ irq: new WiredIrqLine('x', () => {}), onTransmit: (b) => sent.push(b), accessLogSize: 3 });
    wr(u, UART_REG.LCR, UART_BIT.LCR_DLAB);
    wr(u, UART_REG.DLL, 1);
    wr(u, UART_REG.LCR, 3);
    wr(u, UART_REG.THR, 0x42);
    rd(u, UART_REG.LSR);
    expect(u.accessLog).toEqual([
      { offset: 3, name: 'LCR', kind: 'w', value: 3 },
      { offset: 0, name: 'THR', kind: 'w', value: 0x42 },
      { offset: 5, name: 'LSR', kind: 'r', value: 0x60 },
    ]);
  });

  it('saves and restores its state exactly, including queued input and the interrupt line', () => {
    const a = uart();
    startup(a.u);
    wr(a.u, UART_REG.IER, UART_BIT.IER_ERBFI | UART_BIT.IER_ETBEI);
    wr(a.u, UART_REG.SCR, 0x12);
    a.u.receive('x'.repeat(20) + 'tail');
    rd(a.u, UART_REG.RBR);
    const saved = a.u.saveState();
    const b = uart();
    b.u.loadState(structuredClone(saved));
    expect(b.u.saveState()).toEqual(saved);
    expect(b.irq.level).toBe(a.irq.level);
    expect(b.irq.level).toBe(true);
    expect(drain(b.u)).toBe(drain(a.u));
    expect(b.u.saveState()).toEqual(a.u.saveState());
  });

  it('reset lowers the interrupt and empties the FIFO, but input still queued on the host side survives', () => {
    const { u, irq } = uart();
    wr(u, UART_REG.IER, UART_BIT.IER_ERBFI);
    // FIFOs off: 'a' is in the receiver buffer, 'b' waits on the host side.
    u.receive('ab');
    expect(irq.level).toBe(true);
    u.reset();
    expect(irq.level).toBe(false);
    expect(rd(u, UART_REG.IER)).toBe(0);
    expect(drain(u)).toBe('b');
  });
});
