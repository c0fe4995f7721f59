import { describe, expect, it } from 'vitest';
import { mimeBundle } from '../../../stdlib/display';
import { device, devices } from '../../../stdlib/devices';
import { benchMachine, bareVirtMachine } from './machines';

const LSR_DR = 0x01n;
const LSR_THRE_TEMT = 0x60n;

describe('devices as reflective objects', () => {
  it('lists the devices of the virt machine with their addresses and interrupt sources', () => {
    const m = bareVirtMachine();
    const d = devices(m);
    expect(d.names).toEqual(expect.arrayContaining(['test', 'rtc', 'clint', 'plic', 'uart0', 'virtio0', 'virtio7']));
    expect(d.uart0.base).toBe(0x10000000n);
    expect(d.uart0.irq?.name).toBe('plic source 10');
    expect(d.toString()).toMatch(/uart0\s+0x10000000\s+0x100\s+12\s+plic source 10: low/);
    expect(Object.keys(d)).toContain('uart0');
    expect('plic' in d).toBe(true);
  });

  it('reads registers by name, writes them, and peeks without side effects', () => {
    const m = bareVirtMachine();
    const uart = devices(m).uart0;
    expect(uart.regs.LSR).toBe(LSR_THRE_TEMT);
    uart.write('SCR', 0x5a);
    expect(uart.regs.SCR).toBe(0x5an);
    uart.regs.SCR = 0x11n;
    expect(uart.read('SCR')).toBe(0x11n);
    uart.write('IER', 1);
    uart.type('hi');
    expect(uart.peek('LSR') & LSR_DR).toBe(LSR_DR);
    const logged = uart.log.length;
    expect(uart.peek('RBR')).toBe(BigInt('h'.charCodeAt(0)));
    expect(uart.peek('RBR')).toBe(BigInt('h'.charCodeAt(0)));
    expect(uart.log.length).toBe(logged);
    expect(uart.regs.RBR).toBe(BigInt('h'.charCodeAt(0)));
    expect(uart.regs.RBR).toBe(BigInt('i'.charCodeAt(0)));
    expect(uart.log.slice(-2)).toEqual([
      { offset: 0, name: 'RBR', kind: 'r', value: 0x68 }, { offset: 0, name: 'RBR', kind: 'r', value: 0x69 },
    ]);
  });

  it('shows registers with their values as a table, without disturbing the device', () => {
    const m = bareVirtMachine();
    const uart = device(m, 'uart0');
    uart.type('x');
    const text = uart.toString();
    expect(text.split('\n')[0]).toBe('uart0 at 0x10000000, plic source 10: low');
    expect(text).toMatch(/LSR\s+0x05\s+1\s+r\s+0x61\s+Line status/);
    expect(text).toMatch(/THR\s+0x00\s+1\s+w\s+—/);
    expect(uart.regs.RBR).toBe(0x78n);
    const html = uart[mimeBundle]()['text/html'] as string;
    expect(html).toContain('<td style="padding:1px 8px;border-bottom:1px solid #eee;vertical-align:top">LSR</td>');
  });

  it('shows every device of the virt machine and leaves each in the state it found it', () => {
    const m = bareVirtMachine();
    const d = devices(m);
    for (const name of d.names) {
      const v = d[name];
      const before = v.device.saveState();
      expect(v.toString().split('\n')[0]).toMatch(new RegExp(`^${name} at 0x[0-9a-f]+`));
      expect(v.rows.filter((r) => r.access !== 'w').every((r) => typeof r.value === 'bigint')).toBe(true);
      expect(v.device.saveState()).toEqual(before);
    }
  });

  it('raises and lowers a PLIC source by hand', () => {
    const m = bareVirtMachine();
    const d = devices(m);
    const line = d.irq(10);
    expect(line.level).toBe(false);
    line.raise();
    expect(d.uart0.irq!.level).toBe(true);
    expect(d.plic.peek('pending[0]') & (1n << 10n)).toBe(1n << 10n);
    line.lower();
    expect(d.plic.peek('pending[0]') & (1n << 10n)).toBe(0n);
  });

  it('says what is wrong with an unknown device, register or access', () => {
    const m = bareVirtMachine();
    const d = devices(m);
    expect(() => d.uart1).toThrow(/this VirtMachine has no device 'uart1'; devices: test, rtc, clint, plic, uart0, virtio0/);
    expect(() => d.uart0.regs.FOO).toThrow(/uart0 has no register 'FOO'; it has RBR, THR, DLL, IER/);
    expect(() => d.uart0.write('LSR', 0)).toThrow(/uart0\.LSR \(offset 0x5\) is read-only/);
    expect(() => d.uart0.read('THR')).toThrow(/uart0\.THR \(offset 0x0\) is write-only/);
    expect(() => d.uart0.write('SCR', 0x100)).toThrow(/uart0\.SCR is 8-bit: 256 is outside 0\.\.0xff/);
    expect(() => d.plic.type('x')).toThrow(/plic takes no input/);
    expect(() => d.plic.log).toThrow(/plic keeps no access log/);
    expect(() => d.irq(0)).toThrow(/PLIC source 0 does not exist: sources are 1\.\.96/);
    expect(() => device(benchMachine(), 'uart0')).toThrow(/this SpikeMachine has no device 'uart0'; devices: none/);
  });
});
