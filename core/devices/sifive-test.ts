import { Device, DeviceState, RegisterInfo } from './device';

/** Values of the finisher register (low 16 bits; a failure carries its exit code in bits 31:16). */
export const SIFIVE_TEST = {
  FAIL: 0x3333,
  PASS: 0x5555,
  RESET: 0x7777,
  /** The finisher register's offset. */
  finisher: 0x0,
} as const;

/** Construction options of {@link SifiveTest}. */
export interface SifiveTestOptions {
  /** The guest powered off: code 0 for a pass, the guest's code for a failure. */
  onPowerOff(code: number): void;
  /** The guest asked for a reboot. */
  onReset(): void;
  /** Name in the memory tree; default `test`. */
  name?: string;
}

const REGISTERS: readonly RegisterInfo[] = [
  { name: 'finisher', offset: SIFIVE_TEST.finisher, size: 4, access: 'w', description: '0x5555 = power off, 0x3333 | code << 16 = fail with code, 0x7777 = reset' },
];

/**
 * SiFive test finisher (`sifive,test0`, used by the virt machine's
 * syscon-poweroff and syscon-reboot nodes): one write-only register that
 * powers the machine off or resets it.
 */
export class SifiveTest implements Device {
  readonly name: string;
  readonly size = 0x1000;
  readonly registers = REGISTERS;
  readonly stateVersion = 1;

  private readonly onPowerOff: (code: number) => void;
  private readonly onReset: () => void;

  constructor(options: SifiveTestOptions) {
    this.onPowerOff = (code) => options.onPowerOff(code);
    this.onReset = () => options.onReset();
    this.name = options.name ?? 'test';
  }

  read(_offset: number, _size: 1 | 2 | 4 | 8): bigint {
    return 0n;
  }

  write(offset: number, size: 1 | 2 | 4 | 8, value: bigint): void {
    // QEMU accepts 2- and 4-byte writes; a 16-bit write carries no exit code.
    if (offset !== SIFIVE_TEST.finisher || (size !== 2 && size !== 4)) return;
    const v = Number(value & 0xffffffffn);
    const status = v & 0xffff;
    const code = v >>> 16;
    if (status === SIFIVE_TEST.PASS) this.onPowerOff(0);
    else if (status === SIFIVE_TEST.FAIL) this.onPowerOff(code);
    else if (status === SIFIVE_TEST.RESET) this.onReset();
  }

  reset(): void {
    // Stateless.
  }

  saveState(): DeviceState {
    return {};
  }

  loadState(_state: DeviceState): void {
    // Stateless.
  }
}
