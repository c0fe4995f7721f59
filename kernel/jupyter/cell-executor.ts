import { inspect } from 'node:util';
import { createConverter } from 'tslab/dist/converter';
import { ConverterSet, createExecutor, Executor } from 'tslab/dist/executor';
import { printQuickInfo } from 'tslab/dist/inspect';

/** A cell that failed: the fields of a Jupyter `error` message. */
export interface CellError {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** What running a cell produced. */
export type CellOutcome =
  | { status: 'ok'; /** The last expression's value, when the cell ends in a non-null expression. */ value?: { v: unknown } }
  | ({ status: 'error' } & CellError);

/** Name of the error a cell ends with when it is interrupted (as Python kernels report KeyboardInterrupt). */
export const INTERRUPT_ENAME = 'Interrupted';

/** Stack frames from these files are the kernel's, not the user's: tracebacks leave them out. */
const INTERNAL_FRAME = /[\\/](node_modules[\\/]tslab|kernel[\\/]jupyter)[\\/]|\(node:|^\s*at node:/;

/**
 * tslab's TypeScript converter and executor (cells share declarations, top
 * level await, completion and inspection from the language service), with
 * results captured as data instead of printed: tslab reports a cell's value
 * and its errors through the console object it is given, so this class hands
 * it one that records them.
 */
export class CellExecutor {
  private readonly executor: Executor;
  private readonly converters: ConverterSet;
  private value: { v: unknown } | undefined;
  private errors: unknown[][] = [];

  /** `rootDir`: where cells' relative imports and `node_modules` resolve from (the notebook's folder). */
  constructor(rootDir: string) {
    let node: ReturnType<typeof createConverter> | undefined;
    let browser: ReturnType<typeof createConverter> | undefined;
    this.converters = {
      get node() { return (node ??= createConverter({ isJS: false, isBrowser: false })); },
      get browser() { return (browser ??= createConverter({ isJS: false, isBrowser: true })); },
      close() { node?.close(); browser?.close(); },
    };
    this.executor = createExecutor(rootDir, this.converters, {
      log: (v: unknown) => { this.value = { v }; },
      error: (...args: unknown[]) => { this.errors.push(args); },
    });
  }

  /** Compile and run one cell. Never throws: failures come back as an error outcome. */
  async execute(code: string): Promise<CellOutcome> {
    this.value = undefined;
    this.errors = [];
    let ok: boolean;
    try {
      ok = await this.executor.execute(code);
    } catch (e) {
      ok = false;
      this.errors.push([e]);
    }
    if (ok) return { status: 'ok', value: this.value };
    return { status: 'error', ...this.describeErrors() };
  }

  /** Stop an awaiting cell now (a synchronous one is stopped by SIGINT itself). */
  interrupt(): void {
    this.executor.interrupt();
  }

  /** Completions at `cursor` in `code` (Jupyter `complete_request`). */
  complete(code: string, cursor: number): { start: number; end: number; matches: string[] } {
    const c = this.executor.complete(code, cursor);
    return { start: c.start, end: c.end, matches: c.candidates };
  }

  /** Type and documentation of the symbol at `cursor` (Jupyter `inspect_request`), or undefined. */
  inspect(code: string, cursor: number): string | undefined {
    const info = this.executor.inspect(code, cursor);
    return info ? printQuickInfo(info) : undefined;
  }

  close(): void {
    this.executor.close();
  }

  private describeErrors(): CellError {
    // tslab calls error(fmt, file, line, col, message) per compile diagnostic, error(e) for a thrown value.
    const diagnostics = this.errors.filter((a) => a.length === 5 && typeof a[0] === 'string' && a[0].includes('%d:%d'));
    if (diagnostics.length > 0) {
      const lines = diagnostics.map(([, file, line, col, msg]) => `${file}${line}:${col} - ${msg}`);
      return { ename: 'TypeScriptError', evalue: lines.join('\n'), traceback: lines };
    }
    const thrown = this.errors.find((a) => a.length === 1);
    return thrownError(thrown ? thrown[0] : new Error(this.errors.map((a) => a.join(' ')).join('\n') || 'unknown error'));
  }
}

/** The `error` fields for a thrown value: its class name, message, and the user's stack frames. */
export function thrownError(e: unknown): CellError {
  if (e instanceof Error) {
    const interrupted = (e as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_INTERRUPTED' || e.message === 'Interrupted asynchronously';
    if (interrupted) return { ename: INTERRUPT_ENAME, evalue: 'the cell was interrupted', traceback: [`${INTERRUPT_ENAME}: the cell was interrupted`] };
    const ename = e.name || e.constructor?.name || 'Error';
    let stack = (e.stack ?? `${ename}: ${e.message}`).split('\n');
    // Node puts the failing source line above the message for errors thrown in vm scripts; the frames say where.
    const head = stack.findIndex((l) => l.startsWith(`${ename}:`) || l === ename);
    if (head > 0) stack = stack.slice(head);
    const frames = stack.filter((l, i) => i === 0 || !/^\s+at /.test(l) || !INTERNAL_FRAME.test(l));
    return { ename, evalue: e.message, traceback: frames };
  }
  const text = typeof e === 'string' ? e : inspect(e);
  return { ename: 'Error', evalue: text, traceback: [`Uncaught ${text}`] };
}
