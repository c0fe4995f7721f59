import { Bus } from '../memory/bus';

/** HTIF devices and commands (the `tohost` word: device << 56 | command << 48 | payload). */
const HTIF = {
  deviceSyscall: 0n,
  deviceConsole: 1n,
  consolePutchar: 1n,
  payloadMask: (1n << 48n) - 1n,
} as const;

/** Proxy-kernel system call numbers served through the syscall device (RISC-V Linux numbering). */
const SYS = { write: 64n, exit: 93n } as const;
const ENOSYS = 38n;
const EFAULT = 14n;

/**
 * The Host-Target Interface of Spike and the riscv-tests: the guest writes a
 * command to the `tohost` doubleword, the host acts and answers in `fromhost`.
 * Device 0 is exit (odd payload: code = payload >> 1) or a proxied system call
 * (even payload: address of `[which, arg0, arg1, ...]`); device 1 command 1
 * prints a character.
 */
export class Htif {
  /** Exit code once the guest has asked to exit. */
  exitCode: number | undefined;

  constructor(
    private readonly bus: Bus,
    /** Guest physical address of `tohost`. */
    readonly tohost: bigint,
    /** Guest physical address of `fromhost`, if the program has one. */
    readonly fromhost: bigint | undefined,
    /** Where console output goes. */
    private readonly output: (bytes: Uint8Array) => void,
    /** Called when the guest exits. */
    private readonly onExit: (code: number) => void,
  ) {
    bus.watch(tohost, () => this.poll());
  }

  private read64(paddr: bigint): bigint {
    return new DataView(this.bus.readPhys(paddr, 8).buffer).getBigUint64(0, true);
  }

  private write64(paddr: bigint, v: bigint): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, v), true);
    this.bus.writePhys(paddr, b);
  }

  /** Handle a command the guest wrote to `tohost`. */
  poll(): void {
    const cmdWord = this.read64(this.tohost);
    if (cmdWord === 0n) return;
    const device = cmdWord >> 56n;
    const command = (cmdWord >> 48n) & 0xffn;
    const payload = cmdWord & HTIF.payloadMask;
    this.write64(this.tohost, 0n);
    if (device === HTIF.deviceSyscall && command === 0n) {
      if (payload & 1n) {
        this.exit(Number(payload >> 1n));
        return;
      }
      this.syscall(payload);
      this.answer(device, command, 1n);
    } else if (device === HTIF.deviceConsole && command === HTIF.consolePutchar) {
      this.output(Uint8Array.of(Number(payload & 0xffn)));
      this.answer(device, command, 0n);
    }
  }

  private answer(device: bigint, command: bigint, value: bigint): void {
    if (this.fromhost !== undefined) this.write64(this.fromhost, (device << 56n) | (command << 48n) | value);
  }

  private syscall(magic: bigint): void {
    // A block or buffer outside RAM is the guest's mistake: the call fails, the host carries on.
    let arg: (i: number) => bigint;
    try {
      this.read64(magic + 56n);
      arg = (i: number) => this.read64(magic + BigInt(8 * i));
    } catch {
      return;
    }
    const which = arg(0);
    let ret: bigint;
    if (which === SYS.write) {
      const len = arg(3);
      try {
        if (len > 1n << 24n) throw new RangeError('too long');
        this.output(this.bus.readPhys(arg(2), Number(len)));
        ret = len;
      } catch {
        ret = -EFAULT;
      }
    } else if (which === SYS.exit) {
      this.exit(Number(BigInt.asIntN(32, arg(1))));
      return;
    } else {
      ret = -ENOSYS;
    }
    this.write64(magic, ret);
  }

  private exit(code: number): void {
    this.exitCode = code;
    this.onExit(code);
  }
}
