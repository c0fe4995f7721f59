/**
 * The flattened devicetree (FDT, "DTB"): the tree as typed data, and the
 * version-17 blob that firmware and kernels read (Devicetree Specification
 * v0.4, chapter 5).
 *
 * A blob is a 40-byte header, the memory reservation block (pairs of u64
 * address/size, ended by a 0/0 pair), the structure block (a token stream:
 * FDT_BEGIN_NODE name, FDT_PROP len nameoff value, FDT_END_NODE, FDT_END) and
 * the strings block (NUL-terminated property names that FDT_PROP points
 * into). All integers are big-endian.
 *
 * The blob itself carries no types: a property is just bytes. {@link FdtNode}
 * keeps the type the tree's author meant (cells, u64s, strings, bytes,
 * phandle references) so that the DTS printer and a notebook can show it; the
 * decoder recovers the types from the property names and the surrounding
 * `#address-cells`/`#size-cells`/`#interrupt-cells` (see `fdt-property-types`).
 */
import { inferPropertyValue, PropertyContext } from './fdt-property-types';

/** Numbers of the FDT format, named as in the Devicetree Specification. */
export const FDT = {
  /** Header `magic`. */
  MAGIC: 0xd00dfeed,
  /** The version this encoder writes. */
  VERSION: 17,
  /** `last_comp_version` written: a version-16 reader can read the blob. */
  LAST_COMP_VERSION: 16,
  /** Oldest version the decoder accepts (has `size_dt_strings`). */
  OLDEST_READABLE_VERSION: 16,
  /** Header size in bytes for version 17 (ten u32 fields). */
  HEADER_SIZE: 40,
  /** The memory reservation block is 8-byte aligned; entries are 16 bytes. */
  RESERVE_ALIGN: 8,
  RESERVE_ENTRY_SIZE: 16,
  /** Structure block tokens are 4-byte aligned. */
  TOKEN_ALIGN: 4,
  FDT_BEGIN_NODE: 0x1,
  FDT_END_NODE: 0x2,
  FDT_PROP: 0x3,
  FDT_NOP: 0x4,
  FDT_END: 0x9,
} as const;

/** Byte offsets of the header fields. */
const HEADER = {
  magic: 0,
  totalsize: 4,
  off_dt_struct: 8,
  off_dt_strings: 12,
  off_mem_rsvmap: 16,
  version: 20,
  last_comp_version: 24,
  boot_cpuid_phys: 28,
  size_dt_strings: 32,
  size_dt_struct: 36,
} as const;

/** A cell that holds the phandle of another node (printed as `<&label>` in DTS). */
export interface FdtPhandleRef {
  readonly phandle: number;
}

/** One 32-bit cell: a number, or a reference to a node's phandle. */
export type FdtCell = number | FdtPhandleRef;

/**
 * A typed property value. The encoded bytes are: `u32` one big-endian word per
 * cell; `u64` two words per value; `string` UTF-8 and a NUL; `strings` each
 * string and its NUL; `bytes` as is; `empty` nothing (a boolean property).
 */
export type FdtValue =
  | { readonly kind: 'empty' }
  | { readonly kind: 'u32'; readonly cells: readonly FdtCell[] }
  | { readonly kind: 'u64'; readonly values: readonly bigint[] }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'strings'; readonly values: readonly string[] }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array };

/** A property: its name and typed value. Order within a node is kept. */
export interface FdtProperty {
  name: string;
  value: FdtValue;
}

/**
 * A devicetree node. `name` is the node name with its unit address
 * (`serial@10000000`); the root's name is the empty string. Properties and
 * children keep their order, which is also the order in the blob.
 */
export interface FdtNode {
  name: string;
  props: FdtProperty[];
  children: FdtNode[];
}

/** One entry of the memory reservation block: memory the OS must not use. */
export interface FdtReservation {
  address: bigint;
  size: bigint;
}

/** Options of {@link encodeFdt}. */
export interface FdtEncodeOptions {
  /** Header `boot_cpuid_phys`: the hart that boots (default 0). */
  bootCpuId?: number;
  /** Memory reservation block entries (default none). */
  reserve?: readonly FdtReservation[];
  /**
   * Strings to lay out first in the strings block, in this order, before the
   * names found in the tree. Pass {@link DecodedFdt.strings} to reproduce
   * another writer's strings block (libfdt writes names in the order the
   * properties were created, not in tree order).
   */
  strings?: readonly string[];
}

