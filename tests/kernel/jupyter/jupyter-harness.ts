/**
 * Running the Orrery kernel under Jupyter's own tools in tests: a kernel
 * spec installed into a temporary prefix (found through JUPYTER_PATH), and
 * Python drivers from Debian's Jupyter packages.
 */
import { spawnSync } from 'node:child_process';
import { runProcess } from '../../support/process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const REPO_DIR = path.resolve(__dirname, '..', '..', '..');
export const ORRERY = path.join(REPO_DIR, 'bin', 'orrery.js');
/** Debian's Python, which has the Jupyter packages (a `python3` on PATH may be another interpreter). */
export const PYTHON = '/usr/bin/python3';
export const JUPYTER = '/usr/bin/jupyter';
const HERE = __dirname;

/** Debian packages the kernel tests need, by what they provide. */
export const JUPYTER_TEST_PACKAGES = {
  client: 'jupyter-client',
  nbconvert: 'jupyter-nbconvert python3-nbclient',
  conformance: 'python3-jupyter-kernel-test',
} as const;

/** Fail (never skip) when a Python module from a Debian package is missing. */
export function requirePython(module: string, debianPackage: string): void {
  const r = spawnSync(PYTHON, ['-c', `import ${module}`], { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`${PYTHON} cannot import ${module}: install the Debian package(s) ${debianPackage} (apt-get install ${debianPackage})`);
  }
}

/** The kernel runs the compiled dist/: fail clearly when it was not built. */
export function requireBuilt(): void {
  if (!existsSync(path.join(REPO_DIR, 'dist', 'kernel', 'jupyter', 'start-kernel.js'))) {
    throw new Error('dist/ is not built: run `npm run build` (npm install and npm test build it too)');
  }
}

/** Install the kernel spec into a fresh prefix; returns the JUPYTER_PATH that finds it. */
export function installTempKernel(): string {
  requireBuilt();
  const prefix = mkdtempSync(path.join(tmpdir(), 'orrery-kernel-'));
  const r = spawnSync(process.execPath, [ORRERY, 'kernel', 'install', '--prefix', prefix], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`orrery kernel install failed: ${r.stderr}`);
  return path.join(prefix, 'share', 'jupyter');
}

/** One cell for {@link runKernelSession}. */
export interface SessionStep {
  code: string;
  /** Interrupt the kernel (jupyter_client's interrupt_kernel) when the first iopub message of this type arrives. */
  interrupt_on?: string;
  /** ... or this many seconds after sending the cell. */
  interrupt_after?: number;
  stop_on_error?: boolean;
  timeout?: number;
}

/** An iopub message of a cell. */
export interface IopubOutput {
  msg_type: string;
  content: Record<string, any>;
}

/** What one cell did. */
export interface StepResult {
  reply: Record<string, any>;
  outputs: IopubOutput[];
  seconds: number;
  timeout?: boolean;
}

/** Run cells in one kernel through jupyter_client (tests/kernel/jupyter/kernel_session.py). */
export async function runKernelSession(jupyterPath: string, steps: SessionStep[], cwd = mkdtempSync(path.join(tmpdir(), 'orrery-nb-'))): Promise<{ steps: StepResult[]; alive: boolean }> {
  requirePython('jupyter_client', JUPYTER_TEST_PACKAGES.client);
  const r = await runProcess(PYTHON, [path.join(HERE, 'kernel_session.py'), cwd], {
    input: JSON.stringify(steps),
    env: { ...process.env, JUPYTER_PATH: jupyterPath },
    timeout: 280_000,
  });
  if (r.status !== 0) throw new Error(`kernel session failed (${r.status ?? r.signal}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Text of every `stream` output of a cell. */
export function streamText(step: StepResult, name = 'stdout'): string {
  return step.outputs.filter((o) => o.msg_type === 'stream' && o.content.name === name).map((o) => o.content.text).join('');
}

/** The `text/plain` of a cell's execute_result, if any. */
export function resultText(step: StepResult): string | undefined {
  return step.outputs.find((o) => o.msg_type === 'execute_result')?.content.data['text/plain'];
}
