/**
 * The notebooks in notebooks/ run top to bottom under `jupyter nbconvert
 * --execute` with the Orrery kernel, and produce the outputs their cells'
 * tags promise (see notebooks/build-notebooks.js): `table` → an HTML result,
 * `chart` → vega-lite + SVG, `stdout:TEXT` → printed output containing TEXT.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installTempKernel, JUPYTER, JUPYTER_TEST_PACKAGES, REPO_DIR, requirePython } from '../kernel/jupyter/jupyter-harness';

const NOTEBOOKS = path.join(REPO_DIR, 'notebooks');
const VEGA_LITE = 'application/vnd.vegalite.v5+json';
/** Per notebook: nbconvert's time limit per cell, and the whole run's. */
const CELL_TIMEOUT_S = 600;
const RUN_TIMEOUT_MS = 900_000;

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}
interface Cell {
  cell_type: string;
  id: string;
  source: string | string[];
  metadata: { tags?: string[] };
  outputs?: Output[];
}

/** nbformat may store text as a list of lines. */
const text = (v: unknown): string => (Array.isArray(v) ? v.join('') : typeof v === 'string' ? v : '');

let jupyterPath: string;

/**
 * Run a command without blocking this worker's event loop (a synchronous
 * minute-long spawn starves vitest's worker RPC); resolves with its exit and stderr.
 */
function run(cmd: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<{ status: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr = (stderr + d).slice(-64 * 1024); });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (status, signal) => { clearTimeout(timer); resolve({ status, signal, stderr }); });
  });
}

/** Execute notebooks/<name> with nbconvert; returns its code cells with their outputs. */
async function execute(name: string): Promise<Cell[]> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'orrery-notebooks-'));
  const r = await run(JUPYTER, [
    'nbconvert', '--to', 'notebook', '--execute', `--ExecutePreprocessor.timeout=${CELL_TIMEOUT_S}`,
    '--output-dir', outDir, path.join(NOTEBOOKS, name),
  ], { cwd: NOTEBOOKS, env: { ...process.env, JUPYTER_PATH: jupyterPath }, timeoutMs: RUN_TIMEOUT_MS - 30_000 });
  expect(r.status, `nbconvert --execute ${name} failed (${r.status ?? r.signal}):\n${r.stderr.slice(-4000)}`).toBe(0);
  const nb = JSON.parse(readFileSync(path.join(outDir, name), 'utf8'));
  return (nb.cells as Cell[]).filter((c) => c.cell_type === 'code');
}

/** The rich outputs (results and displays) of a cell. */
const richOutputs = (c: Cell) => (c.outputs ?? []).filter((o) => o.output_type === 'execute_result' || o.output_type === 'display_data');
const where = (c: Cell) => `cell ${c.id}: ${text(c.source).split('\n')[0]}`;

/** Check every code cell ran, has no error, and produced what its tags promise; returns the tags seen. */
function checkCells(cells: Cell[]): Map<string, number> {
  const seen = new Map<string, number>();
  for (const c of cells) {
    const errors = (c.outputs ?? []).filter((o) => o.output_type === 'error');
    expect(errors.map((e) => `${e.ename}: ${e.evalue}`), where(c)).toEqual([]);
    const stderr = (c.outputs ?? []).filter((o) => o.output_type === 'stream' && o.name === 'stderr').map((o) => text(o.text)).join('');
    expect(stderr, `${where(c)} wrote to stderr`).toBe('');
    for (const tag of c.metadata.tags ?? []) {
      const kind = tag.split(':')[0];
      seen.set(kind, (seen.get(kind) ?? 0) + 1);
      if (kind === 'table') {
        expect(richOutputs(c).some((o) => text(o.data?.['text/html']).includes('<table')), `${where(c)}: no text/html table`).toBe(true);
      } else if (kind === 'chart') {
        const chart = richOutputs(c).find((o) => o.data?.[VEGA_LITE] !== undefined);
        expect(chart, `${where(c)}: no ${VEGA_LITE} output`).toBeDefined();
        const spec = chart!.data![VEGA_LITE] as { $schema?: string; data?: { values?: unknown[] } };
        expect(typeof spec, `${where(c)}: the vega-lite spec is stored as a JSON object`).toBe('object');
        expect(spec.$schema).toMatch(/vega-lite\/v5/);
        expect(spec.data?.values?.length ?? 0, `${where(c)}: the chart has no data`).toBeGreaterThan(0);
        expect(text(chart!.data!['image/svg+xml'])).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
        expect(chart!.data!['text/html'], `${where(c)}: a chart bundle must not carry text/html (it would hide the SVG)`).toBeUndefined();
      } else if (kind === 'stdout') {
        const want = tag.slice('stdout:'.length);
        const out = (c.outputs ?? []).filter((o) => o.output_type === 'stream' && o.name === 'stdout').map((o) => text(o.text)).join('');
        expect(out, where(c)).toContain(want);
      } else {
        throw new Error(`${where(c)}: unknown tag '${tag}'`);
      }
    }
  }
  return seen;
}