/** The header fields of a blob, as read. */
export interface FdtHeader {
  magic: number;
  totalsize: number;
  off_dt_struct: number;
  off_dt_strings: number;
  off_mem_rsvmap: number;
  version: number;
  last_comp_version: number;
  boot_cpuid_phys: number;
  size_dt_strings: number;
  size_dt_struct: number;
}

/** What {@link decodeFdt} returns. */
export interface DecodedFdt {
  root: FdtNode;
  /** Header `boot_cpuid_phys`. */
  bootCpuId: number;
  reserve: FdtReservation[];
  header: FdtHeader;
  /** The strings block split at its NULs, in blob order. */
  strings: string[];
}

/** A blob the decoder cannot read; `offset` is the byte offset in the blob where the problem is. */
export class FdtDecodeError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`FDT: ${message} (at byte offset 0x${offset.toString(16)})`);
    this.name = 'FdtDecodeError';
  }
}

/** A tree that cannot be written as a blob (bad name, dangling phandle, value out of range). */
export class FdtEncodeError extends Error {
  constructor(message: string) {
    super(`FDT: ${message}`);
    this.name = 'FdtEncodeError';
  }
}

// ---- building a tree -------------------------------------------------------

/** A node from its name, properties (`[name, value]` pairs, in order) and children. */
export function fdtNode(
  name: string,
  props: ReadonlyArray<readonly [string, FdtValue]> = [],
  children: FdtNode[] = [],
): FdtNode {
  return { name, props: props.map(([n, value]) => ({ name: n, value })), children };
}

/** A boolean property (present, no value), e.g. `interrupt-controller`. */
export function fdtEmpty(): FdtValue {
  return { kind: 'empty' };
}

/** 32-bit cells, e.g. `fdtU32(1)` or `fdtU32(fdtRef(3), 11)`. */
export function fdtU32(...cells: FdtCell[]): FdtValue {
  return { kind: 'u32', cells };
}

/** 64-bit values, each two cells, e.g. `reg` under `#address-cells = #size-cells = 2`. */
export function fdtU64(...values: bigint[]): FdtValue {
  return { kind: 'u64', values };
}

/** One NUL-terminated string. */
export function fdtString(value: string): FdtValue {
  return { kind: 'string', value };
}

/** A string list, e.g. `compatible = "sifive,plic-1.0.0", "riscv,plic0"`. */
export function fdtStrings(...values: string[]): FdtValue {
  return { kind: 'strings', values };
}

/** Raw bytes, e.g. `rng-seed`. */
export function fdtBytes(bytes: Uint8Array): FdtValue {
  return { kind: 'bytes', bytes };
}

/** A cell referring to the node whose `phandle` property is `phandle`. */
export function fdtRef(phandle: number): FdtPhandleRef {
  return { phandle };
}

// ---- reading a tree --------------------------------------------------------

/**
 * The node at an absolute path such as `/soc/serial@10000000`, or undefined.
 * A path component without a unit address matches a node that has one only if
 * it is the only such node (`/memory` finds `memory@80000000`).
 */
export function findFdtNode(root: FdtNode, path: string): FdtNode | undefined {
  let node: FdtNode | undefined = root;
  for (const part of path.split('/').filter((p) => p !== '')) {
    if (node === undefined) return undefined;
    const exact: FdtNode | undefined = node.children.find((c) => c.name === part);
    if (exact !== undefined) {
      node = exact;
      continue;
    }
    const byBase: FdtNode[] = part.includes('@') ? [] : node.children.filter((c) => c.name.split('@')[0] === part);
    node = byBase.length === 1 ? byBase[0] : undefined;
  }
  return node;
}

/** The value of property `name` of `node`, or undefined. */
export function fdtProperty(node: FdtNode, name: string): FdtValue | undefined {
  return node.props.find((p) => p.name === name)?.value;
}

// ---- encoding --------------------------------------------------------------

const utf8 = new TextEncoder();

