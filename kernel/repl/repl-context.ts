import { Context, runInContext } from 'node:vm';
import { RiscvMachine, RunResult } from '../../core/machine/riscv-machine';
import { VirtMachine } from '../../core/machine/virt-machine';
import * as prelude from '../jupyter/prelude';

/** Console text that looks like a shell or boot-loader prompt waiting for input (`~ # `, `$ `, `=> `). */
const PROMPT_TAIL = /(?:[#$>] |=> )$/;
/** Steps per slice of {@link bootMachine}: checks for the prompt often enough to stop soon after it appears. */
const BOOT_SLICE = 1_000_000;

/**
 * Run `m` until its guest waits at a prompt (a console that ends in `# `,
 * `$ ` or `=> `), or it exits, idles for good, or Ctrl-C stops it. On a
 * machine without a UART console it runs until the guest stops. This is the
 * REPL's `await boot()`.
 */
export async function bootMachine(m: RiscvMachine, onSlice?: () => void): Promise<RunResult> {
  if (!(m instanceof VirtMachine)) return m.run(Number.MAX_SAFE_INTEGER, { onProgress: onSlice });
  const from = m.consoleBytes;
  const atPrompt = () => {
    m.flushConsole();
    return PROMPT_TAIL.test(m.consoleTextFrom(Math.max(from, m.consoleBytes - 64)));
  };
  return m.run(Number.MAX_SAFE_INTEGER, { until: atPrompt, untilIdle: true, sliceInsns: BOOT_SLICE, onProgress: onSlice });
}

/** What the REPL puts in a line's global scope besides the prelude. */
export interface ReplGlobals {
  /** The machine (`undefined` when started with --no-machine or without images). */
  m: RiscvMachine | undefined;
  /** Called after every slice of `boot()` (prints new console output). */
  onSlice?: () => void;
}

/**
 * Give a REPL context the same names a notebook cell has (every export of
 * the Jupyter prelude, and the whole of it as `orrery`), plus `m` (the
 * machine) and `boot()`.
 */
export function installReplGlobals(context: Context, globals: ReplGlobals): void {
  for (const [name, value] of Object.entries(prelude)) context[name] = value;
  context.orrery = prelude;
  context.m = globals.m;
  context.boot = async function boot(): Promise<RunResult> {
    const m = machineOf(context);
    if (!(m instanceof RiscvMachine)) throw new Error('boot(): m is not a machine (m = new VirtMachine({ ...defaultVirtImages() }))');
    return bootMachine(m, globals.onSlice);
  };
}

/**
 * The current value of `m` in the context, including a `let`/`const m`
 * declared at the prompt (those are not properties of the context object).
 */
export function machineOf(context: Context): unknown {
  try {
    return runInContext('typeof m === "undefined" ? undefined : m', context);
  } catch {
    return undefined; // `m` in its temporal dead zone after a failed `let m = ...`
  }
}
