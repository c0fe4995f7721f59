import { Monitor } from '../repl/monitor';
import { MonitorError } from '../repl/monitor-error';

/** The monitor's prompt, as QEMU's `(qemu) `. */
export const MONITOR_PROMPT = '(orrery) ';

/** What a line asked the front end to do besides printing. */
export type MonitorAction = 'cont' | 'quit' | undefined;

/** Key codes the line editor knows. */
const KEY = { backspace: 0x7f, ctrlH: 0x08, ctrlU: 0x15, cr: 0x0d, lf: 0x0a } as const;

/** The commands, as `help` prints them. */
const HELP: [string, string][] = [
  ['info registers|jit|tlb|mtree|qtree|irq', 'show machine state (info alone lists the topics)'],
  ['x/Nf[s] addr', 'examine N units of virtual memory: f = x d u c i(nstructions), s = b h w g'],
  ['xp/Nf[s] addr', 'the same at a physical address'],
  ['savevm NAME|FILE', 'snapshot the machine: NAME in memory, FILE (has a / or ends in .osnap/.snap/.orrery) on disk'],
  ['loadvm [NAME|FILE]', 'put the machine back into a snapshot; alone: the names saved'],
  ['cont | c', 'back to the guest console (as Ctrl-A C)'],
  ['quit | q', 'quit the emulator'],
  ['help', 'this list'],
];

/** Options of a {@link ConsoleMonitor}. */
export interface ConsoleMonitorOptions {
  /** The command set (its machine is the paused one). */
  monitor: Monitor;
  /** Where output goes (already in the terminal's line endings: the caller converts). */
  write(text: string): void;
  /** Echo typed characters and handle Backspace and Ctrl-U (a raw terminal does not echo by itself). */
  echo: boolean;
}

/**
 * The `(orrery) ` prompt of `orrery boot` behind Ctrl-A C, after QEMU's
 * monitor on `-nographic`: a line editor over raw key bytes, and the HMP
 * commands `info`, `x`, `xp`, `savevm`, `loadvm`, `cont`, `quit`, `help`
 * (the {@link Monitor} of the REPL does the work). The front end pauses the
 * machine while the monitor has the keyboard.
 */
export class ConsoleMonitor {
  private line: number[] = [];
  private lastWasCr = false;

  constructor(private readonly options: ConsoleMonitorOptions) {}

  /** The greeting and the first prompt, printed when the monitor takes the keyboard. */
  banner(): string {
    return `Orrery monitor: the machine is paused; type 'help' for the commands, Ctrl-A C or 'cont' returns to the console\n${MONITOR_PROMPT}`;
  }

  /** Feed key bytes; returns the complete lines typed (without their line ends). */
  feed(bytes: Uint8Array): string[] {
    const lines: string[] = [];
    const echo = (text: string) => { if (this.options.echo) this.options.write(text); };
    for (const b of bytes) {
      const afterCr = this.lastWasCr;
      this.lastWasCr = b === KEY.cr;
      if (b === KEY.lf && afterCr) continue; // CR LF is one line end
      if (b === KEY.cr || b === KEY.lf) {
        echo('\n');
        lines.push(Buffer.from(this.line).toString('utf8'));
        this.line = [];
      } else if (b === KEY.backspace || b === KEY.ctrlH) {
        if (this.line.length) {
          this.line.pop();
          echo('\b \b');
        }
      } else if (b === KEY.ctrlU) {
        echo('\b \b'.repeat(this.line.length));
        this.line = [];
      } else if (b >= 0x20 || b === 0x09) {
        this.line.push(b);
        echo(String.fromCharCode(b));
      }
    }
    return lines;
  }

  /**
   * Run one command line: print its output (or the error, on one line) and
   * the next prompt, and say whether the front end should continue the
   * machine or quit.
   */
  execute(line: string): MonitorAction {
    const write = this.options.write;
    const text = line.trim();
    const word = text.split(/\s+/)[0];
    const rest = text.slice(word.length).trim();
    try {
      const out = this.command(word, rest);
      if (out === 'cont' || out === 'quit') return out;
      if (out) write(`${out}\n`);
    } catch (e) {
      write(e instanceof MonitorError ? `error: ${e.message}\n` : `error: ${(e as Error)?.message ?? e}\n`);
    }
    write(MONITOR_PROMPT);
    return undefined;
  }

  private command(word: string, rest: string): string | 'cont' | 'quit' {
    const monitor = this.options.monitor;
    const x = /^(xp?)(?:\/(\S*))?$/.exec(word);
    if (x) return monitor.examine(x[2] ?? '', rest, x[1] === 'xp');
    switch (word) {
      case '': return '';
      case 'c': case 'cont': return 'cont';
      case 'q': case 'quit': return 'quit';
      case 'info': return monitor.info(rest).replace(/\.info /g, 'info ');
      case 'savevm': return monitor.savevm(rest);
      case 'loadvm': return monitor.loadvm(rest);
      case 'help': case '?': {
        const w = Math.max(...HELP.map(([c]) => c.length));
        return HELP.map(([c, h]) => `  ${c.padEnd(w)}  ${h}`).join('\n');
      }
      default: throw new MonitorError(`unknown command: '${word}' (help lists the commands)`);
    }
  }
}
