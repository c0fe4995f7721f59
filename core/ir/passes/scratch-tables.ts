/**
 * Per-temp and per-op tables for the passes, reused from one run to the
 * next: passes run on the translation hot path, and allocating fresh typed
 * arrays for every block costs more than the pass itself (V8 allocates their
 * backing stores outside the heap). Passes run one at a time and never
 * re-enter, so one pool suffices; a table is valid until the next call.
 */
const pool: Int32Array[] = [];

/**
 * `count` zero-filled tables of at least `length` entries each. Entries past
 * `length` are unspecified.
 */
export function scratchTables(count: number, length: number): Int32Array[] {
  const tables: Int32Array[] = [];
  for (let i = 0; i < count; i++) {
    let t = pool[i];
    if (!t || t.length < length) {
      t = new Int32Array(Math.max(length, 2 * (t?.length ?? 0), 256));
      pool[i] = t;
    } else {
      t.fill(0, 0, length);
    }
    tables.push(t);
  }
  return tables;
}
