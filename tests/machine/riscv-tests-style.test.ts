import { beforeAll, describe, expect, it } from 'vitest';
import { SpikeMachine } from '../../core/machine/spike-machine';
import { EngineOptions } from '../../core/exec/exec-engine';
import { buildGuest, listIsaTests } from '../support/guest';

/**
 * The ISA test programs (in the style of the public riscv-tests: each checks
 * one instruction family and exits through HTIF with 0 or the failing test
 * number) pass on every backend configuration. QEMU runs the same list in
 * tests/guest/qemu-reference.test.ts, which proves the programs themselves.
 */
const CONFIGS: Record<string, EngineOptions> = {
  'the IR interpreter': { backend: 'interp' },
  'WebAssembly, every block compiled at once': { backend: 'wasm', hotThreshold: 0, batchSize: 1 },
  'WebAssembly, tiered and batched (the default)': { backend: 'wasm' },
  'WebAssembly with every pass off': {
    backend: 'wasm', hotThreshold: 0, passes: { constantFold: false, copyPropagation: false, deadCode: false, envForwarding: false },
  },
};

beforeAll(() => {
  buildGuest();
}, 600_000);

for (const [name, options] of Object.entries(CONFIGS)) {
  describe(`ISA tests on ${name}`, () => {
    it('every program exits with 0', async () => {
      const tests = listIsaTests();
      expect(tests.length).toBeGreaterThan(100);
      const failures: string[] = [];
      for (const t of tests) {
        await new Promise((r) => setImmediate(r));
        const m = new SpikeMachine({ ...options, ramSize: 8 << 20 });
        m.loadElf(t.elf);
        const r = m.runSync(5_000_000);
        if (r.reason !== 'exit' || m.exitCode !== 0) {
          failures.push(`${t.group}/${t.name}: ${r.reason === 'exit' ? `failed test ${m.exitCode}` : `${r.reason} at pc 0x${m.cpu.pc.toString(16)}`}`);
        }
      }
      expect(failures).toEqual([]);
    });
  });
}