describe('the notebooks', () => {
  beforeAll(() => {
    requirePython('nbconvert', JUPYTER_TEST_PACKAGES.nbconvert);
    if (!existsSync(JUPYTER)) throw new Error(`${JUPYTER} is missing: apt-get install ${JUPYTER_TEST_PACKAGES.nbconvert}`);
    jupyterPath = installTempKernel();
  });

  it('are built from their Markdown sources (node notebooks/build-notebooks.js --check)', () => {
    const r = spawnSync(process.execPath, [path.join(NOTEBOOKS, 'build-notebooks.js'), '--check'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    for (const name of ['01-anatomy-of-a-translated-block', '02-booting-linux-watched', '03-translation-performance-experiment']) {
      expect(existsSync(path.join(NOTEBOOKS, `${name}.ipynb`)), name).toBe(true);
      const nb = JSON.parse(readFileSync(path.join(NOTEBOOKS, `${name}.ipynb`), 'utf8'));
      expect(nb.metadata.kernelspec.name).toBe('orrery');
      expect(nb.cells.filter((c: Cell) => c.cell_type === 'markdown').length, `${name} teaches in Markdown cells`).toBeGreaterThan(5);
    }
  });

  it('anatomy of a translated block: listing, registers, block stages, pass tables, cache table', async () => {
    const cells = await execute('01-anatomy-of-a-translated-block.ipynb');
    const seen = checkCells(cells);
    expect(seen.get('table') ?? 0).toBeGreaterThanOrEqual(8);
    const all = cells.flatMap((c) => richOutputs(c).map((o) => text(o.data?.['text/plain']))).join('\n');
    // The guest computed the population counts of 1..1000 and exited through HTIF.
    expect(all).toContain("guestS0: 4938n, expected: 4938, exitCode: 0");
    // Once hot, the inner loop's block shows its WebAssembly.
    expect(all).toMatch(/block 0x80000010: 4 guest insns \(16 B\), IR \d+ → \d+ ops, \d+ B WebAssembly/);
    expect(all).toContain('(func $tb_80000010');
  }, RUN_TIMEOUT_MS);

  it('booting Linux, watched: boots to the shell, runs uname, charts the boot, walks a page table, snapshots', async () => {
    const cells = await execute('02-booting-linux-watched.ipynb');
    const seen = checkCells(cells);
    expect(seen.get('chart') ?? 0).toBeGreaterThanOrEqual(5);
    expect(seen.get('table') ?? 0).toBeGreaterThanOrEqual(10);
    const stdout = cells.flatMap((c) => (c.outputs ?? []).filter((o) => o.name === 'stdout').map((o) => text(o.text))).join('');
    expect(stdout).toMatch(/Linux orrery \S+ .*riscv64/);
    expect(stdout).toContain('hello from the fork');
    const plain = cells.flatMap((c) => richOutputs(c).map((o) => text(o.data?.['text/plain']))).join('\n');
    expect(plain).toMatch(/\(Sv48, S-mode exec\) → 0x[0-9a-f]+ \(2 MiB page\)/);
    expect(plain).toContain('sameState: true, blocksInCache: 0');
  }, RUN_TIMEOUT_MS);

  it('translation-performance experiment: configuration recorded, every configuration agrees, results charted', async () => {
    const cells = await execute('03-translation-performance-experiment.ipynb');
    const seen = checkCells(cells);
    expect(seen.get('chart') ?? 0).toBeGreaterThanOrEqual(2);
    const plain = cells.flatMap((c) => richOutputs(c).map((o) => text(o.data?.['text/plain']))).join('\n');
    expect(plain).toMatch(/orreryCommit\s+([0-9a-f]{40}|unavailable)/);
    expect(plain).toMatch(/node\s+v\d+\.\d+\.\d+/);
    // Passes must not change what a program computes: one state per workload across all configurations.
    const agree = plain.split('\n').filter((l) => /^(sha256|qsort|crc32)\s+\d+\s+[0-9a-f]{16}…$/.test(l));
    expect(agree.map((l) => l.split(/\s+/)[1])).toEqual(['1', '1', '1']);
    // Whole runs print the checksums of workloads.json.
    expect(plain.split('\n').filter((l) => /^(sha256|qsort|crc32)\s+exit\s.*\strue$/.test(l))).toHaveLength(3);
  }, RUN_TIMEOUT_MS);
});
