import { describe, expect, it } from 'vitest';
import { GuestException } from '../../../core/exec/guest-exception';
import { RiscvMachine } from '../../../core/machine/riscv-machine';
import { CSR } from '../../../core/target/riscv/csr-numbers';
import { readCsr, writeCsr } from '../../../core/target/riscv/csr';
import { PTE, SATP_MODE } from '../../../core/target/riscv/page-table';
import { EXC, MSTATUS, PRIV } from '../../../core/target/riscv/spec';

/**
 * RISC-V address translation (privileged spec, "Supervisor-Level ISA":
 * Sv39/Sv48/Sv57 and the translation process; "Physical Memory Protection"),
 * checked by building page tables in a machine's RAM and going through the
 * softmmu's slow path as generated code would.
 */

const RAM = 0x80000000n;
/** MMU indexes: privilege, plus 4 for S-mode with SUM. */
const U = 0;
const S = 1;
const S_SUM = 5;
const M = 3;
const RWX = PTE.R | PTE.W | PTE.X;

/** A machine with page tables under construction: tables are allocated from 0x80100000 up. */
class Fixture {
  readonly m = new RiscvMachine({ ramSize: 4 << 20, backend: 'interp' });
  readonly cpu = this.m.cpu;
  private next = RAM + 0x100000n;
  readonly root: bigint;

  constructor(readonly mode: number = SATP_MODE.Sv39) {
    this.root = this.allocTable();
    this.cpu.priv = PRIV.M;
    this.csr(CSR.satp, (BigInt(mode) << 60n) | (this.root >> 12n));
  }

  get levels(): number {
    return this.mode - SATP_MODE.Sv39 + 3;
  }

  allocTable(): bigint {
    const t = this.next;
    this.next += 0x1000n;
    this.m.bus.writePhys(t, new Uint8Array(4096));
    return t;
  }

  csr(num: number, value: bigint) {
    const prev = this.cpu.priv;
    this.cpu.priv = PRIV.M;
    const effect = writeCsr(this.cpu, num, value, 0, 0);
    if (effect.flushTlb) this.m.mmu.flush(this.cpu.env);
    this.cpu.priv = prev;
    return effect;
  }

  readCsr(num: number): bigint {
    return readCsr(this.cpu, num, 0, 0, false);
  }

  pte(addr: bigint): bigint {
    return this.m.mem.view.getBigUint64(this.m.bus.ramHost(addr), true);
  }

  setPte(addr: bigint, value: bigint): void {
    this.m.mem.view.setBigUint64(this.m.bus.ramHost(addr), value, true);
  }

  /** Address of the PTE for `va` at `level`, creating the tables above it. */
  slot(va: bigint, level: number): bigint {
    let table = this.root;
    for (let l = this.levels - 1; ; l--) {
      const addr = table + ((va >> BigInt(12 + 9 * l)) & 0x1ffn) * 8n;
      if (l === level) return addr;
      let pte = this.pte(addr);
      if (!(pte & BigInt(PTE.V))) {
        pte = ((this.allocTable() >> 12n) << 10n) | BigInt(PTE.V);
        this.setPte(addr, pte);
      }
      table = ((pte >> 10n) & ((1n << 44n) - 1n)) << 12n;
    }
  }

  /** Map `va` to `pa` with a leaf at `level` (0: 4 KiB, 1: 2 MiB, ...). Returns the PTE's address. */
  map(va: bigint, pa: bigint, flags: number, level = 0): bigint {
    const addr = this.slot(va, level);
    this.setPte(addr, ((pa >> 12n) << 10n) | BigInt(flags | PTE.V));
    this.m.mmu.flush(this.cpu.env);
    return addr;
  }

  poke(pa: bigint, value: bigint): void {
    this.m.mem.view.setBigUint64(this.m.bus.ramHost(pa), value, true);
  }

  load(va: bigint, mmuIdx: number, size: 1 | 2 | 4 | 8 = 8): bigint {
    return this.m.mmu.load(this.cpu.env, va, size, false, mmuIdx);
  }

  store(va: bigint, value: bigint, mmuIdx: number): void {
    this.m.mmu.store(this.cpu.env, va, value, 8, mmuIdx);
  }

