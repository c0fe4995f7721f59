/**
 * The addresses of the entries of a cache table (a hart's TLB, its jump
 * cache) written since the table was last emptied, up to a bound. Emptying
 * then rewrites only those entries: Linux empties them thousands of times in
 * a boot with a few dozen written in between, and rewriting a whole table
 * each time cost about a gigabyte of `memset`. Past the bound, or before the
 * first full emptying, the log is {@link lost} and the whole table must go.
 */
export class EntryLog {
  /** Entry addresses, in the order written; valid below {@link count}. */
  readonly entries: Int32Array;
  /** Entries logged, or -1 when the log lost track. */
  count = -1;

  constructor(readonly capacity: number) {
    this.entries = new Int32Array(capacity);
  }

  /** True when the whole table must be emptied. */
  get lost(): boolean {
    return this.count < 0;
  }

  /** Log entry `e`; returns its index in the log, or -1 when the log lost track (now or before). */
  add(e: number): number {
    if (this.count < 0) return -1;
    if (this.count === this.capacity) {
      this.count = -1;
      return -1;
    }
    this.entries[this.count] = e;
    return this.count++;
  }

  /** The table was emptied: start again. */
  reset(): void {
    this.count = 0;
  }
}
