import { BootImage, BootImageError, elfLoadSegments, readBootImage } from '../loader/boot-image';
import { ElfError } from '../loader/elf';
import { decodeFdt, FdtDecodeError, FdtNode, encodeFdt, fdtString, fdtU64, findFdtNode } from '../devicetree/fdt';

/** Boot files, as QEMU's `-bios -kernel -initrd -append -dtb` (paths or bytes; gzip is decompressed). */
export interface BootSources {
  /** Firmware at the start of RAM (OpenSBI `fw_dynamic.bin`/`fw_jump.bin`, or an ELF); `'none'` for no firmware. */
  bios?: string | Uint8Array | 'none';
  /** The kernel (a Linux `Image`, U-Boot's `u-boot.bin`, or an ELF), placed after the firmware at the next 2 MiB boundary. */
  kernel?: string | Uint8Array;
  /** An initial RAM disk for Linux. */
  initrd?: string | Uint8Array;
  /** Kernel command line (`/chosen/bootargs`). */
  append?: string;
  /** A device tree blob to use instead of the generated one (`/chosen` is still filled in). */
  dtb?: string | Uint8Array;
}

/** One region of RAM the boot files occupy. */
export interface BootRegion {
  role: 'firmware' | 'kernel' | 'initrd' | 'dtb' | 'fw_dynamic_info';
  name: string;
  start: bigint;
  end: bigint;
}

/** Where everything goes, decided (and checked) before anything is written. */
export interface BootPlan {
  /** Where every hart starts (the firmware's entry, or the kernel's without firmware). */
  entry: bigint;
  /** Where the firmware passes control to (fw_dynamic's next_addr). */
  kernelEntry: bigint;
  dtbAddr: bigint;
  fwDynamicInfoAddr: bigint;
  regions: BootRegion[];
  tree: FdtNode;
  dtb: Uint8Array;
  /** Bytes to copy into RAM. */
  writes: { addr: bigint; bytes: Uint8Array }[];
}

const MiB = 1024n * 1024n;
/** OpenSBI fw_dynamic_info: magic "OSBI", version 2, next_addr, next_mode, options, boot_hart (6 × u64). */
const FW_DYNAMIC = { magic: 0x4942534fn, version: 2n, nextModeS: 1n, size: 48 } as const;

const alignUp = (v: bigint, a: bigint) => (v + a - 1n) / a * a;
const alignDown = (v: bigint, a: bigint) => v / a * a;
const hex = (v: bigint) => `0x${v.toString(16)}`;

/**
 * Place firmware, kernel, initrd, device tree and OpenSBI's fw_dynamic
 * information in RAM the way QEMU 7.2's virt machine does: firmware at the
 * start of RAM, the kernel at the next 2 MiB boundary after it, the initrd
 * `min(RAM/2, 128 MiB)` after the kernel, the device tree at the top of RAM
 * (below 3 GiB) aligned down to 2 MiB. Every file is read and every
 * placement checked (fits in RAM, no overlaps) before anything is written.
 * `makeDtb` builds the tree once the initrd's place is known.
 */
