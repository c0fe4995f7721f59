import { describe, expect, it } from 'vitest';
import { diffHartStates, firstRamDifference, hartState } from '../../core/machine/lockstep';
import { SpikeMachine } from '../../core/machine/spike-machine';
import { RiscvMachineOptions } from '../../core/machine/riscv-machine';
import { Rng } from '../support/rng';

/**
 * Arbitrary bits as code: random 16- and 32-bit words (any opcode, any CSR,
 * jumps anywhere, stores into the code itself) must never throw a host
 * exception — every outcome is a guest trap or guest behaviour — and both
 * backends must end in the same state.
 */
const PROGRAMS = Number(process.env.ORRERY_RANDOM_WORD_PROGRAMS ?? 1500);
const RAM = 0x80000000n;
const CODE_BYTES = 2048;

function program(r: Rng): Uint8Array {
  const code = new Uint8Array(CODE_BYTES);
  const view = new DataView(code.buffer);
  for (let i = 0; i < CODE_BYTES; i += 4) {
    let w = r.u32();
    // Mostly 32-bit encodings in the major opcodes, some compressed parcels, some raw noise.
    const kind = r.int(8);
    if (kind < 5) w = (w & ~0x7f) | [0x03, 0x07, 0x0f, 0x13, 0x17, 0x1b, 0x23, 0x27, 0x2f, 0x33, 0x37, 0x3b, 0x43, 0x53, 0x63, 0x67, 0x6f, 0x73][r.int(18)];
    view.setUint32(i, w >>> 0, true);
  }
  return code;
}

function run(options: RiscvMachineOptions, code: Uint8Array, r: Rng): SpikeMachine {
  const m = new SpikeMachine({ ...options, ramSize: 1 << 20 });
  m.bus.writePhys(RAM, code);
  const cpu = m.cpu;
  for (let i = 1; i < 32; i++) {
    // Registers point into RAM half of the time, so loads and stores (and jumps) often land.
    cpu.setX(i, r.int(2) ? RAM + BigInt(r.int(1 << 20)) : BigInt(r.u32()) << BigInt(r.int(33)));
  }
  cpu.csr.mtvec = RAM + BigInt(r.int(CODE_BYTES / 4) * 4);
  cpu.pc = RAM;
  m.runSync(3000);
  return m;
}

describe('random words as code', () => {
  it(`never throw a host exception and run identically on both backends (${PROGRAMS} programs)`, async () => {
    for (let p = 0; p < PROGRAMS; p++) {
      if (p % 50 === 0) await new Promise((res) => setImmediate(res));
      const seed = 7000 + p;
      const code = program(new Rng(seed));
      const a = run({ backend: 'interp' }, code, new Rng(seed));
      const b = run({ backend: 'wasm', hotThreshold: 0 }, code, new Rng(seed));
      const diffs = diffHartStates(hartState(a.cpu), hartState(b.cpu));
      expect(diffs, `program seed ${seed}`).toEqual([]);
      expect(firstRamDifference(a, b), `program seed ${seed}: RAM`).toBe(-1);
    }
  }, 1_800_000);
});
