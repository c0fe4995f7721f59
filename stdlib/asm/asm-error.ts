import { mimeBundle, type MimeBundle } from '../display';

/** One problem found in a program: where it is and what is wrong. */
export interface AsmDiagnostic {
  /** 1-based source line. */
  readonly line: number;
  /** 1-based column of the offending token. */
  readonly column: number;
  /** What is wrong, without the position: `unknown register 'x32'`. */
  readonly reason: string;
  /** The whole source line, for the caret display. */
  readonly sourceLine: string;
}

/** `3:12: unknown register 'x32'`. */
export function diagnosticHeadline(d: AsmDiagnostic): string {
  return `${d.line}:${d.column}: ${d.reason}`;
}

/** The headline, the source line and a caret under the column (tabs kept so the caret lines up). */
export function diagnosticText(d: AsmDiagnostic): string {
  const pad = d.sourceLine.slice(0, Math.max(0, d.column - 1)).replace(/[^\t]/g, ' ');
  return `${diagnosticHeadline(d)}\n  ${d.sourceLine}\n  ${pad}^`;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * An assembly program with errors. All of the program's problems are
 * collected and reported together in {@link AsmError.errors}; `line`,
 * `column` and `reason` are those of the first. The message holds every
 * problem as `line:column: reason`, its source line and a caret.
 *
 * @example
 * try { assemble('addi a0, x32, 1') } catch (e) { (e as AsmError).message }
 * // 1:10: unknown register 'x32'
 * //   addi a0, x32, 1
 * //            ^
 */
export class AsmError extends Error {
  /** Every problem found, in source order. */
  readonly errors: readonly AsmDiagnostic[];
  /** Line of the first problem (1-based). */
  readonly line: number;
  /** Column of the first problem (1-based). */
  readonly column: number;
  /** The first problem's one-line message with its position: `3:12: unknown register 'x32'`. */
  readonly headline: string;

  constructor(errors: readonly AsmDiagnostic[]) {
    if (errors.length === 0) throw new Error('AsmError needs at least one diagnostic');
    super(errors.map(diagnosticText).join('\n'));
    this.name = 'AsmError';
    this.errors = errors;
    this.line = errors[0].line;
    this.column = errors[0].column;
    this.headline = diagnosticHeadline(errors[0]);
  }

  /** Notebook display: each problem with its source line and caret. */
  [mimeBundle](): MimeBundle {
    const rows = this.errors.map((d) => {
      const pad = escapeHtml(d.sourceLine.slice(0, Math.max(0, d.column - 1))).replace(/[^\t]/g, ' ');
      return `<div><b>${d.line}:${d.column}</b>: ${escapeHtml(d.reason)}<pre style="margin:0">${escapeHtml(d.sourceLine)}\n${pad}^</pre></div>`;
    });
    return { 'text/plain': this.message, 'text/html': `<div class="orrery-asm-error" style="color:#a00">${rows.join('')}</div>` };
  }
}

/**
 * A problem at a column of the statement being assembled; the assembler
 * catches it and records it with the line (internal to the assembler).
 */
export class ColumnError extends Error {
  constructor(readonly column: number, readonly reason: string) {
    super(reason);
  }
}
