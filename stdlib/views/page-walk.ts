import { PAGE_BITS } from '../../core/exec/env';
import { RiscvMachine } from '../../core/machine/riscv-machine';
import { RiscvCpu } from '../../core/target/riscv/cpu';
import { pagingLevels, PTE, SATP, SATP_MODE } from '../../core/target/riscv/page-table';
import { MSTATUS, PRIV } from '../../core/target/riscv/spec';
import { mimeBundle, MimeBundle } from '../display';
import { hex, hex64, toAddress } from './number-format';
import { Column, escapeHtml, htmlTable, textTable } from './table';

/** Kinds of access a walk checks permissions for. */
export type WalkAccess = 'read' | 'write' | 'exec';

/** One level of a page-table walk: the PTE read there and what it meant. */
export interface PageWalkStep {
  /** Page-table level (levels-1 at the root, 0 for 4 KiB pages). */
  level: number;
  /** The virtual page number field used at this level (VPN[level]). */
  vpn: number;
  /** Physical address of the PTE. */
  pteAddr: bigint;
  /** The PTE as read (0 when it could not be read). */
  pte: bigint;
  /** The PTE's flag bits as `DAGUXWRV`, '-' for a clear bit. */
  flags: string;
  /** The PTE's physical page number. */
  ppn: bigint;
  /** A pointer to the next table, a leaf, or where the walk stopped. */
  kind: 'pointer' | 'leaf' | 'invalid' | 'fault';
  /** Why the walk stopped here, or a note (A/D bits hardware would set). */
  note: string;
}

/** A walk's outcome as plain data. */
export interface PageWalk {
  vaddr: bigint;
  /** `satp.MODE` by name (`Sv39`, `Bare`, ...). */
  mode: string;
  /** Privilege the walk checked (`U`, `S`, `M`). */
  priv: string;
  access: WalkAccess;
  steps: PageWalkStep[];
  /** The translated physical address, when the walk succeeded. */
  paddr?: bigint;
  /** Size of the page mapping it (4096, 2 MiB, 1 GiB, ...). */
  pageSize?: number;
  /** The exception the access would raise, when it fails. */
  fault?: string;
}

/** Options of {@link walkPageTable} and {@link pageWalk}. */
export interface PageWalkOptions {
  /** Hart whose `satp` and privilege are used (default 0). */
  hart?: number;
  /** Access type to check (default 'read'). */
  access?: WalkAccess;
  /** Privilege to check, 'U' or 'S' (default: the hart's effective privilege for the access). */
  priv?: 'U' | 'S' | 'M';
  /** Walk under this `satp` instead of the hart's. */
  satp?: bigint;
}

const PTE_SIZE = 8n;
const VPN_BITS = 9;
const FLAG_LETTERS = 'VRWXUGAD';
const PRIV_NAME: Record<number, string> = { [PRIV.U]: 'U', [PRIV.S]: 'S', [PRIV.M]: 'M' };
const FAULT_NAME: Record<WalkAccess, [page: string, access: string]> = {
  read: ['load page fault', 'load access fault'],
  write: ['store/AMO page fault', 'store/AMO access fault'],
  exec: ['instruction page fault', 'instruction access fault'],
};

/** The hart `index` of `m`, or an error naming the harts there are. */
export function hartOf(m: RiscvMachine, index = 0): RiscvCpu {
  const h = m.harts[index];
  if (!h) throw new RangeError(`no hart ${index}: this machine has ${m.harts.length} (0..${m.harts.length - 1})`);
  return h;
}

/** `DAGUXWRV` with '-' for clear bits, as the privileged spec draws a PTE. */
export function pteFlags(pte: bigint): string {
  let s = '';
  for (let i = 7; i >= 0; i--) s += (pte >> BigInt(i)) & 1n ? FLAG_LETTERS[i] : '-';
  return s;
}

/**
 * The page-table walk of the privileged specification ("Virtual Address
 * Translation Process") for `vaddr`, read-only: unlike the hart's own walk it
 * sets no A/D bits and fills no TLB, so looking changes nothing. PMP is not
 * applied to the PTE reads. In M-mode (or under Bare) the address is physical.
 */
