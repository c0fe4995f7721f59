/**
 * Driving `orrery repl` through pipes in tests. Piped input is not
 * serialised across top-level `await`, so every line is sent only after the
 * prompt for it appeared.
 */
import { ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const REPO_DIR = path.resolve(__dirname, '..', '..', '..');
export const ORRERY = path.join(REPO_DIR, 'bin', 'orrery.js');
export const PROMPT = 'orrery> ';
/** Node's prompt for the next line of an unfinished input. */
export const MORE = '... ';
const prompted = (s: string) => s.endsWith(PROMPT) || s.endsWith(MORE);
const withoutPrompt = (s: string) => s.slice(0, -(s.endsWith(PROMPT) ? PROMPT : MORE).length).replace(/\n$/, '');
const ECHO_GUEST_SOURCE = path.join(__dirname, 'echo-guest.S');

/** The REPL runs the compiled dist/: fail clearly when it was not built. */
export function requireBuilt(): void {
  if (!existsSync(path.join(REPO_DIR, 'dist', 'kernel', 'repl', 'repl-session.js'))) {
    throw new Error('dist/ is not built: run `npm run build` (npm install and npm test build it too)');
  }
}

/** Build tests/kernel/repl/echo-guest.S (virt machine, no firmware); returns the ELF's path. */
export function buildEchoGuest(): string {
  const elf = path.join(mkdtempSync(path.join(tmpdir(), 'orrery-echo-')), 'echo.elf');
  const r = spawnSync('riscv64-linux-gnu-gcc', ['-nostdlib', '-static', '-march=rv64gc', '-mabi=lp64d',
    '-Wl,-Ttext-segment=0x80200000', '-o', elf, ECHO_GUEST_SOURCE], { encoding: 'utf8' });
  if (r.error) throw new Error('riscv64-linux-gnu-gcc is missing: install the Debian package gcc-riscv64-linux-gnu');
  if (r.status !== 0) throw new Error(`riscv64-linux-gnu-gcc failed: ${r.stderr}`);
  return elf;
}

/** An `orrery repl` child process on pipes. */
export class ReplDriver {
  /** Everything the REPL wrote (stdout and stderr). */
  out = '';
  private mark = 0;
  private exited: Promise<number | null>;

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (s: string) => { this.out += s; });
    child.stderr.on('data', (s: string) => { this.out += s; });
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  /** Start `orrery repl args…` and wait for its first prompt. */
  static async start(args: string[]): Promise<ReplDriver> {
    requireBuilt();
    const child = spawn(process.execPath, [ORRERY, 'repl', ...args], {
      cwd: REPO_DIR, env: { ...process.env, ORRERY_REPL_HISTORY: '', NO_COLOR: '1' },
    });
    const d = new ReplDriver(child);
    await d.waitFor((s) => s.endsWith(PROMPT), 60_000);
    d.mark = d.out.length;
    return d;
  }

  /** Wait until `test` holds for the output since the last line sent; returns that output. */
  async waitFor(test: RegExp | ((s: string) => boolean), timeoutMs = 60_000): Promise<string> {
    const ok = typeof test === 'function' ? test : (s: string) => test.test(s);
    const t0 = Date.now();
    while (!ok(this.out.slice(this.mark))) {
      if (this.child.exitCode !== null) throw new Error(`the REPL exited (${this.child.exitCode}); output:\n${this.out}`);
      if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${test}; output since the last line:\n${this.out.slice(this.mark)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.out.slice(this.mark);
  }

  /** Send one line and return what it printed before the next prompt (the prompt left out). */
  async send(line: string, timeoutMs = 60_000): Promise<string> {
    this.mark = this.out.length;
    this.child.stdin.write(`${line}\n`);
    const text = await this.waitFor(prompted, timeoutMs);
    this.mark = this.out.length;
    return withoutPrompt(text);
  }

  /** Send a line without waiting for its prompt (a long run to interrupt). */
  sendNoWait(line: string): void {
    this.mark = this.out.length;
    this.child.stdin.write(`${line}\n`);
  }

  /** Send raw bytes (console keys). */
  type(bytes: string): void {
    this.child.stdin.write(bytes);
  }

  /** The output from the last line sent up to its prompt, once it appears. */
  async reply(timeoutMs = 60_000): Promise<string> {
    const text = await this.waitFor(prompted, timeoutMs);
    this.mark = this.out.length;
    return withoutPrompt(text);
  }

  /** Close stdin (Ctrl-D) and wait for the exit status. */
  async close(): Promise<number | null> {
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}
