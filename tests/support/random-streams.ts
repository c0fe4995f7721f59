import { expect } from 'vitest';
import { RiscvMachineOptions } from '../../core/machine/riscv-machine';
import { diffHartStates, firstRamDifference, hartState, lockstep } from '../../core/machine/lockstep';
import { SpikeMachine } from '../../core/machine/spike-machine';
import { MSTATUS } from '../../core/target/riscv/spec';
import { Rng } from './rng';
import { OPC, bType, csrType, iType, jal, r4Type, rType, sType, uType } from './rv-encode';

/**
 * Seeded random instruction streams run on the reference interpreter and on
 * compiled WebAssembly must leave identical architectural state and memory.
 * Registers x28..x31 are reserved by the harness: x28 an aligned data pointer
 * (atomics), x29 the middle of the data area, x30 = 1 and x31 = tohost, so
 * every stream ends with `sd x30, 0(x31)` (HTIF exit) and so does the trap
 * handler at the start of RAM.
 */
const BATCH = 256;
const RAM = 0x80000000n;
const TOHOST = RAM + 0x800n;
const CODE = RAM + 0x1000n;
const STREAM_BYTES = 256;
const DATA = RAM + 0x80000n;
const DATA_SIZE = 4096;
const END = [sType(OPC.STORE, 3, 31, 30, 0), jal(0, 0)];

const SPECIAL64 = [0n, 1n << 63n, 0x7ff0000000000000n, 0xfff0000000000000n, 0x7ff8000000000000n, 0x7ff4000000000000n,
  0x3ff0000000000000n, 0xbff8000000000000n, 0x0000000000000001n, 0x000fffffffffffffn, 0x7fefffffffffffffn,
  0x41dfffffffc00000n, 0x43e0000000000000n];
const SPECIAL32 = [0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7fa00000, 0x3f800000, 0xbfc00000, 1, 0x7f7fffff, 0x4f000000];
const INT_SPECIAL = [0n, 1n, -1n, 1n << 63n, (1n << 63n) - 1n, 0x80000000n, 0x7fffffffn, 0xffffffffn, -0x80000000n];

function randomValue(r: Rng): bigint {
  return r.int(4) === 0 ? BigInt.asUintN(64, r.pick(INT_SPECIAL)) : r.u64();
}

function randomFloat(r: Rng): bigint {
  switch (r.int(5)) {
    case 0: return r.pick(SPECIAL64);
    case 1: return 0xffffffff00000000n | BigInt(r.pick(SPECIAL32) >>> 0);
    case 2: return 0xffffffff00000000n | (r.u64() & 0xffffffffn);
    default: return r.u64();
  }
}

