/** One history entry as Jupyter's `history_reply` carries it: [session, line, input] or [session, line, [input, output]]. */
export type HistoryEntry = [number, number, string | [string, string | null]];

/** A `history_request`'s content (messaging spec, "History"). */
export interface HistoryRequest {
  output?: boolean;
  hist_access_type?: 'range' | 'tail' | 'search';
  session?: number;
  start?: number;
  stop?: number;
  n?: number;
  pattern?: string;
  unique?: boolean;
}

/** This kernel keeps history for its own lifetime only: one session, numbered like IPython's current session. */
const SESSION = 0;

/** The cells run in this kernel, for `history_request` (tail, range and glob search). */
export class CellHistory {
  private readonly entries: { line: number; input: string; output: string | null }[] = [];

  /** Record the cell run with execution count `line`. */
  add(line: number, input: string, output: string | null = null): void {
    this.entries.push({ line, input, output });
  }

  /** Answer a history request. */
  query(req: HistoryRequest): HistoryEntry[] {
    let rows = this.entries;
    if (req.hist_access_type === 'range') {
      const start = req.start ?? 0;
      const stop = req.stop ?? Number.MAX_SAFE_INTEGER;
      rows = req.session === undefined || req.session === SESSION || req.session === 0
        ? rows.filter((r) => r.line >= start && r.line < stop) : [];
    } else if (req.hist_access_type === 'search') {
      const re = globToRegExp(req.pattern ?? '*');
      rows = rows.filter((r) => re.test(r.input));
      if (req.unique) {
        const seen = new Set<string>();
        rows = rows.filter((r) => !seen.has(r.input) && !!seen.add(r.input));
      }
      if (req.n) rows = rows.slice(-req.n);
    } else {
      rows = rows.slice(-(req.n ?? 10));
    }
    return rows.map((r) => [SESSION, r.line, req.output ? [r.input, r.output] : r.input]);
  }
}

/** IPython's history search pattern: `*` and `?` wildcards, matching the whole input. */
function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]');
  return new RegExp(`^${body}$`);
}
