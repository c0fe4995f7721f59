import { buildGuest } from './guest';

/**
 * Build the guest programs once, in the main process, before any test file
 * runs: a long synchronous `make` inside a worker starves vitest's RPC
 * ("Timeout calling onTaskUpdate"). Test files still call buildGuest(),
 * which then finds everything up to date.
 */
export default function setup(): void {
  buildGuest();
}
