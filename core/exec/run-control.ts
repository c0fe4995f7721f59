/**
 * Process-wide interrupt requests from a front end (Ctrl-C in the REPL, the
 * notebook's interrupt button). Long machine runs are sliced and check
 * {@link interruptRequestedSince} between slices, so an interrupt stops a
 * machine at an instruction boundary with its state intact and resumable.
 */
let generation = 0;
const listeners = new Set<() => void>();

/** Ask every running machine to stop at its next slice boundary. */
export function requestInterrupt(): void {
  generation++;
  for (const fn of listeners) fn();
}

/** The current interrupt generation: remember it when a run starts. */
export function interruptGeneration(): number {
  return generation;
}

/** True when {@link requestInterrupt} was called after `start` was read. */
export function interruptRequestedSince(start: number): boolean {
  return generation !== start;
}

/** Call `fn` on every interrupt request (a running machine uses it to end its current block early). Returns a remover. */
export function onInterrupt(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
