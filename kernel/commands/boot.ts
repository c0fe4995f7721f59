import { BootImageError } from '../../core/loader/boot-image';
import { ElfError } from '../../core/loader/elf';
import { RunResult } from '../../core/machine/riscv-machine';
import { DriveOptions, VirtMachine, VirtMachineOptions, defaultVirtImages } from '../../core/machine/virt-machine';
import { requestInterrupt } from '../../core/exec/run-control';
import { resumeVirtMachine, Snapshot, SnapshotError } from '../../core/snapshot';
import { ConsoleMonitor } from '../console/console-monitor';
import { ConsoleEscape } from '../console/escape';
import { Monitor } from '../repl/monitor';
import { EXIT_BUDGET, UsageError } from './run';

const USAGE = `usage: orrery boot [-M virt] [-m SIZE] [--smp N] [--bios FILE|none] [--kernel FILE] [--initrd FILE]
                  [--append CMDLINE] [--dtb FILE] [--drive file=IMG[,format=raw][,readonly=on|off]]...
                  [--loadvm FILE] [--max-insns N] [--no-realtime] [--stats]
  Boots the virt machine (default: 256 MiB, OpenSBI + Linux 6.1 + BusyBox initramfs) with the guest
  console on this terminal. Ctrl-A X quits, Ctrl-A C switches to the monitor (savevm FILE, loadvm FILE,
  info, x, cont, quit) and back, Ctrl-A H lists the keys. Piped stdin is typed into the console a line
  at a time as the guest waits for input, and a piped Ctrl-A C waits for that moment too.
  --loadvm FILE resumes a machine saved by savevm (its RAM, harts and disks come from the snapshot).`;

/** Options that describe the machine, which --loadvm takes from the snapshot instead. */
const MACHINE_OPTIONS = ['-m', '--memory', '--smp', '-smp', '--bios', '-bios', '--kernel', '-kernel', '--initrd', '-initrd',
  '--append', '-append', '--dtb', '-dtb'];

/** Line ends in typed input. */
const LINE_END = { lf: 0x0a, cr: 0x0d } as const;

/** Steps per slice of the console run: short enough that Ctrl-A C pauses the machine at once. */
const BOOT_SLICE = 1_000_000;

/** Parse a memory size as QEMU's `-m` does: a number of MiB, or a number with a K/M/G suffix. */
export function parseMemorySize(text: string): number {
  const m = /^(\d+)([kKmMgG]?)[bB]?$/.exec(text.trim());
  if (!m) throw new BootUsageError(`-m takes a size like 256M or 1G, not '${text}'`);
  const unit = { '': 1 << 20, k: 1 << 10, m: 1 << 20, g: 1 << 30 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  const bytes = Number(m[1]) * unit;
  if (bytes < 16 << 20 || bytes > 2048 * (1 << 20)) throw new BootUsageError(`-m ${text}: the virt machine takes 16M to 2G`);
  if (bytes % 4096 !== 0) throw new BootUsageError(`-m ${text}: must be a whole number of 4 KiB pages`);
  return bytes;
}

/** Parse `--drive file=IMG,format=raw,readonly=on|off` (QEMU's spelling). */
export function parseDrive(text: string): DriveOptions {
  const drive: DriveOptions = { file: '' };
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const [key, value] = eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
    if (key === 'file') drive.file = value;
    else if (key === 'format') {
      if (value !== 'raw') throw new BootUsageError(`--drive ${text}: format '${value}' is not supported (raw only)`);
    } else if (key === 'readonly') {
      if (!['on', 'off', 'true', 'false'].includes(value)) throw new BootUsageError(`--drive ${text}: readonly is on or off`);
      drive.readOnly = value === 'on' || value === 'true';
    } else if (key === 'if' || key === 'id' || key === 'media') {
      continue; // accepted for QEMU command lines; the disk is always virtio
    } else {
      throw new BootUsageError(`--drive ${text}: unknown key '${key}'`);
    }
  }
  if (!drive.file) throw new BootUsageError(`--drive ${text}: no file= given`);
  return drive;
}