export function placeBootImages(
  sources: BootSources, ramBase: bigint, ramSize: bigint,
  makeDtb: (initrd?: { start: bigint; end: bigint }) => { tree: FdtNode; blob: Uint8Array },
): BootPlan {
  const ramEnd = ramBase + ramSize;
  const regions: BootRegion[] = [];
  const writes: BootPlan['writes'] = [];
  const place = (role: BootRegion['role'], name: string, start: bigint, bytes: Uint8Array, size = BigInt(bytes.length)) => {
    const end = start + size;
    if (start < ramBase || end > ramEnd) {
      throw new BootImageError(role, name, `needs ${hex(start)}..${hex(end)} but RAM is ${hex(ramBase)}..${hex(ramEnd)} `
        + `(${ramSize / MiB} MiB): give the machine more memory (-m)`);
    }
    for (const r of regions) {
      if (start < r.end && r.start < end) {
        throw new BootImageError(role, name, `at ${hex(start)}..${hex(end)} overlaps the ${r.role} ${r.name} at ${hex(r.start)}..${hex(r.end)}`);
      }
    }
    regions.push({ role, name, start, end });
    writes.push({ addr: start, bytes });
  };
  const loadElf = (img: BootImage) => {
    let segs;
    try {
      segs = elfLoadSegments(img.elf!, img.name, ramBase, ramEnd);
    } catch (e) {
      if (e instanceof ElfError) throw new BootImageError(img.role, img.name, e.detail);
      throw e;
    }
    let end = 0n;
    for (const s of segs) {
      const bytes = new Uint8Array(Number(s.memsz));
      bytes.set(s.data);
      place(img.role as BootRegion['role'], img.name, s.paddr, bytes);
      if (s.paddr + s.memsz > end) end = s.paddr + s.memsz;
    }
    return { entry: img.elf!.entry, end };
  };

  // Firmware.
  let fwEnd = ramBase;
  let fwEntry: bigint | undefined;
  if (sources.bios !== undefined && sources.bios !== 'none') {
    const fw = readBootImage(sources.bios, 'firmware');
    if (fw.kind === 'elf') {
      const r = loadElf(fw);
      fwEntry = r.entry;
      fwEnd = r.end;
    } else {
      place('firmware', fw.name, ramBase, fw.bytes);
      fwEntry = ramBase;
      fwEnd = ramBase + BigInt(fw.bytes.length);
    }
  }

  // Kernel.
  let kernelEntry = fwEntry === undefined ? ramBase : alignUp(fwEnd, 2n * MiB);
  let kernelEnd = kernelEntry;
  if (sources.kernel !== undefined) {
    const k = readBootImage(sources.kernel, 'kernel');
    if (k.kind === 'elf') {
      const r = loadElf(k);
      kernelEntry = r.entry;
      kernelEnd = r.end;
    } else {
      const size = k.imageSize !== undefined && k.imageSize > BigInt(k.bytes.length) ? k.imageSize : BigInt(k.bytes.length);
      const bytes = new Uint8Array(Number(size));
      bytes.set(k.bytes);
      place('kernel', k.name, kernelEntry, bytes);
      kernelEnd = kernelEntry + size;
    }
  }

  // Initrd.
  let initrd: { start: bigint; end: bigint } | undefined;
  if (sources.initrd !== undefined) {
    const rd = readBootImage(sources.initrd, 'initrd');
    const half = ramSize / 2n;
    const start = alignUp(kernelEntry + (half < 128n * MiB ? half : 128n * MiB), 8n);
    if (start < kernelEnd) throw new BootImageError('initrd', rd.name, `would overlap the kernel (ends at ${hex(kernelEnd)}): give the machine more memory (-m)`);
    place('initrd', rd.name, start, rd.bytes);
    initrd = { start, end: start + BigInt(rd.bytes.length) };
  }

  // Device tree, at the top of RAM (below 3 GiB), 2 MiB aligned; fw_dynamic_info just after it.
  let tree: FdtNode;
  let blob: Uint8Array;
  if (sources.dtb !== undefined) {
    const d = readBootImage(sources.dtb, 'dtb');
    try {
      tree = decodeFdt(d.bytes).root;
    } catch (e) {
      if (e instanceof FdtDecodeError) throw new BootImageError('dtb', d.name, e.message);
      throw e;
    }
    setChosen(tree, sources.append, initrd);
    blob = encodeFdt(tree);
  } else {
    ({ tree, blob } = makeDtb(initrd));
  }
  const top = ramBase < 3072n * MiB && ramEnd > 3072n * MiB ? 3072n * MiB : ramEnd;
  const dtbAddr = alignDown(top - BigInt(blob.length) - BigInt(FW_DYNAMIC.size) - 64n, 2n * MiB);
  place('dtb', 'device tree', dtbAddr, blob);
  const infoAddr = alignUp(dtbAddr + BigInt(blob.length), 8n);
  const info = new Uint8Array(FW_DYNAMIC.size);
  const v = new DataView(info.buffer);
  [FW_DYNAMIC.magic, FW_DYNAMIC.version, kernelEntry, FW_DYNAMIC.nextModeS, 0n, 0n]
    .forEach((x, i) => v.setBigUint64(i * 8, x, true));
  place('fw_dynamic_info', 'fw_dynamic_info', infoAddr, info);

  return {
    entry: fwEntry ?? kernelEntry, kernelEntry, dtbAddr, fwDynamicInfoAddr: infoAddr, regions, tree, dtb: blob, writes,
  };
}

/** Fill in `/chosen` of a given tree, as QEMU does for `-dtb`: bootargs and the initrd's place. */
function setChosen(tree: FdtNode, bootargs: string | undefined, initrd: { start: bigint; end: bigint } | undefined): void {
  let chosen = findFdtNode(tree, '/chosen');
  if (!chosen) tree.children.push(chosen = { name: 'chosen', props: [], children: [] });
  const set = (name: string, value: ReturnType<typeof fdtString>) => {
    const p = chosen!.props.find((q) => q.name === name);
    if (p) p.value = value;
    else chosen!.props.push({ name, value });
  };
  if (bootargs !== undefined) set('bootargs', fdtString(bootargs));
  if (initrd) {
    set('linux,initrd-start', fdtU64(initrd.start));
    set('linux,initrd-end', fdtU64(initrd.end));
  }
}
