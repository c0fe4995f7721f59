import { beforeAll, describe, expect, it } from 'vitest';
import { SpikeMachine } from '../../core/machine/spike-machine';
import { buildGuest, listBenchWorkloads, listGuestCPrograms, parseChecksum, runNative } from '../support/guest';

/**
 * Whole C programs compiled with Debian's cross gcc run bare metal under
 * Orrery and print what the same source built natively for the host prints.
 */
/** Runs in slices, yielding between them so the test worker stays responsive. */
async function runOrrery(elf: string): Promise<{ text: string; exitCode: number | undefined }> {
  const m = new SpikeMachine();
  m.loadElf(elf);
  for (let slice = 0; slice < 400 && !m.halted; slice++) {
    m.runSync(50_000_000);
    await new Promise((r) => setImmediate(r));
  }
  expect(m.halted).toBe(true);
  return { text: m.consoleText, exitCode: m.exitCode };
}

beforeAll(() => {
  buildGuest();
}, 600_000);

describe('C test programs', () => {
  it('print the same output as their native builds', async () => {
    const programs = listGuestCPrograms();
    expect(programs.length).toBeGreaterThan(0);
    for (const p of programs) {
      const { text, exitCode } = await runOrrery(p.elf);
      expect(exitCode, p.name).toBe(0);
      expect(text, p.name).toBe(runNative(p.native));
    }
  }, 600_000);
});

describe('benchmark workloads', () => {
  for (const w of listBenchWorkloads()) {
    it(`${w.name} computes the checksum of its native build`, async () => {
      const { text, exitCode } = await runOrrery(w.elf);
      expect(exitCode).toBe(0);
      expect(parseChecksum(text)).toBe(parseChecksum(runNative(w.native)));
      expect(parseChecksum(text)).toBe(w.checksum);
    }, 600_000);
  }
});
