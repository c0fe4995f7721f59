import ts from 'typescript';

/** What one REPL input becomes: JavaScript for Node's evaluator, a request for more lines, or a syntax error. */
export type ReplInput =
  | { kind: 'js'; code: string }
  | { kind: 'incomplete'; message: string }
  | { kind: 'error'; message: string };

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  // No module transform: imports are rewritten into `var … = require(…)` beforehand (see rewriteImports).
  module: ts.ModuleKind.ESNext,
  alwaysStrict: false,
  esModuleInterop: true,
  removeComments: false,
  sourceMap: false,
};

/**
 * Turn one REPL input (TypeScript) into JavaScript that Node's REPL evaluator
 * runs as is, so top-level `await`, `breakEvalOnSigint` and live completion
 * keep working. Types are erased (no type checking: a REPL line runs even if
 * a type is wrong), `import` declarations become `var` bindings from
 * `require` (so importing again is harmless), and input that ends early
 * (`function f() {`) asks for more lines instead of failing.
 */
export function transpileReplInput(source: string): ReplInput {
  if (source.trim() === '') return { kind: 'js', code: source };
  // `{ a: 1 }` alone is an object literal at a prompt, not a block: try it as an expression first (as Node does).
  if (/^\s*\{/.test(source) && !/;\s*$/.test(source)) {
    const wrapped = compile(`(${source.trim()})\n`);
    if (wrapped.kind === 'js') return wrapped;
  }
  return compile(source);
}

function compile(source: string): ReplInput {
  const check = ts.transpileModule(source, { compilerOptions: COMPILER_OPTIONS, reportDiagnostics: true, fileName: 'repl.ts' });
  if (check.diagnostics && check.diagnostics.length > 0) return syntaxProblem(source, check.diagnostics[0]);
  const sf = ts.createSourceFile('repl.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const rewritten = rewriteImports(sf);
  const out = ts.transpileModule(rewritten, { compilerOptions: COMPILER_OPTIONS, reportDiagnostics: true, fileName: 'repl.ts' });
  if (out.diagnostics && out.diagnostics.length > 0) return syntaxProblem(rewritten, out.diagnostics[0]);
  // A script without imports or exports gets no module prologue; drop the `export {}` TypeScript may add.
  const code = out.outputText.replace(/^export \{\};\s*$/m, '');
  return { kind: 'js', code };
}

/** TypeScript's diagnostic code for "Unterminated string literal". */
const UNTERMINATED_STRING = 1002;

function syntaxProblem(source: string, d: ts.Diagnostic): ReplInput {
  const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  const start = d.start ?? 0;
  // An open string cannot continue on the next line; an open block, call or template can.
  if (start >= source.trimEnd().length && d.code !== UNTERMINATED_STRING) return { kind: 'incomplete', message: text };
  const before = source.slice(0, start).split('\n');
  return { kind: 'error', message: `${text} (line ${before.length}, column ${before[before.length - 1].length + 1})` };
}

/** Replace each top-level import declaration with `var` bindings from `require`, keeping everything else as written. */
function rewriteImports(sf: ts.SourceFile): string {
  const edits: { start: number; end: number; text: string }[] = [];
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      edits.push({ start: st.getStart(sf), end: st.getEnd(), text: importAsRequire(st, st.moduleSpecifier.text) });
    } else if (ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference)
      && ts.isStringLiteral(st.moduleReference.expression)) {
      const text = st.isTypeOnly ? '' : `var ${st.name.text} = require(${JSON.stringify(st.moduleReference.expression.text)});`;
      edits.push({ start: st.getStart(sf), end: st.getEnd(), text });
    }
  }
  let out = sf.text;
  for (const e of edits.reverse()) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function importAsRequire(st: ts.ImportDeclaration, spec: string): string {
  const req = `require(${JSON.stringify(spec)})`;
  const clause = st.importClause;
  if (!clause) return `${req};`;
  if (clause.isTypeOnly) return '';
  const parts: string[] = [];
  if (clause.name) parts.push(`var ${clause.name.text} = ((m) => m && m.__esModule ? m.default : m)(${req});`);
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) parts.push(`var ${bindings.name.text} = ${req};`);
  if (bindings && ts.isNamedImports(bindings)) {
    const names = bindings.elements
      .filter((e) => !e.isTypeOnly)
      .map((e) => (e.propertyName ? `${e.propertyName.text}: ${e.name.text}` : e.name.text));
    if (names.length > 0) parts.push(`var { ${names.join(', ')} } = ${req};`);
  }
  return parts.join(' ');
}