  /** Physical address an instruction fetch at `va` reads. */
  fetch(va: bigint, mmuIdx: number): bigint {
    return RAM + BigInt(this.m.mmu.fetchHost(this.cpu.env, va, mmuIdx) - this.m.bus.ramHost(RAM));
  }

  /** The exception `body` raises, as [cause, tval], or 'none'. */
  fault(body: () => unknown): [number, bigint] | 'none' {
    try {
      body();
    } catch (e) {
      if (e instanceof GuestException) return [e.cause, e.tval];
      throw e;
    }
    return 'none';
  }

  /** PMP entry `i` (0..7) as NAPOT over [base, base + size) with permission bits `cfg`. */
  pmpNapot(i: number, base: bigint, size: bigint, cfg: number): void {
    this.csr(CSR.pmpaddr0 + i, (base >> 2n) | ((size >> 3n) - 1n));
    this.setPmpcfg(i, cfg | (3 << 3));
  }

  setPmpcfg(i: number, cfg: number): void {
    const reg = CSR.pmpcfg0 + (i >> 3) * 2;
    const shift = BigInt((i & 7) * 8);
    const old = this.readCsr(reg);
    this.csr(reg, (old & ~(0xffn << shift)) | (BigInt(cfg) << shift));
  }
}

const VA = 0x0000_0012_3456_7000n;
const PA = RAM + 0x20_0000n;

describe('satp', () => {
  it('accepts Bare, Sv39, Sv48 and Sv57 and reads back MODE, 16 ASID bits and the PPN', () => {
    const f = new Fixture();
    for (const mode of [0n, 8n, 9n, 10n]) {
      const v = (mode << 60n) | (0xffffn << 44n) | 0x80123n;
      expect(f.csr(CSR.satp, v).flushTlb).toBe(true);
      expect(f.readCsr(CSR.satp)).toBe(v);
    }
  });

  it('ignores a write selecting an unimplemented mode entirely (WARL)', () => {
    const f = new Fixture();
    const before = f.readCsr(CSR.satp);
    for (const mode of [1n, 7n, 11n, 15n]) {
      f.csr(CSR.satp, (mode << 60n) | 0x1234n);
      expect(f.readCsr(CSR.satp)).toBe(before);
    }
  });

  it('is illegal in S-mode when mstatus.TVM is set', () => {
    const f = new Fixture();
    f.csr(CSR.mstatus, MSTATUS.TVM);
    f.cpu.priv = PRIV.S;
    expect(f.fault(() => writeCsr(f.cpu, CSR.satp, 0n, 0x18001073, 0))).toEqual([EXC.illegalInstruction, 0x18001073n]);
  });
});