/**
 * `orrery boot`: boot the virt machine with its console on the terminal
 * (raw mode; Ctrl-A X quits) or on stdin/stdout when they are pipes. Exits
 * with the guest's poweroff status.
 */
export async function bootCommand(argv: string[]): Promise<number> {
  const defaults = defaultVirtImages();
  const options: VirtMachineOptions = { ...defaults, realtimeIdle: true };
  const drives: DriveOptions[] = [];
  let maxInsns = Number.MAX_SAFE_INTEGER;
  let showStats = false;
  let kernelGiven = false;
  let initrdGiven = false;
  let loadvm: string | undefined;
  const machineOptions: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let inline: string | undefined;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) {
      inline = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    const value = () => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new BootUsageError(`${a} needs a value`);
      return v;
    };
    if (MACHINE_OPTIONS.includes(a)) machineOptions.push(a);
    switch (a) {
      case '--loadvm': case '-loadvm': loadvm = value(); break;
      case '-M': case '--machine': {
        const v = value();
        if (v !== 'virt') throw new BootUsageError(`unknown machine '${v}' (orrery boot has: virt; bare-metal spike programs use orrery run)`);
        break;
      }
      case '-m': case '--memory': options.ramSize = parseMemorySize(value()); break;
      case '--smp': case '-smp': {
        const v = value();
        const n = Number(v.split(',')[0].replace(/^cpus=/, ''));
        if (!Number.isInteger(n) || n < 1 || n > 8) throw new BootUsageError(`--smp takes 1 to 8 harts, not '${v}'`);
        options.harts = n;
        break;
      }
      case '--bios': case '-bios': options.bios = value(); break;
      case '--kernel': case '-kernel': options.kernel = value(); kernelGiven = true; break;
      case '--initrd': case '-initrd': options.initrd = value(); initrdGiven = true; break;
      case '--append': case '-append': options.append = value(); break;
      case '--dtb': case '-dtb': options.dtb = value(); break;
      case '--drive': case '-drive': drives.push(parseDrive(value())); break;
      case '--max-insns': {
        const v = value();
        maxInsns = Number(v);
        if (!Number.isSafeInteger(maxInsns) || maxInsns <= 0) throw new BootUsageError(`--max-insns takes a positive whole number, not '${v}'`);
        break;
      }
      case '--no-realtime': options.realtimeIdle = false; break;
      case '--stats': showStats = true; break;
      default: throw new BootUsageError(`unknown option ${argv[i]}`);
    }
  }
  // A kernel of the user's own (U-Boot, say) comes without the default initrd.
  if (kernelGiven && !initrdGiven) delete options.initrd;
  options.drives = drives;
  if (loadvm !== undefined && machineOptions.length) {
    throw new BootUsageError(`${machineOptions[0]} cannot go with --loadvm: the machine's configuration comes from the snapshot`);
  }

  const stdin = process.stdin;
  const tty = stdin.isTTY === true;
  let quit = false;
  options.onConsole = (b) => process.stdout.write(b);
  let m: VirtMachine;
  try {
    m = loadvm === undefined ? new VirtMachine(options) : resumeFromFile(loadvm, options, drives.length > 0);
  } catch (e) {
    if (e instanceof SnapshotError) {
      process.stderr.write(`orrery boot: --loadvm ${e.message}\n`);
      return 1;
    }
    if (e instanceof BootImageError || e instanceof ElfError || e instanceof RangeError || isFileError(e)) {
      process.stderr.write(`orrery boot: ${(e as Error).message}\n`);
      return 1;
    }
    throw e;
  }

  const session = new ConsoleSession(m, tty, () => { quit = true; });
  const onData = (chunk: Buffer) => session.input(chunk);
  const onEnd = () => session.inputEnded();
  if (tty) stdin.setRawMode(true);
  stdin.on('data', onData);
  stdin.on('end', onEnd);
  stdin.resume();
  const onSigint = () => { quit = true; requestInterrupt(); };
  process.on('SIGINT', onSigint);
  let r: RunResult;
  try {
    r = await session.run(maxInsns, () => quit);
  } finally {
    stdin.off('data', onData);
    stdin.off('end', onEnd);
    process.off('SIGINT', onSigint);
    if (tty) stdin.setRawMode(false);
    stdin.pause();
    m.flushConsole();
  }
  if (showStats) process.stderr.write(`${JSON.stringify({ run: r, ...m.stats() }, (_k, v) => typeof v === 'bigint' ? `0x${v.toString(16)}` : v, 2)}\n`);
  if (r.reason === 'exit') {
    if (m.rebootRequested) process.stderr.write('orrery boot: the guest asked for a reboot; stopping\n');
    return (m.exitCode ?? 0) & 0xff;
  }
  if (quit) {
    process.stderr.write('\r\norrery: terminated\r\n');
    return 0;
  }
  if (r.reason === 'budget') {
    process.stderr.write(`\r\norrery boot: stopped after ${r.insns} instructions (--max-insns)\r\n`);
    return EXIT_BUDGET;
  }
  process.stderr.write(`\r\norrery boot: the machine stopped (${r.reason}) at pc 0x${m.cpu.pc.toString(16)}\r\n`);
  return 1;
}

