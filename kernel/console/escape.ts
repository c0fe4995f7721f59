/** The console escape key: Ctrl-A, as in QEMU's `-nographic`. */
export const ESCAPE_BYTE = 0x01;

/** What the escape sequences do; each handler is optional. */
export interface EscapeHandlers {
  /** Ctrl-A X. */
  quit(): void;
  /** Ctrl-A H: show the keys (`help` is the text to show). */
  help(text: string): void;
  /** Ctrl-A C: switch between the guest console and the monitor. */
  monitor?(): void;
  /**
   * Ordinary bytes. When given, bytes are handed over here in order with the
   * escape commands (the bytes before a Ctrl-A C arrive before `monitor` is
   * called, the ones after it after), and {@link ConsoleEscape.feed} returns
   * nothing: what a front end needs when Ctrl-A C changes where bytes go.
   */
  data?(bytes: Uint8Array): void;
}

/** The keys, as Ctrl-A H prints them. */
export const ESCAPE_HELP = [
  'C-a h    print this help',
  'C-a x    exit the emulator',
  'C-a c    switch between console and monitor',
  'C-a C-a  send C-a to the guest',
].join('\r\n') + '\r\n';

/**
 * Splits host keyboard input into what goes to the guest and the Ctrl-A
 * escape commands, keeping state across chunks (Ctrl-A may end one chunk
 * and its command start the next).
 */
export class ConsoleEscape {
  private pending = false;

  constructor(private readonly handlers: EscapeHandlers) {}

  /** Feed host bytes; returns the bytes for the guest (none when a `data` handler takes them). */
  feed(bytes: Uint8Array): Uint8Array {
    let out: number[] = [];
    const deliver = this.handlers.data;
    const flush = () => {
      if (deliver && out.length) {
        deliver(Uint8Array.from(out));
        out = [];
      }
    };
    for (const b of bytes) {
      if (!this.pending) {
        if (b === ESCAPE_BYTE) this.pending = true;
        else out.push(b);
        continue;
      }
      this.pending = false;
      const key = String.fromCharCode(b).toLowerCase();
      if (key !== 'a' && key !== '\x01') flush();
      switch (key) {
        case 'x': this.handlers.quit(); return Uint8Array.from(out);
        case 'h': case '?': this.handlers.help(ESCAPE_HELP); break;
        case 'c': this.handlers.monitor?.(); break;
        case 'a': case '\x01': out.push(ESCAPE_BYTE); break;
        default: break; // unknown commands are ignored, as in QEMU
      }
    }
    flush();
    return Uint8Array.from(out);
  }
}
