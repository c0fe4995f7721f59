import type { TopLevelSpec } from 'vega-lite';
import { mimeBundle, MimeBundle } from '../display';

/** A vega-lite spec without its data: the chart functions add the rows as inline values. */
export type ChartSpec = Omit<TopLevelSpec, 'data' | '$schema'> & Record<string, unknown>;

/** A row of chart data: plain JSON values (convert bigints, e.g. pcs to hex strings, first). */
export type ChartRow = Record<string, string | number | boolean | null>;

/** The vega-lite version of the specs (the `application/vnd.vegalite.v5+json` MIME type). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';
const VEGA_LITE_MIME = 'application/vnd.vegalite.v5+json';

/**
 * A chart: a vega-lite spec with its data inline, the same data as plain
 * rows, and its SVG rendering. A notebook shows it as one bundle (vega-lite
 * for JupyterLab, SVG for everything else, a one-line summary for the REPL).
 */
export class Chart<R extends ChartRow = ChartRow> {
  constructor(
    /** The complete vega-lite spec; `spec.data.values` are the rows. */
    readonly spec: TopLevelSpec,
    /** The chart's data as plain rows. */
    readonly rows: R[],
    /** The rendering as SVG text. */
    readonly svg: string,
    /** One line saying what the chart shows. */
    readonly summary: string,
  ) {}

  toString(): string {
    return this.summary;
  }

  [mimeBundle](): MimeBundle {
    // No text/html: notebooks would prefer it over the SVG and the vega-lite spec.
    return { [VEGA_LITE_MIME]: this.spec, 'image/svg+xml': this.svg, 'text/plain': this.summary };
  }
}

/**
 * The vega and vega-lite modules, loaded on first use (about 200 ms): views
 * and the REPL start without them. Version 5 of both is CommonJS and renders
 * SVG in Node without a canvas.
 */
function renderers(): { vega: typeof import('vega'); vegaLite: typeof import('vega-lite') } {
  return { vega: require('vega') as typeof import('vega'), vegaLite: require('vega-lite') as typeof import('vega-lite') };
}

/** Compile a vega-lite spec to vega; throws with vega-lite's message when the spec is wrong. */
export function compileVegaLite(spec: TopLevelSpec): object {
  return renderers().vegaLite.compile(spec).spec;
}

/** Render a complete vega-lite spec to SVG text, headless. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const { vega } = renderers();
  const view = new vega.View(vega.parse(compileVegaLite(spec) as import('vega').Spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Make a chart from a vega-lite spec and rows: the rows become the spec's
 * inline data, and the spec is rendered to SVG. Await it (rendering is
 * asynchronous in vega); the notebook shows the resolved chart.
 *
 * ```ts
 * await chart({ mark: 'bar', encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative' } } },
 *             [{ k: 'a', v: 1 }, { k: 'b', v: 3 }])
 * ```
 */
export async function chart<R extends ChartRow>(spec: ChartSpec, rows: R[], summary?: string): Promise<Chart<R>> {
  rows.forEach((r, i) => {
    for (const [k, v] of Object.entries(r)) {
      if (typeof v === 'bigint') throw new TypeError(`row ${i}, field '${k}' is a bigint: vega-lite data must be JSON (write it as a string or number)`);
    }
  });
  const full = { $schema: VEGA_LITE_SCHEMA, ...spec, data: { values: rows } } as TopLevelSpec;
  let svg: string;
  try {
    // vega tags the data objects it ingests: render a copy so the spec and rows stay plain JSON.
    svg = await renderSvg(structuredClone(full));
  } catch (e) {
    throw new Error(`the vega-lite spec does not render: ${e instanceof Error ? e.message : String(e)}`);
  }
  const title = typeof spec.title === 'string' ? spec.title : 'chart';
  return new Chart(full, rows, svg, summary ?? `${title} (${rows.length} rows)`);
}
