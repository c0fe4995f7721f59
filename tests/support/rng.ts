/** xorshift64*: a small, seedable, reproducible generator for test inputs. */
export class Rng {
  private s: bigint;
  constructor(seed: number) { this.s = BigInt(seed) * 0x9e3779b97f4a7c15n | 1n; }
  u64(): bigint {
    let x = this.s;
    x ^= x >> 12n; x ^= BigInt.asUintN(64, x << 25n); x ^= x >> 27n;
    this.s = x;
    return BigInt.asUintN(64, x * 0x2545f4914f6cdd1dn);
  }
  u32(): number { return Number(this.u64() >> 32n); }
  int(n: number): number { return Number(this.u64() % BigInt(n)); }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]; }
}
