import { EngineOptions, ExecEngine, StopReason } from '../exec/exec-engine';
import { ENV, ENV_SIZE, envBase, MEMORY } from '../exec/env';
import { BlockStats, TranslationBlock } from '../exec/translation-block';
import { TimedDevice } from '../devices/device';
import { WiredIrqLine } from '../devices/irq';
import { interruptGeneration, interruptRequestedSince, onInterrupt } from '../exec/run-control';
import { IrBlock } from '../ir/ir';
import { PassOptions } from '../ir/passes/pipeline';
import { formatBlock } from '../ir/printer';
import { Bus } from '../memory/bus';
import { SharedMemory } from '../memory/shared-memory';
import { SoftMmu } from '../memory/softmmu';
import { RiscvCpu } from '../target/riscv/cpu';
import { rvEnvName } from '../target/riscv/cpu-layout';
import { disassemble, disassembleInvalid } from '../target/riscv/disasm';
import { createRiscvHelpers, RiscvRuntime } from '../target/riscv/helpers/helper-table';
import { RiscvAddressTranslation } from '../target/riscv/mmu';
import { GuestInsn, RiscvTranslator } from '../target/riscv/translator';
import { RewindHistory, RewindOptions } from '../snapshot/rewind';
import { captureSnapshot, forkMachine, machineStateHash, restoreSnapshot, Snapshot } from '../snapshot/snapshot';
import { ClockState, SnapshotParts } from '../snapshot/snapshot-parts';

/** Options every RISC-V machine takes. */
export interface RiscvMachineOptions extends EngineOptions {
  /** Guest RAM in bytes (default 128 MiB). */
  ramSize?: number;
  /** Guest physical address of RAM (default 0x80000000). */
  ramBase?: bigint;
  /** Number of harts (default 1). */
  harts?: number;
  /** Guest instructions per virtual-time tick of `mtime` (default 10: 10 MHz at a nominal 100 MIPS). */
  insnsPerTick?: number;
  /** Instructions per slice when several harts take turns (default 10,000). */
  sliceInsns?: number;
  /** Widest paging mode: 'sv39', 'sv48' or 'sv57' (default 'sv57'; the virt machine uses 'sv48', as its device tree says, like QEMU's). */
  mmuType?: 'sv39' | 'sv48' | 'sv57';
  /** Inline host-arithmetic fast paths for common FP instructions (default true; false: soft-float helpers only). */
  fpFastPath?: boolean;
}

/** Result of running a machine. */
export interface RunResult {
  /**
   * Why it stopped: the guest exited ('exit'), the budget ran out, a
   * breakpoint, every hart waits with nothing ahead ('idle'), a stop request,
   * or (asynchronous runs) an interrupt from the user.
   */
  reason: StopReason | 'exit' | 'idle' | 'interrupted';
  /** Instructions retired during this run. */
  insns: number;
  /** Wall-clock seconds. */
  seconds: number;
}

/** Options of {@link RiscvMachine.run}. */
export interface AsyncRunOptions {
  /** Steps per slice between yields to the event loop (default 4,000,000). */
  sliceInsns?: number;
  /** Called after every slice. */
  onProgress?: (slice: RunResult) => void;
  /** Checked after every slice: stop (reason 'stop') when it returns true. */
  until?: () => boolean;
  /** Return 'idle' when all harts wait with nothing ahead, instead of waiting for host input. */
  untilIdle?: boolean;
  /** Abort the run (like an interrupt). */
  signal?: AbortSignal;
}

/** A translated block, every stage as text, for a cell or a REPL line. */
export interface BlockView {
  pc: bigint;
  guest: string[];
  ir: string;
  irOptimized: string;
  wasm: string | undefined;
  stats: BlockStats;
}

/** A fetched guest instruction as objdump would print it. */
export function guestInsnText(g: GuestInsn): string {
  return g.insn ? disassemble(g.insn, g.pc) : disassembleInvalid(g.raw, g.len, g.pc);
}

/**
 * A RISC-V machine: RAM and devices on a bus, harts, the softmmu and the
 * translation engine. Subclasses add a platform (devices, boot protocol).
 */
