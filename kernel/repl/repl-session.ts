import { homedir } from 'node:os';
import { join } from 'node:path';
import repl, { REPLServer } from 'node:repl';
import { requestInterrupt } from '../../core/exec/run-control';
import { RiscvMachine } from '../../core/machine/riscv-machine';
import { VirtMachine } from '../../core/machine/virt-machine';
import { isRichDisplayable, toMimeBundle } from '../../stdlib/display';
import { attachConsole } from './guest-console';
import { INFO_TOPICS, Monitor } from './monitor';
import { MonitorError } from './monitor-error';
import { installReplGlobals, machineOf } from './repl-context';
import { transpileReplInput } from './typescript-input';

/** The prompt; tests wait for it before sending the next line. */
export const REPL_PROMPT = 'orrery> ';
/** A line that awaits (Node then runs it as an async function). */
const TOP_LEVEL_AWAIT = /\bawait\b/;
/** How long the first Ctrl-C during an awaited line waits for the machine to stop before the line itself is abandoned. */
const SIGINT_GRACE_MS = 1000;

/** Options of {@link startRepl}. */
export interface ReplOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Treat the streams as a terminal (default: whether the output is a TTY). */
  terminal?: boolean;
  /**
   * The machine `m`, made once the REPL's console sink exists. A machine
   * given `onConsole` shows guest output in the REPL as it is written; one
   * made with `onConsole` undefined keeps it in `m.consoleText` and the
   * monitor's runs print it as it grows.
   */
  machine?: (onConsole: (bytes: Uint8Array) => void) => RiscvMachine | undefined;
  /** Whether `machine` passed `onConsole` on (default true). */
  machineStreamsConsole?: boolean;
  /** The first line printed (what `m` is and what to type); called after the machine was made. */
  banner?: string | (() => string);
  /** History file (default `$ORRERY_REPL_HISTORY` or `~/.orrery_repl_history`; '' keeps no history). Terminals only. */
  historyFile?: string;
}

/** A running REPL. */
export interface OrreryRepl {
  server: REPLServer;
  monitor: Monitor;
  /** Resolves when the REPL exits (`.exit`, Ctrl-D, end of piped input). */
  closed: Promise<void>;
}

/** The help `.help` prints: monitor commands first, then the REPL's own. */
const HELP_INTRO = `Orrery REPL: TypeScript with top-level await; m is the machine, and every name a notebook has is here
(VirtMachine, SpikeMachine, parseElf, display, ...; the whole library as orrery). Tab completes live objects.

  await boot()            run m until the guest waits at a prompt (or stops)
  await m.run(n?)         run (Ctrl-C stops it at an instruction boundary; run again to continue)
  m.step(n)  m.cpu.pc  m.cpu.registers()  m.consoleText  m.sendInput('ls\\n')  m.inspectBlock(pc)

Monitor commands (as QEMU's monitor):`;

const MONITOR_HELP: [string, string][] = [
  ['.info registers|jit|tlb|mtree|qtree|irq', 'show machine state (.info lists the topics)'],
  ['.x/Nf[s] addr', 'examine N units of virtual memory: f = x d u c i(nstructions), s = b h w g; addr: 0x8000_0000, pc, sp+16'],
  ['.xp/Nf[s] addr', 'the same at a physical address'],
  ['.step [n]', 'run n instructions (default 1), show changed registers and the next instruction'],
  ['.cont', 'run until a breakpoint, a watchpoint, Ctrl-C or the guest stops'],
  ['.break [addr | -d addr|all]', 'set, list or delete breakpoints (virtual pc)'],
  ['.watch [paddr | -d paddr|all]', 'stop after guest stores to a physical RAM doubleword; list or delete'],
  ['.console', 'attach the terminal to the guest console while the machine runs; Ctrl-A X comes back'],
  ['.savevm NAME|FILE', 'snapshot m: NAME is kept in memory, FILE (has a / or ends in .osnap/.snap/.orrery) is written'],
  ['.loadvm [NAME|FILE]', 'put m back into a snapshot saved by .savevm or read from a file; alone: the names saved'],
];