/** The bytes a property value occupies in the blob. */
export function encodeFdtValue(value: FdtValue): Uint8Array {
  switch (value.kind) {
    case 'empty':
      return new Uint8Array(0);
    case 'u32': {
      const out = new Uint8Array(4 * value.cells.length);
      const view = new DataView(out.buffer);
      value.cells.forEach((cell, i) => {
        const n = typeof cell === 'number' ? cell : cell.phandle;
        if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new FdtEncodeError(`cell ${n} is not a u32`);
        view.setUint32(4 * i, n);
      });
      return out;
    }
    case 'u64': {
      const out = new Uint8Array(8 * value.values.length);
      const view = new DataView(out.buffer);
      value.values.forEach((v, i) => {
        if (v < 0n || v > 0xffffffffffffffffn) throw new FdtEncodeError(`value ${v} is not a u64`);
        view.setBigUint64(8 * i, v);
      });
      return out;
    }
    case 'string':
      return encodeStrings([value.value]);
    case 'strings':
      return encodeStrings(value.values);
    case 'bytes':
      return value.bytes.slice();
  }
}

function encodeStrings(values: readonly string[]): Uint8Array {
  const parts = values.map((s) => {
    if (s.includes('\0')) throw new FdtEncodeError(`string ${JSON.stringify(s)} contains a NUL`);
    return utf8.encode(s);
  });
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length + 1;
  }
  return out;
}

/** Growable big-endian byte buffer for the structure block. */
class BlobWriter {
  private bytes = new Uint8Array(1024);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  u32(v: number): void {
    this.reserve(4);
    new DataView(this.bytes.buffer).setUint32(this.length, v);
    this.length += 4;
  }

  raw(b: Uint8Array): void {
    this.reserve(b.length);
    this.bytes.set(b, this.length);
    this.length += b.length;
  }