export class RiscvMachine {
  readonly mem: SharedMemory;
  readonly bus: Bus;
  readonly mmu: SoftMmu;
  readonly harts: RiscvCpu[] = [];
  readonly engine: ExecEngine<GuestInsn>;
  readonly translator: RiscvTranslator;
  /** The guest has finished (exit code known, or powered off). */
  halted = false;
  protected readonly insnsPerTick: bigint;
  protected readonly runtime: RiscvRuntime;
  /** Devices with deadlines in virtual time (timers): slices end at their deadlines. */
  protected readonly timedDevices: TimedDevice[] = [];
  /** Instructions per slice when several harts take turns (default 10,000). */
  readonly sliceInsns: number;
  /** Machine-level counters, as plain data. */
  readonly machineStats = { idleSkips: 0 };
  private clockInsns = 0;
  private waker: (() => void) | undefined;
  private readonly sliceStart: bigint[] = [];

  constructor(options: RiscvMachineOptions = {}) {
    this.mem = new SharedMemory(options.ramSize ?? 128 * 1024 * 1024);
    this.bus = new Bus(this.mem, options.ramBase ?? 0x80000000n);
    this.mmu = new SoftMmu(this.mem, this.bus, new RiscvAddressTranslation((env) => this.hartByEnv(env)));
    this.insnsPerTick = BigInt(options.insnsPerTick ?? 10);
    this.sliceInsns = options.sliceInsns ?? 10_000;
    const nHarts = options.harts ?? 1;
    if (nHarts < 1 || nHarts > MEMORY.maxHarts) throw new RangeError(`harts must be 1..${MEMORY.maxHarts}`);
    for (let i = 0; i < nHarts; i++) {
      const cpu: RiscvCpu = new RiscvCpu(this.mem, envBase(i), i, { mtime: () => this.hartTime(cpu) });
      cpu.maxSatpMode = { sv39: 8, sv48: 9, sv57: 10 }[options.mmuType ?? 'sv57'];
      this.harts.push(cpu);
      this.sliceStart.push(0n);
    }
    const machine = this;
    this.runtime = {
      current: this.harts[0],
      mmu: this.mmu,
      flushTlb(cpu) {
        machine.mmu.flush(cpu.env);
        machine.engine.cache.clearJumpCache(cpu.env);
      },
      flushTlbMapping(cpu, vaddr) {
        const execSpan = machine.mmu.flushMapping(cpu.env, vaddr);
        machine.engine.cache.clearJumpCacheNear(cpu.env, vaddr, execSpan);
      },
      waitForInterrupt(cpu) {
        cpu.waiting = true;
        // An interrupt already pending but disabled makes wfi a no-op: a hart looping on it
        // (OpenSBI's HSM wait) gives up the rest of its slice to the others.
        if (machine.harts.length > 1 && (cpu.mip() & cpu.csr.mie) !== 0n) machine.engine.yieldRequested = true;
      },
    };
    this.translator = new RiscvTranslator(this.mmu, createRiscvHelpers(this.runtime), 64, options.fpFastPath ?? true);
    this.engine = new ExecEngine<GuestInsn>(this.mmu, this.translator, options);
    for (const h of this.harts) {
      this.mmu.addHart(h.env);
      this.engine.addHart(h.env);
    }
  }

  /** The hart whose env is at `env`. */
  hartByEnv(env: number): RiscvCpu {
    const h = this.harts[(env - MEMORY.envBase) / ENV_SIZE];
    if (!h || h.env !== env) throw new RangeError(`no hart has its env at ${env}`);
    return h;
  }

  /** Hart 0. */
  get cpu(): RiscvCpu {
    return this.harts[0];
  }

  /**
   * Virtual time (`mtime` ticks) as the running hart sees it: the clock at the
   * start of the current round of slices plus what this hart has retired in its
   * slice, over the instructions per tick. Deterministic: it depends only on
   * instruction counts.
   */
  mtime(): bigint {
    return this.hartTime(this.runtime.current);
  }

  /** Virtual time in ticks as hart `cpu` sees it. */
  hartTime(cpu: RiscvCpu): bigint {
    const progress = cpu.retired() - this.sliceStart[cpu.hartId];
    return (BigInt(this.clockInsns) + progress) / this.insnsPerTick;
  }

  /** Virtual time in instruction units at the start of the current round (advances by each round's longest slice). */
  get clockInstructions(): number {
    return this.clockInsns;
  }

  /** Make the running block return to the loop at its end and the run return (`runSync` gives reason 'stop'). */
  requestStop(cpu: RiscvCpu = this.runtime.current): void {
    this.mem.setI64(cpu.env + ENV.icountLimit, 0n);
    this.engine.stopRequested = true;
  }