/**
 * Start the Orrery REPL on a terminal or on pipes: Node's REPL with its
 * default evaluator wrapped so input is TypeScript (top-level await,
 * Ctrl-C that breaks a busy line, live Tab completion and history all stay
 * Node's own), the notebook prelude as globals, `m` the machine, and
 * QEMU-monitor-style dot commands. Ctrl-C while the machine runs asks it to
 * stop at an instruction boundary (state intact, resumable) and keeps the REPL.
 */
export function startRepl(options: ReplOptions = {}): OrreryRepl {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const write = (text: string) => { output.write(text); };
  const consoleSink = (bytes: Uint8Array) => { output.write(bytes); };

  // Machines whose console already streams into the REPL (made with consoleSink); others are followed by polling.
  const streaming = new WeakSet<RiscvMachine>();
  const followed = new WeakMap<RiscvMachine, number>();
  let machine: RiscvMachine | undefined;
  try {
    machine = options.machine?.(consoleSink);
    if (machine && options.machineStreamsConsole !== false) streaming.add(machine);
  } catch (e) {
    write(`orrery repl: no machine: ${(e as Error).message}\n`);
  }
  const banner = typeof options.banner === 'function' ? options.banner() : options.banner;
  if (banner) write(`${banner}\n`);

  const onSlice = (m: RiscvMachine) => {
    if (m instanceof VirtMachine) m.flushConsole(); // a prompt has no newline yet: show it now
    if (streaming.has(m)) return;
    // Other machines are followed through their console text (SpikeMachine's HTIF output, a VirtMachine made at the prompt).
    const text = (m as { consoleText?: unknown }).consoleText;
    if (typeof text !== 'string') return;
    const from = followed.get(m) ?? text.length;
    if (text.length > from) write(text.slice(from));
    followed.set(m, text.length);
  };

  const server = repl.start({
    prompt: REPL_PROMPT,
    input,
    output,
    terminal: options.terminal,
    breakEvalOnSigint: true,
    ignoreUndefined: false,
  });
  const monitor = new Monitor({ machine: () => machineOf(server.context), onSlice });
  let attached = false;
  let evalsInFlight = 0;

  const globals = { m: machine, onSlice: () => { const m = machineOf(server.context); if (m instanceof RiscvMachine) onSlice(m); } };
  installReplGlobals(server.context, globals);
  server.on('reset', (context) => installReplGlobals(context, { ...globals, m: machineOf(server.context) as RiscvMachine | undefined ?? machine }));

  // Input is TypeScript: transpile each line, then hand it to Node's own evaluator.
  const nodeEval = server.eval;
  const evalTypeScript: repl.REPLEval = function (this: REPLServer, code, context, file, cb) {
    const t = transpileReplInput(code);
    if (t.kind === 'incomplete') return cb(new repl.Recoverable(new SyntaxError(t.message)), undefined);
    if (t.kind === 'error') {
      const e = new SyntaxError(t.message);
      e.stack = `SyntaxError: ${t.message}`;
      return cb(e, undefined);
    }
    evalsInFlight++;
    let finished = false;
    const done = (err: Error | null, result?: unknown) => {
      if (!finished) { finished = true; evalsInFlight--; }
      cb(err, result);
    };
    // A process SIGINT listener would keep breakEvalOnSigint from breaking a busy synchronous line.
    process.off('SIGINT', onProcessSigint);
    // A line that awaits starts its work after a first await, outside the synchronous part Ctrl-C can kill:
    // a machine's first slice then ends at an instruction boundary instead of being cut off mid-block.
    const js = TOP_LEVEL_AWAIT.test(t.code) ? `await undefined; ${t.code}` : t.code;
    try {
      nodeEval.call(this, js, context, file, done);
    } finally {
      process.on('SIGINT', onProcessSigint);
    }
  };
  (server as unknown as { eval: repl.REPLEval }).eval = evalTypeScript;

  // A rich value prints its text/plain form.
  const nodeWriter = server.writer;
  (server as unknown as { writer: repl.REPLWriter }).writer = ((value: unknown) => {
    if (isRichDisplayable(value)) {
      const text = toMimeBundle(value)['text/plain'];
      if (typeof text === 'string') return text;
    }
    return nodeWriter.call(server, value);
  }) as repl.REPLWriter;

  // Ctrl-C: stop a running machine first; only then does it reach Node's REPL (abandon the line, exit on the second).
  let graceTimer: NodeJS.Timeout | undefined;
  const originalEmit = server.emit as (this: REPLServer, event: string | symbol, ...args: unknown[]) => boolean;
  const nodeEmit = (event: string | symbol, ...args: unknown[]): boolean => originalEmit.call(server, event, ...args);
  const interceptSigint = (): boolean => {
    if (monitor.running || attached) {
      requestInterrupt();
      return true;
    }
    if (evalsInFlight > 0 && !graceTimer) {
      requestInterrupt();
      graceTimer = setTimeout(() => {
        graceTimer = undefined;
        if (evalsInFlight > 0) nodeEmit('SIGINT');
      }, SIGINT_GRACE_MS);
      graceTimer.unref();
      return true;
    }
    return false;
  };
  server.emit = ((event: string | symbol, ...args: unknown[]) => {
    if (event === 'SIGINT' && interceptSigint()) return true;
    return nodeEmit(event, ...args);
  }) as typeof server.emit;
  // Pipes and `kill -INT` deliver a signal, not a key.
  function onProcessSigint(): void {
    server.emit('SIGINT');
  }
  process.on('SIGINT', onProcessSigint);

  defineMonitorCommands(server, monitor, {
    write,
    busy: () => monitor.running || attached,
    attach: async () => {
      const m = monitor.machine();
      if (!(m instanceof VirtMachine)) throw new MonitorError(`.console: m is a ${m.constructor.name}, which has no UART console (use a VirtMachine)`);
      if (m.halted) throw new MonitorError('.console: the guest has stopped; create a new machine to run again');
      write('[guest console: Ctrl-A X returns to the REPL, Ctrl-A H lists the keys]\n');
      attached = true;
      try {
        const r = await attachConsole({ input: input as never, output, machine: m, onSlice: () => onSlice(m) });
        const why = r.detached ? 'detached' : monitor.stopText(m, r);
        return `\n[${why}; the machine stopped at pc 0x${m.cpu.pc.toString(16)}: .console or .cont continues]`;
      } finally {
        attached = false;
      }
    },
  });

  // `.info <Tab>` completes the topics; everything else is Node's completion of live objects.
  const nodeCompleter = server.completer as (line: string, cb: (err: Error | null, result?: [string[], string]) => void) => void;
  (server as unknown as { completer: typeof nodeCompleter }).completer = (line, cb) => {
    const info = /^\s*\.info\s+(\S*)$/.exec(line);
    if (info) return cb(null, [Object.keys(INFO_TOPICS).filter((t) => t.startsWith(info[1])), info[1]]);
    return nodeCompleter.call(server, line, cb);
  };

  const history = options.historyFile ?? process.env.ORRERY_REPL_HISTORY ?? join(homedir(), '.orrery_repl_history');
  if (history && server.terminal) server.setupHistory(history, () => undefined);

  const closed = new Promise<void>((resolve) => {
    server.on('exit', () => {
      process.off('SIGINT', onProcessSigint);
      if (graceTimer) clearTimeout(graceTimer);
      resolve();
    });
  });
  return { server, monitor, closed };
}

