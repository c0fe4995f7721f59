import { ENV, MEMORY, PAGE_BITS } from '../../core/exec/env';
import { RiscvMachine, RunResult } from '../../core/machine/riscv-machine';
import { SpikeMachine } from '../../core/machine/spike-machine';
import { VirtMachine } from '../../core/machine/virt-machine';
import { RiscvCpu } from '../../core/target/riscv/cpu';
import { X_ABI } from '../../core/target/riscv/cpu-layout';
import { disassembleAt } from '../../core/target/riscv/disasm';
import { Snapshot, SnapshotError } from '../../core/snapshot';
import { readGuest } from './guest-memory';
import { formatIrqs } from './info/irq';
import { formatJitInfo } from './info/jit';
import { formatMemoryTree } from './info/mtree';
import { formatDeviceTree } from './info/qtree';
import { formatRegisters } from './info/registers';
import { formatTlb } from './info/tlb';
import { parseAddress } from './monitor-address';
import { MonitorError } from './monitor-error';

/** What `.info` can show, with one line of help each. */
export const INFO_TOPICS = {
  registers: 'CPU registers of a hart (`.info registers 1` for hart 1, `-a` for all)',
  jit: 'translation cache: blocks, sizes, chaining, translation cost',
  tlb: 'softmmu TLB entries per hart and MMU index',
  mtree: 'the physical memory map',
  qtree: 'devices, their MMIO windows and interrupt sources, harts',
  irq: 'pending/enabled interrupts per hart and the PLIC contexts',
} as const;

/** File name endings that make a `savevm`/`loadvm` argument a file rather than a name. */
export const SNAPSHOT_FILE_ENDINGS = ['.osnap', '.snap', '.orrery'] as const;

/**
 * Whether a `savevm`/`loadvm` argument names a file (it contains a `/` or
 * ends in `.osnap`, `.snap` or `.orrery`) rather than a snapshot kept in
 * memory for the session (any other word: `boot`, `before-ls`).
 */
export function isSnapshotFile(arg: string): boolean {
  return arg.includes('/') || SNAPSHOT_FILE_ENDINGS.some((e) => arg.toLowerCase().endsWith(e));
}

const MIB = 1 << 20;
const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;

/** Formats of `.x/Nf`: QEMU's letters. */
const X_FORMATS = 'xduci';
/** Unit sizes of `.x/Nfs`: b(yte), h(alfword), w(ord), g(iant) as in QEMU. */
const X_SIZES: Record<string, 1 | 2 | 4 | 8> = { b: 1, h: 2, w: 4, g: 8 };
/** Bytes of memory per output line of `.x`. */
const X_LINE_BYTES = 16;
/** Most units one `.x` prints (a typo like `.x/100000i` should not flood the terminal). */
const X_MAX_COUNT = 4096;
/** Steps per slice of monitor runs: short enough for Ctrl-C and console echo to feel immediate. */
const MONITOR_SLICE = 1_000_000;
/**
 * An odd address: no pc is ever odd, so this breakpoint never fires, but any
 * breakpoint makes the engine run one-instruction blocks, which is what stops
 * a watched store at the instruction that made it.
 */
const WATCH_SENTINEL_BREAKPOINT = 1n;

const h64 = (v: bigint) => BigInt.asUintN(64, v).toString(16).padStart(16, '0');
const hex = (v: bigint) => `0x${v.toString(16)}`;

/** A watched physical doubleword and its last hit. */
interface Watchpoint {
  paddr: bigint;
}

/** What stopped a run that a watchpoint ended. */
interface WatchHit {
  paddr: bigint;
  /** The storing instruction. */
  pc: bigint;
}

/** Monitor state that belongs to one machine. */
interface MachineDebugState {
  watchpoints: Map<bigint, Watchpoint>;
  lastHit?: WatchHit;
}

/** Options of a {@link Monitor}. */
export interface MonitorOptions {
  /** The machine the commands act on, looked up at every command (so `m = new VirtMachine(...)` retargets them). */
  machine: () => unknown;
  /** Called after every slice of a monitor run (the REPL prints new console output there). */
  onSlice?: (m: RiscvMachine) => void;
}

/**
 * The QEMU-HMP-style monitor behind the REPL's dot commands: `info`, `x`,
 * `step`, `cont`, `break`, `watch`. Each command returns its output as text
 * and throws a {@link MonitorError} (which leaves the machine as it was) for
 * bad input. It knows nothing about the REPL, so a notebook can use it too.
 */
