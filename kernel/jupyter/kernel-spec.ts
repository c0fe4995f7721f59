import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The kernel's name in Jupyter (`--kernel orrery`) and what notebooks' menus show. */
export const KERNEL_NAME = 'orrery';
export const KERNEL_DISPLAY_NAME = 'Orrery (TypeScript)';

/** Debian packages that provide Jupyter itself (client, nbconvert, the classic Notebook, console). */
export const JUPYTER_DEBIAN_PACKAGES = ['jupyter-client', 'jupyter-nbconvert', 'python3-nbclient', 'python3-ipykernel', 'jupyter-notebook', 'jupyter-console'];

/** A Jupyter kernel spec (`kernel.json`). */
export interface KernelSpec {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode: 'signal' | 'message';
  env: Record<string, string>;
  metadata: Record<string, unknown>;
}

/** Where to install: Jupyter's user data folder, the system-wide one, or `PREFIX/share/jupyter`. */
export type InstallTarget = { kind: 'user' } | { kind: 'sys' } | { kind: 'prefix'; dir: string };

/** The project root (this file is `dist/kernel/jupyter/kernel-spec.js` once compiled). */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');

/** The spec that starts this checkout's kernel with this Node: `node bin/orrery.js kernel start {connection_file}`. */
export function kernelSpec(root = PROJECT_ROOT): KernelSpec {
  return {
    argv: [process.execPath, path.join(root, 'bin', 'orrery.js'), 'kernel', 'start', '{connection_file}'],
    display_name: KERNEL_DISPLAY_NAME,
    language: 'typescript',
    // SIGINT is what stops a running machine at a slice boundary.
    interrupt_mode: 'signal',
    env: {},
    metadata: { debugger: false },
  };
}

/**
 * The `kernels` folder for `target`, following jupyter_core's paths on Linux:
 * user = `$JUPYTER_DATA_DIR` or `$XDG_DATA_HOME/jupyter` (default
 * `~/.local/share/jupyter`); sys = `/usr/local/share/jupyter` (where
 * `jupyter kernelspec install` puts system-wide kernels); prefix =
 * `PREFIX/share/jupyter` (as `jupyter kernelspec install --prefix`).
 */
export function kernelsDir(target: InstallTarget, env: NodeJS.ProcessEnv = process.env): string {
  switch (target.kind) {
    case 'user': {
      const data = env.JUPYTER_DATA_DIR || path.join(env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share'), 'jupyter');
      return path.join(data, 'kernels');
    }
    case 'sys':
      return path.join('/usr/local/share/jupyter', 'kernels');
    case 'prefix':
      return path.join(path.resolve(target.dir), 'share', 'jupyter', 'kernels');
  }
}

/** Write `kernel.json` for {@link KERNEL_NAME} (or `name`) under `target`; returns the kernel's folder. */
export function installKernelSpec(target: InstallTarget, name = KERNEL_NAME, spec = kernelSpec()): string {
  const dir = path.join(kernelsDir(target), name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'kernel.json'), `${JSON.stringify(spec, null, 2)}\n`);
  return dir;
}

/** A working `jupyter` command (Debian's `/usr/bin/jupyter` first, then PATH), or undefined when Jupyter is not installed. */
export function findJupyter(env: NodeJS.ProcessEnv = process.env, systemDirs = ['/usr/bin']): string | undefined {
  const dirs = [...systemDirs, ...(env.PATH ?? '').split(path.delimiter).filter(Boolean)];
  for (const d of dirs) {
    const p = path.join(d, 'jupyter');
    try {
      accessSync(p, constants.X_OK);
    } catch {
      continue;
    }
    // A pyenv shim or a broken virtualenv can exist without Jupyter behind it.
    if (spawnSync(p, ['--version'], { stdio: 'ignore', timeout: 20_000 }).status === 0) return p;
  }
  return undefined;
}
