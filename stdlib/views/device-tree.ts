import { formatDts } from '../../core/devicetree/dts';
import { FdtNode, FdtValue, findFdtNode } from '../../core/devicetree/fdt';
import { RiscvMachine } from '../../core/machine/riscv-machine';
import { mimeBundle, MimeBundle } from '../display';
import { escapeHtml, TABLE_STYLE } from './table';

/** One property of the device tree as a plain row. */
export interface DeviceTreeRow {
  /** Path of the node (`/soc/serial@10000000`). */
  path: string;
  property: string;
  /** The value as DTS writes it (`<0x0a>`, `"ns16550a"`). */
  value: string;
}

/** A machine's device tree: nested nodes in HTML, DTS source as text. */
export class DeviceTreeView {
  constructor(
    /** The node shown (the root, or a subtree). */
    readonly node: FdtNode,
    /** Its path. */
    readonly path: string,
  ) {}

  /** Every property of the (sub)tree as rows. */
  get rows(): DeviceTreeRow[] {
    const out: DeviceTreeRow[] = [];
    const walk = (n: FdtNode, path: string) => {
      for (const p of n.props) out.push({ path, property: p.name, value: dtsValue(p.value) });
      for (const c of n.children) walk(c, path === '/' ? `/${c.name}` : `${path}/${c.name}`);
    };
    walk(this.node, this.path);
    return out;
  }

  /** The subtree at `path` (`'/soc/serial@10000000'`, or a node name such as `'serial@10000000'` found anywhere). */
  find(path: string): DeviceTreeView {
    return subtree(this.node, this.path, path);
  }

  toString(): string {
    if (this.path === '/') return formatDts(this.node);
    // The subtree as a child of an empty root, without the root's lines and one level of indentation.
    const dts = formatDts({ name: '', props: [], children: [this.node] }).split('\n');
    const body = dts.slice(dts.indexOf('/ {') + 1, dts.lastIndexOf('};')).filter((l, i) => i > 0 || l !== '');
    return `${this.path}:\n${body.map((l) => l.replace(/^\t/, '')).join('\n')}`;
  }

  [mimeBundle](): MimeBundle {
    return { 'text/plain': this.toString(), 'text/html': `<div style="${TABLE_STYLE.table}">${nodeHtml(this.node, this.path, 0)}</div>` };
  }
}

/** Nodes open down to this depth in the HTML form; deeper ones start folded. */
const OPEN_DEPTH = 2;

function nodeHtml(n: FdtNode, path: string, depth: number): string {
  const props = n.props.length === 0 ? '' : `<table style="border-collapse:collapse;margin-left:12px">${n.props.map((p) =>
    `<tr><td style="${TABLE_STYLE.td};color:#555">${escapeHtml(p.name)}</td><td style="${TABLE_STYLE.td}">${escapeHtml(dtsValue(p.value))}</td></tr>`).join('')}</table>`;
  const kids = n.children.map((c) => nodeHtml(c, path === '/' ? `/${c.name}` : `${path}/${c.name}`, depth + 1)).join('');
  return `<details${depth < OPEN_DEPTH ? ' open' : ''} style="margin-left:${depth ? 12 : 0}px"><summary title="${escapeHtml(path)}"><b>${escapeHtml(n.name || '/')}</b></summary>${props}${kids}</details>`;
}

/** A property value as DTS writes it. */
export function dtsValue(v: FdtValue): string {
  switch (v.kind) {
    case 'empty': return '';
    case 'u32': return `<${v.cells.map((c) => (typeof c === 'number' ? `0x${c.toString(16).padStart(2, '0')}` : `&phandle-${c.phandle}`)).join(' ')}>`;
    case 'u64': return `<${v.values.map((x) => `0x${(x >> 32n).toString(16).padStart(2, '0')} 0x${(x & 0xffffffffn).toString(16).padStart(2, '0')}`).join(' ')}>`;
    case 'string': return JSON.stringify(v.value);
    case 'strings': return v.values.map((s) => JSON.stringify(s)).join(', ');
    case 'bytes': return `[${Array.from(v.bytes, (b) => b.toString(16).padStart(2, '0')).join(' ')}]`;
  }
}

function subtree(root: FdtNode, rootPath: string, path: string): DeviceTreeView {
  if (path.startsWith('/')) {
    const rel = rootPath === '/' ? path : path.startsWith(rootPath) ? path.slice(rootPath.length) || '/' : undefined;
    const node = rel === undefined ? undefined : findFdtNode(root, rel);
    if (!node) throw new RangeError(`no node ${path} in the device tree${nearby(root)}`);
    return new DeviceTreeView(node, path);
  }
  const found: { node: FdtNode; path: string }[] = [];
  const walk = (n: FdtNode, p: string) => {
    if (n.name === path || n.name.split('@')[0] === path) found.push({ node: n, path: p });
    for (const c of n.children) walk(c, p === '/' ? `/${c.name}` : `${p}/${c.name}`);
  };
  walk(root, rootPath);
  if (found.length === 0) throw new RangeError(`no node named '${path}' in the device tree${nearby(root)}`);
  if (found.length > 1) throw new RangeError(`'${path}' names ${found.length} nodes: ${found.map((f) => f.path).join(', ')}; give a full path`);
  return new DeviceTreeView(found[0].node, found[0].path);
}

function nearby(root: FdtNode): string {
  const names = root.children.flatMap((c) => [c.name, ...c.children.map((g) => `${c.name}/${g.name}`)]);
  return ` (it has ${names.slice(0, 12).map((n) => `/${n}`).join(', ')}${names.length > 12 ? ', …' : ''})`;
}

/**
 * The device tree the machine gave its firmware (the virt machine; a
 * bare-metal Spike machine has none): nested, foldable nodes in a notebook,
 * DTS source in the REPL. `path` picks a subtree by path or node name:
 *
 * ```ts
 * deviceTree(m)
 * deviceTree(m, 'serial')            // or '/soc/serial@10000000'
 * ```
 */
export function deviceTree(m: RiscvMachine, path?: string): DeviceTreeView {
  const tree = (m as { deviceTree?: FdtNode }).deviceTree;
  if (!tree) throw new TypeError(`this ${m.constructor.name} has no device tree (the virt machine has one: new VirtMachine(...))`);
  const root = new DeviceTreeView(tree, '/');
  return path === undefined ? root : root.find(path);
}
