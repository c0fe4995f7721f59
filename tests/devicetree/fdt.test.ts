import { describe, expect, it } from 'vitest';
import {
  FDT,
  FdtDecodeError,
  FdtEncodeError,
  FdtNode,
  decodeFdt,
  encodeFdt,
  fdtBytes,
  fdtEmpty,
  fdtNode,
  fdtRef,
  fdtString,
  fdtStrings,
  fdtU32,
  fdtU64,
  findFdtNode,
} from '../../core/devicetree/fdt';
import { dtcCompile, dtcDecompile, qemuVirtDtb } from './reference-tools';

/** A small tree with one property of every value kind and phandle references. */
function sampleTree(): FdtNode {
  return fdtNode(
    '',
    [
      ['#address-cells', fdtU32(2)],
      ['#size-cells', fdtU32(2)],
      ['compatible', fdtStrings('orrery,sample')],
      ['model', fdtString('Orrery sample board')],
    ],
    [
      fdtNode('chosen', [
        ['bootargs', fdtString('console=ttyS0 "quoted"\tand\\backslash')],
        ['rng-seed', fdtBytes(new Uint8Array([0, 1, 2, 0xfe, 0xff]))],
        ['linux,initrd-start', fdtU64(0x1_8000_0000n)],
      ]),
      fdtNode('memory@80000000', [
        ['device_type', fdtString('memory')],
        ['reg', fdtU64(0x80000000n, 0x8000000n, 0x1_0000_0000n, 0x4000_0000n)],
      ]),
      fdtNode(
        'intc',
        [
          ['#interrupt-cells', fdtU32(2)],
          ['interrupt-controller', fdtEmpty()],
          ['phandle', fdtU32(7)],
        ],
        [],
      ),
      fdtNode('device@1000', [
        ['reg', fdtU64(0x1000n, 0x100n)],
        ['interrupts-extended', fdtU32(fdtRef(7), 5, 4, fdtRef(7), 6, 1)],
        ['interrupt-parent', fdtU32(fdtRef(7))],
        ['clock-names', fdtStrings('bus', 'core')],
        ['odd-bytes', fdtBytes(new Uint8Array([9, 8, 7]))],
        ['numbers', fdtU32(0, 0x7fffffff, 0xffffffff)],
      ]),
    ],
  );
}

/** A blob assembled by hand from a structure block and a strings block, for corrupt-blob tests. */
function handBlob(structWords: (number | string)[], strings: string): Uint8Array {
  const struct: number[] = [];
  for (const w of structWords) {
    if (typeof w === 'number') struct.push((w >>> 24) & 0xff, (w >>> 16) & 0xff, (w >>> 8) & 0xff, w & 0xff);
    else for (const ch of w) struct.push(ch.charCodeAt(0));
  }
  const offStruct = FDT.HEADER_SIZE + FDT.RESERVE_ENTRY_SIZE;
  const offStrings = offStruct + struct.length;
  const total = offStrings + strings.length;
  const blob = new Uint8Array(total);
  const view = new DataView(blob.buffer);
  [FDT.MAGIC, total, offStruct, offStrings, FDT.HEADER_SIZE, 17, 16, 0, strings.length, struct.length].forEach((v, i) =>
    view.setUint32(4 * i, v),
  );
  blob.set(struct, offStruct);
  blob.set(Array.from(strings, (c) => c.charCodeAt(0)), offStrings);
  return blob;
}

/**
 * Byte offsets of the alignment padding after node names and property values
 * in the structure block of `blob` (a well-formed blob).
 */
function structurePadding(blob: Uint8Array): Set<number> {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const padding = new Set<number>();
  const padTo4 = (from: number): number => {
    let at = from;
    for (; at % 4 !== 0; at++) padding.add(at);
    return at;
  };
  for (let at = view.getUint32(8); ; ) {
    const token = view.getUint32(at);
    at += 4;
    if (token === FDT.FDT_BEGIN_NODE) at = padTo4(blob.indexOf(0, at) + 1);
    else if (token === FDT.FDT_PROP) at = padTo4(at + 8 + view.getUint32(at));
    else if (token === FDT.FDT_END) return padding;
  }
}

