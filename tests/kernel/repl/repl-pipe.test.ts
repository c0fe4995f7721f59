import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEchoGuest, ReplDriver, REPO_DIR } from './repl-driver';

const CRC32 = path.join(REPO_DIR, 'images', 'bench', 'crc32.elf');
/** crc32's output under QEMU (images/bench/workloads.json). */
const CRC32_CHECKSUM = 'checksum: ceceb896a2296039';

describe('orrery repl on pipes', () => {
  let repl: ReplDriver;
  beforeAll(async () => { repl = await ReplDriver.start(['-M', 'spike', CRC32]); }, 120_000);
  afterAll(async () => { await repl?.close(); });

  it('starts with a one-line banner saying what m is and what to type', () => {
    expect(repl.out).toMatch(/^Orrery REPL: m is a Spike-like machine \(128 MiB, 1 hart\) with .*crc32\.elf loaded, not started\. Type \.help, await boot\(\), await m\.run\(\) or \.console\norrery> $/);
  });

  it('takes TypeScript, keeps declarations between lines and awaits at top level', async () => {
    expect(await repl.send('const n: number = 6; interface Q { v: bigint }')).toBe('undefined');
    expect(await repl.send('n * 7')).toBe('42');
    expect(await repl.send('const q: Q = { v: await Promise.resolve(5n) }; q.v + 1n')).toBe('6n');
    expect(await repl.send('function twice(x: number): number {')).toBe('');
    expect(repl.out.endsWith('... ')).toBe(true);
    expect(await repl.send('return 2 * x }')).toBe('undefined');
    expect(await repl.send('twice(21)')).toBe('42');
    expect(await repl.send("import { basename } from 'node:path'; basename('/a/b.txt')")).toBe("'b.txt'");
  });

  it('has the notebook prelude as globals', async () => {
    expect(await repl.send('[typeof VirtMachine, typeof SpikeMachine, typeof parseElf, typeof orrery.display, m instanceof RiscvMachine]'))
      .toBe("[ 'function', 'function', 'function', 'function', true ]");
  });

  it('a line that throws leaves the machine as it was and the REPL alive', async () => {
    const before = await repl.send('JSON.stringify(m.cpu.registers(), (k, v) => typeof v === "bigint" ? v.toString(16) : v)');
    const err = await repl.send('m.step(3); m.bus.readPhys(0n, 4)');
    expect(err).toMatch(/RangeError: 0x0\.\.\+0x4 is not in RAM/);
    expect(await repl.send('m.cpu.retired()')).toBe('3n');
    await repl.send('m.cpu.pc = 0x80000000n; m.cpu.setX(3, 0n); m.cpu.setX(2, 0n)'); // undo the steps' effects by hand
    const syntax = await repl.send('let = = 3');
    expect(syntax).toMatch(/SyntaxError: .*\(line 1, column \d+\)/);
    expect(await repl.send('1 + 1')).toBe('2');
    expect(before).toMatch(/"pc":"80000000"/);
  });

  it('monitor commands answer, and bad input says what and where', async () => {
    expect(await repl.send('.x/2i 0x80000000')).toMatch(/^0000000080000000: {2}00001197 {2}auipc {3}gp,0x1\n0000000080000004: {2}/);
    expect(await repl.send('.x/2xg pc')).toMatch(/^0000000080000000: 0x[0-9a-f]{16} 0x[0-9a-f]{16}$/);
    expect(await repl.send('.info registers')).toMatch(/^ pc {7}0000000080000000\n/);
    expect(await repl.send('.info pci')).toBe("error: .info: no topic 'pci'; topics: registers, jit, tlb, mtree, qtree, irq");
    expect(await repl.send('.x/4x 0x1000')).toMatch(/^error: nothing is mapped at 0x1000: RAM is 0x80000000\.\.0x87ffffff/);
    expect(await repl.send('.x/4i gp+4')).toMatch(/^0000000000000004: \(|^error: nothing is mapped at 0x4/);
    expect(await repl.send('.break nowhere')).toMatch(/^error: \.break nowhere: unknown register 'nowhere' in 'nowhere'/);
    expect(await repl.send('.step 2')).toMatch(/gp=0x8000[0-9a-f]+[\s\S]*\n0000000080000008: /);
    expect(await repl.send('.help')).toMatch(/\.x\/Nf\[s\] addr[\s\S]*\.console[\s\S]*REPL commands:[\s\S]*\.exit/);
  });

  it('.break and .cont stop at the breakpoint with the next instruction shown', async () => {
    expect(await repl.send('.break 0x80000010')).toBe('breakpoint at 0x80000010');
    expect(await repl.send('.cont')).toMatch(/^stopped: breakpoint at pc 0x80000010 after 2 instructions\n0000000080000010: /);
    expect(await repl.send('.break -d all')).toBe('deleted every breakpoint');
  });
});

describe('Ctrl-C during a run', () => {
  /** Registers after running crc32 to its end, and its console output. */
  async function finish(r: ReplDriver) {
    const result = await r.send('await m.run()', 300_000);
    const regs = await r.send('JSON.stringify(m.cpu.registers(), (k, v) => typeof v === "bigint" ? v.toString(16) : v)');
    const console = await r.send('m.consoleText');
    return { result, regs, console };
  }

  it('stops the machine at an instruction boundary, keeps the REPL, and the resumed run ends as an uninterrupted one', async () => {
    const plain = await ReplDriver.start(['-M', 'spike', CRC32]);
    const whole = await finish(plain);
    await plain.close();
    expect(whole.result).toMatch(/reason: 'exit'/);
    expect(whole.console).toContain(CRC32_CHECKSUM);

    const r = await ReplDriver.start(['-M', 'spike', CRC32]);
    // Ctrl-C once the run is under way: the first of its ~200 slices has printed a mark.
    r.sendNoWait("let shown = false; await m.run(undefined, { sliceInsns: 1_000_000, onProgress: () => { if (!shown) { shown = true; console.log('running'); } } })");
    await r.waitFor(/running\n/);
    r.child.kill('SIGINT');
    const stopped = await r.reply();
    expect(stopped).toMatch(/reason: 'interrupted'/);
    // Consistent: the count the run reports is what the hart retired, and the guest has not finished.
    const insns = Number(/insns: ([\d_]+)/.exec(stopped)![1].replace(/_/g, ''));
    expect(insns).toBeGreaterThan(0);
    expect(await r.send('m.cpu.retired()')).toBe(`${insns}n`);
    expect(await r.send('m.halted')).toBe('false');
    expect(await r.send('1 + 1')).toBe('2');
    const resumed = await finish(r);
    await r.close();
    expect(resumed.result).toMatch(/reason: 'exit'/);
    expect(resumed.console).toBe(whole.console);
    expect(resumed.regs).toBe(whole.regs);
  });

  it('stops .cont, and breaks a busy synchronous line', async () => {
    const r = await ReplDriver.start(['--bios', 'none', '--kernel', buildEchoGuest()]);
    r.sendNoWait('.cont');
    await r.waitFor(/echo guest ready\n/);
    r.child.kill('SIGINT');
    expect(await r.reply()).toMatch(/stopped: interrupted \(Ctrl-C\) at pc 0x802[0-9a-f]+ after [\d,]+ instructions\n00000000802/);
    expect(await r.send('m.halted')).toBe('false');
    // A busy synchronous line is broken by Ctrl-C (breakEvalOnSigint) and the REPL stays.
    r.sendNoWait('for (;;) {}');
    await new Promise((res) => setTimeout(res, 1000));
    r.child.kill('SIGINT');
    expect(await r.reply()).toMatch(/Script execution was interrupted by `SIGINT`/);
    expect(await r.send('2 + 2')).toBe('4');
    await r.close();
  });
});

describe('.console on pipes', () => {
  it('sends keys to the guest, shows its output, and Ctrl-A X comes back with the machine stopped', async () => {
    const elf = buildEchoGuest();
    const r = await ReplDriver.start(['--bios', 'none', '--kernel', elf]);
    expect(r.out).toMatch(/^Orrery REPL: m is the virt machine \(256 MiB, 1 hart; echo\.elf\), not started/);
    r.sendNoWait('.console');
    await r.waitFor(/echo guest ready\n/);
    r.type('hi');
    await r.waitFor(/\[h\]\[i\]/);
    r.type('\x01x');
    const back = await r.reply();
    expect(back).toMatch(/\[detached; the machine stopped at pc 0x802[0-9a-f]+: \.console or \.cont continues\]$/);
    expect(await r.send('m.consoleText')).toBe("'echo guest ready\\n[h][i]'");
    // Typed while detached: queued in the UART, echoed once attached again.
    expect(await r.send("m.sendInput('z')")).toBe('undefined');
    r.sendNoWait('.console');
    await r.waitFor(/\[z\]/);
    r.type('q');
    expect(await r.reply()).toMatch(/stopped: the guest exited \(exit code 0\)/);
    expect(await r.send('.console')).toMatch(/^error: \.console: the guest has stopped/);
    await r.close();
  });
});
