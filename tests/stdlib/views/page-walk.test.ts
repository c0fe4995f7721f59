import { describe, expect, it } from 'vitest';
import { SpikeMachine } from '../../../core/machine/spike-machine';
import { RiscvAddressTranslation } from '../../../core/target/riscv/mmu';
import { PRIV } from '../../../core/target/riscv/spec';
import { mimeBundle } from '../../../stdlib/display';
import { hexdump } from '../../../stdlib/views/hexdump';
import { pageWalk, walkPageTable } from '../../../stdlib/views/page-walk';

const ROOT = 0x80100000n;
const L1 = 0x80101000n;
const L0 = 0x80102000n;
const DATA = 0x80200000n;
const V = 1n, R = 2n, W = 4n, X = 8n, A = 0x40n, D = 0x80n;

function pte(pa: bigint, flags: bigint): bigint {
  return ((pa >> 12n) << 10n) | flags;
}

/**
 * An Sv39 address space built by hand: VA 0x10000000 → DATA (a 4 KiB page
 * through three levels), VA 0x80000000 → PA 0x80000000 (a 1 GiB R+X
 * gigapage with A clear), and an S-mode hart using it.
 */
function pagedMachine(): SpikeMachine {
  const m = new SpikeMachine({ ramSize: 4 * 1024 * 1024 });
  const put = (addr: bigint, v: bigint) => {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, v, true);
    m.bus.writePhys(addr, b);
  };
  put(ROOT + 0n * 8n, pte(L1, V));
  put(ROOT + 2n * 8n, pte(0x80000000n, V | R | X));
  put(L1 + 0x80n * 8n, pte(L0, V));
  put(L0 + 0n * 8n, pte(DATA, V | R | W | A | D));
  m.bus.writePhys(DATA, new TextEncoder().encode('Hello, Orrery!\n'));
  m.cpu.csr.satp = (8n << 60n) | (ROOT >> 12n);
  m.cpu.priv = PRIV.S;
  return m;
}

describe('page-table walk view', () => {
  it('walks three Sv39 levels to a 4 KiB page and agrees with the hart', () => {
    const m = pagedMachine();
    const w = walkPageTable(m, 0x10000123n);
    expect(w.mode).toBe('Sv39');
    expect(w.steps.map((s) => [s.level, s.kind])).toEqual([[2, 'pointer'], [1, 'pointer'], [0, 'leaf']]);
    expect(w.steps[1].vpn).toBe(0x80);
    expect(w.steps[2].pteAddr).toBe(L0);
    expect(w.steps[2].flags).toBe('DA---WRV');
    expect(w.paddr).toBe(DATA + 0x123n);
    const hart = (m.mmu.target as RiscvAddressTranslation).translate(m.cpu.env, 0x10000123n, 0, PRIV.S);
    expect(hart).toBe(w.paddr);
    const v = pageWalk(m, 0x10000123n);
    expect(v.toString()).toContain('0x10000123 (Sv39, S-mode read) → 0x80200123 (4 KiB page)');
    expect(v[mimeBundle]()['text/html']).toContain('DA---WRV');
  });

  it('finds a gigapage at the root level and says the hart would set A, without setting it', () => {
    const m = pagedMachine();
    const w = walkPageTable(m, 0x80001234n, { access: 'exec' });
    expect(w.steps).toHaveLength(1);
    expect(w.pageSize).toBe(2 ** 30);
    expect(w.paddr).toBe(0x80001234n);
    expect(w.steps[0].note).toBe('the hart would set A');
    expect(walkPageTable(m, 0x80001234n).steps[0].pte & A).toBe(0n);
  });

  it('reports faults with the level and the reason', () => {
    const m = pagedMachine();
    const unmapped = walkPageTable(m, 0x10001000n);
    expect(unmapped.paddr).toBeUndefined();
    expect(unmapped.steps[2].kind).toBe('invalid');
    expect(unmapped.fault).toBe('load page fault: V is clear');
    expect(walkPageTable(m, 0x80000000n, { access: 'write' }).fault).toBe('store/AMO page fault: W is clear');
    expect(walkPageTable(m, 0x10000000n, { priv: 'U' }).fault).toMatch(/U-mode access to a page without U/);
    expect(walkPageTable(m, 0x0000800000000000n).fault).toMatch(/bits 63\.\.38 .* are not all equal/);
    expect(() => pageWalk(m, 'somewhere')).toThrow(/virtual address 'somewhere' is not a number/);
  });

  it('leaves M-mode addresses untranslated', () => {
    const m = pagedMachine();
    m.cpu.priv = PRIV.M;
    const v = pageWalk(m, 0x10000000n);
    expect(v.walk.paddr).toBe(0x10000000n);
    expect(v.toString()).toContain('untranslated');
  });
});

describe('hexdump view', () => {
  it('shows virtual memory through the page tables, 16 bytes a line with ASCII', () => {
    const m = pagedMachine();
    const v = hexdump(m, 0x10000000n, 32);
    expect(v.rows).toHaveLength(2);
    expect(v.rows[0].bytes.slice(0, 5)).toEqual([0x48, 0x65, 0x6c, 0x6c, 0x6f]);
    expect(v.toString()).toContain('0000000010000000  48 65 6c 6c 6f 2c 20 4f  72 72 65 72 79 21 0a 00  |Hello, Orrery!..|');
    expect(v.toString()).toContain('(physical 0x80200000)');
    const html = v[mimeBundle]()['text/html'] as string;
    expect(html).toContain('Hello, Orrery!..');
  });

  it('reads physical memory when asked', () => {
    const m = pagedMachine();
    const v = hexdump(m, DATA + 7n, 5, { physical: true });
    expect(new TextDecoder().decode(v.bytes)).toBe('Orrer');
    expect(v.rows[0].addr).toBe(DATA + 7n);
  });

  it('says why an address cannot be read', () => {
    const m = pagedMachine();
    expect(() => hexdump(m, 0x10001000n, 16)).toThrow(/cannot translate 0x10001000 \(Sv39, S-mode\): load page fault: V is clear/);
    expect(() => hexdump(m, 0x10000ff8n, 16)).toThrow(/cannot translate 0x10001000/);
    expect(() => hexdump(m, 0x1000n, 16, { physical: true })).toThrow(/nothing is mapped at physical 0x1000: RAM is 0x80000000\.\.0x80400000/);
    expect(() => hexdump(m, 0x803ffff8n, 16, { physical: true })).toThrow(/nothing is mapped at physical 0x80400000: RAM is 0x80000000..0x80400000/);
    expect(() => hexdump(m, DATA, -1, { physical: true })).toThrow(/length -1/);
  });
});
