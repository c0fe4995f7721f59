import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ElfError, ElfFile, ElfSegment, machineName, parseElf } from './elf';

/** e_machine of RISC-V. */
export const EM_RISCV = 243;
/** Program-header type of a loadable segment. */
const PT_LOAD = 1;
/** The RISC-V Linux `Image` header: "RISCV\0\0\0" at 48 (magic), "RSC\x05" at 56 (magic2). */
const LINUX_IMAGE = { textOffset: 8, imageSize: 16, magic: 48, magic2: 56, headerSize: 64 } as const;

/** A boot file that cannot be used, said in one line: `role file: problem`. */
export class BootImageError extends Error {
  constructor(readonly role: string, readonly fileName: string, readonly detail: string) {
    super(`${role} ${fileName}: ${detail}`);
    this.name = 'BootImageError';
  }
}

/** A firmware, kernel, initrd or device-tree file, read and (if gzip-compressed) decompressed. */
export interface BootImage {
  readonly role: string;
  readonly name: string;
  readonly bytes: Uint8Array;
  /** An ELF executable, a RISC-V Linux `Image` (has its header), or raw bytes (firmware `.bin`, U-Boot, initrd). */
  readonly kind: 'elf' | 'linux-image' | 'raw';
  readonly elf?: ElfFile;
  /** For a Linux Image: bytes of memory it occupies once running (its header's image_size). */
  readonly imageSize?: bigint;
}

/**
 * Read a boot file (a path or its bytes) for `role` ("firmware", "kernel",
 * "initrd", "dtb"): decompress gzip, recognise ELF and Linux Image, and refuse
 * what cannot run on an RV64 machine, with one clear line.
 */
export function readBootImage(source: string | Uint8Array, role: string, name = typeof source === 'string' ? source : '<buffer>'): BootImage {
  let bytes: Uint8Array;
  if (typeof source === 'string') {
    try {
      if (statSync(source).isDirectory()) throw new BootImageError(role, name, 'is a directory');
      bytes = readFileSync(source);
    } catch (e) {
      if (e instanceof BootImageError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw new BootImageError(role, name, code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? (e as Error).message})`);
    }
  } else {
    bytes = source;
  }
  if (bytes.length === 0) throw new BootImageError(role, name, 'is empty');
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new BootImageError(role, name, `is a damaged gzip file (${(e as Error).message})`);
    }
  }
  if (role === 'initrd' || role === 'dtb') return { role, name, bytes, kind: 'raw' };
  if (bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46) {
    let elf: ElfFile;
    try {
      elf = parseElf(bytes, name);
    } catch (e) {
      if (e instanceof ElfError) throw new BootImageError(role, name, e.detail);
      throw e;
    }
    if (elf.machine !== EM_RISCV) throw new BootImageError(role, name, `is an ELF for ${machineName(elf.machine)}, not RISC-V`);
    if (elf.elfClass !== 64) throw new BootImageError(role, name, 'is a 32-bit ELF; this machine is RV64');
    return { role, name, bytes, kind: 'elf', elf };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (at: number, n: number) => Buffer.from(bytes.subarray(at, at + n)).toString('latin1');
  if (bytes.length >= LINUX_IMAGE.headerSize && ascii(LINUX_IMAGE.magic2, 4) === 'RSC\x05') {
    return { role, name, bytes, kind: 'linux-image', imageSize: view.getBigUint64(LINUX_IMAGE.imageSize, true) };
  }
  if (bytes.length >= 64 && ascii(56, 4) === 'ARMd') throw new BootImageError(role, name, 'is an arm64 Linux Image, not RISC-V');
  if (ascii(0, 2) === 'MZ' || (bytes.length > 0x206 && ascii(0x202, 4) === 'HdrS')) {
    throw new BootImageError(role, name, 'is an x86 or EFI executable, not RISC-V');
  }
  return { role, name, bytes, kind: 'raw' };
}

/**
 * The loadable segments of a RISC-V ELF, checked to lie inside RAM
 * [ramStart, ramEnd): a bad file is refused before anything is written.
 */
export function elfLoadSegments(elf: ElfFile, name: string, ramStart: bigint, ramEnd: bigint): ElfSegment[] {
  const loads = elf.segments.filter((s) => s.type === PT_LOAD && s.memsz > 0n);
  if (loads.length === 0) throw new ElfError(name, 'has no loadable segment');
  for (const s of loads) {
    if (s.paddr < ramStart || s.paddr + s.memsz > ramEnd) {
      throw new ElfError(name, `segment at 0x${s.paddr.toString(16)} (+0x${s.memsz.toString(16)} bytes) is outside RAM `
        + `0x${ramStart.toString(16)}..0x${ramEnd.toString(16)}`);
    }
  }
  if (elf.entry < ramStart || elf.entry >= ramEnd) {
    throw new ElfError(name, `entry point 0x${elf.entry.toString(16)} is outside RAM`);
  }
  return loads;
}
