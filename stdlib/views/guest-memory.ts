import { PAGE_SIZE } from '../../core/exec/env';
import { RiscvMachine } from '../../core/machine/riscv-machine';
import { hex } from './number-format';
import { walkPageTable, WalkAccess } from './page-walk';

/** Options of {@link readGuestMemory}. */
export interface GuestReadOptions {
  /** The address is physical (default false: virtual, translated as hart `hart` would). */
  physical?: boolean;
  /** Hart whose translation applies (default 0). */
  hart?: number;
  /** Access type used for the translation (default 'read'; disassembly uses 'exec'). */
  access?: WalkAccess;
}

/** Guest memory read for inspection: the bytes and the physical address of the first one. */
export interface GuestBytes {
  bytes: Uint8Array;
  paddr: bigint;
}

/** Largest read an inspection view makes (a guard against a mistyped length). */
export const MAX_INSPECT_BYTES = 1 << 20;

/**
 * Read `length` guest bytes at `addr` without side effects: virtual
 * addresses are translated with a read-only page walk (no A/D bits, no TLB
 * fill), and device registers are refused (reading them can change them),
 * with a message naming the device. Errors say which address failed and why.
 */
export function readGuestMemory(m: RiscvMachine, addr: bigint, length: number, options: GuestReadOptions = {}): GuestBytes {
  if (!Number.isInteger(length) || length < 0 || length > MAX_INSPECT_BYTES) {
    throw new RangeError(`length ${length} is not an integer in 0..${MAX_INSPECT_BYTES}`);
  }
  const out = new Uint8Array(length);
  const start = BigInt.asUintN(64, addr);
  const first = options.physical ? start : translate(m, start, options);
  for (let done = 0; done < length;) {
    const va = BigInt.asUintN(64, start + BigInt(done));
    const n = Math.min(PAGE_SIZE - Number(va & BigInt(PAGE_SIZE - 1)), length - done);
    const pa = done === 0 ? first : options.physical ? va : translate(m, va, options);
    const where = options.physical ? `physical ${hex(pa)}` : `${hex(va)} (physical ${hex(pa)})`;
    const region = m.bus.find(pa);
    if (!region) throw new RangeError(`nothing is mapped at ${where}: RAM is ${ramRange(m)}`);
    if (region.kind !== 'ram') {
      throw new RangeError(`${where} is in the device ${region.name} at ${hex(region.base)}: reading device registers has side effects; `
        + `use devices(m).${region.name} to read them one by one`);
    }
    if (region.base + region.size - pa < BigInt(n)) throw new RangeError(`${where}..+${hex(n)} runs past the end of RAM (${ramRange(m)})`);
    out.set(m.bus.readPhys(pa, n), done);
    done += n;
  }
  return { bytes: out, paddr: first };
}

function translate(m: RiscvMachine, va: bigint, options: GuestReadOptions): bigint {
  const w = walkPageTable(m, va, { hart: options.hart, access: options.access ?? 'read' });
  if (w.paddr === undefined) throw new RangeError(`cannot translate ${hex(va)} (${w.mode}, ${w.priv}-mode): ${w.fault}; pageWalk(m, ${hex(va)}n) shows the walk`);
  return w.paddr;
}

function ramRange(m: RiscvMachine): string {
  return `${hex(m.bus.ramBase)}..${hex(m.bus.ramBase + BigInt(m.mem.ramSize))}`;
}
