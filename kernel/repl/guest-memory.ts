import { PAGE_BITS, PAGE_SIZE } from '../../core/exec/env';
import { RiscvMachine } from '../../core/machine/riscv-machine';
import { RiscvCpu } from '../../core/target/riscv/cpu';
import { pagingLevels, PTE, SATP } from '../../core/target/riscv/page-table';
import { PRIV } from '../../core/target/riscv/spec';
import { MonitorError } from './monitor-error';

/** Page-table index bits per level (Sv39/Sv48/Sv57). */
const VPN_BITS = 9;
const PTE_SIZE = 8n;
const hex = (v: bigint) => `0x${v.toString(16)}`;

/** How to read guest memory from the monitor. */
export interface GuestReadOptions {
  /** The address is physical (`.xp`); otherwise it is translated as the hart would. */
  physical?: boolean;
  /** Privilege to translate with (default: the hart's current one). */
  priv?: number;
}

/**
 * Translate a virtual address as hart `cpu` would at privilege `priv`, for a
 * debugger: the page tables are read without side effects (no accessed or
 * dirty bits set, no TLB fill) and permissions are not checked, as QEMU's
 * `x` command does. Throws a {@link MonitorError} that says where the walk
 * stopped.
 */
export function debugTranslate(m: RiscvMachine, cpu: RiscvCpu, vaddr: bigint, priv: number = cpu.priv): bigint {
  const satp = cpu.csr.satp;
  const mode = Number(satp >> SATP.MODE_SHIFT);
  const levels = pagingLevels(mode);
  if (priv === PRIV.M || levels === 0) return vaddr;
  const vaBits = BigInt(PAGE_BITS + VPN_BITS * levels);
  const top = vaddr >> (vaBits - 1n);
  if (top !== 0n && top !== (1n << (65n - vaBits)) - 1n) {
    throw new MonitorError(`${hex(vaddr)} is not a canonical Sv${vaBits} address (bits 63..${vaBits - 1n} must all equal bit ${vaBits - 1n})`);
  }
  let table = (satp & SATP.PPN_MASK) << BigInt(PAGE_BITS);
  for (let level = levels - 1; level >= 0; level--) {
    const shift = BigInt(PAGE_BITS + VPN_BITS * level);
    const index = (vaddr >> shift) & ((1n << BigInt(VPN_BITS)) - 1n);
    const pteAddr = table + index * PTE_SIZE;
    if (m.bus.ramHost(pteAddr) < 0) {
      throw new MonitorError(`${hex(vaddr)}: the level-${level} page table entry at physical ${hex(pteAddr)} is not in RAM`);
    }
    const pte = new DataView(m.bus.readPhys(pteAddr, 8).buffer).getBigUint64(0, true);
    const valid = (pte & BigInt(PTE.V)) !== 0n;
    const r = (pte & BigInt(PTE.R)) !== 0n;
    const w = (pte & BigInt(PTE.W)) !== 0n;
    const x = (pte & BigInt(PTE.X)) !== 0n;
    if (!valid || (!r && w)) {
      throw new MonitorError(`${hex(vaddr)} is not mapped: level-${level} PTE at physical ${hex(pteAddr)} is ${hex(pte)} (satp ${hex(satp)})`);
    }
    const ppn = (pte >> BigInt(PTE.PPN_SHIFT)) & SATP.PPN_MASK;
    if (r || x) {
      const offsetMask = (1n << shift) - 1n;
      return ((ppn << BigInt(PAGE_BITS)) & ~offsetMask) | (vaddr & offsetMask);
    }
    table = ppn << BigInt(PAGE_BITS);
  }
  throw new MonitorError(`${hex(vaddr)} is not mapped: the walk reached level 0 without a leaf (satp ${hex(satp)})`);
}

/**
 * Read `length` bytes of guest memory at `addr` for the monitor, page by
 * page. Only RAM is read: a device window is refused (its reads have side
 * effects: a UART read takes a byte from the receiver), and so is an address
 * with nothing behind it; the message names the address and the region.
 */
export function readGuest(m: RiscvMachine, cpu: RiscvCpu, addr: bigint, length: number, options: GuestReadOptions = {}): Uint8Array {
  const out = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const vaddr = BigInt.asUintN(64, addr + BigInt(done));
    const inPage = Math.min(length - done, PAGE_SIZE - Number(vaddr & BigInt(PAGE_SIZE - 1)));
    const paddr = options.physical ? vaddr : debugTranslate(m, cpu, vaddr, options.priv);
    const where = options.physical || paddr === vaddr ? hex(paddr) : `${hex(vaddr)} (physical ${hex(paddr)})`;
    const region = m.bus.find(paddr);
    if (!region) throw new MonitorError(`nothing is mapped at ${where}: RAM is ${hex(m.bus.ramBase)}..${hex(m.bus.ramBase + BigInt(m.mem.ramSize) - 1n)} (see .info mtree)`);
    if (region.kind !== 'ram') {
      throw new MonitorError(`${where} is in the MMIO window of ${region.name}: the monitor reads RAM only (device reads have side effects; see m.dev.${region.name}.registers)`);
    }
    if (m.bus.ramHost(paddr + BigInt(inPage) - 1n) < 0) {
      throw new MonitorError(`${where}..+${inPage} runs past the end of RAM (${hex(m.bus.ramBase + BigInt(m.mem.ramSize))})`);
    }
    out.set(m.bus.readPhys(paddr, inPage), done);
    done += inPage;
  }
  return out;
}
