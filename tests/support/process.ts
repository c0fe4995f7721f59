import { spawn, SpawnOptions } from 'node:child_process';

/** What a finished process left. */
export interface ProcessResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The spawn itself failed (command not found). */
  error?: Error;
}

/**
 * Run a command to completion without blocking the event loop (a long
 * `spawnSync` starves vitest's worker RPC: "Timeout calling onTaskUpdate").
 * `input` is written to stdin and closed; `timeout` kills it with SIGKILL.
 */
export function runProcess(
  command: string, args: string[], options: SpawnOptions & { input?: string; timeout?: number } = {},
): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const { input, timeout, ...spawnOptions } = options;
    const child = spawn(command, args, { ...spawnOptions, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let failed: Error | undefined;
    child.stdout!.on('data', (d: Buffer) => out.push(d));
    child.stderr!.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e) => { failed = e; });
    const timer = timeout ? setTimeout(() => child.kill('SIGKILL'), timeout) : undefined;
    child.on('close', (status, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ status, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), error: failed });
    });
    child.stdin!.on('error', () => {}); // a child that exits without reading its input
    child.stdin!.end(input ?? '');
  });
}