/** One random instruction (or a short forward branch). */
function randomInsn(r: Rng, remaining: number): number {
  const rd = 1 + r.int(27);
  const fd = r.int(32);
  const rs = () => r.int(32);
  const fmt = r.int(2);
  const rm = r.pick([0, 1, 2, 3, 4, 7, 7, 7]);
  switch (r.int(16)) {
    case 0: case 1: {
      const [f3, f7] = r.pick([[0, 0], [0, 0x20], [1, 0], [2, 0], [3, 0], [4, 0], [5, 0], [5, 0x20], [6, 0], [7, 0],
        [0, 1], [1, 1], [2, 1], [3, 1], [4, 1], [5, 1], [6, 1], [7, 1]]);
      return rType(OPC.OP, rd, f3, rs(), rs(), f7);
    }
    case 2: {
      const [f3, f7] = r.pick([[0, 0], [0, 0x20], [1, 0], [5, 0], [5, 0x20], [0, 1], [4, 1], [5, 1], [6, 1], [7, 1]]);
      return rType(OPC.OP_32, rd, f3, rs(), rs(), f7);
    }
    case 3: {
      const f3 = r.pick([0, 2, 3, 4, 6, 7, 1, 5]);
      const imm = f3 === 1 ? r.int(64) : f3 === 5 ? r.int(64) | (r.int(2) << 10) : r.int(4096) - 2048;
      return iType(OPC.OP_IMM, rd, f3, rs(), imm);
    }
    case 4: {
      const f3 = r.pick([0, 1, 5]);
      const imm = f3 === 0 ? r.int(4096) - 2048 : r.int(32) | (f3 === 5 && r.int(2) ? 0x400 : 0);
      return iType(OPC.OP_IMM_32, rd, f3, rs(), imm);
    }
    case 5: return r.int(2) ? uType(OPC.LUI, rd, r.int(1 << 20)) : uType(OPC.AUIPC, rd, r.int(1 << 20));
    // Now and then an access at an unmapped address (base x0): an access fault, which must see exact registers.
    case 6: return iType(OPC.LOAD, rd, r.int(7), r.int(24) === 0 ? 0 : 29, r.int(4088) - 2048);
    case 7: return sType(OPC.STORE, r.int(4), r.int(24) === 0 ? 0 : 29, rs(), r.int(4088) - 2048);
    case 8: {
      const f3 = 2 + r.int(2);
      const funct5 = r.pick([0, 1, 2, 3, 4, 8, 12, 16, 20, 24, 28]);
      return rType(OPC.AMO, rd, f3, 28, funct5 === 2 ? 0 : rs(), (funct5 << 2) | r.int(4));
    }
    case 9: {
      const [f7, f3, rs2] = r.pick([[0x00, rm, -1], [0x04, rm, -1], [0x08, rm, -1], [0x0c, rm, -1], [0x2c, rm, 0],
        [0x10, 0, -1], [0x10, 1, -1], [0x10, 2, -1], [0x14, 0, -1], [0x14, 1, -1]]);
      return rType(OPC.OP_FP, fd, f3, rs(), rs2 < 0 ? rs() : rs2, f7 | fmt);
    }
    case 10: {
      // FP → integer register: compares, classify, moves, conversions.
      const [f7, f3, rs2] = r.pick([[0x50, 2, -1], [0x50, 1, -1], [0x50, 0, -1], [0x70, 1, 0], [0x70, 0, 0],
        [0x60, rm, 0], [0x60, rm, 1], [0x60, rm, 2], [0x60, rm, 3]]);
      return rType(OPC.OP_FP, rd, f3, rs(), rs2 < 0 ? rs() : rs2, f7 | fmt);
    }
    case 11: {
      // Integer → FP: conversions and moves; format conversions.
      const [f7, f3, rs2] = r.pick([[0x68 | fmt, rm, r.int(4)], [0x78 | fmt, 0, 0], [0x20, rm, 1], [0x21, rm, 0]]);
      return rType(OPC.OP_FP, fd, f3, rs(), rs2, f7);
    }
    case 12: return r4Type(r.pick([0x43, 0x47, 0x4b, 0x4f]), fd, rm, rs(), rs(), rs(), fmt);
    case 13:
      return r.int(2)
        ? iType(OPC.LOAD_FP, fd, 2 + r.int(2), 29, r.int(4088) - 2048)
        : sType(OPC.STORE_FP, 2 + r.int(2), 29, rs(), r.int(4088) - 2048);
    case 14: return csrType(rd, 1 + r.int(3), rs(), r.pick([1, 2, 3]));
    default: {
      // Skip 0..4 of the following random instructions, never the exit.
      const skip = r.int(Math.min(4, remaining) + 1);
      return bType(r.pick([0, 1, 4, 5, 6, 7]), rs(), rs(), 4 * (skip + 1));
    }
  }
}

interface Stream { code: Uint8Array; x: bigint[]; f: bigint[]; frm: number; fflags: number; data: Uint8Array; x28: bigint; blockStarts: number[] }

function makeStream(r: Rng): Stream {
  const n = 8 + r.int(40);
  const words: number[] = [];
  const blockStarts = new Set([0]);
  for (let i = 0; i < n; i++) {
    const w = randomInsn(r, n - i - 1);
    words.push(w);
    if ((w & 0x7f) === OPC.BRANCH) {
      const offset = (((w >> 8) & 0xf) << 1) | (((w >> 25) & 0x3f) << 5);
      blockStarts.add(i + 1).add(i + offset / 4);
    }
  }
  words.push(...END);
  const code = new Uint8Array(words.length * 4);
  const view = new DataView(code.buffer);
  words.forEach((w, i) => view.setUint32(i * 4, w, true));
  const data = new Uint8Array(DATA_SIZE);
  for (let i = 0; i < DATA_SIZE; i += 8) new DataView(data.buffer).setBigUint64(i, r.u64(), true);
  return {
    code, data, blockStarts: [...blockStarts],
    x: Array.from({ length: 32 }, () => randomValue(r)),
    f: Array.from({ length: 32 }, () => randomFloat(r)),
    frm: r.int(5),
    // Half the streams start with NX accrued, as real programs soon do: that enables the FP fast paths.
    fflags: r.int(2),
    x28: DATA + BigInt(r.int(DATA_SIZE / 8) * 8),
  };
}

