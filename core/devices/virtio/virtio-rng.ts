import { randomFillSync } from 'node:crypto';
import { DeviceState } from '../device';
import { VIRTIO_ID, VirtioDevice } from './virtio-device';
import { Virtqueue } from './virtqueue';

/** virtio-rng constants. */
export const VIRTIO_RNG = {
  /** QueueNumMax of the request queue, as QEMU's virtio-rng. */
  queueSize: 8,
  /** Largest buffer filled per request; the used length tells the driver how much it got. */
  maxRequestBytes: 64 * 1024,
  /** Seed when none is given. */
  defaultSeed: 0x0e7ee7,
} as const;

/** Options of {@link VirtioRng}. */
export interface VirtioRngOptions {
  /**
   * Where the bytes come from: `'seeded'` (default) a xorshift128 generator,
   * so two boots see the same "entropy"; `'host'` node:crypto's randomFillSync.
   */
  source?: 'seeded' | 'host';
  /** Seed of the seeded generator (default 0x0e7ee7). */
  seed?: number;
}

/**
 * virtio-rng, the entropy device (virtio 1.2 §5.4): one request queue whose
 * device-writable buffers it fills with random bytes. No features, no
 * configuration space. A reset restarts the seeded stream, so a run is
 * reproducible from power-on.
 */
export class VirtioRng implements VirtioDevice {
  readonly deviceId = VIRTIO_ID.entropy;
  readonly features = 0n;
  readonly queueCount = 1;
  readonly configSize = 0;
  readonly stateVersion = 1;
  readonly source: 'seeded' | 'host';
  readonly seed: number;
  /** xorshift128 state: four 32-bit words, never all zero. */
  private state = new Uint32Array(4);

  constructor(options: VirtioRngOptions = {}) {
    this.source = options.source ?? 'seeded';
    this.seed = (options.seed ?? VIRTIO_RNG.defaultSeed) >>> 0;
    this.reset();
  }

  queueMaxSize(): number {
    return VIRTIO_RNG.queueSize;
  }

  readConfig(): number {
    return 0;
  }

  writeConfig(): boolean {
    return false;
  }

  notify(_index: number, queue: Virtqueue): void {
    for (let chain = queue.pop(); chain; chain = queue.pop()) {
      const bytes = this.generate(Math.min(chain.writableLength, VIRTIO_RNG.maxRequestBytes));
      chain.write(0, bytes);
      queue.push(chain.head, bytes.length);
    }
  }

  /** The next `n` bytes of the source. */
  generate(n: number): Uint8Array {
    const out = new Uint8Array(n);
    if (this.source === 'host') return randomFillSync(out);
    for (let i = 0; i < n; i += 4) {
      const w = this.next();
      for (let k = 0; k < 4 && i + k < n; k++) out[i + k] = (w >>> (8 * k)) & 0xff;
    }
    return out;
  }

  /** Marsaglia's xorshift128. */
  private next(): number {
    const s = this.state;
    let t = s[3];
    t ^= t << 11;
    t ^= t >>> 8;
    s[3] = s[2];
    s[2] = s[1];
    s[1] = s[0];
    s[0] = (t ^ s[0] ^ (s[0] >>> 19)) >>> 0;
    return s[0];
  }

  reset(): void {
    // splitmix32 spreads the seed over the four state words.
    let x = this.seed;
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.state[i] = (z ^ (z >>> 16)) >>> 0;
    }
    if (this.state.every((w) => w === 0)) this.state[0] = 1;
  }

  saveState(): DeviceState {
    return { source: this.source, seed: this.seed, state: [...this.state] };
  }

  loadState(state: DeviceState): void {
    const s = state as { source: 'seeded' | 'host'; seed: number; state: number[] };
    if (s.source !== this.source) throw new Error(`virtio-rng: saved state uses source '${s.source}', this device '${this.source}'`);
    this.state = Uint32Array.from(s.state);
  }
}