export class Monitor {
  private readonly debugState = new WeakMap<RiscvMachine, MachineDebugState>();
  /** Snapshots `savevm NAME` kept in memory, by name. */
  readonly savedStates = new Map<string, Snapshot>();
  private runningNow = false;

  constructor(private readonly options: MonitorOptions) {}

  /** True while `step` or `cont` runs the machine. */
  get running(): boolean {
    return this.runningNow;
  }

  /** The machine, checked. */
  machine(): RiscvMachine {
    const m = this.options.machine();
    if (m instanceof RiscvMachine) return m;
    if (m === undefined || m === null) throw new MonitorError('there is no machine: create one with m = new VirtMachine({ ...defaultVirtImages() })');
    throw new MonitorError(`m is a ${typeof m === 'object' ? (m as object).constructor?.name ?? 'object' : typeof m}, not a machine: set m = new VirtMachine(...) or new SpikeMachine()`);
  }

  /** `.info what [args]`. */
  info(args: string): string {
    const [topic = '', ...rest] = args.trim().split(/\s+/);
    const m = this.machine();
    switch (topic) {
      case 'registers': return this.infoRegisters(m, rest);
      case 'jit': return formatJitInfo(m);
      case 'tlb': return formatTlb(m);
      case 'mtree': return formatMemoryTree(m);
      case 'qtree': return formatDeviceTree(m);
      case 'irq': return formatIrqs(m);
      default: {
        const list = Object.entries(INFO_TOPICS).map(([k, v]) => `  .info ${k.padEnd(10)} ${v}`).join('\n');
        if (topic === '') return list;
        throw new MonitorError(`.info: no topic '${topic}'; topics: ${Object.keys(INFO_TOPICS).join(', ')}`);
      }
    }
  }

  private infoRegisters(m: RiscvMachine, rest: string[]): string {
    if (rest[0] === '-a') return m.harts.map((c) => `hart ${c.hartId}:\n${formatRegisters(c)}`).join('\n');
    const hart = this.hart(m, rest[0], '.info registers');
    return formatRegisters(hart);
  }