describe('Sv39 translation', () => {
  it('maps a 4 KiB page to a different physical page, keeping the offset', () => {
    const f = new Fixture();
    f.map(VA, PA, RWX | PTE.A | PTE.D);
    f.poke(PA + 0x18n, 0x1122334455667788n);
    expect(f.load(VA + 0x18n, S)).toBe(0x1122334455667788n);
    f.store(VA + 0x20n, 0xabcdn, S);
    expect(f.m.bus.readPhys(PA + 0x20n, 2)).toEqual(new Uint8Array([0xcd, 0xab]));
    expect(f.fetch(VA + 0x40n, S)).toBe(PA + 0x40n);
  });

  it('M-mode and MPRV-less M accesses ignore satp', () => {
    const f = new Fixture();
    f.poke(PA, 42n);
    expect(f.load(PA, M)).toBe(42n);
  });

  it('a non-canonical address (bits 63..39 not copies of bit 38) page-faults with the address in tval', () => {
    const f = new Fixture();
    f.map(VA, PA, RWX | PTE.A | PTE.D);
    const bad = VA | (1n << 45n);
    expect(f.fault(() => f.load(bad, S))).toEqual([EXC.loadPageFault, bad]);
    expect(f.fault(() => f.store(bad, 0n, S))).toEqual([EXC.storePageFault, bad]);
    expect(f.fault(() => f.fetch(bad, S))).toEqual([EXC.instructionPageFault, bad]);
  });

  it('a high-half address (sign-extended bit 38) is canonical and translates', () => {
    const f = new Fixture();
    const high = 0xffff_ffc0_0000_0000n;
    f.map(high, PA, PTE.R | PTE.A);
    f.poke(PA, 7n);
    expect(f.load(high, S)).toBe(7n);
  });

  it('an invalid PTE raises the page fault of the access type', () => {
    const f = new Fixture();
    f.map(VA, PA, RWX);
    f.setPte(f.slot(VA, 0), 0n);
    expect(f.fault(() => f.load(VA, S))).toEqual([EXC.loadPageFault, VA]);
    expect(f.fault(() => f.store(VA + 8n, 0n, S))).toEqual([EXC.storePageFault, VA + 8n]);
    expect(f.fault(() => f.fetch(VA, S))).toEqual([EXC.instructionPageFault, VA]);
  });

  it('W without R is reserved and faults', () => {
    const f = new Fixture();
    f.map(VA, PA, PTE.W | PTE.A | PTE.D);
    expect(f.fault(() => f.store(VA, 0n, S))).toEqual([EXC.storePageFault, VA]);
  });

  it('nonzero bits 63:54 (Svnapot/Svpbmt not implemented) fault', () => {
    const f = new Fixture();
    const slot = f.map(VA, PA, RWX | PTE.A);
    for (const bit of [54n, 61n, 63n]) {
      f.setPte(slot, f.pte(slot) | (1n << bit));
      f.m.mmu.flush(f.cpu.env);
      expect(f.fault(() => f.load(VA, S))).toEqual([EXC.loadPageFault, VA]);
      f.setPte(slot, f.pte(slot) & ~(1n << bit));
    }
    f.m.mmu.flush(f.cpu.env);
    expect(f.fault(() => f.load(VA, S))).toBe('none');
  });

  it('a pointer PTE at the last level faults', () => {
    const f = new Fixture();
    f.setPte(f.slot(VA, 0), ((PA >> 12n) << 10n) | BigInt(PTE.V));
    expect(f.fault(() => f.load(VA, S))).toEqual([EXC.loadPageFault, VA]);
  });

  it('megapages and gigapages translate the low address bits through', () => {
    const f = new Fixture();
    const mega = 0x4000_0000n + 0x20_0000n * 3n;
    f.map(mega, RAM + 0x20_0000n, PTE.R | PTE.A, 1);
    f.poke(RAM + 0x20_0000n + 0x1_2348n, 99n);
    expect(f.load(mega + 0x1_2348n, S)).toBe(99n);
    const giga = 0x20_0000_0000n;
    f.map(giga, RAM, PTE.R | PTE.A, 2);
    f.poke(RAM + 0x30_0010n, 5n);
    expect(f.load(giga + 0x30_0010n, S)).toBe(5n);
  });

  it('a misaligned superpage faults', () => {
    const f = new Fixture();
    f.map(0x4000_0000n, RAM + 0x1000n, PTE.R | PTE.A, 1);
    expect(f.fault(() => f.load(0x4000_0000n, S))).toEqual([EXC.loadPageFault, 0x4000_0000n]);
    f.map(0x10_0000_0000n, RAM + 0x20_0000n, PTE.R | PTE.A, 2);
    expect(f.fault(() => f.load(0x10_0000_0008n, S))).toEqual([EXC.loadPageFault, 0x10_0000_0008n]);
    f.map(0x10_0000_0000n, RAM, PTE.R | PTE.A, 2);
    expect(f.fault(() => f.load(0x10_0000_0008n, S))).toBe('none');
  });

  it('a PTE outside RAM raises the access fault of the access type', () => {
    const f = new Fixture();
    f.setPte(f.slot(VA, 1), ((0x1000_0000n >> 12n) << 10n) | BigInt(PTE.V));
    expect(f.fault(() => f.load(VA, S))).toEqual([EXC.loadAccessFault, VA]);
    expect(f.fault(() => f.store(VA, 0n, S))).toEqual([EXC.storeAccessFault, VA]);
    expect(f.fault(() => f.fetch(VA, S))).toEqual([EXC.instructionAccessFault, VA]);
  });

  it('R, W and X each allow only their access', () => {
    const f = new Fixture();
    f.map(VA, PA, PTE.R | PTE.A | PTE.D);
    f.map(VA + 0x1000n, PA, PTE.X | PTE.A);
    f.map(VA + 0x2000n, PA, PTE.R | PTE.W | PTE.A | PTE.D);
    expect(f.fault(() => f.load(VA, S))).toBe('none');
    expect(f.fault(() => f.store(VA, 0n, S))).toEqual([EXC.storePageFault, VA]);
    expect(f.fault(() => f.fetch(VA, S))).toEqual([EXC.instructionPageFault, VA]);
    expect(f.fault(() => f.load(VA + 0x1000n, S))).toEqual([EXC.loadPageFault, VA + 0x1000n]);
    expect(f.fault(() => f.fetch(VA + 0x1000n, S))).toBe('none');
    expect(f.fault(() => f.store(VA + 0x2000n, 1n, S))).toBe('none');
    expect(f.fault(() => f.fetch(VA + 0x2000n, S))).toEqual([EXC.instructionPageFault, VA + 0x2000n]);
  });
});

