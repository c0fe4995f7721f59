/**
 * How the FDT decoder gives a type to a property's bytes. The blob has no
 * types, so they come from what the Devicetree Specification and the Linux
 * bindings say a property holds (by name), from the cell counts around it,
 * and, for names nobody defined, from the bytes themselves (as `dtc -O dts`
 * guesses, but stricter: a string list may not contain empty strings, so
 * `clock-frequency = 0x00384000` is cells, not the string "\08@").
 *
 * Every rule is lossless: a rule whose shape does not fit the length falls
 * through to the next, so re-encoding any decoded value gives the same bytes.
 */
import type { FdtCell, FdtValue } from './fdt';

/** What a property's meaning depends on, outside its own bytes. */
export interface PropertyContext {
  /** `#address-cells` / `#size-cells` of the parent (for `reg`). */
  parentAddressCells: number;
  parentSizeCells: number;
  /** `#address-cells` / `#size-cells` of the node itself (child side of `ranges`). */
  addressCells: number;
  sizeCells: number;
  /** Whether some node has this phandle. */
  hasPhandle(phandle: number): boolean;
  /** `#interrupt-cells` of the node with this phandle, if it has one. */
  interruptCells(phandle: number): number | undefined;
}

/** Properties holding exactly one phandle. */
const PHANDLE_PROPERTIES = new Set(['interrupt-parent', 'cpu', 'regmap', 'msi-parent', 'next-level-cache']);

/** Properties holding u32 cells (so printable byte patterns are not mistaken for text). */
const U32_PROPERTIES = new Set([
  '#address-cells',
  '#size-cells',
  '#interrupt-cells',
  'phandle',
  'linux,phandle',
  'clock-frequency',
  'timebase-frequency',
  'interrupts',
  'value',
  'offset',
  'mask',
  'riscv,ndev',
  'reg-shift',
  'reg-io-width',
  'current-speed',
]);

/** Properties holding raw bytes. */
const BYTE_PROPERTIES = new Set(['rng-seed', 'local-mac-address', 'mac-address']);

/** Properties that may hold a 32- or 64-bit address depending on their length. */
const ADDRESS_PROPERTIES = new Set(['linux,initrd-start', 'linux,initrd-end']);

/** String-list properties: always typed `strings`, even with one entry. */
function isStringListName(name: string): boolean {
  return name === 'compatible' || name.endsWith('-names');
}

/** The non-empty strings in `bytes` if it is a list of printable NUL-terminated strings, else null. */
function printableStrings(bytes: Uint8Array): string[] | null {
  if (bytes.length === 0 || bytes[bytes.length - 1] !== 0) return null;
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0) {
      if (current === '') return null;
      out.push(current);
      current = '';
    } else if ((b >= 0x20 && b < 0x7f) || b === 0x09 || b === 0x0a || b === 0x0d) {
      current += String.fromCharCode(b);
    } else {
      return null;
    }
  }
  return out;
}

function words(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  for (let at = 0; at < bytes.length; at += 4) out.push(view.getUint32(at));
  return out;
}

function u64s(bytes: Uint8Array): bigint[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: bigint[] = [];
  for (let at = 0; at < bytes.length; at += 8) out.push(view.getBigUint64(at));
  return out;
}

/** `interrupts-extended`: (phandle, #interrupt-cells of that node) repeated; null if the cells do not parse so. */
function interruptsExtended(cells: number[], context: PropertyContext): FdtCell[] | null {
  const out: FdtCell[] = [];
  for (let i = 0; i < cells.length; ) {
    const count = context.interruptCells(cells[i]);
    if (count === undefined || i + 1 + count > cells.length) return null;
    out.push({ phandle: cells[i] }, ...cells.slice(i + 1, i + 1 + count));
    i += 1 + count;
  }
  return out;
}

/**
 * The typed value of property `name` with blob bytes `bytes`. Order of rules:
 * empty; phandle properties; `interrupts-extended`; `reg`/`ranges` as u64s
 * when all the cell counts involved are 2; known u32, byte, address and
 * string-list names; then printable strings, u32 cells, bytes.
 */
export function inferPropertyValue(name: string, bytes: Uint8Array, context: PropertyContext): FdtValue {
  if (bytes.length === 0) return { kind: 'empty' };
  const wholeWords = bytes.length % 4 === 0;

  if (wholeWords && PHANDLE_PROPERTIES.has(name)) {
    const cells = words(bytes);
    if (cells.length === 1 && context.hasPhandle(cells[0])) return { kind: 'u32', cells: [{ phandle: cells[0] }] };
    return { kind: 'u32', cells };
  }
  if (wholeWords && name === 'interrupts-extended') {
    const cells = words(bytes);
    return { kind: 'u32', cells: interruptsExtended(cells, context) ?? cells };
  }
  if (name === 'reg' && context.parentAddressCells === 2 && context.parentSizeCells === 2 && bytes.length % 16 === 0) {
    return { kind: 'u64', values: u64s(bytes) };
  }
  if (
    (name === 'ranges' || name === 'dma-ranges') &&
    context.addressCells === 2 &&
    context.parentAddressCells === 2 &&
    context.sizeCells === 2 &&
    bytes.length % 24 === 0
  ) {
    return { kind: 'u64', values: u64s(bytes) };
  }
  if (ADDRESS_PROPERTIES.has(name) && bytes.length === 8) return { kind: 'u64', values: u64s(bytes) };
  if (BYTE_PROPERTIES.has(name)) return { kind: 'bytes', bytes: bytes.slice() };
  if (wholeWords && (U32_PROPERTIES.has(name) || ADDRESS_PROPERTIES.has(name) || name === 'reg' || name === 'ranges')) {
    return { kind: 'u32', cells: words(bytes) };
  }

  const strings = printableStrings(bytes);
  if (strings !== null) {
    if (isStringListName(name)) return { kind: 'strings', values: strings };
    return strings.length === 1 ? { kind: 'string', value: strings[0] } : { kind: 'strings', values: strings };
  }
  if (wholeWords) return { kind: 'u32', cells: words(bytes) };
  return { kind: 'bytes', bytes: bytes.slice() };
}