  /** An interrupt line into hart `cpu`'s `mip` bit `bit` (devices drive it; the hart notices at its next block boundary). */
  protected hartIrqLine(cpu: RiscvCpu, bit: number, name: string): WiredIrqLine {
    const mask = 1n << BigInt(bit);
    return new WiredIrqLine(name, (level) => {
      cpu.irqLines = level ? cpu.irqLines | mask : cpu.irqLines & ~mask;
      // The running hart leaves generated code at the next block boundary: to take the
      // interrupt if it is its own, or to let the other hart's slice start sooner.
      if (level) this.engine.kick(this.runtime.current.env);
    });
  }

  /** Register a device with deadlines: slices end at them, and moving one shortens the running slice. */
  protected addTimedDevice(device: TimedDevice): void {
    this.timedDevices.push(device);
    device.onDeadlineChange = () => this.deadlineMoved();
  }

  /** A timer was reprogrammed: make the running hart's slice end no later than the new earliest deadline. */
  private deadlineMoved(): void {
    const d = this.nextDeadline();
    if (d === undefined) return;
    const cpu = this.runtime.current;
    const now = this.clockInsns + Number(cpu.retired() - this.sliceStart[cpu.hartId]);
    this.engine.limitRun(cpu.env, Number(d * this.insnsPerTick) - now);
  }

  /** Earliest deadline (in ticks) of the timed devices, or undefined. */
  private nextDeadline(): bigint | undefined {
    let best: bigint | undefined;
    for (const d of this.timedDevices) {
      const t = d.nextDeadline();
      if (t !== undefined && (best === undefined || t < best)) best = t;
    }
    return best;
  }

  /** Let timed devices update their lines for the current time (a deadline may have been reached or passed). */
  private deliverDeadlines(): void {
    if (this.timedDevices.length === 0) return;
    const now = BigInt(this.clockInsns) / this.insnsPerTick;
    for (const d of this.timedDevices) d.onTime(now);
  }

  /** Steps (instructions retired plus traps taken) of all harts so far. */
  protected totalSteps(): number {
    let n = this.engine.stats.exceptions;
    for (const h of this.harts) n += Number(h.retired());
    return n;
  }

  /**
   * Run for at most `maxInsns` steps — guest instructions retired plus traps
   * taken, summed over all harts — (default: until the guest exits, stops or
   * idles for good). Harts take turns in slices of at most `sliceInsns`; a slice
   * also ends at the next timer deadline, and when every hart waits in `wfi`
   * virtual time skips to that deadline. Synchronous: use it from scripts and
   * the command line (front ends use sliced asynchronous runs).
   */
  runSync(maxInsns = Number.MAX_SAFE_INTEGER): RunResult {
    const t0 = performance.now();
    const retiredBefore = this.harts.map((h) => h.retired());
    const interpBefore = this.engine.stats.insnsInterpreted;
    const stepsBefore = this.totalSteps();
    let reason: RunResult['reason'] = 'budget';
    outer: while (!this.halted) {
      const remaining = maxInsns - (this.totalSteps() - stepsBefore);
      if (remaining <= 0) { reason = 'budget'; break; }
      this.deliverDeadlines();
      const slice = Math.min(remaining, this.harts.length > 1 ? this.sliceInsns : Number.MAX_SAFE_INTEGER);
      let deadline = this.nextDeadline();
      let longest = 0;
      let ran = false;
      for (const h of this.harts) {
        if (this.halted) break;
        if (h.waiting && (h.mip() & h.csr.mie) === 0n) continue;
        ran = true;
        this.runtime.current = h;
        this.sliceStart[h.hartId] = h.retired();
        const before = this.totalSteps();
        const left = maxInsns - (before - stepsBefore);
        if (left <= 0) break;
        // The slice ends at the next deadline (an earlier hart of this round may have moved it).
        let budget = Math.min(slice, left);
        deadline = this.nextDeadline();
        if (deadline !== undefined) {
          const until = Number(deadline * this.insnsPerTick) - this.clockInsns;
          if (until > 0) budget = Math.min(budget, until);
        }
        // Only the user's budget is exact; a slice or deadline may end a block late (never split it).
        const slack = Math.min(this.engine.options.maxBlockInsns, left - budget);
        const r = this.engine.run(h, budget, slack);
        longest = Math.max(longest, this.totalSteps() - before);
        if (r === 'breakpoint') { reason = r; this.endRound(longest); break outer; }
        if (r === 'stop' && !h.waiting) { reason = 'stop'; this.endRound(longest); break outer; }
      }
      if (!ran) {
        // Every hart waits for an interrupt. Typed input waiting for this moment goes in first.
        if (this.onAllIdle()) continue;
        // Otherwise skip virtual time to the next deadline.
        if (deadline === undefined || !this.idle(deadline)) { reason = 'idle'; break; }
        this.advanceClockTo(deadline);
        continue;
      }
      this.endRound(longest);
    }
    if (this.halted) reason = 'exit';
    let insns = 0;
    this.harts.forEach((h, i) => { insns += Number(h.retired() - retiredBefore[i]); });
    this.engine.stats.insnsWasm += insns - (this.engine.stats.insnsInterpreted - interpBefore);
    return { reason, insns, seconds: (performance.now() - t0) / 1000 };
  }