  private hart(m: RiscvMachine, text: string | undefined, where: string): RiscvCpu {
    if (text === undefined) return m.cpu;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0 || n >= m.harts.length) {
      throw new MonitorError(`${where}: no hart '${text}' (this machine has hart${m.harts.length > 1 ? `s 0-${m.harts.length - 1}` : ' 0'})`);
    }
    return m.harts[n];
  }

  /**
   * `.x/Nfs addr` (virtual, translated as hart 0 would) or `.xp/Nfs addr`
   * (physical): N units of format f (x hex, d signed, u unsigned, c char,
   * i instructions) and size s (b, h, w, g), QEMU's syntax.
   */
  examine(format: string, addrText: string, physical = false): string {
    const cmd = physical ? '.xp' : '.x';
    const where = `${cmd}${format ? `/${format}` : ''} ${addrText}`.trim();
    const f = /^(\d*)([a-z]*)$/.exec(format);
    if (!f) throw new MonitorError(`${where}: the format is /[count][format][size], e.g. /10i or /4xg`);
    const count = f[1] ? Number(f[1]) : 1;
    let fmt = 'x';
    let size: 1 | 2 | 4 | 8 | undefined;
    for (const ch of f[2]) {
      if (X_FORMATS.includes(ch)) fmt = ch;
      else if (ch in X_SIZES) size = X_SIZES[ch];
      else throw new MonitorError(`${where}: unknown letter '${ch}' in the format (formats ${X_FORMATS.split('').join(' ')}, sizes b h w g)`);
    }
    if (count < 1 || count > X_MAX_COUNT) throw new MonitorError(`${where}: the count must be 1 to ${X_MAX_COUNT}`);
    const m = this.machine();
    const cpu = m.cpu;
    const addr = parseAddress(addrText, cpu, where);
    const read = (a: bigint, n: number) => readGuest(m, cpu, a, n, { physical });
    if (fmt === 'i') return this.disassembleLines(addr, count, read).join('\n');
    const unit = size ?? (fmt === 'c' ? 1 : 4);
    const bytes = read(addr, count * unit);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const lines: string[] = [];
    const perLine = Math.max(1, X_LINE_BYTES / unit);
    for (let i = 0; i < count; i += perLine) {
      const cells: string[] = [];
      for (let j = i; j < Math.min(count, i + perLine); j++) cells.push(formatUnit(view, j * unit, unit, fmt));
      lines.push(`${h64(addr + BigInt(i * unit))}: ${cells.join(' ')}`);
    }
    return lines.join('\n');
  }

  /** Disassembly lines of `count` instructions from `addr`; stops early (with the reason) at unreadable memory. */
  private disassembleLines(addr: bigint, count: number, read: (a: bigint, n: number) => Uint8Array): string[] {
    const lines: string[] = [];
    let pc = addr;
    for (let i = 0; i < count; i++) {
      let bytes: Uint8Array;
      try {
        const lo = read(pc, 2);
        bytes = (lo[0] & 3) === 3 ? Uint8Array.from([...lo, ...read(pc + 2n, 2)]) : lo;
      } catch (e) {
        if (i === 0 || !(e instanceof MonitorError)) throw e;
        lines.push(`(stopped: ${e.message})`);
        break;
      }
      const row = disassembleAt(bytes, 0, pc);
      lines.push(insnLine(pc, row.raw, row.len, row.text));
      pc += BigInt(row.len);
    }
    return lines;
  }

  /** The instruction hart 0 executes next, as one line (or why it cannot be read). */
  nextInstruction(m: RiscvMachine = this.machine()): string {
    try {
      return this.disassembleLines(m.cpu.pc, 1, (a, n) => readGuest(m, m.cpu, a, n))[0];
    } catch (e) {
      if (e instanceof MonitorError) return `${h64(m.cpu.pc)}: (cannot fetch: ${e.message})`;
      throw e;
    }
  }

  /** `.step [n]`: run n instructions (default 1); print what stopped, changed registers and the next instruction. */
  async step(args: string): Promise<string> {
    const text = args.trim();
    const n = text === '' ? 1 : Number(text.replace(/_/g, ''));
    if (!Number.isSafeInteger(n) || n < 1) throw new MonitorError(`.step ${text}: the count must be a positive whole number`);
    const m = this.machine();
    const before = m.cpu.registers();
    const r = await this.runMachine(m, n, true);
    const after = m.cpu.registers();
    const changed = Object.keys(after).filter((k) => k !== 'pc' && after[k] !== before[k]).map((k) => `${k}=${hex(after[k])}`);
    const lines: string[] = [];
    if (r.reason !== 'budget') lines.push(this.stopText(m, r));
    if (changed.length) lines.push(`  ${changed.join(' ')}`);
    lines.push(this.nextInstruction(m));
    return lines.join('\n');
  }

  /** `.cont`: run until a breakpoint, a watchpoint, Ctrl-C (an interrupt request) or the guest stops. */
  async cont(): Promise<string> {
    const m = this.machine();
    if (m.halted) throw new MonitorError(`.cont: the guest has stopped${exitText(m)}; create a new machine to run again`);
    const r = await this.runMachine(m, Number.MAX_SAFE_INTEGER, false);
    return `${this.stopText(m, r)}\n${this.nextInstruction(m)}`;
  }

  private async runMachine(m: RiscvMachine, n: number, untilIdle: boolean): Promise<RunResult> {
    const state = this.state(m);
    state.lastHit = undefined;
    this.runningNow = true;
    try {
      return await m.run(n, { sliceInsns: Math.min(MONITOR_SLICE, n), untilIdle, onProgress: () => this.options.onSlice?.(m) });
    } finally {
      this.runningNow = false;
      this.options.onSlice?.(m);
    }
  }

  /** One line saying why a run stopped and where. */
  stopText(m: RiscvMachine, r: RunResult): string {
    const at = `at pc ${hex(m.cpu.pc)} after ${r.insns.toLocaleString('en-US')} instructions`;
    const hit = this.state(m).lastHit;
    switch (r.reason) {
      case 'breakpoint': return `stopped: breakpoint ${at}`;
      case 'interrupted': return `stopped: interrupted (Ctrl-C) ${at}`;
      case 'exit': return `stopped: the guest exited${exitText(m)} ${at}`;
      case 'idle': return `stopped: every hart waits for an interrupt with nothing ahead ${at}`;
      case 'budget': return `stopped: step count reached ${at}`;
      case 'stop':
        if (hit) return `stopped: watchpoint at physical ${hex(hit.paddr)} written by the instruction at ${hex(hit.pc)}, ${at}`;
        return `stopped: stop requested ${at}`;
      default: return `stopped: ${r.reason} ${at}`;
    }
  }

  /** `.break [addr]`, `.break -d addr|all`: add, list or delete breakpoints (virtual pcs). */
  break(args: string): string {
    const m = this.machine();
    const text = args.trim();
    const user = () => [...m.engine.breakpoints].filter((b) => b !== WATCH_SENTINEL_BREAKPOINT).sort((a, b) => (a < b ? -1 : 1));
    if (text === '') {
      const list = user();
      return list.length ? list.map((b, i) => `  ${i}: ${hex(b)}`).join('\n') : 'no breakpoints (.break addr sets one)';
    }
    const del = /^-d\s*(.*)$/.exec(text);
    if (del) {
      if (del[1].trim() === 'all') {
        for (const b of user()) m.removeBreakpoint(b);
        return 'deleted every breakpoint';
      }
      const pc = parseAddress(del[1], m.cpu, `.break -d ${del[1]}`);
      if (!m.engine.breakpoints.has(pc)) throw new MonitorError(`.break -d: no breakpoint at ${hex(pc)} (.break lists them)`);
      m.removeBreakpoint(pc);
      return `deleted the breakpoint at ${hex(pc)}`;
    }
    const pc = parseAddress(text, m.cpu, `.break ${text}`);
    if (pc & 1n) throw new MonitorError(`.break ${text}: ${hex(pc)} is odd; RISC-V instructions start at even addresses`);
    m.addBreakpoint(pc);
    return `breakpoint at ${hex(pc)}`;
  }

  /**
   * `.watch [paddr]`, `.watch -d paddr|all`: stop a run after a guest store to
   * the doubleword at a guest *physical* RAM address (8-byte granule); list or
   * delete watchpoints. While any is set the machine runs one instruction per
   * block, so the run stops right after the storing instruction.
   */
  watch(args: string): string {
    const m = this.machine();
    const state = this.state(m);
    const text = args.trim();
    if (text === '') {
      const list = [...state.watchpoints.keys()];
      return list.length ? list.map((a, i) => `  ${i}: physical ${hex(a)}..${hex(a + 7n)}`).join('\n') : 'no watchpoints (.watch paddr sets one)';
    }
    const del = /^-d\s*(.*)$/.exec(text);
    if (del) {
      if (del[1].trim() === 'all') state.watchpoints.clear();
      else {
        const a = parseAddress(del[1], m.cpu, `.watch -d ${del[1]}`) & ~7n;
        if (!state.watchpoints.delete(a)) throw new MonitorError(`.watch -d: no watchpoint at physical ${hex(a)} (.watch lists them)`);
      }
      if (state.watchpoints.size === 0) m.removeBreakpoint(WATCH_SENTINEL_BREAKPOINT);
      return 'deleted';
    }
    const paddr = parseAddress(text, m.cpu, `.watch ${text}`);
    const host = m.bus.ramHost(paddr);
    if (host < 0) {
      const r = m.bus.find(paddr);
      throw new MonitorError(`.watch ${text}: physical ${hex(paddr)} is ${r ? `in the MMIO window of ${r.name}` : 'not mapped'}; watchpoints work on RAM (the address is physical)`);
    }
    const granule = paddr & ~7n;
    if (m instanceof SpikeMachine && m.htif && (m.htif.tohost & ~7n) === granule) {
      throw new MonitorError(`.watch ${text}: physical ${hex(granule)} is HTIF's tohost, which the machine itself watches`);
    }
    if (!state.watchpoints.has(granule)) {
      state.watchpoints.set(granule, { paddr: granule });
      m.bus.watch(granule, (g) => {
        if (!state.watchpoints.has(g)) return; // deleted: the bus has no way to unwatch
        state.lastHit = { paddr: g, pc: BigInt.asUintN(64, m.mem.i64(m.cpu.env + ENV.faultPc)) };
        m.requestStop();
      });
      // Stores already cached in the TLB would skip the bus: make them take the slow path again.
      m.mmu.protectRamPage((host - MEMORY.ramBase) >>> PAGE_BITS);
      m.addBreakpoint(WATCH_SENTINEL_BREAKPOINT);
    }
    return `watchpoint on physical ${hex(granule)}..${hex(granule + 7n)} (guest stores; device DMA is not seen)`;
  }

  /**
   * `savevm NAME|FILE`: snapshot the machine (between runs) into memory under
   * NAME, or into FILE (see {@link isSnapshotFile}). Returns what was saved.
   */
  savevm(args: string): string {
    const arg = args.trim();
    if (arg === '') throw new MonitorError('savevm: give a name (kept in memory) or a file (with a / or ending in .osnap/.snap/.orrery)');
    const m = this.machine();
    if (this.runningNow) throw new MonitorError('savevm: the machine is running');
    const s = m.snapshot();
    const retired = `${s.retired.toLocaleString('en-US')} instructions retired`;
    if (!isSnapshotFile(arg)) {
      this.savedStates.set(arg, s);
      return `saved '${arg}' in memory (${retired}; ${mib(s.ramBytes)} of RAM in use)`;
    }
    try {
      const info = s.save(arg);
      return `saved ${arg} (${mib(info.bytes)}; ${retired}; ${mib(info.ramBytes)} of RAM in use)`;
    } catch (e) {
      if (e instanceof SnapshotError) throw new MonitorError(`savevm: ${e.message}`);
      throw e;
    }
  }

  /**
   * `loadvm NAME|FILE`: put the machine back into a snapshot saved under NAME
   * in this session, or read from FILE. A snapshot that does not fit (another
   * configuration, a damaged file) is refused and the machine left as it was.
   * Without an argument: the names saved so far.
   */
  loadvm(args: string): string {
    const arg = args.trim();
    if (arg === '') {
      const names = [...this.savedStates.keys()];
      return names.length ? `saved in memory: ${names.join(', ')}` : 'nothing saved in memory yet (savevm NAME)';
    }
    const m = this.machine();
    if (this.runningNow) throw new MonitorError('loadvm: the machine is running');
    let s: Snapshot | undefined;
    try {
      if (isSnapshotFile(arg)) s = Snapshot.load(arg);
      else {
        s = this.savedStates.get(arg);
        if (!s) {
          const names = [...this.savedStates.keys()];
          throw new MonitorError(`loadvm: no snapshot '${arg}' in memory (${names.length ? `saved: ${names.join(', ')}` : 'none saved yet'}; files need a / or an .osnap/.snap/.orrery ending)`);
        }
      }
      m.restore(s);
    } catch (e) {
      if (e instanceof SnapshotError) throw new MonitorError(`loadvm: ${e.message}`);
      throw e;
    }
    return `restored ${isSnapshotFile(arg) ? arg : `'${arg}'`} (${s.retired.toLocaleString('en-US')} instructions retired; pc ${hex(m.cpu.pc)})`;
  }

  private state(m: RiscvMachine): MachineDebugState {
    let s = this.debugState.get(m);
    if (!s) this.debugState.set(m, (s = { watchpoints: new Map() }));
    return s;
  }
}

