/**
 * Per-temp and per-op tables for the passes, reused from one run to the
 * next: passes run on the translation hot path, and allocating fresh typed
 * arrays for every block costs more than the pass itself (V8 allocates their
 * backing stores outside the heap). Passes run one at a time and never
 * re-enter, so one pool suffices; a table is valid until the next call.
 */
const pool: Int32Array[] = [];

/**
 * Table number `index` of the pool, zero-filled over its first `length`
 * entries (entries past `length` are unspecified). No array is made per call,
 * unlike {@link scratchTables}.
 */
export function scratchTable(index: number, length: number): Int32Array {
  let t = pool[index];
  if (t === undefined || t.length < length) {
    t = new Int32Array(Math.max(length, 2 * (t?.length ?? 0), 256));
    pool[index] = t;
  } else if (length <= 64) {
    for (let i = 0; i < length; i++) t[i] = 0; // cheaper than fill()'s call for a typical block
  } else {
    t.fill(0, 0, length);
  }
  return t;
}

/**
 * `count` zero-filled tables of at least `length` entries each (tables
 * 0..count-1 of the pool). Entries past `length` are unspecified.
 */
export function scratchTables(count: number, length: number): Int32Array[] {
  const tables: Int32Array[] = [];
  for (let i = 0; i < count; i++) tables.push(scratchTable(i, length));
  return tables;
}