/** The machine a snapshot file describes, in the file's state (`--loadvm`); throws SnapshotError. */
function resumeFromFile(path: string, options: VirtMachineOptions, drivesGiven: boolean): VirtMachine {
  const s = Snapshot.load(path);
  try {
    return resumeVirtMachine(s, {
      onConsole: options.onConsole, realtimeIdle: options.realtimeIdle, drives: drivesGiven ? options.drives : undefined,
    });
  } catch (e) {
    if (e instanceof SnapshotError) throw new SnapshotError(e.kind, `${path}: ${e.message}`);
    throw e;
  }
}

/**
 * The terminal (or pipe) side of `orrery boot`: key bytes go to the guest
 * console, or, after Ctrl-A C, to the monitor while the machine is paused.
 * Input is handled in arrival order, so a script can type Ctrl-A C and
 * monitor commands in one go. From a terminal Ctrl-A C pauses at once; from
 * a pipe it waits, like typed lines, until the guest waits for input with
 * everything typed before it consumed (`printf '\x01csavevm a.snap\nquit\n'`
 * saves the machine at its shell prompt).
 */
class ConsoleSession {
  private inMonitor = false;
  private readonly monitor: ConsoleMonitor;
  private readonly escape: ConsoleEscape;
  /** Input handling in arrival order (a monitor command waits for the pause before it). */
  private queue: Promise<void> = Promise.resolve();
  /** Aborted to pause the running machine at once. */
  private pause = new AbortController();
  /** A piped Ctrl-A C: pause once the guest waits for input. */
  private pauseWhenReady = false;
  /** Resolved by the run loop once the machine stopped for the monitor. */
  private paused: (() => void) | undefined;
  /** Resolved by the monitor to let the machine run again. */
  private resume: (() => void) | undefined;

  constructor(private readonly m: VirtMachine, private readonly tty: boolean, private readonly onQuit: () => void) {
    this.monitor = new ConsoleMonitor({ monitor: new Monitor({ machine: () => m }), write: (t) => this.write(t), echo: tty });
    this.escape = new ConsoleEscape({
      quit: () => this.later(() => this.quit()),
      help: (text) => this.later(() => { process.stdout.write(`\r\n${text}`); }),
      monitor: () => this.later(() => (this.inMonitor ? this.leaveMonitor() : this.enterMonitor())),
      data: (bytes) => this.later(() => this.keys(bytes)),
    });
  }

  /** Host bytes arrived. */
  input(chunk: Uint8Array): void {
    this.escape.feed(chunk);
  }

