/* matmul_int: 32-bit integer matrix multiply C = A * B, repeated with a feedback term. */
#include "../workload.h"

#ifndef ITER
#define ITER 12
#endif
#define N 128

static int32_t a[N][N], b[N][N], c[N][N];

uint64_t workload(void)
{
  uint64_t seed = 0x6d61746d756c0001ULL, sum = 0;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      a[i][j] = (int32_t)(prng_next(&seed) % 2001) - 1000;
      b[i][j] = (int32_t)(prng_next(&seed) % 2001) - 1000;
    }
  for (int it = 0; it < ITER; it++) {
    for (int i = 0; i < N; i++)
      for (int j = 0; j < N; j++) {
        int32_t acc = 0;
        for (int k = 0; k < N; k++)
          acc += a[i][k] * b[k][j];
        c[i][j] = acc;
      }
    for (int i = 0; i < N; i++) {
      sum = checksum_mix(sum, (uint32_t)c[i][(i * 7 + it) % N]);
      a[i][it % N] = c[i][i] % 1000; /* next round depends on this one */
    }
  }
  return sum;
}
