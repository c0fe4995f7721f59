/**
 * The RISC-V ELF attributes section (`.riscv.attributes`, psABI "Attributes"):
 * which ISA string and privileged-spec version an object was built for.
 * The disassembler needs the latter to name CSRs the way objdump does.
 */
import type { PrivSpec } from './csr-names';

/** Attribute tags of the "riscv" vendor subsection (RISC-V psABI). */
export const TAG_RISCV = {
  stack_align: 4,
  arch: 5,
  unaligned_access: 6,
  priv_spec: 8,
  priv_spec_minor: 10,
  priv_spec_revision: 12,
} as const;

/** Decoded attributes; absent tags are undefined. */
export interface RiscvAttributes {
  /** Tag_RISCV_arch, e.g. 'rv64i2p1_m2p0_a2p1_f2p2_d2p2_c2p0_zicsr2p0'. */
  readonly arch?: string;
  readonly stackAlign?: number;
  /** Tag_RISCV_priv_spec . Tag_RISCV_priv_spec_minor, e.g. '1.11'. */
  readonly privSpec?: string;
}

/**
 * Parse the contents of a `.riscv.attributes` section. Unknown vendors and
 * tags are skipped; a malformed section yields what was read before the fault.
 */
export function parseRiscvAttributes(data: Uint8Array): RiscvAttributes {
  const result: { arch?: string; stackAlign?: number; privSpec?: string } = {};
  if (data.length === 0 || data[0] !== 0x41 /* 'A': format version */) return result;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let major: number | undefined;
  let minor: number | undefined;
  let pos = 1;
  const uleb = (end: number): number => {
    let v = 0, shift = 0;
    while (pos < end) {
      const b = data[pos++];
      v += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) break;
    }
    return v;
  };
  const ntbs = (end: number): string => {
    const start = pos;
    while (pos < end && data[pos] !== 0) pos++;
    const s = new TextDecoder().decode(data.subarray(start, pos));
    pos++;
    return s;
  };
  while (pos + 4 <= data.length) {
    const sectionStart = pos;
    const sectionLen = view.getUint32(pos, true);
    const sectionEnd = Math.min(data.length, sectionStart + sectionLen);
    if (sectionLen < 5) break;
    pos += 4;
    const vendor = ntbs(sectionEnd);
    while (vendor === 'riscv' && pos + 5 <= sectionEnd) {
      const subTag = data[pos];
      const subLen = view.getUint32(pos + 1, true);
      const subEnd = Math.min(sectionEnd, pos + subLen);
      pos += 5;
      if (subTag !== 1 /* Tag_File */) { pos = subEnd; continue; }
      while (pos < subEnd) {
        const tag = uleb(subEnd);
        // psABI: odd tags carry a NUL-terminated string, even tags a ULEB128.
        if (tag % 2 === 1) {
          const s = ntbs(subEnd);
          if (tag === TAG_RISCV.arch) result.arch = s;
        } else {
          const v = uleb(subEnd);
          if (tag === TAG_RISCV.stack_align) result.stackAlign = v;
          if (tag === TAG_RISCV.priv_spec) major = v;
          if (tag === TAG_RISCV.priv_spec_minor) minor = v;
        }
      }
    }
    pos = sectionEnd;
  }
  if (major !== undefined) result.privSpec = `${major}.${minor ?? 0}`;
  return result;
}

/** The CSR-name set for a recorded privileged-spec version (1.12 when none or unknown). */
export function csrNameSet(privSpec: string | undefined): PrivSpec {
  return privSpec === '1.10' || privSpec === '1.11' ? privSpec : '1.12';
}
