import { describe, it } from 'vitest';
import { checkRandomStreams } from '../support/random-streams';

/**
 * The inline FP fast paths (host IEEE arithmetic when RNE, NX accrued and the
 * result normal or an exact zero) give exactly what the soft-float helpers
 * give: random streams, half of them starting with NX set, run with the fast
 * paths compiled to WebAssembly and without them on the interpreter.
 */
const STREAMS = Number(process.env.ORRERY_FASTPATH_STREAMS ?? 20_000);

describe('FP fast paths', () => {
  it(`match the soft-float helpers on ${STREAMS} random streams`, async () => {
    await checkRandomStreams(101, STREAMS, [
      { backend: 'interp', fpFastPath: false },
      { backend: 'wasm', hotThreshold: 0, fpFastPath: true },
    ]);
  }, 3_600_000);
});
