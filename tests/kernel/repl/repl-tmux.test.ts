/**
 * The REPL on a real terminal, as a person sees it: tmux runs it in a
 * pseudo-terminal, `send-keys` types and `capture-pane` reads the screen.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEchoGuest, ORRERY, REPO_DIR, requireBuilt } from './repl-driver';

const SOCKET = `orrery-repl-test-${process.pid}`;
const SESSION = 'repl';

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
  if (r.error) throw new Error('tmux is missing: install the Debian package tmux (apt-get install tmux)');
  if (r.status !== 0) throw new Error(`tmux ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

const screen = () => tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', SESSION);
const keys = (...k: string[]) => tmux('send-keys', '-t', SESSION, ...k);

async function waitScreen(test: RegExp, timeoutMs = 60_000): Promise<string> {
  const t0 = Date.now();
  for (;;) {
    const s = screen();
    if (test.test(s)) return s;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${test}; the screen:\n${s}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('orrery repl on a terminal (tmux)', () => {
  const history = path.join(mkdtempSync(path.join(tmpdir(), 'orrery-hist-')), 'history');
  beforeAll(async () => {
    requireBuilt();
    const elf = buildEchoGuest();
    const cmd = `cd ${REPO_DIR} && ORRERY_REPL_HISTORY=${history} ${process.execPath} ${ORRERY} repl --bios none --kernel ${elf}; sleep 30`;
    tmux('new-session', '-d', '-s', SESSION, '-x', '200', '-y', '50', cmd);
    await waitScreen(/orrery> $/m);
  }, 120_000);
  afterAll(() => { try { tmux('kill-server'); } catch { /* already gone */ } });

  it('Tab completes properties of live objects', async () => {
    keys('m.cpu.regi', 'Tab');
    await waitScreen(/orrery> m\.cpu\.registers$/m);
    keys('C-u');
    keys('.info re', 'Tab');
    await waitScreen(/orrery> \.info registers$/m);
    keys('Enter');
    await waitScreen(/ x0\/zero {2}0{16} x1\/ra/);
  });

  it('Ctrl-C stops await m.run() at an instruction boundary and keeps the REPL', async () => {
    keys('await m.run()', 'Enter');
    await waitScreen(/echo guest ready/);
    await new Promise((r) => setTimeout(r, 500));
    keys('C-c');
    await waitScreen(/reason: 'interrupted'[\s\S]*orrery> $/m);
    keys('m.halted', 'Enter');
    await waitScreen(/m\.halted\nfalse\norrery> $/m);
  });

  it('.console attaches the terminal to the guest and Ctrl-A X comes back', async () => {
    keys('.console', 'Enter');
    await waitScreen(/\[guest console: Ctrl-A X returns to the REPL/);
    keys('ok');
    await waitScreen(/\[o\]\[k\]/);
    keys('C-a', 'x');
    await waitScreen(/\[detached; the machine stopped at pc 0x802[0-9a-f]+: \.console or \.cont continues\]\norrery> $/m);
    keys('m.consoleText.endsWith("[o][k]")', 'Enter');
    await waitScreen(/\ntrue\norrery> $/m);
  });

  it('keeps history in the history file', async () => {
    keys('.exit', 'Enter');
    const t0 = Date.now();
    while (!existsSync(history) || !readFileSync(history, 'utf8').includes('m.halted')) {
      if (Date.now() - t0 > 20_000) throw new Error(`no history in ${history}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(readFileSync(history, 'utf8').split('\n')).toContain('await m.run()');
  });
});