describe('U bit, SUM and MXR', () => {
  it('U-mode may use only U pages', () => {
    const f = new Fixture();
    f.map(VA, PA, RWX | PTE.A | PTE.D);
    f.map(VA + 0x1000n, PA, RWX | PTE.U | PTE.A | PTE.D);
    expect(f.fault(() => f.load(VA, U))).toEqual([EXC.loadPageFault, VA]);
    expect(f.fault(() => f.fetch(VA, U))).toEqual([EXC.instructionPageFault, VA]);
    expect(f.fault(() => f.load(VA + 0x1000n, U))).toBe('none');
    expect(f.fault(() => f.fetch(VA + 0x1000n, U))).toBe('none');
  });

  it('S-mode reads and writes U pages only with SUM, and never executes them', () => {
    const f = new Fixture();
    f.map(VA, PA, RWX | PTE.U | PTE.A | PTE.D);
    expect(f.fault(() => f.load(VA, S))).toEqual([EXC.loadPageFault, VA]);
    expect(f.fault(() => f.store(VA, 0n, S))).toEqual([EXC.storePageFault, VA]);
    expect(f.fault(() => f.load(VA, S_SUM))).toBe('none');
    expect(f.fault(() => f.store(VA, 0n, S_SUM))).toBe('none');
    expect(f.fault(() => f.fetch(VA, S))).toEqual([EXC.instructionPageFault, VA]);
    expect(f.fault(() => f.fetch(VA, S_SUM))).toEqual([EXC.instructionPageFault, VA]);
  });

  it('MXR makes execute-only pages readable, and changing it flushes the TLB', () => {
    const f = new Fixture();
    f.map(VA, PA, PTE.X | PTE.A);
    f.poke(PA, 0x55n);
    expect(f.fault(() => f.load(VA, S))).toEqual([EXC.loadPageFault, VA]);
    expect(f.csr(CSR.sstatus, MSTATUS.MXR).flushTlb).toBe(true);
    expect(f.load(VA, S)).toBe(0x55n);
    expect(f.csr(CSR.mstatus, f.readCsr(CSR.mstatus) & ~MSTATUS.MXR).flushTlb).toBe(true);
    expect(f.fault(() => f.load(VA, S))).toEqual([EXC.loadPageFault, VA]);
    expect(f.csr(CSR.mstatus, f.readCsr(CSR.mstatus) | MSTATUS.SUM).flushTlb).toBeFalsy();
  });
});

describe('A and D bits', () => {
  it('a load sets A only; the first store sets D even after the page was read through the TLB', () => {
    const f = new Fixture();
    const slot = f.map(VA, PA, PTE.R | PTE.W);
    expect(f.pte(slot) & BigInt(PTE.A | PTE.D)).toBe(0n);
    f.load(VA, S);
    expect(f.pte(slot) & BigInt(PTE.A | PTE.D)).toBe(BigInt(PTE.A));
    f.load(VA + 8n, S);
    f.store(VA + 16n, 1n, S);
    expect(f.pte(slot) & BigInt(PTE.A | PTE.D)).toBe(BigInt(PTE.A | PTE.D));
  });

  it('a fetch sets A and leaves D clear', () => {
    const f = new Fixture();
    const slot = f.map(VA, PA, PTE.X);
    f.fetch(VA, S);
    expect(f.pte(slot) & BigInt(PTE.A | PTE.D)).toBe(BigInt(PTE.A));
  });

  it('a faulting access updates neither bit', () => {
    const f = new Fixture();
    const slot = f.map(VA, PA, PTE.R);
    f.fault(() => f.store(VA, 0n, S));
    expect(f.pte(slot) & BigInt(PTE.A | PTE.D)).toBe(0n);
  });
});

