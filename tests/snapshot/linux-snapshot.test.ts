import { describe, expect, it } from 'vitest';
import { defaultVirtImages, VirtMachine } from '../../core/machine/virt-machine';
import { diff } from '../../core/snapshot';

const PROMPT = '~ # ';
const N = 30_000_000;

/** Type a command, run exactly N steps; the console written meanwhile and the state hash after. */
async function commandThenRun(m: VirtMachine, command: string) {
  const from = m.consoleBytes;
  m.typeInput(command);
  await m.run(N, { untilIdle: true });
  return { console: m.consoleTextFrom(from), hash: m.stateHash(), retired: m.cpu.retired() };
}

describe('snapshots of a booted Linux', () => {
  it('from a snapshot at the shell, the same input and N instructions give the same console and state hash every time', async () => {
    const m = new VirtMachine({ ...defaultVirtImages() });
    expect((await m.runUntilConsole(PROMPT, 400e6)).found).toBe(true);
    const s = m.snapshot();
    const command = 'echo $((6*7)); cat /proc/uptime; ls /proc | wc -l\n';
    const first = await commandThenRun(m, command);
    expect(first.console).toContain('42');
    for (let i = 0; i < 2; i++) {
      m.restore(s);
      expect(m.stateHash()).toBe(s.hash());
      expect(await commandThenRun(m, command)).toEqual(first);
    }
    // A fork from the same snapshot is an independent machine that does the same.
    m.restore(s);
    const f = m.fork() as VirtMachine;
    expect(await commandThenRun(f, command)).toEqual(first);
    expect(diff(s, m.snapshot()).total).toBe(0);
  }, 900_000);
});
