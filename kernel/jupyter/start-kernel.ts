import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CellExecutor } from './cell-executor';
import { JupyterKernel } from './jupyter-kernel';
import { ConnectionInfo, ZmqTransport } from './zmq-transport';

/** The compiled prelude module (this folder's `prelude.js` in `dist/`). */
export const PRELUDE_MODULE = path.join(__dirname, 'prelude');

/**
 * The cell the kernel runs before any other: imports the prelude by absolute
 * path (so notebooks anywhere see it, with types from its `.d.ts`) as
 * `orrery` and each of its exports by name.
 */
export function preludeCell(): string {
  const from = JSON.stringify(PRELUDE_MODULE.split(path.sep).join('/'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const names = Object.keys(require(PRELUDE_MODULE) as object).filter((n) => n !== '__esModule' && n !== 'default');
  return `import * as orrery from ${from};\nimport { ${names.join(', ')} } from ${from};\n`;
}

/**
 * Run the Orrery Jupyter kernel for the connection file Jupyter gives it:
 * the prelude first, then the sockets. Cells' stdout and stderr become
 * `stream` messages; SIGINT (Jupyter's interrupt) stops machine runs at an
 * instruction boundary and ends the running cell.
 */
export async function startKernel(connectionFile: string): Promise<void> {
  const conn = JSON.parse(readFileSync(connectionFile, 'utf8')) as ConnectionInfo;
  const stderr = process.stderr.write.bind(process.stderr);
  const log = (e: unknown) => { stderr(`orrery kernel: ${e instanceof Error ? e.stack : String(e)}\n`); };

  const executor = new CellExecutor(process.cwd());
  const prelude = await executor.execute(preludeCell());
  if (prelude.status === 'error') log(`the prelude failed; cells will need imports: ${prelude.ename}: ${prelude.evalue}`);

  const transport = new ZmqTransport(conn, log);
  const kernel = new JupyterKernel(transport, executor, () => {
    executor.close();
    transport.close();
    process.exit(0);
  });
  process.stdout.write = writeTo(kernel, 'stdout');
  process.stderr.write = writeTo(kernel, 'stderr');
  process.on('SIGINT', () => kernel.interrupt());
  // A callback that throws after its cell ended must not kill the kernel: show it where output goes.
  process.on('uncaughtException', (e) => process.stderr.write(`Uncaught ${e instanceof Error ? e.stack : String(e)}\n`));
  process.on('unhandledRejection', (e) => process.stderr.write(`Unhandled rejection: ${e instanceof Error ? e.stack : String(e)}\n`));
  await transport.start((channel, msg) => kernel.handle(channel, msg));
}

function writeTo(kernel: JupyterKernel, name: 'stdout' | 'stderr'): typeof process.stdout.write {
  return ((chunk: string | Uint8Array, encoding?: BufferEncoding | ((e?: Error) => void), cb?: (e?: Error) => void) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8');
    kernel.writeStream(name, text);
    const done = typeof encoding === 'function' ? encoding : cb;
    if (done) process.nextTick(done);
    return true;
  }) as typeof process.stdout.write;
}
