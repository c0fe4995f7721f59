/**
 * A table as both front ends show it: fixed-width text for the REPL and a
 * self-contained HTML table (inline styles, no scripts) for notebooks. Every
 * view builds its output from this, so all views look alike.
 */

/** One column: its header, how a row shows in it, and alignment. */
export interface Column<R> {
  readonly header: string;
  /** The cell's text (escaped for HTML by the table). */
  readonly cell: (row: R) => string;
  /** Numbers and addresses read best right-aligned (default 'left'). */
  readonly align?: 'left' | 'right';
  /** Keep line breaks and spaces (listings); default false. */
  readonly pre?: boolean;
}

/** Inline styles of the HTML tables: one table, so the views share a look. */
export const TABLE_STYLE = {
  table: 'border-collapse:collapse;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px',
  th: 'text-align:left;padding:2px 8px;border-bottom:1px solid #999;background:#f3f3f3',
  td: 'padding:1px 8px;border-bottom:1px solid #eee;vertical-align:top',
  /** A changed value (registers since the last look) or the current line (pc). */
  highlight: 'background:#fff3b0;font-weight:bold',
  caption: 'caption-side:top;text-align:left;font-weight:bold;padding:4px 0',
  pre: 'margin:0;white-space:pre;font-family:inherit',
} as const;

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Rows as fixed-width text: a header line, a rule, one line per row. Cells
 * with line breaks are shown on one line (`⏎`): use {@link sideBySide} for listings.
 */
export function textTable<R>(columns: readonly Column<R>[], rows: readonly R[], title?: string): string {
  const cells = rows.map((r) => columns.map((c) => c.cell(r).replace(/\n/g, '⏎')));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i].length)));
  const line = (values: string[]) => values
    .map((v, i) => (columns[i].align === 'right' ? v.padStart(widths[i]) : v.padEnd(widths[i])))
    .join('  ')
    .trimEnd();
  const out = [line(columns.map((c) => c.header)), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)];
  if (title) out.unshift(title);
  return out.join('\n');
}

/** Rows as an HTML table; `highlight(row)` marks a row (or per-column with `highlightCell`). */
export function htmlTable<R>(
  columns: readonly Column<R>[],
  rows: readonly R[],
  options: { title?: string; highlightRow?: (row: R) => boolean; highlightCell?: (row: R, column: number) => boolean } = {},
): string {
  const head = columns.map((c) => `<th style="${TABLE_STYLE.th}">${escapeHtml(c.header)}</th>`).join('');
  const body = rows.map((r) => {
    const rowHot = options.highlightRow?.(r) ?? false;
    const tds = columns.map((c, i) => {
      const hot = rowHot || (options.highlightCell?.(r, i) ?? false);
      const align = c.align === 'right' ? ';text-align:right' : '';
      const text = escapeHtml(c.cell(r));
      const content = c.pre ? `<pre style="${TABLE_STYLE.pre}">${text}</pre>` : text;
      return `<td style="${TABLE_STYLE.td}${align}${hot ? `;${TABLE_STYLE.highlight}` : ''}">${content}</td>`;
    }).join('');
    return `<tr>${tds}</tr>`;
  }).join('');
  const caption = options.title ? `<caption style="${TABLE_STYLE.caption}">${escapeHtml(options.title)}</caption>` : '';
  return `<table style="${TABLE_STYLE.table}">${caption}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/**
 * Multi-line listings next to each other as fixed-width text (a block's guest
 * code, IR and WebAssembly): each column as wide as its longest line, up to `maxWidth`.
 */
export function sideBySide(columns: readonly { header: string; text: string }[], maxWidth = 60): string {
  // Tabs (objdump's mnemonic/operand separator) would break the alignment: one space each.
  const lines = columns.map((c) => c.text.replace(/\t/g, ' ').split('\n'));
  const widths = columns.map((c, i) => Math.min(maxWidth, Math.max(c.header.length, ...lines[i].map((l) => l.length))));
  const height = Math.max(...lines.map((l) => l.length));
  const fit = (s: string, w: number) => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
  const out = [
    columns.map((c, i) => fit(c.header, widths[i])).join(' │ ').trimEnd(),
    widths.map((w) => '─'.repeat(w)).join('─┼─'),
  ];
  for (let y = 0; y < height; y++) out.push(lines.map((l, i) => fit(l[y] ?? '', widths[i])).join(' │ ').trimEnd());
  return out.join('\n');
}
