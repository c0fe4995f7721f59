import { runProcess } from '../../support/process';
import { describe, expect, it } from 'vitest';
import { installTempKernel, JUPYTER_TEST_PACKAGES, PYTHON, requirePython } from './jupyter-harness';

describe("Jupyter's kernel conformance suite (jupyter_kernel_test)", () => {
  it('passes every test it runs against the Orrery kernel', async () => {
    requirePython('jupyter_kernel_test', JUPYTER_TEST_PACKAGES.conformance);
    const jupyterPath = installTempKernel();
    const r = await runProcess(PYTHON, ['-m', 'unittest', '-v', 'kernel_conformance'], {
      cwd: __dirname,
      env: { ...process.env, JUPYTER_PATH: jupyterPath },
      timeout: 280_000,
    });
    const report = `${r.stdout}${r.stderr}`;
    expect(report, report).toMatch(/^OK/m);
    expect(r.status, report).toBe(0);
    // The tests that need only what the kernel supports actually ran (no comms/pager/clear_output).
    for (const t of ['test_execute_result', 'test_error', 'test_display_data', 'test_history', 'test_completion', 'test_inspect', 'test_is_complete']) {
      expect(report).toMatch(new RegExp(`${t} .* ok$`, 'm'));
    }
  }, 300_000);
});
