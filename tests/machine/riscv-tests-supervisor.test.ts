import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { EngineOptions } from '../../core/exec/exec-engine';
import { SpikeMachine } from '../../core/machine/spike-machine';
import { buildGuest, GUEST_BUILD_DIR, IsaTest, listSupervisorIsaTests, runQemuSpike } from '../support/guest';

/**
 * The supervisor-mode ISA tests (tests/guest/isa/rv64si, riscv-tests style:
 * delegated traps, sret, wfi, Sv39 with A/D updates, MXR/SUM) and the
 * rv64mi programs about PMP and satp: proven on QEMU, then run on Orrery's
 * interpreter and WebAssembly backends.
 */
const CONFIGS: Record<string, EngineOptions> = {
  'the IR interpreter': { backend: 'interp' },
  'WebAssembly, every block compiled at once': { backend: 'wasm', hotThreshold: 0, batchSize: 1 },
  'WebAssembly, tiered and batched (the default)': { backend: 'wasm' },
};
const QEMU_TIMEOUT_MS = 60_000;

const tests: IsaTest[] = [
  ...listSupervisorIsaTests(),
  { group: 'rv64mi', name: 'pmp', elf: path.join(GUEST_BUILD_DIR, 'isa', 'rv64mi', 'pmp.elf') },
];

function describeExit(reason: string, exitCode: number | undefined, pc: bigint): string {
  if (reason !== 'exit') return `${reason} at pc 0x${pc.toString(16)}`;
  if (exitCode === 0) return 'passed';
  return exitCode !== undefined && exitCode >= 128 ? `unexpected trap in test ${exitCode - 128}` : `failed test ${exitCode}`;
}

beforeAll(() => {
  buildGuest();
}, 600_000);

describe('supervisor and PMP ISA tests', () => {
  it('include csr, scall, sbreak, wfi, dirty and mxr_sum', () => {
    expect(tests.map((t) => t.name)).toEqual(expect.arrayContaining(['csr', 'scall', 'sbreak', 'wfi', 'dirty', 'mxr_sum', 'pmp']));
  });

  describe.concurrent('on qemu-system-riscv64 -M spike', () => {
    for (const t of tests) {
      it(`${t.group}/${t.name}`, async () => {
        const run = await runQemuSpike(t.elf, QEMU_TIMEOUT_MS);
        expect(run.timedOut ? 'timed out' : run.exitCode).toBe(0);
      }, QEMU_TIMEOUT_MS + 5_000);
    }
  });

  for (const [name, options] of Object.entries(CONFIGS)) {
    describe(`on ${name}`, () => {
      for (const t of tests) {
        it(`${t.group}/${t.name}`, () => {
          const m = new SpikeMachine({ ...options, ramSize: 8 << 20 });
          m.loadElf(t.elf);
          const r = m.runSync(1_000_000);
          expect(describeExit(r.reason, m.exitCode, m.cpu.pc)).toBe('passed');
        });
      }
    });
  }
});