  /** The input ended (a pipe closed): a monitor session ends with it, as if `quit` were typed. */
  inputEnded(): void {
    this.later(() => { if (this.inMonitor) this.quit(); });
  }

  /** Run the machine until it stops, the budget runs out or the user quits; paused while the monitor has the keyboard. */
  async run(maxInsns: number, quitting: () => boolean): Promise<RunResult> {
    let insns = 0;
    let seconds = 0;
    for (;;) {
      const r = await this.m.run(maxInsns - insns, {
        signal: this.pause.signal, sliceInsns: BOOT_SLICE, until: () => this.pauseWhenReady && this.guestWaitsForInput(),
      });
      insns += r.insns;
      seconds += r.seconds;
      const forMonitor = (r.reason === 'interrupted' && this.pause.signal.aborted) || (r.reason === 'stop' && this.pauseWhenReady);
      if (quitting() || !forMonitor) return { ...r, insns, seconds };
      this.pause = new AbortController();
      this.pauseWhenReady = false;
      const resumed = new Promise<void>((resolve) => { this.resume = resolve; });
      this.paused?.();
      await resumed;
      if (quitting()) return { ...r, insns, seconds };
    }
  }

  /** Every hart waits for an interrupt, the UART's driver listens and nothing typed is left: a shell at its prompt. */
  private guestWaitsForInput(): boolean {
    return this.m.typeAhead === 0 && this.m.dev.uart0.readyForInput && this.m.harts.every((h) => h.waiting);
  }

  private later(fn: () => void | Promise<void>): void {
    this.queue = this.queue.then(fn).catch((e: unknown) => { process.stderr.write(`orrery boot: ${(e as Error)?.stack ?? e}\n`); });
  }

  private keys(bytes: Uint8Array): void {
    if (!this.inMonitor) {
      // A person types when the guest is ready; a script's pipe is paced a line at a time.
      if (this.tty) this.m.sendInput(bytes);
      else this.m.typeInput(bytes);
      return;
    }
    // A line at a time: after `cont`, the rest of the input is the guest's again.
    let end = bytes.findIndex((b) => b === LINE_END.lf || b === LINE_END.cr);
    if (end >= 0 && bytes[end] === LINE_END.cr && bytes[end + 1] === LINE_END.lf) end++;
    const upTo = end < 0 ? bytes.length : end + 1;
    for (const line of this.monitor.feed(bytes.subarray(0, upTo))) {
      const action = this.monitor.execute(line);
      if (action === 'cont') this.leaveMonitor();
      else if (action === 'quit') this.quit();
    }
    if (upTo < bytes.length) this.keys(bytes.subarray(upTo));
  }

  private async enterMonitor(): Promise<void> {
    if (this.m.halted) return;
    const stopped = new Promise<void>((resolve) => { this.paused = resolve; });
    this.inMonitor = true;
    if (this.tty || this.guestWaitsForInput()) this.pause.abort();
    else this.pauseWhenReady = true;
    await stopped;
    this.paused = undefined;
    this.m.flushConsole();
    this.write(`\n${this.monitor.banner()}`);
  }

  private leaveMonitor(): void {
    this.inMonitor = false;
    this.write('\n');
    this.resume?.();
    this.resume = undefined;
  }

  private quit(): void {
    this.onQuit();
    requestInterrupt();
    this.inMonitor = false;
    this.paused?.();
    this.resume?.();
  }

  /** Monitor output: a raw terminal needs CR LF. */
  private write(text: string): void {
    process.stdout.write(this.tty ? text.replace(/\r?\n/g, '\r\n') : text);
  }
}

function isFileError(e: unknown): boolean {
  return e instanceof Error && /ENOENT|EACCES|EISDIR|no such file|not a multiple/i.test(e.message);
}

/** A mistake in the `boot` command line. */
class BootUsageError extends UsageError {
  override readonly usage = USAGE;
}