export function walkPageTable(m: RiscvMachine, vaddr: bigint | number | string, options: PageWalkOptions = {}): PageWalk {
  const va = toAddress(vaddr, 'virtual address');
  const cpu = hartOf(m, options.hart);
  const access = options.access ?? 'read';
  if (!(access in FAULT_NAME)) throw new RangeError(`access '${access}' is not one of read, write, exec`);
  const satp = options.satp ?? cpu.csr.satp;
  const modeNum = Number(satp >> SATP.MODE_SHIFT);
  const mode = Object.entries(SATP_MODE).find(([, v]) => v === modeNum)?.[0] ?? `mode ${modeNum}`;
  const privNum = options.priv !== undefined ? PRIV[options.priv] : access === 'exec' ? cpu.priv : cpu.dataPriv();
  if (privNum === undefined) throw new RangeError(`privilege '${options.priv}' is not one of U, S, M`);
  const result: PageWalk = { vaddr: va, mode, priv: PRIV_NAME[privNum], access, steps: [] };
  const levels = pagingLevels(modeNum);
  if (privNum === PRIV.M || levels === 0) {
    if (modeNum !== SATP_MODE.Bare && levels === 0) result.fault = `satp.MODE ${modeNum} is not implemented`;
    else { result.paddr = va; result.pageSize = 1 << PAGE_BITS; }
    return result;
  }
  const [pageFault, accessFault] = FAULT_NAME[access];
  const vaBits = BigInt(PAGE_BITS + levels * VPN_BITS);
  const top = BigInt.asIntN(64, va) >> (vaBits - 1n);
  if (top !== 0n && top !== -1n) {
    result.fault = `${pageFault}: bits 63..${vaBits - 1n} of ${hex(va)} are not all equal (${mode} addresses are ${vaBits}-bit, sign-extended)`;
    return result;
  }
  const sum = (cpu.csr.mstatus & MSTATUS.SUM) !== 0n;
  const mxr = (cpu.csr.mstatus & MSTATUS.MXR) !== 0n;
  let table = (satp & SATP.PPN_MASK) << BigInt(PAGE_BITS);
  for (let level = levels - 1; level >= 0; level--) {
    const shift = BigInt(PAGE_BITS + level * VPN_BITS);
    const vpn = Number((va >> shift) & 0x1ffn);
    const pteAddr = table + BigInt(vpn) * PTE_SIZE;
    const step: PageWalkStep = { level, vpn, pteAddr, pte: 0n, flags: '', ppn: 0n, kind: 'fault', note: '' };
    result.steps.push(step);
    let pte: bigint;
    try {
      pte = new DataView(m.bus.readPhys(pteAddr, 8).buffer).getBigUint64(0, true);
    } catch {
      step.note = `PTE address ${hex(pteAddr)} is not in RAM`;
      result.fault = `${accessFault}: ${step.note}`;
      return result;
    }
    step.pte = pte;
    step.flags = pteFlags(pte);
    step.ppn = (pte >> BigInt(PTE.PPN_SHIFT)) & ((1n << 44n) - 1n);
    const bits = Number(pte & 0xffn);
    if (!(bits & PTE.V)) return stop(result, step, 'invalid', `${pageFault}: V is clear`);
    if (pte >> 54n) return stop(result, step, 'invalid', `${pageFault}: reserved bits 63:54 are set`);
    if ((bits & (PTE.R | PTE.W)) === PTE.W) return stop(result, step, 'invalid', `${pageFault}: W without R is reserved`);
    if (!(bits & (PTE.R | PTE.X))) {
      if (level === 0) return stop(result, step, 'invalid', `${pageFault}: a level-0 PTE must be a leaf`);
      step.kind = 'pointer';
      step.note = `next table at ${hex(step.ppn << BigInt(PAGE_BITS))}`;
      table = step.ppn << BigInt(PAGE_BITS);
      continue;
    }
    step.kind = 'leaf';
    const denied = permissionProblem(bits, access, privNum, sum, mxr);
    if (denied) return stop(result, step, 'leaf', `${pageFault}: ${denied}`);
    const spanPages = 1n << BigInt(level * VPN_BITS);
    if (step.ppn % spanPages !== 0n) return stop(result, step, 'leaf', `${pageFault}: misaligned superpage (PPN not a multiple of ${spanPages})`);
    const wouldSet = [!(bits & PTE.A) ? 'A' : '', access === 'write' && !(bits & PTE.D) ? 'D' : ''].filter(Boolean);
    step.note = wouldSet.length ? `the hart would set ${wouldSet.join(' and ')}` : '';
    const pageSize = 1n << shift;
    result.paddr = (step.ppn << BigInt(PAGE_BITS)) + (va & (pageSize - 1n));
    result.pageSize = Number(pageSize);
    return result;
  }
  return result;
}

