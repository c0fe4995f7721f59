/**
 * Devicetree source (DTS) text for a tree, in the layout `dtc -O dts` prints:
 * tabs, a blank line before each child node, cells as `<0x..>` with at least
 * two hex digits, byte strings as `[0a 1b]`.
 *
 * Two deliberate differences from `dtc -I dtb -O dts`, both because the tree
 * here is typed and dtc's is not:
 * - values print by their type: `clock-frequency = <0x384000>` rather than
 *   dtc's guess `"\08@"`, string lists as `"a", "b"` rather than `"a\0b"`;
 * - a phandle reference prints as `<&label>` and its target node gets that
 *   label (`plic: plic@c000000 {`). The target keeps its explicit
 *   `phandle = <..>` property, so `dtc -I dts -O dtb` gives back the same
 *   numbers. Labels are made from node names: the name without unit address
 *   (`plic`) when that is unique among referenced nodes, else the full name
 *   (`cpu_0`), else prefixed with parent names (`cpu_0_interrupt_controller`).
 */
import { FdtNode, FdtReservation, FdtValue, encodeFdtValue, fdtProperty } from './fdt';

/** Options of {@link formatDts}. */
export interface DtsFormatOptions {
  /** Memory reservations, printed as `/memreserve/` lines. */
  reserve?: readonly FdtReservation[];
}

const INDENT = '\t';

/** Characters printed as a backslash escape inside a DTS string. */
const STRING_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\t': '\\t',
  '\r': '\\r',
};

function cellHex(n: number): string {
  return `0x${n.toString(16).padStart(2, '0')}`;
}

function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (STRING_ESCAPES[ch] !== undefined) out += STRING_ESCAPES[ch];
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function sanitizeLabel(s: string): string {
  const label = s.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[0-9]/.test(label) ? `_${label}` : label;
}

/** The numeric phandle of a node, if it has one. */
function phandleOf(node: FdtNode): number | undefined {
  const value = fdtProperty(node, 'phandle');
  if (value?.kind !== 'u32' || value.cells.length !== 1) return undefined;
  const cell = value.cells[0];
  return typeof cell === 'number' ? cell : undefined;
}

/** Labels for the nodes that some property refers to, by phandle. */
function labelReferencedNodes(root: FdtNode): Map<number, string> {
  const referenced = new Set<number>();
  const targets: { phandle: number; ancestry: FdtNode[] }[] = [];
  const walk = (node: FdtNode, ancestry: FdtNode[]): void => {
    for (const prop of node.props) {
      if (prop.value.kind !== 'u32') continue;
      for (const cell of prop.value.cells) if (typeof cell !== 'number') referenced.add(cell.phandle);
    }
    const phandle = phandleOf(node);
    if (phandle !== undefined) targets.push({ phandle, ancestry: [...ancestry, node] });
    for (const child of node.children) walk(child, [...ancestry, node]);
  };
  walk(root, []);
  const wanted = targets.filter((t) => referenced.has(t.phandle));

  // Candidate k of a node: its base name (k = 0), full name (k = 1), then
  // prefixed with k - 1 ancestor names. Each node takes its first candidate
  // that no other referenced node shares at the same k.
  const candidate = (ancestry: FdtNode[], k: number): string => {
    const self = ancestry[ancestry.length - 1].name;
    if (k === 0) return sanitizeLabel(self.split('@')[0]);
    const names = ancestry.slice(1).map((n) => n.name);
    return sanitizeLabel(names.slice(Math.max(0, names.length - k)).join('_'));
  };
  const labels = new Map<number, string>();
  const used = new Set<string>();
  for (const target of wanted) {
    let label = '';
    for (let k = 0; k <= target.ancestry.length; k++) {
      label = candidate(target.ancestry, k);
      const shared = wanted.some((other) => other !== target && candidate(other.ancestry, k) === label);
      if (!shared) break;
    }
    let unique = label;
    for (let n = 1; used.has(unique); n++) unique = `${label}_${n}`;
    used.add(unique);
    labels.set(target.phandle, unique);
  }
  return labels;
}

function formatValue(value: FdtValue, labels: Map<number, string>): string {
  switch (value.kind) {
    case 'empty':
      return '';
    case 'u32': {
      const cells = value.cells.map((cell) => {
        if (typeof cell === 'number') return cellHex(cell);
        const label = labels.get(cell.phandle);
        return label === undefined ? cellHex(cell.phandle) : `&${label}`;
      });
      return `<${cells.join(' ')}>`;
    }
    case 'u64': {
      // As dtc prints them: each u64 as its two big-endian cells.
      const bytes = encodeFdtValue(value);
      const view = new DataView(bytes.buffer);
      const cells: string[] = [];
      for (let at = 0; at < bytes.length; at += 4) cells.push(cellHex(view.getUint32(at)));
      return `<${cells.join(' ')}>`;
    }
    case 'string':
      return quote(value.value);
    case 'strings':
      return value.values.map(quote).join(', ');
    case 'bytes':
      return `[${Array.from(value.bytes, (b) => b.toString(16).padStart(2, '0')).join(' ')}]`;
  }
}

function formatNode(node: FdtNode, depth: number, labels: Map<number, string>, lines: string[]): void {
  const pad = INDENT.repeat(depth);
  const phandle = phandleOf(node);
  const label = phandle === undefined ? undefined : labels.get(phandle);
  const name = depth === 0 ? '/' : node.name;
  lines.push(`${pad}${label === undefined ? '' : `${label}: `}${name} {`);
  for (const prop of node.props) {
    const text = formatValue(prop.value, labels);
    lines.push(text === '' ? `${pad}${INDENT}${prop.name};` : `${pad}${INDENT}${prop.name} = ${text};`);
  }
  for (const child of node.children) {
    lines.push('');
    formatNode(child, depth + 1, labels, lines);
  }
  lines.push(`${pad}};`);
}

/**
 * The tree as DTS text that `dtc -I dts -O dtb` compiles back to the same
 * blob structure. Phandle references print as `<&label>` (see the module
 * comment for how labels are chosen).
 */
export function formatDts(root: FdtNode, options: DtsFormatOptions = {}): string {
  const lines = ['/dts-v1/;', ''];
  for (const r of options.reserve ?? []) {
    lines.push(`/memreserve/\t0x${r.address.toString(16).padStart(16, '0')} 0x${r.size.toString(16).padStart(16, '0')};`);
  }
  formatNode(root, 0, labelReferencedNodes(root), lines);
  return `${lines.join('\n')}\n`;
}
