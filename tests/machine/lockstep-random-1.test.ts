import { describe, it } from 'vitest';
import { checkRandomStreams } from '../support/random-streams';

/**
 * Seeded random instruction streams (integer, M, A, F, D, CSR, loads/stores,
 * forward branches) leave identical state and memory on the reference
 * interpreter and on compiled WebAssembly. Two files with different seeds run
 * in parallel; together they cover 10^5 streams.
 */
const STREAMS = Number(process.env.ORRERY_LOCKSTEP_STREAMS ?? 50_000);
const SEED = Number(process.env.ORRERY_LOCKSTEP_SEED ?? 0) + 1;

describe('lockstep of the interpreter and WebAssembly', () => {
  it(`finds no divergence on ${STREAMS} random streams (seed ${SEED})`, async () => {
    await checkRandomStreams(SEED, STREAMS);
  }, 3_600_000);
});