  /** Zero-pads to the next multiple of `align`. */
  align(align: number): void {
    const pad = (align - (this.length % align)) % align;
    this.raw(new Uint8Array(pad));
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/**
 * The strings block. A name is stored once; a name that is the tail of one
 * already stored ("cells" in "#size-cells") points into it, as dtc and libfdt do.
 */
class StringsBlock {
  private text = '';

  /** Appends `name` unconditionally (used to reproduce a given layout). */
  append(name: string): void {
    this.text += `${name}\0`;
  }

  offsetOf(name: string): number {
    const at = this.text.indexOf(`${name}\0`);
    if (at >= 0) return at;
    const end = this.text.length;
    this.append(name);
    return end;
  }

  bytes(): Uint8Array {
    return utf8.encode(this.text);
  }
}

function collectPhandles(node: FdtNode, path: string, into: Map<number, string>): void {
  const value = fdtProperty(node, 'phandle');
  if (value !== undefined) {
    const n = value.kind === 'u32' && value.cells.length === 1 ? value.cells[0] : undefined;
    if (typeof n !== 'number') throw new FdtEncodeError(`${path}: phandle must be one numeric u32 cell`);
    const other = into.get(n);
    if (other !== undefined) throw new FdtEncodeError(`${path}: phandle ${n} is also used by ${other}`);
    into.set(n, path);
  }
  for (const child of node.children) collectPhandles(child, joinPath(path, child.name), into);
}

function joinPath(parent: string, name: string): string {
  return parent === '/' ? `/${name}` : `${parent}/${name}`;
}

/** Names are printable ASCII (Devicetree Specification 2.2.1, 2.2.4); node names have no '/'. */
function checkName(path: string, name: string, what: 'node' | 'property'): void {
  if (name.length === 0) throw new FdtEncodeError(`${path}: empty ${what} name`);
  if (!/^[\x21-\x7e]+$/.test(name) || (what === 'node' && name.includes('/'))) {
    throw new FdtEncodeError(`${path}: ${what} name ${JSON.stringify(name)} is not printable ASCII without '/'`);
  }
}

/**
 * Writes `root` as a version-17 FDT blob laid out as libfdt lays it out
 * (header, memory reservation block at 0x28, structure block, strings block,
 * no padding), so firmware (OpenSBI) and Linux read it as they read QEMU's.
 * Throws {@link FdtEncodeError} for a dangling phandle reference, a duplicate
 * phandle, an empty or malformed name, or a value out of range.
 */
export function encodeFdt(root: FdtNode, options: FdtEncodeOptions = {}): Uint8Array {
  if (root.name !== '') throw new FdtEncodeError(`the root node's name must be empty, got ${JSON.stringify(root.name)}`);
  const phandles = new Map<number, string>();
  collectPhandles(root, '/', phandles);

  const strings = new StringsBlock();
  for (const s of options.strings ?? []) strings.append(s);

  const struct = new BlobWriter();
  const writeNode = (node: FdtNode, path: string): void => {
    struct.u32(FDT.FDT_BEGIN_NODE);
    struct.raw(utf8.encode(`${node.name}\0`));
    struct.align(FDT.TOKEN_ALIGN);
    for (const prop of node.props) {
      checkName(path, prop.name, 'property');
      if (prop.value.kind === 'u32') {
        for (const cell of prop.value.cells) {
          if (typeof cell !== 'number' && !phandles.has(cell.phandle)) {
            throw new FdtEncodeError(`${path}: ${prop.name} refers to phandle ${cell.phandle}, which no node defines`);
          }
        }
      }
      const value = encodeFdtValue(prop.value);
      struct.u32(FDT.FDT_PROP);
      struct.u32(value.length);
      struct.u32(strings.offsetOf(prop.name));
      struct.raw(value);
      struct.align(FDT.TOKEN_ALIGN);
    }
    for (const child of node.children) {
      const childPath = joinPath(path, child.name);
      checkName(childPath, child.name, 'node');
      writeNode(child, childPath);
    }
    struct.u32(FDT.FDT_END_NODE);
  };
  writeNode(root, '/');
  struct.u32(FDT.FDT_END);

  const structBytes = struct.result();
  const stringBytes = strings.bytes();
  const reserve = options.reserve ?? [];
  const offRsvmap = FDT.HEADER_SIZE; // already 8-byte aligned
  const offStruct = offRsvmap + FDT.RESERVE_ENTRY_SIZE * (reserve.length + 1);
  const offStrings = offStruct + structBytes.length;
  const total = offStrings + stringBytes.length;

  const blob = new Uint8Array(total);
  const view = new DataView(blob.buffer);
  view.setUint32(HEADER.magic, FDT.MAGIC);
  view.setUint32(HEADER.totalsize, total);
  view.setUint32(HEADER.off_dt_struct, offStruct);
  view.setUint32(HEADER.off_dt_strings, offStrings);
  view.setUint32(HEADER.off_mem_rsvmap, offRsvmap);
  view.setUint32(HEADER.version, FDT.VERSION);
  view.setUint32(HEADER.last_comp_version, FDT.LAST_COMP_VERSION);
  view.setUint32(HEADER.boot_cpuid_phys, options.bootCpuId ?? 0);
  view.setUint32(HEADER.size_dt_strings, stringBytes.length);
  view.setUint32(HEADER.size_dt_struct, structBytes.length);
  reserve.forEach((r, i) => {
    view.setBigUint64(offRsvmap + FDT.RESERVE_ENTRY_SIZE * i, r.address);
    view.setBigUint64(offRsvmap + FDT.RESERVE_ENTRY_SIZE * i + 8, r.size);
  });
  blob.set(structBytes, offStruct);
  blob.set(stringBytes, offStrings);
  return blob;
}

// ---- decoding --------------------------------------------------------------

/** A node as read, before its property values get types. */
interface RawNode {
  name: string;
  props: { name: string; bytes: Uint8Array }[];
  children: RawNode[];
}

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

function readHeader(blob: Uint8Array): FdtHeader {
  if (blob.length < FDT.HEADER_SIZE) {
    throw new FdtDecodeError(`truncated header: ${blob.length} bytes, a version-17 header needs ${FDT.HEADER_SIZE}`, blob.length);
  }
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const field = (at: number): number => view.getUint32(at);
  const header: FdtHeader = {
    magic: field(HEADER.magic),
    totalsize: field(HEADER.totalsize),
    off_dt_struct: field(HEADER.off_dt_struct),
    off_dt_strings: field(HEADER.off_dt_strings),
    off_mem_rsvmap: field(HEADER.off_mem_rsvmap),
    version: field(HEADER.version),
    last_comp_version: field(HEADER.last_comp_version),
    boot_cpuid_phys: field(HEADER.boot_cpuid_phys),
    size_dt_strings: field(HEADER.size_dt_strings),
    size_dt_struct: field(HEADER.size_dt_struct),
  };
  if (header.magic !== FDT.MAGIC) {
    throw new FdtDecodeError(`bad magic ${hex(header.magic)}, expected ${hex(FDT.MAGIC)}`, HEADER.magic);
  }
  if (header.version < FDT.OLDEST_READABLE_VERSION || header.last_comp_version > FDT.VERSION) {
    throw new FdtDecodeError(
      `unsupported version ${header.version} (last compatible ${header.last_comp_version}); this reader handles 16..17`,
      HEADER.version,
    );
  }
  if (header.totalsize > blob.length) {
    throw new FdtDecodeError(`truncated blob: header totalsize is ${header.totalsize} bytes, only ${blob.length} given`, HEADER.totalsize);
  }
  if (header.version < 17) header.size_dt_struct = header.totalsize - header.off_dt_struct;
  const inside = (name: keyof FdtHeader, off: number, size: number): void => {
    if (off > header.totalsize || size > header.totalsize - off) {
      throw new FdtDecodeError(`${name} block [${hex(off)}, +${hex(size)}) lies outside totalsize ${hex(header.totalsize)}`, HEADER[name]);
    }
  };
  inside('off_dt_struct', header.off_dt_struct, header.size_dt_struct);
  inside('off_dt_strings', header.off_dt_strings, header.size_dt_strings);
  inside('off_mem_rsvmap', header.off_mem_rsvmap, 0);
  if (header.off_dt_struct % FDT.TOKEN_ALIGN !== 0) {
    throw new FdtDecodeError(`structure block offset ${hex(header.off_dt_struct)} is not 4-byte aligned`, HEADER.off_dt_struct);
  }
  return header;
}

function readReservations(blob: Uint8Array, header: FdtHeader): FdtReservation[] {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const out: FdtReservation[] = [];
  for (let at = header.off_mem_rsvmap; ; at += FDT.RESERVE_ENTRY_SIZE) {
    if (at + FDT.RESERVE_ENTRY_SIZE > header.totalsize) {
      throw new FdtDecodeError('memory reservation block has no terminating 0/0 entry', at);
    }
    const address = view.getBigUint64(at);
    const size = view.getBigUint64(at + 8);
    if (address === 0n && size === 0n) return out;
    out.push({ address, size });
  }
}

/** Reads a NUL-terminated string in [start, end); null when no NUL is found before `end`. */
function readCString(blob: Uint8Array, start: number, end: number): { text: string; next: number } | null {
  const nul = blob.subarray(start, end).indexOf(0);
  if (nul < 0) return null;
  return { text: new TextDecoder().decode(blob.subarray(start, start + nul)), next: start + nul + 1 };
}

function readStructure(blob: Uint8Array, header: FdtHeader): RawNode {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const start = header.off_dt_struct;
  const end = start + header.size_dt_struct;
  const stringsStart = header.off_dt_strings;
  const stringsEnd = stringsStart + header.size_dt_strings;
  const align = (n: number): number => Math.ceil(n / FDT.TOKEN_ALIGN) * FDT.TOKEN_ALIGN;
  const word = (at: number, what: string): number => {
    if (at + 4 > end) throw new FdtDecodeError(`structure block ends inside ${what}`, at);
    return view.getUint32(at);
  };

  const stack: RawNode[] = [];
  let root: RawNode | undefined;
  let at = start;
  for (;;) {
    const tokenAt = at;
    const token = word(at, 'a token (missing FDT_END?)');
    at += 4;
    switch (token) {
      case FDT.FDT_BEGIN_NODE: {
        if (root !== undefined && stack.length === 0) throw new FdtDecodeError('a second root node', tokenAt);
        const name = readCString(blob, at, end);
        if (name === null) throw new FdtDecodeError('unterminated node name (no NUL before the end of the structure block)', at);
        if (root === undefined && name.text !== '') {
          throw new FdtDecodeError(`the root node has name ${JSON.stringify(name.text)}, expected an empty name`, at);
        }
        const node: RawNode = { name: name.text, props: [], children: [] };
        if (root === undefined) root = node;
        else stack[stack.length - 1].children.push(node);
        stack.push(node);
        at = align(name.next);
        break;
      }
      case FDT.FDT_END_NODE:
        if (stack.length === 0) throw new FdtDecodeError('FDT_END_NODE without a matching FDT_BEGIN_NODE', tokenAt);
        stack.pop();
        break;
      case FDT.FDT_PROP: {
        if (stack.length === 0) throw new FdtDecodeError('FDT_PROP outside any node', tokenAt);
        const len = word(at, 'a property header');
        const nameoff = word(at + 4, 'a property header');
        at += 8;
        if (len > end - at) throw new FdtDecodeError(`property value of ${len} bytes runs past the structure block`, at - 8);
        if (nameoff >= header.size_dt_strings) {
          throw new FdtDecodeError(
            `string offset ${hex(nameoff)} out of range: the strings block is ${hex(header.size_dt_strings)} bytes`,
            at - 4,
          );
        }
        const name = readCString(blob, stringsStart + nameoff, stringsEnd);
        if (name === null) throw new FdtDecodeError('unterminated property name in the strings block', stringsStart + nameoff);
        stack[stack.length - 1].props.push({ name: name.text, bytes: blob.slice(at, at + len) });
        at = align(at + len);
        break;
      }
      case FDT.FDT_NOP:
        break;
      case FDT.FDT_END:
        if (root === undefined) throw new FdtDecodeError('structure block has no root node', tokenAt);
        if (stack.length !== 0) throw new FdtDecodeError(`FDT_END with ${stack.length} node(s) still open`, tokenAt);
        return root;
      default:
        throw new FdtDecodeError(`unknown structure token ${hex(token)}`, tokenAt);
    }
  }
}

function cellCount(node: RawNode | undefined, name: string, fallback: number): number {
  const prop = node?.props.find((p) => p.name === name);
  if (prop === undefined || prop.bytes.length !== 4) return fallback;
  return new DataView(prop.bytes.buffer, prop.bytes.byteOffset, 4).getUint32(0);
}

function typeTree(raw: RawNode): FdtNode {
  // Phandle → that node's #interrupt-cells, for interrupts-extended.
  const byPhandle = new Map<number, RawNode>();
  const index = (node: RawNode): void => {
    const phandle = cellCount(node, 'phandle', -1);
    if (phandle >= 0) byPhandle.set(phandle, node);
    node.children.forEach(index);
  };
  index(raw);

  const type = (node: RawNode, parent: RawNode | undefined): FdtNode => {
    // Devicetree Specification 2.3.5: absent #address-cells means 2, absent #size-cells means 1.
    const context: PropertyContext = {
      parentAddressCells: cellCount(parent, '#address-cells', 2),
      parentSizeCells: cellCount(parent, '#size-cells', 1),
      addressCells: cellCount(node, '#address-cells', 2),
      sizeCells: cellCount(node, '#size-cells', 1),
      hasPhandle: (n) => byPhandle.has(n),
      interruptCells: (n) => {
        const cells = cellCount(byPhandle.get(n), '#interrupt-cells', -1);
        return cells >= 0 ? cells : undefined;
      },
    };
    return {
      name: node.name,
      props: node.props.map((p) => ({ name: p.name, value: inferPropertyValue(p.name, p.bytes, context) })),
      children: node.children.map((c) => type(c, node)),
    };
  };
  return type(raw, undefined);
}

/**
 * Parses an FDT blob (version 16 or 17). Property values get types from their
 * names and the surrounding cell counts (see `inferPropertyValue`); phandle
 * cells of `interrupt-parent`, `interrupts-extended`, `cpu`, `regmap` and
 * similar become {@link FdtPhandleRef}s when the target node exists. Bytes
 * after `totalsize` are ignored (firmware often passes a padded buffer).
 * Throws {@link FdtDecodeError}, naming the offending byte offset, for a
 * truncated or corrupt blob.
 */
export function decodeFdt(blob: Uint8Array): DecodedFdt {
  const header = readHeader(blob);
  const reserve = readReservations(blob, header);
  const raw = readStructure(blob, header);
  const stringsText = new TextDecoder().decode(
    blob.subarray(header.off_dt_strings, header.off_dt_strings + header.size_dt_strings),
  );
  const strings = stringsText.split('\0');
  if (strings[strings.length - 1] === '') strings.pop();
  return { root: typeTree(raw), bootCpuId: header.boot_cpuid_phys, reserve, header, strings };
}