function exitText(m: RiscvMachine): string {
  const code = (m as Partial<VirtMachine>).exitCode;
  return code === undefined ? '' : ` (exit code ${code})`;
}

function formatUnit(view: DataView, off: number, unit: 1 | 2 | 4 | 8, fmt: string): string {
  let v: bigint;
  switch (unit) {
    case 1: v = BigInt(view.getUint8(off)); break;
    case 2: v = BigInt(view.getUint16(off, true)); break;
    case 4: v = BigInt(view.getUint32(off, true)); break;
    default: v = view.getBigUint64(off, true);
  }
  switch (fmt) {
    case 'd': return BigInt.asIntN(unit * 8, v).toString();
    case 'u': return v.toString();
    case 'c': return JSON.stringify(String.fromCharCode(Number(v & 0xffn))).slice(1, -1).padEnd(2);
    default: return `0x${v.toString(16).padStart(unit * 2, '0')}`;
  }
}

/** `0000000080000000:  00000297          auipc   t0,0`, QEMU's `x/i` layout. */
function insnLine(pc: bigint, raw: number, len: number, text: string): string {
  const [mnemonic, operands] = text.split('\t');
  const bytes = (raw >>> 0).toString(16).padStart(len * 2, '0');
  return `${h64(pc)}:  ${bytes.padEnd(8)}  ${operands === undefined ? mnemonic : `${mnemonic.padEnd(8)}${operands}`}`;
}

/** ABI names of the integer registers (for completion of addresses). */
export const MONITOR_REGISTER_NAMES: readonly string[] = ['pc', ...X_ABI, 'fp'];
