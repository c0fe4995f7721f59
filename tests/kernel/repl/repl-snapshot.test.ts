import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplDriver, REPO_DIR } from './repl-driver';

const CRC32 = path.join(REPO_DIR, 'images', 'bench', 'crc32.elf');
const tmp = mkdtempSync(path.join(tmpdir(), 'orrery-replsnap-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('.savevm and .loadvm in the REPL', () => {
  let repl: ReplDriver;
  beforeAll(async () => { repl = await ReplDriver.start(['-M', 'spike', CRC32]); }, 120_000);
  afterAll(async () => { await repl?.close(); });

  const state = () => repl.send('m.stateHash()');

  it('.savevm NAME keeps the state in memory and .loadvm NAME goes back to it exactly', async () => {
    await repl.send('m.step(500)');
    const at500 = await state();
    expect(await repl.send('.savevm five-hundred')).toMatch(/^saved 'five-hundred' in memory \(500 instructions retired; [\d.]+ MiB of RAM in use\)$/);
    await repl.send('m.step(20_000)');
    expect(await state()).not.toBe(at500);
    expect(await repl.send('.loadvm five-hundred')).toMatch(/^restored 'five-hundred' \(500 instructions retired; pc 0x8[0-9a-f]+\)$/);
    expect(await state()).toBe(at500);
    expect(await repl.send('m.cpu.retired()')).toBe('500n');
    expect(await repl.send('.loadvm')).toBe('saved in memory: five-hundred');
  });

  it('.savevm FILE writes a snapshot file that .loadvm FILE restores', async () => {
    const file = path.join(tmp, 'crc.osnap');
    await repl.send('m.step(1000)');
    const before = await state();
    expect(await repl.send(`.savevm ${file}`)).toMatch(/^saved .*crc\.osnap \([\d.]+ MiB; [\d,]+ instructions retired; /);
    expect(statSync(file).size).toBeGreaterThan(0);
    await repl.send('m.step(10_000)');
    expect(await repl.send(`.loadvm ${file}`)).toMatch(/^restored .*crc\.osnap \(/);
    expect(await state()).toBe(before);
  });

  it('an unknown name, a damaged file or a machine of another configuration is one error line and changes nothing', async () => {
    const before = await state();
    expect(await repl.send('.loadvm nope')).toMatch(/^error: loadvm: no snapshot 'nope' in memory \(saved: five-hundred; /);
    const bad = path.join(tmp, 'bad.snap');
    writeFileSync(bad, 'garbage');
    expect(await repl.send(`.loadvm ${bad}`)).toMatch(/^error: loadvm: .*bad\.snap: truncated: 7 bytes/);
    const other = path.join(tmp, 'other.osnap');
    await repl.send(`const other = new SpikeMachine({ ramSize: 32 << 20 }); other.snapshot().save('${other}')`);
    expect(await repl.send(`.loadvm ${other}`)).toMatch(/^error: loadvm: snapshot is of a different machine configuration: RAM 32 MiB vs this machine's 128 MiB;/);
    expect(await state()).toBe(before);
    expect(await repl.send('.savevm')).toMatch(/^error: savevm: give a name/);
  });

  it('.help lists them', async () => {
    expect(await repl.send('.help')).toMatch(/\.savevm NAME\|FILE[\s\S]*\.loadvm \[NAME\|FILE\]/);
  });
});