describe('Sv48 and Sv57', () => {
  for (const [name, mode, vaBits] of [['Sv48', SATP_MODE.Sv48, 48n], ['Sv57', SATP_MODE.Sv57, 57n]] as const) {
    it(`${name} walks ${mode - 5} levels and uses ${vaBits}-bit addresses`, () => {
      const f = new Fixture(mode);
      const va = (1n << (vaBits - 2n)) | 0x5000n;
      f.map(va, PA, PTE.R | PTE.A);
      f.poke(PA + 8n, 0x77n);
      expect(f.load(va + 8n, S)).toBe(0x77n);
      const bad = va | (1n << (vaBits - 1n));
      expect(f.fault(() => f.load(bad, S))).toEqual([EXC.loadPageFault, bad]);
      const high = BigInt.asUintN(64, -(1n << (vaBits - 1n)));
      f.map(high, PA, PTE.R | PTE.A);
      expect(f.load(high + 8n, S)).toBe(0x77n);
    });
  }

  it('an Sv48 superpage at level 3 (512 GiB) translates', () => {
    const f = new Fixture(SATP_MODE.Sv48);
    f.map(0x8000_0000_0000n - 0x80_0000_0000n, 0n, PTE.R | PTE.A, 3);
    f.poke(PA, 3n);
    expect(f.load(0x8000_0000_0000n - 0x80_0000_0000n + PA, S)).toBe(3n);
  });
});

