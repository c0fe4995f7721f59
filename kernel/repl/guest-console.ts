import { RunResult } from '../../core/machine/riscv-machine';
import { VirtMachine } from '../../core/machine/virt-machine';
import { ConsoleEscape } from '../console/escape';

/** Steps per slice while attached: small, so typed keys reach the guest and its echo comes back at once. */
const CONSOLE_SLICE = 500_000;

/** The host side of an attached console. */
export interface ConsoleAttachOptions {
  /** The terminal (or pipe) the keys come from; the REPL's own readers are set aside while attached. */
  input: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?(raw: boolean): unknown };
  output: NodeJS.WritableStream;
  machine: VirtMachine;
  /** Called after every slice (the REPL prints new guest output there). */
  onSlice?: () => void;
}

/**
 * Attach the terminal to the guest console of `machine`, as QEMU's
 * `-nographic` does: the machine runs, guest output appears as it is
 * written, keys go to the guest's UART (Ctrl-C included), and Ctrl-A X
 * detaches (Ctrl-A H lists the keys). Detaching stops the machine at a slice
 * boundary, where `.cont` or `await m.run()` can continue. Resolves with the
 * run's result once detached (or once the guest stopped by itself).
 */
export async function attachConsole(options: ConsoleAttachOptions): Promise<RunResult & { detached: boolean }> {
  const { input, output, machine } = options;
  const detach = new AbortController();
  const escape = new ConsoleEscape({
    quit: () => detach.abort(),
    help: (text) => output.write(`\r\n${text}`),
  });
  // readline reads 'data' (pipes) or 'keypress' (terminals); while attached the keys are the guest's.
  const saved = { data: input.rawListeners('data'), keypress: input.rawListeners('keypress') };
  input.removeAllListeners('data');
  input.removeAllListeners('keypress');
  const onData = (chunk: Buffer | string) => {
    const bytes = escape.feed(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    if (bytes.length) machine.sendInput(bytes);
  };
  const wasRaw = input.isTTY ? (input as unknown as { isRaw: boolean }).isRaw : false;
  if (input.isTTY) input.setRawMode?.(true);
  input.on('data', onData);
  input.resume();
  try {
    const r = await machine.run(Number.MAX_SAFE_INTEGER, { signal: detach.signal, sliceInsns: CONSOLE_SLICE, onProgress: options.onSlice });
    return { ...r, detached: detach.signal.aborted };
  } finally {
    machine.flushConsole();
    options.onSlice?.();
    input.off('data', onData);
    for (const fn of saved.data) input.on('data', fn as (...a: unknown[]) => void);
    for (const fn of saved.keypress) input.on('keypress', fn as (...a: unknown[]) => void);
    if (input.isTTY) input.setRawMode?.(wasRaw);
  }
}
