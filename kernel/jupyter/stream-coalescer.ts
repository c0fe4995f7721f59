/** How long text may wait before it is sent, and how much may wait. */
export const COALESCE = {
  /** Milliseconds a write may wait for company. */
  delayMs: 100,
  /** Bytes (UTF-16 units) that trigger an immediate flush. */
  maxChars: 64 * 1024,
} as const;

/** A Jupyter output stream name. */
export type StreamName = 'stdout' | 'stderr';

/**
 * Batches stdout/stderr writes into few `stream` messages. Thousands of
 * `console.log` calls in one cell would otherwise become thousands of iopub
 * messages, which clients drop (taking the final `idle` with them). Text is
 * sent after {@link COALESCE.delayMs}, when {@link COALESCE.maxChars} are
 * waiting, when the other stream is written (keeping stdout and stderr in
 * order), and whenever the kernel calls {@link flush} (before any other
 * output, the reply and `idle`).
 */
export class StreamCoalescer {
  private name: StreamName | undefined;
  private pending: string[] = [];
  private size = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly send: (name: StreamName, text: string) => void) {}

  write(name: StreamName, text: string): void {
    if (text.length === 0) return;
    if (this.name !== undefined && this.name !== name) this.flush();
    this.name = name;
    this.pending.push(text);
    this.size += text.length;
    if (this.size >= COALESCE.maxChars) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), COALESCE.delayMs);
      this.timer.unref();
    }
  }

  /** Send whatever is waiting, now. */
  flush(): void {
    if (this.timer) { clearTimeout(this.timer); this.timer = undefined; }
    if (this.name === undefined || this.pending.length === 0) return;
    const text = this.pending.join('');
    const name = this.name;
    this.pending = [];
    this.size = 0;
    this.name = undefined;
    this.send(name, text);
  }
}
