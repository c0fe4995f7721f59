#!/usr/bin/env node
/**
 * Builds the notebooks (`notebooks/*.ipynb`) from their Markdown sources
 * (`notebooks/src/*.md`), so that the prose and code are reviewed as text.
 *
 * A source is a Markdown document: every fenced block opened with ```ts
 * becomes a code cell, the Markdown between code blocks a Markdown cell, and
 * a line `<!-- cell -->` splits Markdown into two cells. Words after ```ts
 * become the cell's tags (`metadata.tags`), which say what output the tests
 * expect of it: `table` (a `text/html` result), `chart` (vega-lite + SVG),
 * `stdout:TEXT` (printed output containing TEXT). Output is
 * deterministic (stable cell ids, no outputs), so the committed .ipynb can be
 * checked against its source.
 *
 *   node notebooks/build-notebooks.js           # write notebooks/*.ipynb
 *   node notebooks/build-notebooks.js --check   # exit 1 if one is out of date
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const HERE = __dirname;
const SOURCES = path.join(HERE, 'src');
const CELL_BREAK = '<!-- cell -->';
const CODE_FENCE = /^```ts(\s.*)?$/;
const FENCE_END = '```';

/** Kernel and language metadata every notebook carries (the Orrery kernel's spec name). */
const METADATA = {
  kernelspec: { name: 'orrery', display_name: 'Orrery (TypeScript)', language: 'typescript' },
  language_info: { name: 'typescript', file_extension: '.ts', mimetype: 'text/typescript' },
};

/** Split a Markdown source into cells: `{ type: 'markdown' | 'code', text, tags }`. */
function parseCells(text, file) {
  const cells = [];
  let markdown = [];
  let code;
  const flushMarkdown = () => {
    const t = markdown.join('\n').trim();
    if (t) cells.push({ type: 'markdown', text: t });
    markdown = [];
  };
  text.split('\n').forEach((line) => {
    if (code) {
      if (line.trim() === FENCE_END) {
        cells.push({ type: 'code', text: code.lines.join('\n').replace(/\s+$/, ''), tags: code.tags });
        code = undefined;
      } else {
        code.lines.push(line);
      }
    } else if (CODE_FENCE.test(line.trim())) {
      flushMarkdown();
      code = { lines: [], tags: line.trim().slice(5).split(/\s+/).filter(Boolean) };
    } else if (line.trim() === CELL_BREAK) {
      flushMarkdown();
    } else {
      markdown.push(line);
    }
  });
  if (code) throw new Error(`${file}: unterminated code block`);
  flushMarkdown();
  return cells;
}

/** nbformat stores a cell's source as a list of lines, each but the last ending in '\n'. */
function sourceLines(text) {
  const lines = text.split('\n');
  return lines.map((l, i) => (i < lines.length - 1 ? `${l}\n` : l));
}

/** The notebook (nbformat 4.5) for one source file. */
function buildNotebook(file) {
  const stem = path.basename(file, '.md');
  const cells = parseCells(fs.readFileSync(file, 'utf8'), file).map((c, i) => {
    const id = `${stem.slice(0, 40)}-${String(i).padStart(3, '0')}`;
    return c.type === 'markdown'
      ? { cell_type: 'markdown', id, metadata: {}, source: sourceLines(c.text) }
      : { cell_type: 'code', execution_count: null, id, metadata: c.tags.length ? { tags: c.tags } : {}, outputs: [], source: sourceLines(c.text) };
  });
  return { cells, metadata: METADATA, nbformat: 4, nbformat_minor: 5 };
}

/** Every source with the notebook path it builds and the JSON text it should contain. */
function buildAll() {
  return fs.readdirSync(SOURCES).filter((f) => f.endsWith('.md')).sort().map((f) => {
    const src = path.join(SOURCES, f);
    const out = path.join(HERE, `${path.basename(f, '.md')}.ipynb`);
    return { src, out, json: `${JSON.stringify(buildNotebook(src), null, 1)}\n` };
  });
}

if (require.main === module) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const { src, out, json } of buildAll()) {
    const current = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : undefined;
    if (current === json) continue;
    if (check) {
      stale++;
      console.error(`${path.relative(process.cwd(), out)} is out of date with ${path.relative(process.cwd(), src)}: run node notebooks/build-notebooks.js`);
    } else {
      fs.writeFileSync(out, json);
      console.log(`wrote ${path.relative(process.cwd(), out)}`);
    }
  }
  process.exit(stale ? 1 : 0);
}

module.exports = { parseCells, buildNotebook, buildAll };