/** What the dot commands need from the session. */
interface CommandHost {
  write(text: string): void;
  /** The machine is running under a monitor command or the console. */
  busy(): boolean;
  /** `.console`. */
  attach(): Promise<string>;
}

function defineMonitorCommands(server: REPLServer, monitor: Monitor, host: CommandHost): void {
  const action = (fn: (rest: string) => string | Promise<string>) => function (this: REPLServer, rest: string) {
    if (host.busy()) {
      host.write('the machine is running: Ctrl-C stops it\n');
      return;
    }
    Promise.resolve()
      .then(() => fn(rest))
      .then((text) => { if (text) host.write(`${text}\n`); })
      .catch((e: unknown) => host.write(e instanceof MonitorError ? `error: ${e.message}\n` : `error: ${(e as Error)?.stack ?? e}\n`))
      .finally(() => server.displayPrompt());
  };
  const examine = (physical: boolean) => (rest: string) => {
    const r = /^\/(\S*)\s*(.*)$/.exec(rest);
    return r ? monitor.examine(r[1], r[2], physical) : monitor.examine('', rest, physical);
  };
  server.defineCommand('info', { help: 'Show machine state: registers, jit, tlb, mtree, qtree, irq', action: action((r) => monitor.info(r)) });
  server.defineCommand('x', { help: 'Examine virtual memory: .x/Nf[s] addr (f: x d u c i; s: b h w g)', action: action(examine(false)) });
  server.defineCommand('xp', { help: 'Examine physical memory: .xp/Nf[s] addr', action: action(examine(true)) });
  server.defineCommand('step', { help: 'Run n instructions (default 1) and show the next one', action: action((r) => monitor.step(r)) });
  server.defineCommand('cont', { help: 'Run until a breakpoint, watchpoint, Ctrl-C or the guest stops', action: action(() => monitor.cont()) });
  server.defineCommand('break', {
    help: 'Set (.break addr), list (.break) or delete (.break -d addr|all) breakpoints; also drops a half-typed multi-line input',
    action(this: REPLServer, rest: string) {
      // Node's own .break abandons a half-typed multi-line input; keep that.
      this.clearBufferedCommand();
      action((r) => monitor.break(r)).call(this, rest);
    },
  });
  server.defineCommand('watch', { help: 'Stop after guest stores to a physical RAM address: .watch paddr, .watch, .watch -d paddr|all', action: action((r) => monitor.watch(r)) });
  server.defineCommand('savevm', { help: 'Snapshot m: .savevm NAME (in memory) or .savevm FILE (with a / or an .osnap/.snap/.orrery ending)', action: action((r) => monitor.savevm(r)) });
  server.defineCommand('loadvm', { help: 'Restore m from .loadvm NAME or .loadvm FILE; .loadvm lists the names', action: action((r) => monitor.loadvm(r)) });
  server.defineCommand('console', { help: 'Attach to the guest console (Ctrl-A X comes back)', action: action(() => host.attach()) });
  server.defineCommand('help', {
    help: 'Print this help',
    action: action(() => {
      const w = Math.max(...MONITOR_HELP.map(([c]) => c.length));
      const others = Object.entries(server.commands)
        .filter(([name]) => !['info', 'x', 'xp', 'step', 'cont', 'break', 'watch', 'console', 'savevm', 'loadvm', 'help'].includes(name))
        .map(([name, c]) => `  .${name.padEnd(w - 1)}  ${c?.help ?? ''}`);
      return [HELP_INTRO, ...MONITOR_HELP.map(([c, h]) => `  ${c.padEnd(w)}  ${h}`), '', 'REPL commands:', ...others].join('\n');
    }),
  });
  // `.x/10i pc` reaches the REPL as the keyword "x/10i": route such keywords to .x and .xp.
  const commands = server.commands;
  (server as unknown as { commands: typeof commands }).commands = new Proxy(commands, {
    get(target, key, receiver) {
      if (typeof key === 'string') {
        const x = /^(xp?)(\/.*)$/.exec(key);
        if (x) {
          const cmd = target[x[1]];
          return cmd && { help: cmd.help, action(this: REPLServer, rest: string) { cmd.action.call(this, `${x[2]} ${rest}`); } };
        }
      }
      return Reflect.get(target, key, receiver);
    },
  });
}
