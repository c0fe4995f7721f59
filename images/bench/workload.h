/*
 * Interface between a benchmark workload and the two harnesses that run it:
 * the bare-metal one (bare_main.c, RISC-V under HTIF) and the native one
 * (native/main.c, host stdio). Workloads are platform-independent C: fixed
 * inputs, no libc beyond <stdint.h>/<string.h>, no fused multiply-add.
 */
#ifndef ORRERY_BENCH_WORKLOAD_H
#define ORRERY_BENCH_WORKLOAD_H

#include <stdint.h>

/** Runs the workload once and returns its 64-bit checksum. */
uint64_t workload(void);

/** splitmix64: the fixed-seed generator every workload draws its inputs from. */
static inline uint64_t prng_next(uint64_t *state)
{
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/** Mixes a value into a running checksum (order-sensitive). */
static inline uint64_t checksum_mix(uint64_t sum, uint64_t value)
{
  sum ^= value + 0x9e3779b97f4a7c15ULL + (sum << 6) + (sum >> 2);
  return sum;
}

/** Raw bits of a double, for checksums that must match bit for bit. */
static inline uint64_t double_bits(double d)
{
  union { double d; uint64_t u; } v = { d };
  return v.u;
}

#endif
