import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO_DIR = path.resolve(__dirname, '..', '..', '..');
const ORRERY = path.join(REPO_DIR, 'bin', 'orrery.js');
const tmp = mkdtempSync(path.join(tmpdir(), 'orrery-bootsnap-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Run `orrery boot args…` with `input` piped in (all at once); its status and output. */
function boot(args: string[], input: string, timeoutMs = 240_000): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ORRERY, 'boot', ...args], { cwd: REPO_DIR });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s; });
    child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`orrery boot ${args.join(' ')} did not finish in ${timeoutMs / 1000} s; stdout:\n${stdout.slice(-2000)}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (status) => { clearTimeout(timer); resolve({ status, stdout, stderr }); });
    child.stdin.end(input);
  });
}

describe('orrery boot: savevm from the Ctrl-A C monitor, then --loadvm in a new process', () => {
  const file = path.join(tmp, 'shell.osnap');
  let saved: Awaited<ReturnType<typeof boot>>;
  beforeAll(async () => {
    if (!existsSync(path.join(REPO_DIR, 'dist', 'kernel', 'commands', 'boot.js'))) throw new Error('dist/ is not built: run `npm run build`');
    // From a pipe, Ctrl-A C waits (like typed lines) until the guest waits for input: here, at the shell prompt.
    saved = await boot([], '\x01csavevm ' + file + '\nquit\n');
  }, 300_000);

  it('boots Linux to the shell, pauses in the monitor, saves the machine and quits with status 0', () => {
    expect(saved.status).toBe(0);
    expect(saved.stdout).toContain('~ # ');
    expect(saved.stdout).toMatch(/Orrery monitor: the machine is paused[\s\S]*\(orrery\) saved .*shell\.osnap \([\d.]+ MiB; [\d,]+ instructions retired;/);
    expect(statSync(file).size).toBeLessThan(40e6);
  });

  it('a new process resumes the saved machine and its shell answers the next command', async () => {
    const r = await boot(['--loadvm', file], 'echo resumed-$((6*7))\n\x01cquit\n');
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    // No boot log: the machine starts at the prompt where it was saved.
    expect(r.stdout).not.toContain('Linux version');
    expect(r.stdout).toMatch(/echo resumed-\$\(\(6\*7\)\)\r?\nresumed-42\r?\n~ # /);
  }, 300_000);

  it('loadvm in the monitor goes back to the saved machine within the same process', async () => {
    const r = await boot(['--loadvm', file], `echo one\n\x01cloadvm ${file}\ncont\necho two\n\x01cquit\n`);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\(orrery\) restored .*shell\.osnap \([\d,]+ instructions retired; pc 0x/);
    expect(r.stdout).toMatch(/echo two\r?\ntwo\r?\n~ # /);
  }, 300_000);
});

describe('orrery boot --loadvm with a bad snapshot', () => {
  const cases: [string, () => string, RegExp][] = [
    ['a missing file', () => path.join(tmp, 'nowhere.osnap'), /^orrery boot: --loadvm cannot read snapshot '.*nowhere\.osnap': ENOENT/],
    ['a file that is not a snapshot', () => {
      const f = path.join(tmp, 'text.osnap');
      writeFileSync(f, 'hello, this is text and not a snapshot\n');
      return f;
    }, /^orrery boot: --loadvm .*text\.osnap: not an Orrery snapshot \(bad magic bytes\)$/],
    ['a truncated snapshot', () => {
      const good = path.join(tmp, 'shell.osnap');
      const f = path.join(tmp, 'cut.osnap');
      writeFileSync(f, readFileSync(good).subarray(0, 1000));
      return f;
    }, /^orrery boot: --loadvm .*cut\.osnap: truncated: /],
  ];
  for (const [what, make, message] of cases) {
    it(`${what}: one clear line on stderr and status 1`, async () => {
      const r = await boot(['--loadvm', make()], '', 60_000);
      expect(r.status).toBe(1);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr.trimEnd()).toMatch(message);
      expect(r.stdout).toBe('');
    }, 120_000);
  }

  it('machine options cannot go with --loadvm (the configuration comes from the snapshot)', async () => {
    const r = await boot(['-m', '128M', '--loadvm', path.join(tmp, 'shell.osnap')], '', 60_000);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/-m cannot go with --loadvm: the machine's configuration comes from the snapshot/);
  }, 120_000);
});
