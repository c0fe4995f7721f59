import { BootImageError } from '../../core/loader/boot-image';
import { ElfError } from '../../core/loader/elf';
import { DriveOptions, VirtMachine, VirtMachineOptions, defaultVirtImages } from '../../core/machine/virt-machine';
import { requestInterrupt } from '../../core/exec/run-control';
import { ConsoleEscape } from '../console/escape';
import { EXIT_BUDGET, UsageError } from './run';

const USAGE = `usage: orrery boot [-M virt] [-m SIZE] [--smp N] [--bios FILE|none] [--kernel FILE] [--initrd FILE]
                  [--append CMDLINE] [--dtb FILE] [--drive file=IMG[,format=raw][,readonly=on|off]]...
                  [--max-insns N] [--no-realtime] [--stats]
  Boots the virt machine (default: 256 MiB, OpenSBI + Linux 6.1 + BusyBox initramfs) with the guest
  console on this terminal. Ctrl-A X quits, Ctrl-A H lists the keys. Piped stdin is typed into the console.`;

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
    switch (a) {
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

  const stdin = process.stdin;
  const tty = stdin.isTTY === true;
  let quit = false;
  options.onConsole = (b) => process.stdout.write(b);
  let m: VirtMachine;
  try {
    m = new VirtMachine(options);
  } catch (e) {
    if (e instanceof BootImageError || e instanceof ElfError || e instanceof RangeError || isFileError(e)) {
      process.stderr.write(`orrery boot: ${(e as Error).message}\n`);
      return 1;
    }
    throw e;
  }

  const escape = new ConsoleEscape({
    quit: () => { quit = true; requestInterrupt(); },
    help: (text) => process.stdout.write(`\r\n${text}`),
  });
  const onData = (chunk: Buffer) => {
    const bytes = escape.feed(chunk);
    // A person types when the guest is ready; a script's pipe is paced a line at a time.
    if (bytes.length) { if (tty) m.sendInput(bytes); else m.typeInput(bytes); }
  };
  if (tty) stdin.setRawMode(true);
  stdin.on('data', onData);
  stdin.resume();
  const onSigint = () => { quit = true; requestInterrupt(); };
  process.on('SIGINT', onSigint);
  let r;
  try {
    r = await m.run(maxInsns);
  } finally {
    stdin.off('data', onData);
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

function isFileError(e: unknown): boolean {
  return e instanceof Error && /ENOENT|EACCES|EISDIR|no such file|not a multiple/i.test(e.message);
}

/** A mistake in the `boot` command line. */
class BootUsageError extends UsageError {
  override readonly usage = USAGE;
}