describe('PMP', () => {
  it('with no entry configured, S and U accesses are allowed', () => {
    const f = new Fixture(SATP_MODE.Sv39);
    f.csr(CSR.satp, 0n);
    f.poke(PA, 1n);
    expect(f.load(PA, S)).toBe(1n);
    expect(f.load(PA, U)).toBe(1n);
  });

  it('once an entry is configured, S/U accesses no entry matches fail with an access fault', () => {
    const f = new Fixture();
    f.csr(CSR.satp, 0n);
    f.pmpNapot(0, RAM, 0x10_0000n, 0x7);
    expect(f.fault(() => f.load(RAM + 0x8n, S))).toBe('none');
    expect(f.fault(() => f.load(PA, S))).toEqual([EXC.loadAccessFault, PA]);
    expect(f.fault(() => f.store(PA, 0n, U))).toEqual([EXC.storeAccessFault, PA]);
    expect(f.fault(() => f.fetch(PA, S))).toEqual([EXC.instructionAccessFault, PA]);
    // M-mode is checked only against locked entries.
    expect(f.fault(() => f.load(PA, M))).toBe('none');
  });

  it('permission bits R, W and X apply to S/U, the lowest-numbered match wins', () => {
    const f = new Fixture();
    f.csr(CSR.satp, 0n);
    f.pmpNapot(0, PA, 0x1000n, 0x1); // read-only page
    f.pmpNapot(1, RAM, 0x40_0000n, 0x7);
    expect(f.fault(() => f.load(PA, S))).toBe('none');
    expect(f.fault(() => f.store(PA, 0n, S))).toEqual([EXC.storeAccessFault, PA]);
    expect(f.fault(() => f.fetch(PA, S))).toEqual([EXC.instructionAccessFault, PA]);
    expect(f.fault(() => f.store(PA + 0x1000n, 0n, S))).toBe('none');
  });

  it('TOR covers [pmpaddr(i-1) << 2, pmpaddr(i) << 2) and NA4 four bytes', () => {
    const f = new Fixture();
    f.csr(CSR.satp, 0n);
    f.csr(CSR.pmpaddr0, (PA + 0x100n) >> 2n);
    f.csr(CSR.pmpaddr0 + 1, (PA + 0x200n) >> 2n);
    f.csr(CSR.pmpaddr0 + 2, (PA + 0x300n) >> 2n);
    f.setPmpcfg(1, (1 << 3) | 0x3); // TOR, RW
    f.setPmpcfg(2, (2 << 3) | 0x1); // NA4 at PA + 0x300, R
    expect(f.fault(() => f.load(PA + 0xf8n, S))).toEqual([EXC.loadAccessFault, PA + 0xf8n]);
    expect(f.fault(() => f.load(PA + 0x100n, S))).toBe('none');
    expect(f.fault(() => f.store(PA + 0x1f8n, 0n, S))).toBe('none');
    expect(f.fault(() => f.load(PA + 0x200n, S))).toEqual([EXC.loadAccessFault, PA + 0x200n]);
    expect(f.fault(() => f.load(PA + 0x300n, S, 4))).toBe('none');
    // Matching some bytes but not all fails.
    expect(f.fault(() => f.load(PA + 0x300n, S, 8))).toEqual([EXC.loadAccessFault, PA + 0x300n]);
    expect(f.fault(() => f.load(PA + 0x1fcn, S, 8))).toEqual([EXC.loadAccessFault, PA + 0x1fcn]);
  });

  it('a region smaller than a page is never cached in the TLB', () => {
    const f = new Fixture();
    f.csr(CSR.satp, 0n);
    f.pmpNapot(0, PA, 0x100n, 0x3);
    f.load(PA, S);
    const fills = f.m.mmu.stats.tlbFills;
    const slow = f.m.mmu.stats.slowLoads;
    f.load(PA + 8n, S);
    expect(f.m.mmu.stats.tlbFills).toBe(fills);
    expect(f.m.mmu.stats.slowLoads).toBe(slow + 1);
    // ...so the byte after the region still faults although its page was just used.
    expect(f.fault(() => f.load(PA + 0x100n, S))).toEqual([EXC.loadAccessFault, PA + 0x100n]);
  });

  it('a locked entry binds M-mode too and ignores writes to its cfg and address', () => {
    const f = new Fixture();
    f.csr(CSR.satp, 0n);
    f.pmpNapot(0, PA, 0x1000n, 0x1 | 0x80); // locked, read-only
    expect(f.fault(() => f.store(PA, 0n, M))).toEqual([EXC.storeAccessFault, PA]);
    expect(f.fault(() => f.load(PA, M))).toBe('none');
    const cfg = f.readCsr(CSR.pmpcfg0);
    const addr = f.readCsr(CSR.pmpaddr0);
    f.csr(CSR.pmpcfg0, 0n);
    f.csr(CSR.pmpaddr0, 0n);
    expect(f.readCsr(CSR.pmpcfg0)).toBe(cfg);
    expect(f.readCsr(CSR.pmpaddr0)).toBe(addr);
  });

  it('a locked TOR entry also locks the address register below it', () => {
    const f = new Fixture();
    f.csr(CSR.pmpaddr0, 0x1000n);
    f.csr(CSR.pmpaddr0 + 1, 0x2000n);
    f.setPmpcfg(1, (1 << 3) | 0x80 | 0x1);
    f.csr(CSR.pmpaddr0, 0x1234n);
    expect(f.readCsr(CSR.pmpaddr0)).toBe(0x1000n);
  });

  it('page-table reads are S-mode accesses for PMP: a denied PTE gives an access fault', () => {
    const f = new Fixture();
    f.map(VA, PA, PTE.R | PTE.A);
    // Allow the data page but not the page tables (allocated from RAM + 1 MiB).
    f.pmpNapot(0, PA, 0x1000n, 0x7);
    expect(f.fault(() => f.load(VA, S))).toEqual([EXC.loadAccessFault, VA]);
    f.pmpNapot(1, RAM, 0x40_0000n, 0x1);
    expect(f.fault(() => f.load(VA, S))).toBe('none');
  });

  it('the translated physical address is checked too', () => {
    const f = new Fixture();
    f.map(VA, PA, RWX | PTE.A | PTE.D);
    f.pmpNapot(0, PA, 0x1000n, 0x1);
    f.pmpNapot(1, RAM, 0x40_0000n, 0x7);
    expect(f.fault(() => f.load(VA, S))).toBe('none');
    expect(f.fault(() => f.store(VA, 0n, S))).toEqual([EXC.storeAccessFault, VA]);
  });

  it('the reserved combination W=1 R=0 leaves the entry unchanged', () => {
    const f = new Fixture();
    f.setPmpcfg(0, (3 << 3) | 0x1);
    f.setPmpcfg(0, (3 << 3) | 0x2);
    expect(f.readCsr(CSR.pmpcfg0) & 0xffn).toBe(BigInt((3 << 3) | 0x1));
  });
});
