import { inspect } from 'node:util';

/**
 * Rich display protocol. An object with a method under this symbol returns
 * the MIME bundle a notebook shows for it (`text/html`, `image/svg+xml`,
 * `application/vnd.vegalite.v5+json`, ...; include `text/plain` for consoles):
 *
 * ```ts
 * class Regs { [mimeBundle]() { return { 'text/html': '<table>…</table>', 'text/plain': 'x1 = 0' }; } }
 * ```
 *
 * The Orrery kernel sends it as the cell's `execute_result` when the object is
 * a cell's last value, and {@link display} sends it as `display_data`.
 */
export const mimeBundle: unique symbol = Symbol.for('orrery.mimeBundle') as never;

/** A MIME bundle: MIME type → data (a string, or a JSON value for `application/*+json` types). */
export type MimeBundle = Record<string, unknown>;

/** An object that knows how a notebook should show it. */
export interface RichDisplayable {
  [mimeBundle](): MimeBundle;
}

/**
 * Where displays go. The Jupyter kernel installs one; without it (the REPL,
 * plain Node) displays are printed as text.
 */
export interface DisplaySink {
  /** Show `bundle`; with `displayId`, later updates of that id replace it in place. */
  display(bundle: MimeBundle, displayId?: string): void;
  /** Replace the output shown under `displayId`. */
  update(bundle: MimeBundle, displayId: string): void;
}

/** The sink lives on globalThis so that two loaded copies of this module still share it. */
const SINK_KEY = Symbol.for('orrery.displaySink');

type SinkHolder = { [SINK_KEY]?: DisplaySink };

/** Install (or with `undefined`, remove) the display sink. Front ends call this; notebooks do not need to. */
export function setDisplaySink(sink: DisplaySink | undefined): void {
  (globalThis as SinkHolder)[SINK_KEY] = sink;
}

/** True when the value implements the rich display protocol. */
export function isRichDisplayable(value: unknown): value is RichDisplayable {
  return (typeof value === 'object' || typeof value === 'function') && value !== null
    && typeof (value as Partial<RichDisplayable>)[mimeBundle] === 'function';
}

/**
 * The MIME bundle of any value: its own bundle when it implements
 * {@link mimeBundle} (with `text/plain` added if missing), otherwise
 * `text/plain` as Node's `util.inspect` shows it.
 */
export function toMimeBundle(value: unknown): MimeBundle {
  if (isRichDisplayable(value)) {
    const bundle = { ...value[mimeBundle]() };
    if (!('text/plain' in bundle)) bundle['text/plain'] = plainText(value);
    return bundle;
  }
  return { 'text/plain': plainText(value) };
}

function plainText(value: unknown): string {
  return inspect(value, { colors: false });
}

let nextDisplayId = 0;

/**
 * Show `value` now, in the cell's output (as a notebook's `display_data`), and
 * return a display id that {@link updateDisplay} can replace in place. Outside
 * a notebook it prints the value's `text/plain` form.
 *
 * ```ts
 * const id = display('starting…');
 * updateDisplay(id, `${n} instructions`);
 * ```
 */
export function display(value: unknown, displayId: string = `orrery-${process.pid}-${++nextDisplayId}`): string {
  const bundle = toMimeBundle(value);
  const sink = (globalThis as SinkHolder)[SINK_KEY];
  if (sink) sink.display(bundle, displayId);
  else process.stdout.write(`${textOf(bundle)}\n`);
  return displayId;
}

/**
 * Replace what {@link display} showed under `displayId` (live progress).
 * Outside a notebook it prints the new text on a line of its own.
 */
export function updateDisplay(displayId: string, value: unknown): void {
  const bundle = toMimeBundle(value);
  const sink = (globalThis as SinkHolder)[SINK_KEY];
  if (sink) sink.update(bundle, displayId);
  else process.stdout.write(`${textOf(bundle)}\n`);
}

/** Wrap a raw bundle so it displays as itself: `display(bundleOf({ 'text/html': '<b>hi</b>' }))`. */
export function bundleOf(bundle: MimeBundle): RichDisplayable {
  return { [mimeBundle]: () => bundle };
}

function textOf(bundle: MimeBundle): string {
  const t = bundle['text/plain'];
  return typeof t === 'string' ? t : inspect(bundle);
}