  /** Close a round of slices: the clock advances by the longest slice; every hart's slice restarts there. */
  private endRound(longest: number): void {
    this.clockInsns += longest;
    for (const h of this.harts) this.sliceStart[h.hartId] = h.retired();
  }

  /**
   * Called when every hart waits in `wfi` and a deadline (in ticks) is ahead.
   * Returns whether to skip virtual time to it at once (default true: runs are
   * deterministic). A machine idling in real time returns false: the run then
   * stops with 'idle', and the asynchronous runner waits before skipping.
   */
  protected idle(_deadline: bigint): boolean {
    return true;
  }

  /**
   * Every hart waits for an interrupt (a shell waiting for a command): a
   * platform may deliver paced input now. Returns true if it did (the harts
   * then run again before time skips).
   */
  protected onAllIdle(): boolean {
    return false;
  }

  /** Move virtual time forward to `ticks` (never backwards), as when every hart idles until a deadline. */
  advanceClockTo(ticks: bigint): void {
    const insns = Number(ticks * this.insnsPerTick);
    if (insns <= this.clockInsns) return;
    this.clockInsns = insns;
    for (const h of this.harts) this.sliceStart[h.hartId] = h.retired();
    this.machineStats.idleSkips++;
  }

  /**
   * Run asynchronously for at most `maxInsns` steps in slices of about
   * `sliceInsns`, yielding to the event loop between slices, so a notebook or
   * REPL stays responsive and an interrupt (see core/exec/run-control) stops
   * the machine at an instruction boundary with its state intact: run it
   * again to continue. `onProgress` is called after every slice. When every
   * hart waits for an interrupt with nothing in virtual time ahead (a shell
   * waiting for input), the run waits for {@link waitForEvent} instead of
   * returning, unless `untilIdle` is set.
   */
  async run(maxInsns = Number.MAX_SAFE_INTEGER, options: AsyncRunOptions = {}): Promise<RunResult> {
    const t0 = performance.now();
    const gen = interruptGeneration();
    const slice = options.sliceInsns ?? 4_000_000;
    let insns = 0;
    let done = 0;
    const stepsBefore = this.totalSteps();
    for (;;) {
      if (interruptRequestedSince(gen) || options.signal?.aborted) {
        return { reason: 'interrupted', insns, seconds: (performance.now() - t0) / 1000 };
      }
      const left = maxInsns - done;
      if (left <= 0) return { reason: 'budget', insns, seconds: (performance.now() - t0) / 1000 };
      const r = this.runSync(Math.min(slice, left));
      insns += r.insns;
      done = this.totalSteps() - stepsBefore;
      options.onProgress?.(r);
      if (options.until?.()) return { reason: 'stop', insns, seconds: (performance.now() - t0) / 1000 };
      if (r.reason === 'idle') {
        if (options.untilIdle) return { reason: 'idle', insns, seconds: (performance.now() - t0) / 1000 };
        await this.waitForEvent(gen, options.signal);
        continue;
      }
      if (r.reason !== 'budget') return { reason: r.reason, insns, seconds: (performance.now() - t0) / 1000 };
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /**
   * Wait (in real time) for something that can wake an idle machine: host
   * input ({@link wake}), an interrupt request, the abort signal, or
   * `timeoutMs` passing.
   */
  protected waitForEvent(gen: number, signal?: AbortSignal, timeoutMs?: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearInterval(poll);
        if (timeout) clearTimeout(timeout);
        remove();
        this.waker = undefined;
        resolve();
      };
      this.waker = done;
      const remove = onInterrupt(done);
      const poll = setInterval(() => { if (interruptRequestedSince(gen) || signal?.aborted) done(); }, 50);
      const timeout = timeoutMs !== undefined ? setTimeout(done, Math.max(0, timeoutMs)) : undefined;
    });
  }

  /** Wake an asynchronous run that waits for an event (host input arrived). */
  protected wake(): void {
    this.waker?.();
  }

  /** Execute exactly `n` instructions (default 1), one block of one instruction at a time. */
  step(n = 1): RunResult {
    return this.runSync(n);
  }

  /** The translated block at `pc` (default: the current pc) for the current state, translating it if needed. */
  block(pc: bigint = this.cpu.pc): TranslationBlock<GuestInsn> {
    return this.engine.block(this.cpu.env, pc, this.cpu.tbFlags());
  }

  /**
   * Every stage of the block at `pc` as text: guest disassembly, IR, optimised
   * IR, WebAssembly (once compiled). With `passes`, the block is translated
   * afresh with those pass options (the cache is untouched) and its
   * WebAssembly shown as it would compile, so each pass's effect can be seen:
   * `m.inspectBlock(pc, { passes: { envForwarding: false } })`.
   */
  inspectBlock(pc: bigint = this.cpu.pc, options: { passes?: PassOptions } = {}): BlockView {
    if (options.passes) {
      const r = this.engine.retranslate(this.cpu.env, pc, this.cpu.tbFlags(), options.passes);
      return this.view(pc, r.guest, r.ir, r.irOptimized, r.wasm.wat, {
        guestInsns: r.ir.insnCount, guestBytes: r.ir.byteSize, irOps: r.ir.ops.length, irOpsOptimized: r.irOptimized.ops.length,
        hostBytes: r.wasm.hostBytes, translateSeconds: r.passStats.micros / 1e6, interpretedRuns: 0,
      });
    }
    const tb = this.block(pc);
    const irOptimized = tb.irOptimized;
    return this.view(tb.pc, tb.guest, tb.ir, irOptimized, tb.compiled ? this.engine.jit.preview(irOptimized).wat : undefined, tb.stats);
  }

  private view(pc: bigint, guest: GuestInsn[], ir: IrBlock, irOptimized: IrBlock, wasm: string | undefined, stats: BlockStats): BlockView {
    const text = new Map(guest.map((g) => [g.pc, guestInsnText(g)]));
    const opts = { envName: rvEnvName, guestText: (p: bigint) => text.get(p) };
    return {
      pc,
      guest: guest.map((g) => `${g.pc.toString(16)}:  ${text.get(g.pc)}`),
      ir: formatBlock(ir, opts),
      irOptimized: formatBlock(irOptimized, opts),
      wasm,
      stats,
    };
  }

  /** Stop runs before the instruction at `pc` executes (runs use one-instruction blocks while any breakpoint is set). */
  addBreakpoint(pc: bigint): void {
    this.engine.breakpoints.add(BigInt.asUintN(64, pc));
  }

  /** Remove a breakpoint. */
  removeBreakpoint(pc: bigint): void {
    this.engine.breakpoints.delete(BigInt.asUintN(64, pc));
  }

  /**
   * A summary of the translation cache in the manner of QEMU's `info jit`, as
   * plain data: block counts and sizes (guest instructions, IR ops before and
   * after the passes, host bytes), how many blocks span two pages and how
   * many chain slots are linked, flushes and invalidations, and translation
   * cost per block and per guest instruction.
   */
  jitInfo() {
    const tbs = [...this.engine.cache.blocks()];
    const n = tbs.length || 1;
    const sum = (f: (tb: TranslationBlock<GuestInsn>) => number) => tbs.reduce((a, tb) => a + f(tb), 0);
    const compiled = tbs.filter((tb) => tb.compiled);
    const e = this.engine.stats;
    const translated = this.engine.cache.stats.translated || 1;
    return {
      blocks: tbs.length,
      compiledBlocks: compiled.length,
      avgGuestInsns: sum((tb) => tb.stats.guestInsns) / n,
      maxGuestInsns: Math.max(0, ...tbs.map((tb) => tb.stats.guestInsns)),
      avgIrOps: sum((tb) => tb.stats.irOps) / n,
      avgIrOpsOptimized: sum((tb) => tb.stats.irOpsOptimized) / n,
      avgHostBytes: compiled.length ? compiled.reduce((a, tb) => a + tb.stats.hostBytes, 0) / compiled.length : 0,
      crossPageBlocks: tbs.filter((tb) => tb.ramPages.length > 1).length,
      linkedSlots: {
        none: tbs.filter((tb) => !tb.outgoing[0] && !tb.outgoing[1]).length,
        one: tbs.filter((tb) => !!tb.outgoing[0] !== !!tb.outgoing[1]).length,
        two: tbs.filter((tb) => tb.outgoing[0] && tb.outgoing[1]).length,
      },
      flushes: this.engine.cache.stats.flushes,
      invalidations: this.engine.cache.stats.invalidations,
      tlbFlushes: this.mmu.stats.tlbFlushes,
      translateMicrosPerBlock: (e.translateSeconds * 1e6) / translated,
      translateMicrosPerGuestInsn: (e.translateSeconds * 1e6) / (e.guestInsnsTranslated || 1),
      compileMicrosPerBlock: (this.engine.jit.stats.compileSeconds * 1e6) / (this.engine.jit.stats.functions || 1),
    };
  }

  /** Virtual time as plain data (snapshots save it). */
  clockState(): ClockState {
    return { clockInsns: this.clockInsns, sliceStart: [...this.sliceStart] };
  }

  /** Put back virtual time saved by {@link clockState}. */
  setClockState(s: ClockState): void {
    this.clockInsns = s.clockInsns;
    s.sliceStart.forEach((v, i) => { this.sliceStart[i] = v; });
  }

  /** What a snapshot saves besides harts, RAM and time: configuration, devices, disks (subclasses add theirs). */
  snapshotParts(): SnapshotParts {
    const config = {
      kind: 'riscv', ramSize: this.mem.ramSize, ramBase: this.bus.ramBase, harts: this.harts.length,
      insnsPerTick: Number(this.insnsPerTick), sliceInsns: this.sliceInsns, platform: {},
    };
    return {
      config, parts: [], drives: [],
      spawn: () => new RiscvMachine({ ...this.engine.options, ...config }),
    };
  }

  /**
   * The whole machine state now, as a {@link Snapshot} (call between runs):
   * harts, RAM, devices, virtual time, disk writes, configuration.
   */
  snapshot(): Snapshot {
    return captureSnapshot(this);
  }

  /**
   * Put the machine back into snapshot `s` exactly; translation caches and
   * TLBs are flushed. A snapshot of another configuration (or a newer schema)
   * throws a `SnapshotError` saying which, and leaves the machine untouched.
   */
  restore(s: Snapshot): void {
    restoreSnapshot(this, s);
  }

  /** A second, independent machine in the same state (own RAM, devices and disks). */
  fork(): RiscvMachine {
    return forkMachine(this);
  }

  /** sha256 (hex) of the whole machine state: equal states, equal hashes (= `snapshot().hash()`). */
  stateHash(): string {
    return machineStateHash(this);
  }

  /** The rewind history, once {@link recordHistory} started it. */
  history: RewindHistory | undefined;

  /**
   * Start recording for {@link rewind}: a checkpoint every `interval` steps
   * (default 5M), the last `keep` (default 32) kept. Returns the history.
   */
  recordHistory(options: RewindOptions = {}): RewindHistory {
    this.history?.stop();
    this.history = new RewindHistory(this, options);
    return this.history;
  }

  /**
   * Go back `n` steps (instructions retired plus traps taken) by restoring a
   * checkpoint and re-executing deterministically; needs {@link recordHistory}.
   * `m.rewind(1)` is a reverse step.
   */
  rewind(n = 1): void {
    if (!this.history) throw new Error('rewind needs a recorded history: call m.recordHistory() before running');
    this.history.rewind(n);
  }

  /** Statistics of the translator, caches, softmmu and backends as plain data. */
  stats() {
    return {
      engine: { ...this.engine.stats },
      cache: { ...this.engine.cache.stats, live: this.engine.cache.size },
      jit: { ...this.engine.jit.stats },
      softmmu: { ...this.mmu.stats },
      chainHits: Number(this.harts.reduce((s, h) => s + this.mem.i64(h.env + ENV.chainHits), 0n)),
      jmpCacheHits: Number(this.harts.reduce((s, h) => s + this.mem.i64(h.env + ENV.jmpCacheHits), 0n)),
      insnsRetired: Number(this.harts.reduce((s, h) => s + h.retired(), 0n)),
    };
  }
}