function decodeError(blob: Uint8Array): FdtDecodeError {
  try {
    decodeFdt(blob);
  } catch (e) {
    if (e instanceof FdtDecodeError) return e;
    throw e;
  }
  throw new Error('decodeFdt accepted a bad blob');
}

describe('FDT encoder and decoder', () => {
  it('a tree with every value kind decodes back to the same typed tree', () => {
    const tree = sampleTree();
    const reserve = [{ address: 0x80000000n, size: 0x200000n }];
    const decoded = decodeFdt(encodeFdt(tree, { bootCpuId: 1, reserve }));
    expect(decoded.root).toEqual(tree);
    expect(decoded.bootCpuId).toBe(1);
    expect(decoded.reserve).toEqual(reserve);
    expect(decoded.header.version).toBe(17);
    expect(decoded.header.last_comp_version).toBe(16);
  });

  it('the blob is laid out as libfdt lays it out: reservations at 0x28, then structure, then strings', () => {
    const blob = encodeFdt(sampleTree(), { reserve: [{ address: 1n, size: 2n }] });
    const { header } = decodeFdt(blob);
    expect(header.off_mem_rsvmap).toBe(0x28);
    expect(header.off_dt_struct).toBe(0x28 + 2 * 16);
    expect(header.off_dt_strings).toBe(header.off_dt_struct + header.size_dt_struct);
    expect(header.totalsize).toBe(blob.length);
    expect(header.totalsize).toBe(header.off_dt_strings + header.size_dt_strings);
  });

  it('dtc reads the encoded blob, and its own re-encoding decodes to the same tree', () => {
    const tree = sampleTree();
    const reserve = [{ address: 0x80000000n, size: 0x200000n }];
    const blob = encodeFdt(tree, { bootCpuId: 1, reserve });
    const { dts } = dtcDecompile(blob);
    expect(dts).toContain('model = "Orrery sample board";');
    expect(dts).toMatch(/\/memreserve\/\s+0x0*80000000 0x0*200000;/);
    const viaDtc = decodeFdt(dtcCompile(blob));
    expect(viaDtc.root).toEqual(tree);
    expect(viaDtc.reserve).toEqual(reserve);
    expect(viaDtc.bootCpuId).toBe(1);
  });

  it('names shared as a tail of a longer name are stored once in the strings block', () => {
    const blob = encodeFdt(fdtNode('', [['#size-cells', fdtU32(1)], ['size-cells', fdtU32(2)]]));
    const decoded = decodeFdt(blob);
    expect(decoded.strings).toEqual(['#size-cells']);
    expect(decoded.root.props.map((p) => p.name)).toEqual(['#size-cells', 'size-cells']);
  });

  for (const harts of [1, 2]) {
    it(`QEMU's own virt blob (${harts} hart${harts > 1 ? 's' : ''}) re-encodes byte for byte, padding aside`, () => {
      const qemu = qemuVirtDtb({ harts, memory: '256M', append: 'console=ttyS0', initrdSize: 100_000 });
      const decoded = decodeFdt(qemu);
      const again = encodeFdt(decoded.root, {
        bootCpuId: decoded.bootCpuId,
        reserve: decoded.reserve,
        strings: decoded.strings,
      });
      // QEMU writes its whole 1 MiB buffer to the dump file; the blob is the first totalsize bytes.
      const original = qemu.slice(0, decoded.header.totalsize);
      expect(again.length).toBe(original.length);
      // The one intended difference: libfdt, editing the tree in place, leaves stale
      // bytes in the alignment padding after names and values; the encoder writes zeros.
      const padding = structurePadding(again);
      const differing = [...again.keys()].filter((i) => again[i] !== original[i]);
      expect(differing.filter((i) => !padding.has(i))).toEqual([]);
      for (const i of padding) original[i] = 0;
      expect(Buffer.from(again).equals(Buffer.from(original))).toBe(true);
      // Without QEMU's string order the blob differs only in the strings block layout.
      expect(decodeFdt(encodeFdt(decoded.root)).root).toEqual(decoded.root);
    });
  }

  it('phandle cells decode as references only where the target node exists', () => {
    const tree = fdtNode('', [], [
      fdtNode('a', [['phandle', fdtU32(1)], ['#interrupt-cells', fdtU32(1)]]),
      fdtNode('b', [['interrupt-parent', fdtU32(fdtRef(1))], ['interrupts-extended', fdtU32(fdtRef(1), 3)]]),
    ]);
    const decoded = decodeFdt(encodeFdt(tree));
    expect(findFdtNode(decoded.root, '/b')).toEqual(tree.children[1]);
    const dangling = fdtNode('', [], [fdtNode('b', [['interrupt-parent', fdtU32(9)]])]);
    expect(findFdtNode(decodeFdt(encodeFdt(dangling)).root, '/b')?.props[0].value).toEqual(fdtU32(9));
  });
});