function machine(options: RiscvMachineOptions): SpikeMachine {
  const m = new SpikeMachine({ ...options, ramSize: 1 << 20 });
  m.attachHtif(TOHOST);
  m.bus.writePhys(RAM, new Uint8Array(new Uint32Array(END).buffer));
  return m;
}

function start(m: SpikeMachine, s: Stream, pc: bigint): void {
  const cpu = m.cpu;
  for (let i = 1; i < 28; i++) cpu.setX(i, s.x[i]);
  cpu.setX(28, s.x28);
  cpu.setX(29, DATA + 2048n);
  cpu.setX(30, 1n);
  cpu.setX(31, TOHOST);
  for (let i = 0; i < 32; i++) cpu.setF(i, s.f[i]);
  cpu.priv = 3;
  // FS starts Dirty so the translation flags stay the same throughout (blocks are translated ahead).
  cpu.csr.mstatus |= MSTATUS.FS | MSTATUS.SD;
  cpu.csr.mtvec = RAM;
  cpu.fflags = s.fflags;
  cpu.frm = s.frm;
  cpu.reservation = -1n;
  cpu.pc = pc;
  m.bus.writePhys(DATA, s.data);
  m.halted = false;
}

function runStream(m: SpikeMachine): void {
  const r = m.runSync(10_000);
  if (r.reason !== "exit") throw new Error(`stream did not end (${r.reason} at 0x${m.cpu.pc.toString(16)})`);
}

/** Run `STREAMS` streams from seed `SEED` on both backends; fails naming the first diverging instruction. */
export async function checkRandomStreams(
  SEED: number,
  STREAMS: number,
  sides: [RiscvMachineOptions, RiscvMachineOptions] = [{ backend: 'interp' }, { backend: 'wasm', hotThreshold: 0, batchSize: BATCH }],
): Promise<void> {
  {
    const rng = new Rng(SEED);
    const ref = machine(sides[0]);
    const jit = machine({ batchSize: BATCH, ...sides[1] });
    for (let first = 0; first < STREAMS; first += BATCH) {
      await new Promise((r) => setImmediate(r)); // keep the test worker responsive
      const streams = Array.from({ length: Math.min(BATCH, STREAMS - first) }, () => makeStream(rng));
      for (const m of [ref, jit]) {
        streams.forEach((s, k) => m.bus.writePhys(CODE + BigInt(k * STREAM_BYTES), s.code));
        m.engine.flush();
      }
      // Translate every block of every stream ahead, so they compile as one module.
      start(jit, streams[0], RAM);
      jit.block();
      streams.forEach((s, k) => {
        for (const i of s.blockStarts) {
          start(jit, s, CODE + BigInt(k * STREAM_BYTES + 4 * i));
          jit.block();
        }
      });
      streams.forEach((s, k) => {
        const pc = CODE + BigInt(k * STREAM_BYTES);
        start(ref, s, pc);
        runStream(ref);
        start(jit, s, pc);
        runStream(jit);
        const diffs = diffHartStates(hartState(ref.cpu), hartState(jit.cpu));
        const ram = firstRamDifference(ref, jit, DATA - RAM, DATA_SIZE);
        if (diffs.length || ram >= 0) {
          // Pinpoint the instruction with the lockstep tool on this one stream.
          const found = lockstep((o) => { const m = machine(o); m.bus.writePhys(pc, s.code); start(m, s, pc); return m; }, 10_000, { chunk: 1, sides });
          const json = (x: unknown) => JSON.stringify(x, (_, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v));
          expect.fail(`stream ${first + k} (seed ${SEED}) diverges: ${found.divergence
            ? json(found.divergence)
            : `only when run as whole blocks: ${json({ diffs, ramOffset: ram })}`}`);
        }
      });
    }
  }
}
