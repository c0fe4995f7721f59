import { isCompleteCode } from 'tslab/dist/converter';
import { requestInterrupt } from '../../core/exec/run-control';
import { MimeBundle, setDisplaySink, toMimeBundle } from '../../stdlib/display';
import { CellExecutor, CellOutcome } from './cell-executor';
import { CellHistory, HistoryRequest } from './cell-history';
import { StreamCoalescer, StreamName } from './stream-coalescer';
import { JupyterMessage, PROTOCOL_VERSION, replyTo } from './wire-message';
import { RequestChannel, ZmqTransport } from './zmq-transport';

/** The kernel's `kernel_info_reply` fields that do not change. */
export const KERNEL_INFO = {
  implementation: 'orrery',
  implementation_version: '0.1.0',
  language_info: {
    name: 'typescript',
    // The TypeScript tslab compiles cells with.
    version: '5.0',
    mimetype: 'text/typescript',
    file_extension: '.ts',
    codemirror_mode: { name: 'javascript', typescript: true },
  },
  banner: 'Orrery (TypeScript): a RISC-V full-system emulator whose every moving part is a live object',
} as const;

/**
 * Jupyter's stop_on_error: execute requests the client sent before it could
 * see a failure ("Run All") are aborted. They are recognised by their header's
 * send time; only within this many ms of the failure, so a client whose clock
 * runs behind cannot lose later cells.
 */
const ABORT_WINDOW_MS = 2000;

interface ExecuteRequest {
  code: string;
  silent?: boolean;
  store_history?: boolean;
  user_expressions?: Record<string, string>;
  stop_on_error?: boolean;
}

/**
 * The Jupyter side of the kernel: answers requests, runs cells through
 * {@link CellExecutor}, sends values as `execute_result` with rich MIME
 * bundles, failures as `error`, stdout/stderr as coalesced `stream`
 * messages, and every request between `busy` and `idle`.
 */
export class JupyterKernel {
  private executionCount = 0;
  private readonly history = new CellHistory();
  /** The request outputs belong to (stdout written later, e.g. by timers, goes to the last cell, as in IPython). */
  private outputParent: JupyterMessage<unknown> | undefined;
  private readonly streams: StreamCoalescer;
  /** When the last cell failed with stop_on_error (ms since the epoch), or 0. */
  private failedAt = 0;

  constructor(private readonly transport: ZmqTransport, private readonly executor: CellExecutor, private readonly onShutdown: () => void) {
    this.streams = new StreamCoalescer((name, text) => this.publishOutput('stream', { name, text }));
    setDisplaySink({
      display: (bundle, id) => this.publishDisplay('display_data', bundle, id),
      update: (bundle, id) => this.publishDisplay('update_display_data', bundle, id),
    });
  }

  /** Where `process.stdout`/`process.stderr` writes go while the kernel runs. */
  writeStream(name: StreamName, text: string): void {
    this.streams.write(name, text);
  }

  /** An interrupt (SIGINT or `interrupt_request`): machine runs stop at their next slice, an awaiting cell ends. */
  interrupt(): void {
    requestInterrupt();
    this.executor.interrupt();
  }

  /** Handle one request, between `busy` and `idle` status messages. */
  async handle(channel: RequestChannel, msg: JupyterMessage): Promise<void> {
    const type = msg.header.msg_type;
    if (!type.endsWith('_request')) return; // comm_open/comm_msg etc.: no comms in this kernel
    this.publish(msg, 'status', { execution_state: 'busy' });
    let shutdown = false;
    try {
      switch (type) {
        case 'kernel_info_request':
          this.reply(channel, msg, 'kernel_info_reply', { status: 'ok', protocol_version: PROTOCOL_VERSION, ...KERNEL_INFO, help_links: [] });
          break;
        case 'execute_request':
          await this.execute(channel, msg as JupyterMessage<unknown> as JupyterMessage<ExecuteRequest>);
          break;
        case 'complete_request': {
          const { code, cursor_pos } = msg.content as { code: string; cursor_pos: number };
          const c = this.executor.complete(code, cursor_pos);
          this.reply(channel, msg, 'complete_reply', { status: 'ok', matches: c.matches, cursor_start: c.start, cursor_end: c.end, metadata: {} });
          break;
        }
        case 'inspect_request': {
          const { code, cursor_pos } = msg.content as { code: string; cursor_pos: number };
          const text = this.executor.inspect(code, cursor_pos);
          this.reply(channel, msg, 'inspect_reply', { status: 'ok', found: text !== undefined, data: text === undefined ? {} : { 'text/plain': text }, metadata: {} });
          break;
        }
        case 'is_complete_request': {
          const r = isCompleteCode((msg.content as { code: string }).code);
          this.reply(channel, msg, 'is_complete_reply', r.completed ? { status: 'complete' } : { status: 'incomplete', indent: r.indent ?? '' });
          break;
        }
        case 'history_request':
          this.reply(channel, msg, 'history_reply', { status: 'ok', history: this.history.query(msg.content as HistoryRequest) });
          break;
        case 'comm_info_request':
          this.reply(channel, msg, 'comm_info_reply', { status: 'ok', comms: {} });
          break;
        case 'interrupt_request':
          this.interrupt();
          this.reply(channel, msg, 'interrupt_reply', { status: 'ok' });
          break;
        case 'shutdown_request': {
          const restart = !!(msg.content as { restart?: boolean }).restart;
          this.reply(channel, msg, 'shutdown_reply', { status: 'ok', restart });
          shutdown = true;
          break;
        }
        default:
          process.stderr.write(`orrery kernel: unsupported request ${type}\n`);
      }
    } finally {
      this.streams.flush();
      this.publish(msg, 'status', { execution_state: 'idle' });
    }
    if (shutdown) {
      await this.transport.drain();
      this.onShutdown();
    }
  }

