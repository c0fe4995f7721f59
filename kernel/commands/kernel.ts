import * as path from 'node:path';
import { findJupyter, InstallTarget, installKernelSpec, JUPYTER_DEBIAN_PACKAGES, KERNEL_DISPLAY_NAME, KERNEL_NAME } from '../jupyter/kernel-spec';
import { UsageError } from './run';

const USAGE = `usage: orrery kernel install [--user | --sys | --prefix DIR] [--name NAME]
       orrery kernel start CONNECTION_FILE     (Jupyter runs this)`;

/** A mistake in `orrery kernel`'s command line. */
class KernelUsageError extends UsageError {
  constructor(message: string) {
    super(message);
    // The command line prints `usage` with the message; UsageError's is typed as `run`'s text.
    Object.defineProperty(this, 'usage', { value: USAGE });
  }
}

/**
 * `orrery kernel install [--user|--sys|--prefix DIR]`: register the Orrery
 * Jupyter kernel ("Orrery (TypeScript)"); `orrery kernel start FILE`: run it
 * (what the installed kernel.json asks Jupyter to do).
 */
export async function kernelCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'install') return install(rest);
  if (sub === 'start') {
    if (rest.length !== 1) throw new KernelUsageError('start takes the connection file');
    // Loaded only here: the kernel pulls in tslab's compiler and zeromq.
    const { startKernel } = require('../jupyter/start-kernel') as typeof import('../jupyter/start-kernel');
    await startKernel(rest[0]);
    return new Promise<number>(() => { /* serves until shutdown_request exits the process */ });
  }
  throw new KernelUsageError(sub ? `unknown subcommand '${sub}'` : 'no subcommand given');
}

function install(argv: string[]): number {
  let target: InstallTarget = { kind: 'user' };
  let name = KERNEL_NAME;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--user') target = { kind: 'user' };
    else if (a === '--sys') target = { kind: 'sys' };
    else if (a === '--prefix' || a.startsWith('--prefix=')) {
      const dir = a === '--prefix' ? argv[++i] : a.slice('--prefix='.length);
      if (!dir) throw new KernelUsageError('--prefix needs a folder');
      target = { kind: 'prefix', dir };
    } else if (a === '--name') {
      name = argv[++i] ?? '';
      if (!/^[a-z0-9._-]+$/i.test(name)) throw new KernelUsageError('--name takes letters, digits, ".", "_" and "-"');
    } else throw new KernelUsageError(`unknown option ${a}`);
  }
  for (const dep of ['tslab', 'zeromq']) {
    try {
      require.resolve(dep);
    } catch {
      process.stderr.write(`orrery kernel install: the npm package '${dep}' is missing: run \`npm install\` in ${path.resolve(__dirname, '..', '..', '..')}\n`);
      return 1;
    }
  }
  const dir = installKernelSpec(target, name);
  process.stdout.write(`Installed the ${KERNEL_DISPLAY_NAME} kernel '${name}' in ${dir}\n`);
  if (target.kind === 'prefix') {
    process.stdout.write(`Jupyter finds it with JUPYTER_PATH=${path.dirname(path.dirname(dir))}\n`);
  }
  if (!findJupyter()) {
    process.stdout.write(`Jupyter is not installed. On Debian or Ubuntu: sudo apt-get install ${JUPYTER_DEBIAN_PACKAGES.join(' ')}\n`);
  }
  return 0;
}
