/* matmul_fp: double-precision matrix multiply C = A * B with a feedback term between rounds. */
#include "../workload.h"

#ifndef ITER
#define ITER 32
#endif
#define N 96

static double a[N][N], b[N][N], c[N][N];

uint64_t workload(void)
{
  uint64_t seed = 0x646d61746d756c31ULL, sum = 0;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      a[i][j] = (double)(int64_t)(prng_next(&seed) % 2001 - 1000) / 1000.0;
      b[i][j] = (double)(int64_t)(prng_next(&seed) % 2001 - 1000) / 1000.0;
    }
  for (int it = 0; it < ITER; it++) {
    for (int i = 0; i < N; i++)
      for (int j = 0; j < N; j++) {
        double acc = 0;
        for (int k = 0; k < N; k++)
          acc += a[i][k] * b[k][j];
        c[i][j] = acc;
      }
    for (int i = 0; i < N; i++) {
      sum = checksum_mix(sum, double_bits(c[i][(i * 5 + it) % N]));
      a[i][it % N] = c[i][i] / N;
    }
  }
  return sum;
}