  private async execute(channel: RequestChannel, msg: JupyterMessage<ExecuteRequest>): Promise<void> {
    const { code, silent = false, store_history = true, user_expressions = {}, stop_on_error = true } = msg.content;
    const sent = Date.parse(msg.header.date);
    if (this.failedAt && Date.now() - this.failedAt < ABORT_WINDOW_MS && sent < this.failedAt) {
      this.reply(channel, msg, 'execute_reply', { status: 'aborted', execution_count: this.executionCount });
      return;
    }
    if (!silent && store_history) this.executionCount++;
    const count = this.executionCount;
    if (!silent) this.publish(msg, 'execute_input', { code, execution_count: count });
    this.outputParent = msg;
    const outcome = await this.executor.execute(code);
    this.streams.flush();
    let resultText: string | null = null;
    if (outcome.status === 'ok') {
      if (outcome.value && !silent) {
        const data = this.bundle(outcome.value.v);
        resultText = typeof data['text/plain'] === 'string' ? data['text/plain'] : null;
        this.publish(msg, 'execute_result', { execution_count: count, data, metadata: {} });
      }
      const expressions = await this.userExpressions(user_expressions);
      this.reply(channel, msg, 'execute_reply', { status: 'ok', execution_count: count, payload: [], user_expressions: expressions });
    } else {
      const error = { ename: outcome.ename, evalue: outcome.evalue, traceback: outcome.traceback };
      this.publish(msg, 'error', error);
      this.reply(channel, msg, 'execute_reply', { status: 'error', execution_count: count, ...error });
      if (stop_on_error) this.failedAt = Date.now();
    }
    if (!silent && store_history) this.history.add(count, code, resultText);
  }

  /** Evaluate `user_expressions` after a successful cell, each to a MIME bundle or an error. */
  private async userExpressions(exprs: Record<string, string>): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const [name, expr] of Object.entries(exprs)) {
      const r: CellOutcome = await this.executor.execute(`(${expr})`);
      out[name] = r.status === 'ok'
        ? { status: 'ok', data: r.value ? this.bundle(r.value.v) : { 'text/plain': 'undefined' }, metadata: {} }
        : { status: 'error', ename: r.ename, evalue: r.evalue, traceback: r.traceback };
    }
    return out;
  }

  /** A value's MIME bundle; a broken custom bundle method shows as text instead of failing the cell. */
  private bundle(value: unknown): MimeBundle {
    try {
      return toMimeBundle(value);
    } catch (e) {
      return { 'text/plain': `<display failed: ${(e as Error).message}>` };
    }
  }

  private publishDisplay(type: 'display_data' | 'update_display_data', data: MimeBundle, displayId: string | undefined): void {
    this.streams.flush();
    this.publishOutput(type, { data, metadata: {}, transient: displayId === undefined ? {} : { display_id: displayId } });
  }

  private publishOutput(type: string, content: unknown): void {
    if (this.outputParent) this.publish(this.outputParent, type, content);
  }

  private publish(parent: JupyterMessage<unknown>, type: string, content: unknown): void {
    void this.transport.send('iopub', replyTo(parent, type, content, []));
  }

  private reply(channel: RequestChannel, parent: JupyterMessage<unknown>, type: string, content: unknown): void {
    void this.transport.send(channel, replyTo(parent, type, content));
  }
}
