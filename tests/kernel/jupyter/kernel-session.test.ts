import { beforeAll, describe, expect, it } from 'vitest';
import { BENCH_DIR } from '../../support/guest';
import { installTempKernel, resultText, runKernelSession, StepResult, streamText } from './jupyter-harness';
import path from 'node:path';
import { readFileSync } from 'node:fs';

const SHA256 = JSON.stringify(path.join(BENCH_DIR, 'sha256.elf'));
const SHA256_CHECKSUM = (JSON.parse(readFileSync(path.join(BENCH_DIR, 'workloads.json'), 'utf8')).workloads as { name: string; checksum: string }[])
  .find((w) => w.name === 'sha256')!.checksum;

let jupyterPath: string;
let steps: StepResult[];
let alive: boolean;

// One kernel for the whole file: starting one costs seconds.
beforeAll(async () => {
  jupyterPath = installTempKernel();
  const r = await runKernelSession(jupyterPath, [
    /* 0 */ { code: '6 * 7' },
    /* 1 */ { code: 'const mach = new SpikeMachine(); mach.loadElf(' + SHA256 + '); const asBase: RiscvMachine = mach; asBase.halted' },
    /* 2 */ { code: 'const r1 = await runAsync(mach, undefined, { progress: true, sliceInsns: 500_000 }); r1', interrupt_on: 'update_display_data' },
    /* 3 */ { code: '[mach.halted, mach.cpu.pc > 0n]' },
    /* 4 */ { code: 'const r2 = await runAsync(mach); [r2.reason, mach.exitCode, mach.consoleText]' },
    /* 5 */ { code: 'while (true) {}', interrupt_after: 2 },
    /* 6 */ { code: "for (let i = 0; i < 5000; i++) console.log('line', i); 'printed'" },
    /* 7 */ { code: "throw new RangeError('out of range')", stop_on_error: false },
    /* 8 */ { code: "const wrong: number = 'text'" },
    /* 9 */ { code: "bundleOf({ 'text/html': '<b>orrery</b>', 'text/plain': 'orrery' })" },
    /* 10 */ { code: "const id = display('step 1'); updateDisplay(id, 'step 2'); console.log('out'); console.error('err'); 1" },
    /* 11 */ { code: "process.stdout.write('no newline'); undefined" },
  ]);
  steps = r.steps;
  alive = r.alive;
}, 300_000);

describe('the Orrery kernel under jupyter_client', () => {
  it('sends a cell\'s last value as execute_result with text/plain as util.inspect shows it', () => {
    expect(steps[0].reply.status).toBe('ok');
    expect(resultText(steps[0])).toBe('42');
  });

  it('has the library in every cell without an import, with types', () => {
    expect(steps[1].reply.status).toBe('ok');
    expect(resultText(steps[1])).toBe('false');
  });

  it('interrupting a machine run ends the cell with an error and shows live progress before it', () => {
    const s = steps[2];
    expect(s.reply.status).toBe('error');
    expect(s.reply.ename).toBe('Interrupted');
    const kinds = s.outputs.map((o) => o.msg_type);
    expect(kinds).toContain('display_data');
    expect(kinds).toContain('update_display_data');
    const id = s.outputs.find((o) => o.msg_type === 'display_data')!.content.transient.display_id;
    expect(s.outputs.find((o) => o.msg_type === 'update_display_data')!.content.transient.display_id).toBe(id);
  });

  it('leaves an interrupted machine at an instruction boundary, not halted, and resumable to the same result', () => {
    expect(resultText(steps[3])).toBe('[ false, true ]');
    expect(steps[4].reply.status).toBe('ok');
    expect(resultText(steps[4])).toContain("'exit', 0");
    expect(resultText(steps[4])).toContain(`checksum: ${SHA256_CHECKSUM}`);
  });

  it('interrupts a synchronous infinite loop and stays alive', () => {
    expect(steps[5].timeout).toBeUndefined();
    expect(steps[5].reply.ename).toBe('Interrupted');
    expect(steps[6].reply.status).toBe('ok');
  });

  it('completes a cell printing 5,000 lines with every line, in few stream messages', () => {
    const text = streamText(steps[6]);
    expect(text.split('\n').filter(Boolean)).toHaveLength(5000);
    expect(text.startsWith('line 0\nline 1\n')).toBe(true);
    expect(text.endsWith('line 4999\n')).toBe(true);
    expect(steps[6].outputs.filter((o) => o.msg_type === 'stream').length).toBeLessThan(50);
    expect(resultText(steps[6])).toBe("'printed'");
  });

  it('reports a thrown error with ename, evalue and a traceback, and keeps running', () => {
    const s = steps[7];
    expect(s.reply.status).toBe('error');
    const err = s.outputs.find((o) => o.msg_type === 'error')!.content;
    expect(err.ename).toBe('RangeError');
    expect(err.evalue).toBe('out of range');
    expect(err.traceback[0]).toBe('RangeError: out of range');
    expect(err.traceback.join('\n')).not.toMatch(/node_modules[\\/]tslab|node:vm/);
    expect(steps[8].reply.status).toBeDefined();
  });

  it('reports a type error as an error message naming the TypeScript diagnostic', () => {
    expect(steps[8].reply.ename).toBe('TypeScriptError');
    expect(steps[8].reply.evalue).toMatch(/not assignable to type 'number'/);
  });

  it('sends a rich MIME bundle as the execute_result data', () => {
    const data = steps[9].outputs.find((o) => o.msg_type === 'execute_result')!.content.data;
    expect(data).toEqual({ 'text/html': '<b>orrery</b>', 'text/plain': 'orrery' });
  });

  it('keeps displays, updates and streams in the order they were written', () => {
    const seq = steps[10].outputs.filter((o) => o.msg_type !== 'execute_input').map((o) => (o.msg_type === 'stream' ? `${o.content.name}:${o.content.text}` : o.msg_type));
    expect(seq).toEqual(['display_data', 'update_display_data', 'stdout:out\n', 'stderr:err\n', 'execute_result']);
    expect(streamText(steps[11])).toBe('no newline');
  });

  it('is still alive after errors and interrupts', () => {
    expect(alive).toBe(true);
  });
});