describe('FDT encoder refuses trees it cannot write', () => {
  it('a reference to a phandle no node defines', () => {
    const tree = fdtNode('', [], [fdtNode('dev', [['interrupt-parent', fdtU32(fdtRef(5))]])]);
    expect(() => encodeFdt(tree)).toThrow(FdtEncodeError);
    expect(() => encodeFdt(tree)).toThrow(/\/dev: interrupt-parent refers to phandle 5, which no node defines/);
  });

  it('two nodes with the same phandle', () => {
    const tree = fdtNode('', [], [fdtNode('a', [['phandle', fdtU32(1)]]), fdtNode('b', [['phandle', fdtU32(1)]])]);
    expect(() => encodeFdt(tree)).toThrow(/\/b: phandle 1 is also used by \/a/);
  });

  it('a node name with a slash and a cell that is not a u32', () => {
    expect(() => encodeFdt(fdtNode('', [], [fdtNode('a/b')]))).toThrow(/not printable ASCII without '\/'/);
    expect(() => encodeFdt(fdtNode('', [['x', fdtU32(2 ** 32)]]))).toThrow(/cell 4294967296 is not a u32/);
  });
});

describe('FDT decoder reports corrupt blobs with the offending offset', () => {
  const good = (): Uint8Array => encodeFdt(sampleTree());

  it('a truncated header', () => {
    const e = decodeError(good().subarray(0, 20));
    expect(e.message).toMatch(/truncated header: 20 bytes, a version-17 header needs 40/);
    expect(e.offset).toBe(20);
  });

  it('a bad magic number', () => {
    const blob = good();
    new DataView(blob.buffer).setUint32(0, 0x12345678);
    const e = decodeError(blob);
    expect(e.message).toMatch(/bad magic 0x12345678, expected 0xd00dfeed/);
    expect(e.offset).toBe(0);
  });

  it('a blob shorter than its header says', () => {
    const blob = good();
    const e = decodeError(blob.subarray(0, blob.length - 1));
    expect(e.message).toMatch(new RegExp(`truncated blob: header totalsize is ${blob.length} bytes, only ${blob.length - 1} given`));
  });

  it('a property name offset beyond the strings block', () => {
    // root { x = <1>; } with nameoff 0x40 while the strings block holds "x\0".
    const blob = handBlob([FDT.FDT_BEGIN_NODE, 0, FDT.FDT_PROP, 4, 0x40, 1, FDT.FDT_END_NODE, FDT.FDT_END], 'x\0');
    const e = decodeError(blob);
    expect(e.message).toMatch(/string offset 0x40 out of range: the strings block is 0x2 bytes/);
    expect(e.offset).toBe(FDT.HEADER_SIZE + FDT.RESERVE_ENTRY_SIZE + 16); // the nameoff word
  });

  it('a node name with no NUL before the structure block ends', () => {
    const blob = handBlob([FDT.FDT_BEGIN_NODE, 0, FDT.FDT_BEGIN_NODE, 'abcdefgh'], '');
    const e = decodeError(blob);
    expect(e.message).toMatch(/unterminated node name/);
    expect(e.offset).toBe(FDT.HEADER_SIZE + FDT.RESERVE_ENTRY_SIZE + 12);
  });

  it('an unknown token and a missing FDT_END', () => {
    const unknown = decodeError(handBlob([FDT.FDT_BEGIN_NODE, 0, 7, FDT.FDT_END_NODE, FDT.FDT_END], ''));
    expect(unknown.message).toMatch(/unknown structure token 0x7/);
    const open = decodeError(handBlob([FDT.FDT_BEGIN_NODE, 0, FDT.FDT_END_NODE], ''));
    expect(open.message).toMatch(/structure block ends inside a token \(missing FDT_END\?\)/);
  });
});
