import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import {
  buildGuest,
  GUEST_BUILD_DIR,
  listBenchWorkloads,
  listGuestCPrograms,
  listIsaTests,
  parseChecksum,
  QemuRun,
  runNative,
  runQemuSpike,
} from '../support/guest';

/**
 * The guest programs are right: every ISA test exits 0 and every C program and
 * benchmark prints what its native build prints, on QEMU's spike machine (the
 * reference). Orrery runs the same lists in its own machine tests.
 */

// Generous: the shared machine can be loaded several times over; a passing program needs well under 1 s.
const ISA_TIMEOUT_MS = 60_000;
const PROGRAM_TIMEOUT_MS = 120_000;
/** The machine has two cores shared with everyone: never more QEMUs than this. */
const MAX_PARALLEL_QEMU = 2;
/** Exit codes at or above this mean "unexpected trap in test (code - base)" (tests/guest/isa/env/test_env.h). */
const UNEXPECTED_TRAP_BASE = 128;

class Slots {
  private waiting: (() => void)[] = [];
  constructor(private free: number) {}
  async run<T>(body: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await body();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}
const qemuSlots = new Slots(MAX_PARALLEL_QEMU);

function qemu(elf: string, timeoutMs: number, extraArgs: string[] = []): Promise<QemuRun> {
  return qemuSlots.run(() => runQemuSpike(elf, timeoutMs, extraArgs));
}

function describeIsaExit(run: QemuRun): string {
  if (run.timedOut) return 'timed out';
  if (run.exitCode === 0) return 'passed';
  if (run.exitCode !== null && run.exitCode >= UNEXPECTED_TRAP_BASE) {
    return `unexpected trap in test ${run.exitCode - UNEXPECTED_TRAP_BASE}`;
  }
  return `failed test ${run.exitCode}${run.stderr ? ` (${run.stderr.trim()})` : ''}`;
}

beforeAll(() => {
  buildGuest();
}, 300_000);

describe('ISA tests on qemu-system-riscv64 -M spike', () => {
  const tests = listIsaTests();

  it('cover every group with more than a hundred programs', () => {
    expect(new Set(tests.map((t) => t.group))).toEqual(
      new Set(['rv64ui', 'rv64um', 'rv64ua', 'rv64uf', 'rv64ud', 'rv64uc', 'rv64mi']),
    );
    expect(tests.length).toBeGreaterThan(100);
  });

  describe.concurrent('each program exits 0', () => {
    for (const t of tests) {
      it(`${t.group}/${t.name}`, async () => {
        const run = await qemu(t.elf, ISA_TIMEOUT_MS);
        expect(describeIsaExit(run)).toBe('passed');
      }, ISA_TIMEOUT_MS + 5_000);
    }
  });

  describe.concurrent('a failing program is reported by its test number', () => {
    it('a wrong result in case 3 exits with 3', async () => {
      const run = await qemu(path.join(GUEST_BUILD_DIR, 'isa', 'selftest', 'fail_case.elf'), ISA_TIMEOUT_MS);
      expect(describeIsaExit(run)).toBe('failed test 3');
    });
    it('a trap nobody expected in case 5 exits with 128 + 5', async () => {
      const run = await qemu(path.join(GUEST_BUILD_DIR, 'isa', 'selftest', 'unexpected_trap.elf'), ISA_TIMEOUT_MS);
      expect(describeIsaExit(run)).toBe('unexpected trap in test 5');
    });
  });
});

describe.concurrent('C test programs print what their native build prints', () => {
  for (const p of listGuestCPrograms()) {
    it(p.name, async () => {
      const run = await qemu(p.elf, PROGRAM_TIMEOUT_MS);
      expect(run.timedOut).toBe(false);
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toBe(runNative(p.native));
    }, PROGRAM_TIMEOUT_MS + 5_000);
  }
});

describe.concurrent('benchmark checksums equal the native build and the manifest', () => {
  const workloads = listBenchWorkloads();

  it('twelve workloads, integer and floating point', () => {
    expect(workloads.length).toBe(12);
    expect(workloads.filter((w) => w.kind === 'fp').length).toBe(4);
  });

  for (const w of workloads) {
    it(w.name, async () => {
      const run = await qemu(w.elf, PROGRAM_TIMEOUT_MS);
      expect(run.timedOut).toBe(false);
      expect(run.exitCode).toBe(0);
      const nativeChecksum = parseChecksum(runNative(w.native));
      expect(nativeChecksum).toBe(w.checksum);
      expect(parseChecksum(run.stdout)).toBe(nativeChecksum);
    }, PROGRAM_TIMEOUT_MS + 5_000);
  }
});
