import { runProcess } from '../../support/process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { installTempKernel, JUPYTER, JUPYTER_TEST_PACKAGES, requirePython } from './jupyter-harness';

function notebook(cells: string[]) {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'orrery', display_name: 'Orrery (TypeScript)', language: 'typescript' } },
    cells: cells.map((source, i) => ({ cell_type: 'code', id: `c${i}`, metadata: {}, execution_count: null, outputs: [], source })),
  };
}

/** nbformat may store a string as a list of lines. */
function joined(v: unknown): unknown {
  if (Array.isArray(v)) return v.join('');
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'traceback' ? x : joined(x)]));
  return v;
}

describe('a notebook run by jupyter nbconvert --execute', () => {
  it('keeps rich results, error cells with ename/evalue/traceback, and runs past the error', async () => {
    requirePython('nbconvert', JUPYTER_TEST_PACKAGES.nbconvert);
    if (!existsSync(JUPYTER)) throw new Error(`${JUPYTER} is missing: apt-get install ${JUPYTER_TEST_PACKAGES.nbconvert}`);
    const jupyterPath = installTempKernel();
    const dir = mkdtempSync(path.join(tmpdir(), 'orrery-nbconvert-'));
    writeFileSync(path.join(dir, 'in.ipynb'), JSON.stringify(notebook([
      'const m = new SpikeMachine();\nm.cpu.pc',
      "bundleOf({ 'text/html': '<table><tr><td>pc</td></tr></table>', 'text/plain': 'pc' })",
      "throw new TypeError('not a machine')",
      "console.log('still alive')",
    ])));
    const r = await runProcess(JUPYTER, ['nbconvert', '--to', 'notebook', '--execute', '--allow-errors', '--output', 'out.ipynb', 'in.ipynb'], {
      cwd: dir,
      env: { ...process.env, JUPYTER_PATH: jupyterPath },
      timeout: 280_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(readFileSync(path.join(dir, 'out.ipynb'), 'utf8'));
    const [c0, c1, c2, c3] = out.cells.map((c: { outputs: unknown[] }) => ({ outputs: c.outputs.map(joined) as any[] }));
    expect(c0.outputs).toEqual([{ output_type: 'execute_result', execution_count: 1, data: { 'text/plain': '0n' }, metadata: {} }]);
    expect(c1.outputs[0].output_type).toBe('execute_result');
    expect(c1.outputs[0].data['text/html']).toBe('<table><tr><td>pc</td></tr></table>');
    expect(c2.outputs).toHaveLength(1);
    expect(c2.outputs[0]).toMatchObject({ output_type: 'error', ename: 'TypeError', evalue: 'not a machine' });
    expect(c2.outputs[0].traceback[0]).toBe('TypeError: not a machine');
    expect(c3.outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: 'still alive\n' }]);
  }, 300_000);
});
