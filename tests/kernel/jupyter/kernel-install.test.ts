import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findJupyter, kernelsDir } from '../../../kernel/jupyter/kernel-spec';
import { JUPYTER, JUPYTER_TEST_PACKAGES, ORRERY, requireBuilt } from './jupyter-harness';

function orrery(args: string[], env: NodeJS.ProcessEnv = process.env) {
  requireBuilt();
  return spawnSync(process.execPath, [ORRERY, ...args], { encoding: 'utf8', env });
}

describe('orrery kernel install', () => {
  it('--prefix DIR writes DIR/share/jupyter/kernels/orrery/kernel.json as jupyter kernelspec install --prefix does', () => {
    const prefix = mkdtempSync(path.join(tmpdir(), 'orrery-prefix-'));
    const r = orrery(['kernel', 'install', '--prefix', prefix]);
    expect(r.status, r.stderr).toBe(0);
    const spec = JSON.parse(readFileSync(path.join(prefix, 'share', 'jupyter', 'kernels', 'orrery', 'kernel.json'), 'utf8'));
    expect(spec.display_name).toBe('Orrery (TypeScript)');
    expect(spec.language).toBe('typescript');
    expect(spec.interrupt_mode).toBe('signal');
    expect(spec.argv).toEqual([process.execPath, ORRERY, 'kernel', 'start', '{connection_file}']);
  });

  it('is what Jupyter lists when JUPYTER_PATH points at the prefix', () => {
    if (!existsSync(JUPYTER)) throw new Error(`${JUPYTER} is missing: apt-get install ${JUPYTER_TEST_PACKAGES.client}`);
    const prefix = mkdtempSync(path.join(tmpdir(), 'orrery-prefix-'));
    expect(orrery(['kernel', 'install', '--prefix', prefix]).status).toBe(0);
    const r = spawnSync(JUPYTER, ['kernelspec', 'list', '--json'], { encoding: 'utf8', env: { ...process.env, JUPYTER_PATH: path.join(prefix, 'share', 'jupyter') } });
    expect(r.status, r.stderr).toBe(0);
    const found = JSON.parse(r.stdout).kernelspecs.orrery;
    expect(found.resource_dir).toBe(path.join(prefix, 'share', 'jupyter', 'kernels', 'orrery'));
    expect(found.spec.display_name).toBe('Orrery (TypeScript)');
  });

  it('--user installs into the Jupyter data folder ($JUPYTER_DATA_DIR first)', () => {
    const data = mkdtempSync(path.join(tmpdir(), 'orrery-data-'));
    const r = orrery(['kernel', 'install', '--user'], { ...process.env, JUPYTER_DATA_DIR: data });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(path.join(data, 'kernels', 'orrery', 'kernel.json'))).toBe(true);
  });

  it('follows jupyter_core\'s folders for --user and --sys', () => {
    expect(kernelsDir({ kind: 'user' }, { XDG_DATA_HOME: '/x/share' })).toBe('/x/share/jupyter/kernels');
    expect(kernelsDir({ kind: 'sys' })).toBe('/usr/local/share/jupyter/kernels');
    expect(kernelsDir({ kind: 'prefix', dir: '/opt/p' })).toBe('/opt/p/share/jupyter/kernels');
  });

  it('rejects an unknown option with the usage and status 2', () => {
    const r = orrery(['kernel', 'install', '--bogus']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown option --bogus/);
    expect(r.stderr).toMatch(/usage: orrery kernel install/);
  });

  it('finds no Jupyter where there is none (install then names the Debian packages)', () => {
    expect(findJupyter({ PATH: mkdtempSync(path.join(tmpdir(), 'orrery-empty-')) }, [])).toBeUndefined();
    expect(findJupyter({ PATH: '' })).toBe(existsSync(JUPYTER) ? JUPYTER : undefined);
  });
});
