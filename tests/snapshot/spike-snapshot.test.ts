import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SpikeMachine } from '../../core/machine/spike-machine';
import { diff, Snapshot } from '../../core/snapshot';

// qsort sorts 512 KiB of data: registers and many RAM pages change between snapshots.
const ELF = join(__dirname, '..', '..', 'images', 'bench', 'qsort.elf');
const RAM = 16 << 20;
const tmp = mkdtempSync(join(tmpdir(), 'orrery-snap-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function machine(): SpikeMachine {
  const m = new SpikeMachine({ ramSize: RAM });
  m.loadElf(ELF);
  return m;
}

/** Run to the end (yielding between slices); the console written meanwhile, the exit code and the final state hash. */
async function finish(m: SpikeMachine) {
  const from = m.consoleText.length;
  const r = await m.run();
  return { reason: r.reason, console: m.consoleText.slice(from), exit: m.exitCode, hash: m.stateHash() };
}

describe('snapshots of a bare-metal workload (Spike machine)', () => {
  it('restoring a mid-run snapshot and running to the end repeats the same console, exit code and state hash', async () => {
    const m = machine();
    await m.run(40_000_000);
    const s = m.snapshot();
    expect(s.hash()).toBe(m.stateHash());
    const first = await finish(m);
    expect(first.reason).toBe('exit');
    expect(first.exit).toBe(0);
    expect(first.console).toContain('checksum: f097937e7d3d17d3');
    m.restore(s);
    expect(m.stateHash()).toBe(s.hash());
    expect(m.halted).toBe(false);
    expect(m.exitCode).toBeUndefined();
    const second = await finish(m);
    expect(second).toEqual(first);
  }, 120_000);

  it('a fork runs on its own: the original keeps its state and later reaches the same end', async () => {
    const m = machine();
    await m.run(30_000_000);
    const before = m.stateHash();
    const twin = m.fork();
    expect(twin).toBeInstanceOf(SpikeMachine);
    expect(twin.stateHash()).toBe(before);
    const forked = await finish(twin);
    expect(forked.exit).toBe(0);
    expect(m.stateHash()).toBe(before);
    expect(m.halted).toBe(false);
    expect(await finish(m)).toEqual(forked);
  }, 120_000);

  it('diff names the registers and RAM pages that changed, and nothing for equal snapshots', async () => {
    const m = machine();
    m.runSync(20_000_000);
    const a = m.snapshot();
    m.runSync(200_000);
    const b = m.snapshot();
    const d = diff(a, b);
    expect(d.configChanged).toBe(false);
    expect(d.harts).toHaveLength(1);
    const names = d.harts[0].registers.map((r) => r.name);
    expect(names).toContain('pc');
    expect(d.harts[0].other.map((o) => o.name)).toContain('icount');
    const icount = d.harts[0].other.find((o) => o.name === 'icount')!;
    expect((icount.b as bigint) - (icount.a as bigint)).toBe(200_000n);
    expect(d.ramPages.length).toBeGreaterThan(0);
    for (const p of d.ramPages) {
      expect(p.bytesChanged).toBeGreaterThan(0);
      expect(p.address).toBe(0x80000000n + BigInt(p.page * 4096));
    }
    const same = diff(b, m.snapshot());
    expect(same.total).toBe(0);
  }, 120_000);

  it('a saved file loads into a fresh machine that then runs exactly like the original', async () => {
    const m = machine();
    await m.run(25_000_000);
    const s = m.snapshot();
    const path = join(tmp, 'qsort.osnap');
    const info = s.save(path);
    expect(info.bytes).toBeGreaterThan(0);
    expect(info.bytes).toBeLessThan(s.ramBytes);
    const loaded = Snapshot.load(path);
    expect(loaded.hash()).toBe(s.hash());
    expect(diff(s, loaded).total).toBe(0);
    const fresh = new SpikeMachine({ ramSize: RAM });
    fresh.loadElf(ELF); // connects HTIF at the same addresses: the same configuration
    fresh.restore(loaded);
    expect(fresh.stateHash()).toBe(s.hash());
    expect(await finish(fresh)).toEqual(await finish(m));
  }, 120_000);

  it('from one snapshot, running N instructions gives the same console and state hash every time', async () => {
    const m = machine();
    m.runSync(10_000_000);
    const s = m.snapshot();
    const runs = [0, 1, 2].map(() => {
      m.restore(s);
      m.runSync(3_000_000);
      return m.stateHash();
    });
    expect(new Set(runs).size).toBe(1);
  }, 120_000);

  it('rewind(n) lands on the state n steps back, the same as a fresh run of total − n', async () => {
    const m = machine();
    const history = m.recordHistory({ interval: 4_000_000 });
    m.runSync(7_000_000);
    m.step(5); // runs of any size are replayed as they happened
    m.runSync(6_000_000);
    expect(history.position).toBe(13_000_005);
    m.rewind(5_432_101);
    expect(history.position).toBe(7_567_904);
    const reference = machine();
    reference.runSync(7_567_904);
    expect(m.stateHash()).toBe(reference.stateHash());
    // A reverse step, then the run continues to the same end.
    m.rewind(1);
    const back = machine();
    back.runSync(7_567_903);
    expect(m.stateHash()).toBe(back.stateHash());
    expect(await finish(m)).toEqual(await finish(back));
  }, 120_000);

  it('rewinding further back than the history reaches is refused and changes nothing', async () => {
    const m = machine();
    m.recordHistory({ interval: 1_000_000, keep: 2 });
    m.runSync(5_000_000);
    const h = m.stateHash();
    expect(() => m.rewind(3_000_000)).toThrow(/history reaches back \d+ steps/);
    expect(m.stateHash()).toBe(h);
  }, 120_000);
});
