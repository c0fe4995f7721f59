import { readFileSync } from 'node:fs';
import { EM_RISCV, elfLoadSegments } from '../loader/boot-image';
import { ElfError, ElfFile, machineName, parseElf } from '../loader/elf';
import { Htif } from './htif';
import { RiscvMachine, RiscvMachineOptions } from './riscv-machine';
import { DeviceState } from '../devices/device';
import { SnapshotParts } from '../snapshot/snapshot-parts';


/** Options of the Spike-like bare-metal machine. */
export interface SpikeMachineOptions extends RiscvMachineOptions {
  /** Where guest console output goes (default: collected in {@link SpikeMachine.consoleText}). */
  onConsole?: (bytes: Uint8Array) => void;
}

/**
 * A bare-metal machine in the manner of Spike: RAM at 0x80000000, harts
 * starting in M-mode at the ELF's entry, and HTIF (`tohost`/`fromhost`, found
 * through the ELF's symbols) for console output and exit. Runs the programs of
 * the public riscv-tests suite and Orrery's benchmark workloads.
 */
export class SpikeMachine extends RiscvMachine {
  htif?: Htif;
  /** The ELF file loaded last. */
  elf?: ElfFile;
  private readonly consoleChunks: Uint8Array[] = [];

  constructor(readonly options: SpikeMachineOptions = {}) {
    super(options);
  }

  /** Everything the guest printed so far (when no `onConsole` was given). */
  get consoleText(): string {
    return Buffer.concat(this.consoleChunks).toString('utf8');
  }

  /** The guest's exit code, once it has exited. */
  get exitCode(): number | undefined {
    return this.htif?.exitCode;
  }

  /**
   * Load a RISC-V ELF executable (a path or its bytes): copy its loadable
   * segments into RAM, point every hart at its entry, connect HTIF. Checks
   * everything before writing anything, so a bad file leaves the machine as it was.
   */
  loadElf(file: string | Uint8Array, name = typeof file === 'string' ? file : '<buffer>'): ElfFile {
    let bytes: Uint8Array;
    if (typeof file === 'string') {
      try {
        bytes = readFileSync(file);
      } catch (e) {
        throw new ElfError(name, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read: ${(e as Error).message}`);
      }
    } else {
      bytes = file;
    }
    const elf = parseElf(bytes, name);
    if (elf.machine !== EM_RISCV) {
      throw new ElfError(name, `is an ELF for ${machineName(elf.machine)}, not RISC-V`);
    }
    if (elf.elfClass !== 64) throw new ElfError(name, 'is a 32-bit ELF; this machine is RV64');
    const ramStart = this.bus.ramBase;
    const ramEnd = ramStart + BigInt(this.mem.ramSize);
    const loads = elfLoadSegments(elf, name, ramStart, ramEnd);
    const tohost = elf.symbols.get('tohost');
    const fromhost = elf.symbols.get('fromhost');
    for (const [sym, addr] of [['tohost', tohost], ['fromhost', fromhost]] as const) {
      if (addr !== undefined && (addr < ramStart || addr + 8n > ramEnd)) {
        throw new ElfError(name, `symbol ${sym} at 0x${addr.toString(16)} is outside RAM`);
      }
    }
    // Everything is checked: from here on nothing can fail half-way.
    for (const s of loads) {
      this.bus.writePhys(s.paddr, s.data);
      const zeros = Number(s.memsz) - s.data.length;
      if (zeros > 0) this.bus.writePhys(s.paddr + BigInt(s.data.length), new Uint8Array(zeros));
    }
    this.engine.flush();
    for (const h of this.harts) h.pc = elf.entry;
    if (tohost !== undefined) this.attachHtif(tohost, fromhost);
    this.elf = elf;
    return elf;
  }

  /** Snapshot parts: HTIF's exit state; the configuration records where `tohost`/`fromhost` are. */
  override snapshotParts(): SnapshotParts {
    const base = super.snapshotParts();
    const htif = this.htif;
    const at = htif ? { tohost: htif.tohost, fromhost: htif.fromhost ?? null } : null;
    const parts: SnapshotParts['parts'] = htif ? [['htif', {
      stateVersion: 1,
      saveState: () => ({ exitCode: htif.exitCode ?? null }),
      loadState: (s: DeviceState) => { htif.exitCode = (s.exitCode as number | null) ?? undefined; },
    }]] : [];
    return {
      config: { ...base.config, kind: 'spike', platform: { htif: at } },
      parts, drives: [],
      spawn: () => {
        const m = new SpikeMachine({ ...this.options, ...this.engine.options, ...base.config, onConsole: undefined });
        if (htif) m.attachHtif(htif.tohost, htif.fromhost);
        m.elf = this.elf;
        return m;
      },
    };
  }

  /** Connect HTIF at these guest physical addresses (loadElf does it from the ELF's symbols). */
  attachHtif(tohost: bigint, fromhost?: bigint): Htif {
    const out = this.options.onConsole ?? ((b: Uint8Array) => { this.consoleChunks.push(b); });
    this.htif = new Htif(this.bus, tohost, fromhost, out, () => {
      this.halted = true;
      this.requestStop(this.cpu);
    });
    return this.htif;
  }
}
