import { beforeAll, describe, expect, it } from 'vitest';
import { EngineOptions } from '../../core/exec/exec-engine';
import { SpikeMachine } from '../../core/machine/spike-machine';
import { buildGuest, IsaTest, listVmIsaTests, runQemuSpike } from '../support/guest';

/**
 * The "-v-" ISA tests: every rv64u* body (except those that own the M-mode
 * trap vector) runs in U-mode under Sv39 at virtual addresses that differ
 * from the physical ones, its pages mapped on demand by an M-mode page-fault
 * handler (tests/guest/runtime/vm/). QEMU proves the programs first; then
 * Orrery runs them on the interpreter and on WebAssembly.
 */
const CONFIGS: Record<string, EngineOptions> = {
  'the IR interpreter': { backend: 'interp' },
  'WebAssembly, every block compiled at once': { backend: 'wasm', hotThreshold: 0, batchSize: 1 },
  'WebAssembly, tiered and batched (the default)': { backend: 'wasm' },
};
const QEMU_TIMEOUT_MS = 60_000;
/** Two cores shared with everyone: never more QEMUs than this. */
const MAX_PARALLEL_QEMU = 2;

/** Runs `body` over `items` with at most `limit` in flight; returns the failures it reports. */
async function pooled<T>(items: T[], limit: number, body: (t: T) => Promise<string | undefined>): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const r = await body(items[next++]);
      if (r) failures.push(r);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return failures.sort();
}

/** Runs an ISA test on Orrery; returns a failure description or undefined. */
function runOnOrrery(t: IsaTest, options: EngineOptions): string | undefined {
  const m = new SpikeMachine({ ...options, ramSize: 8 << 20 });
  m.loadElf(t.elf);
  const r = m.runSync(5_000_000);
  if (r.reason === 'exit' && m.exitCode === 0) return undefined;
  return `${t.group}-v-${t.name}: ${r.reason === 'exit' ? `exit ${m.exitCode}` : `${r.reason} at pc 0x${m.cpu.pc.toString(16)}`}`;
}

const tests = listVmIsaTests();

beforeAll(() => {
  buildGuest();
}, 600_000);

describe('-v- ISA tests', () => {
  it('cover every user-level group, with only tests that own the trap vector left out', () => {
    expect(new Set(tests.map((t) => t.group))).toEqual(new Set(['rv64ui', 'rv64um', 'rv64ua', 'rv64uf', 'rv64ud', 'rv64uc']));
    expect(tests.length).toBeGreaterThan(100);
    expect(tests.some((t) => t.group === 'rv64uf' && t.name === 'frm')).toBe(false);
  });

  it('every program exits 0 on qemu-system-riscv64 -M spike', async () => {
    const failures = await pooled(tests, MAX_PARALLEL_QEMU, async (t) => {
      const run = await runQemuSpike(t.elf, QEMU_TIMEOUT_MS);
      return run.exitCode === 0 && !run.timedOut ? undefined
        : `${t.group}-v-${t.name}: ${run.timedOut ? 'timed out' : `exit ${run.exitCode}`}`;
    });
    expect(failures).toEqual([]);
  }, 600_000);

  for (const [name, options] of Object.entries(CONFIGS)) {
    it(`every program exits 0 on ${name}`, async () => {
      const failures: string[] = [];
      for (const t of tests) {
        await new Promise((r) => setImmediate(r));
        const f = runOnOrrery(t, options);
        if (f) failures.push(f);
      }
      expect(failures).toEqual([]);
    }, 600_000);
  }

  it('user pages are mapped on demand: the walker sets A and D and page faults restart the instruction', () => {
    const t = tests.find((x) => x.group === 'rv64ui' && x.name === 'sd');
    expect(t).toBeDefined();
    const m = new SpikeMachine({ backend: 'wasm', hotThreshold: 0, ramSize: 8 << 20 });
    m.loadElf(t!.elf);
    expect(m.runSync(5_000_000).reason).toBe('exit');
    expect(m.exitCode).toBe(0);
    // Traps: at least one fetch page fault and the final ecall.
    expect(m.engine.stats.exceptions).toBeGreaterThanOrEqual(2);
    expect(m.cpu.csr.satp >> 60n).toBe(8n);
    // The handler wrote V|R|W|X|U for the first user page; the walker added A, and D for the stores.
    const l0 = m.elf!.symbols.get('vm_l0')!;
    const pte = m.mem.view.getBigUint64(m.bus.ramHost(l0), true);
    expect(pte & 0xffn).toBe(0x1fn | 0x40n | 0x80n);
  });
});
