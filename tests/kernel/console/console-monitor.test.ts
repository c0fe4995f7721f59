import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SpikeMachine } from '../../../core/machine/spike-machine';
import { ConsoleMonitor, MONITOR_PROMPT } from '../../../kernel/console/console-monitor';
import { ConsoleEscape } from '../../../kernel/console/escape';
import { isSnapshotFile, Monitor } from '../../../kernel/repl/monitor';

const ELF = join(__dirname, '..', '..', '..', 'images', 'bench', 'crc32.elf');
const tmp = mkdtempSync(join(tmpdir(), 'orrery-conmon-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function setup(echo = false) {
  const m = new SpikeMachine({ ramSize: 16 << 20 });
  m.loadElf(ELF);
  let out = '';
  const cm = new ConsoleMonitor({ monitor: new Monitor({ machine: () => m }), write: (t) => { out += t; }, echo });
  const run = (line: string) => {
    out = '';
    const action = cm.execute(line);
    return { action, out };
  };
  return { m, cm, run, output: () => out };
}

describe('Ctrl-A handling with a data handler', () => {
  it('hands bytes over in order with the commands, so bytes after Ctrl-A C reach the monitor', () => {
    const events: string[] = [];
    const e = new ConsoleEscape({
      quit: () => events.push('quit'),
      help: () => events.push('help'),
      monitor: () => events.push('monitor'),
      data: (b) => events.push(Buffer.from(b).toString()),
    });
    expect(e.feed(Buffer.from('ls\n\x01csavevm a\n\x01\x01z\x01'))).toHaveLength(0);
    e.feed(Buffer.from('cpwd\n'));
    expect(events).toEqual(['ls\n', 'monitor', 'savevm a\n\x01z', 'monitor', 'pwd\n']);
  });

  it('without a data handler returns the guest bytes as before', () => {
    const e = new ConsoleEscape({ quit: () => undefined, help: () => undefined });
    expect(Buffer.from(e.feed(Buffer.from('a\x01xb'))).toString()).toBe('a');
  });
});

describe('the (orrery) monitor of orrery boot', () => {
  it('splits key bytes into lines (CR, LF or CR LF), with Backspace and Ctrl-U, echoing on a terminal', () => {
    const { cm, output } = setup(true);
    expect(cm.feed(Buffer.from('inf'))).toEqual([]);
    expect(cm.feed(Buffer.from('o x\x7fregisters\r\nxx\x15quit\r'))).toEqual(['info registers', 'quit']);
    expect(output()).toContain('\b \b');
  });

  it('answers info and x as the REPL monitor does, and ends each answer with the prompt', () => {
    const { run } = setup();
    const info = run('info registers');
    expect(info.action).toBeUndefined();
    expect(info.out).toMatch(/^ pc {7}0000000080000000\n[\s\S]*\(orrery\) $/);
    expect(run('x/2i 0x80000000').out).toMatch(/^0000000080000000: {2}00001197 {2}auipc {3}gp,0x1\n/);
    expect(run('info').out).toMatch(/^ {2}info registers/);
  });

  it('cont and c go back to the console, quit and q quit', () => {
    const { run } = setup();
    expect(['cont', 'c', 'quit', 'q'].map((l) => run(l).action)).toEqual(['cont', 'cont', 'quit', 'quit']);
  });

  it('an unknown command or a bad argument is one error line and the prompt', () => {
    const { run } = setup();
    expect(run('frobnicate 3').out).toBe(`error: unknown command: 'frobnicate' (help lists the commands)\n${MONITOR_PROMPT}`);
    expect(run('loadvm nothing').out).toMatch(/^error: loadvm: no snapshot 'nothing' in memory \(none saved yet;/);
    expect(run('help').out).toMatch(/savevm NAME\|FILE[\s\S]*loadvm[\s\S]*quit \| q/);
  });

  it('savevm NAME and loadvm NAME go back to the saved state', () => {
    const { m, run } = setup();
    m.runSync(1000);
    const hash = m.stateHash();
    expect(run('savevm early').out).toMatch(/^saved 'early' in memory \(1,000 instructions retired; /);
    m.runSync(5000);
    expect(m.stateHash()).not.toBe(hash);
    expect(run('loadvm early').out).toMatch(/^restored 'early' \(1,000 instructions retired; pc 0x8/);
    expect(m.stateHash()).toBe(hash);
    expect(run('loadvm').out).toMatch(/^saved in memory: early\n/);
  });

  it('savevm FILE and loadvm FILE go through a snapshot file; a damaged file is refused and changes nothing', () => {
    const { m, run } = setup();
    m.runSync(2000);
    const hash = m.stateHash();
    const file = join(tmp, 'crc.osnap');
    expect(run(`savevm ${file}`).out).toMatch(/^saved .*crc\.osnap \(0\.\d MiB; 2,000 instructions retired; /);
    m.runSync(3000);
    expect(run(`loadvm ${file}`).out).toMatch(/^restored .*crc\.osnap \(2,000 instructions/);
    expect(m.stateHash()).toBe(hash);
    const bad = join(tmp, 'bad.snap');
    writeFileSync(bad, 'not a snapshot at all, clearly');
    m.runSync(100);
    const now = m.stateHash();
    expect(run(`loadvm ${bad}`).out).toMatch(/^error: loadvm: .*bad\.snap: not an Orrery snapshot \(bad magic bytes\)\n/);
    expect(m.stateHash()).toBe(now);
  });

  it('a word is a name, a path or a snapshot ending is a file', () => {
    expect(['boot', 'before-ls', 'a.b'].map(isSnapshotFile)).toEqual([false, false, false]);
    expect(['./boot', '/tmp/x', 'shell.osnap', 'Shell.SNAP', 'vm.orrery'].map(isSnapshotFile)).toEqual([true, true, true, true, true]);
  });
});