function stop(result: PageWalk, step: PageWalkStep, kind: PageWalkStep['kind'], why: string): PageWalk {
  step.kind = kind;
  step.note = why;
  result.fault = why;
  return result;
}

/** Why a leaf denies the access (the spec's U/SUM and R/W/X/MXR rules), or ''. */
function permissionProblem(bits: number, access: WalkAccess, priv: number, sum: boolean, mxr: boolean): string {
  if (bits & PTE.U) {
    if (priv === PRIV.S && access === 'exec') return 'S-mode never executes U pages';
    if (priv === PRIV.S && !sum) return 'U page and mstatus.SUM is clear';
  } else if (priv === PRIV.U) {
    return 'U-mode access to a page without U';
  }
  if (access === 'read' && !(bits & PTE.R) && !(mxr && bits & PTE.X)) return mxr ? 'neither R nor X' : 'R is clear (and mstatus.MXR is clear)';
  if (access === 'write' && !(bits & PTE.W)) return 'W is clear';
  if (access === 'exec' && !(bits & PTE.X)) return 'X is clear';
  return '';
}

const SIZE_NAMES: Record<number, string> = { 4096: '4 KiB', [2 ** 21]: '2 MiB', [2 ** 30]: '1 GiB', [2 ** 39]: '512 GiB', [2 ** 48]: '256 TiB' };

const STEP_COLUMNS: readonly Column<PageWalkStep>[] = [
  { header: 'level', cell: (s) => String(s.level), align: 'right' },
  { header: 'VPN', cell: (s) => hex(s.vpn, 3), align: 'right' },
  { header: 'PTE address', cell: (s) => hex64(s.pteAddr) },
  { header: 'PTE', cell: (s) => hex64(s.pte) },
  { header: 'DAGUXWRV', cell: (s) => s.flags },
  { header: 'PPN', cell: (s) => hex(s.ppn) },
  { header: 'kind', cell: (s) => s.kind },
  { header: 'note', cell: (s) => s.note },
];

/** A page-table walk for one address, level by level, with its outcome. */
export class PageWalkView {
  constructor(readonly walk: PageWalk) {}

  /** The steps as plain rows. */
  get rows(): PageWalkStep[] {
    return this.walk.steps;
  }

  /** One line: where the address goes, or the fault. */
  get summary(): string {
    const w = this.walk;
    const head = `${hex(w.vaddr)} (${w.mode}, ${w.priv}-mode ${w.access})`;
    if (w.paddr !== undefined) {
      const how = w.steps.length === 0 ? 'untranslated' : `${SIZE_NAMES[w.pageSize!] ?? `${w.pageSize} B`} page`;
      return `${head} → ${hex(w.paddr)} (${how})`;
    }
    return `${head}: ${w.fault}`;
  }

  toString(): string {
    return this.walk.steps.length === 0 ? this.summary : `${this.summary}\n${textTable(STEP_COLUMNS, this.walk.steps)}`;
  }

  [mimeBundle](): MimeBundle {
    const html = this.walk.steps.length === 0
      ? `<div style="font-family:monospace">${escapeHtml(this.summary)}</div>`
      : htmlTable(STEP_COLUMNS, this.walk.steps, { title: this.summary, highlightRow: (s) => s.kind !== 'pointer' });
    return { 'text/plain': this.toString(), 'text/html': html };
  }
}

/**
 * The page-table walk for `vaddr` on hart `hart` (default 0), step by step:
 * each level's PTE, its flags, and where the address ends up or why it faults.
 * Read-only (sets no A/D bits).
 *
 * ```ts
 * pageWalk(m, 0xffffffff80000000n)            // as the hart would load from it
 * pageWalk(m, m.cpu.pc, { access: 'exec' })
 * ```
 */
export function pageWalk(m: RiscvMachine, vaddr: bigint | number | string, options: PageWalkOptions = {}): PageWalkView {
  return new PageWalkView(walkPageTable(m, vaddr, options));
}
