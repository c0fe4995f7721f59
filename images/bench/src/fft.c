/* fft: iterative radix-2 complex FFT and inverse, double precision. Twiddle
 * factors come from a Taylor series so no libm is involved on either build. */
#include "../workload.h"

#ifndef ITER
#define ITER 110
#endif
#define LOG2N 12
#define N (1 << LOG2N)
#define PI 3.14159265358979323846

static double re[N], im[N], wr[N / 2], wi[N / 2];

/* sin and cos of x in [-pi, pi] by Taylor series (enough terms for double). */
static void sincos_taylor(double x, double *s, double *c)
{
  double term_s = x, term_c = 1, sum_s = x, sum_c = 1, x2 = x * x;
  for (int k = 1; k < 14; k++) {
    term_s = -term_s * x2 / ((2 * k) * (2 * k + 1));
    term_c = -term_c * x2 / ((2 * k - 1) * (2 * k));
    sum_s += term_s;
    sum_c += term_c;
  }
  *s = sum_s;
  *c = sum_c;
}

static void fft(double sign)
{
  for (unsigned i = 1, j = 0; i < N; i++) { /* bit reversal */
    unsigned bit = N >> 1;
    for (; j & bit; bit >>= 1)
      j ^= bit;
    j ^= bit;
    if (i < j) {
      double t = re[i]; re[i] = re[j]; re[j] = t;
      t = im[i]; im[i] = im[j]; im[j] = t;
    }
  }
  for (int len = 2; len <= N; len <<= 1) {
    int step = N / len;
    for (int i = 0; i < N; i += len)
      for (int k = 0; k < len / 2; k++) {
        double cr = wr[k * step], ci = sign * wi[k * step];
        double xr = re[i + k + len / 2] * cr - im[i + k + len / 2] * ci;
        double xi = re[i + k + len / 2] * ci + im[i + k + len / 2] * cr;
        re[i + k + len / 2] = re[i + k] - xr;
        im[i + k + len / 2] = im[i + k] - xi;
        re[i + k] += xr;
        im[i + k] += xi;
      }
  }
}

uint64_t workload(void)
{
  uint64_t seed = 0x6666743130323401ULL, sum = 0;
  for (int k = 0; k < N / 2; k++)
    sincos_taylor(-2 * PI * k / N, &wi[k], &wr[k]);
  for (int i = 0; i < N; i++) {
    re[i] = (double)(prng_next(&seed) % 10000) / 5000.0 - 1.0;
    im[i] = 0;
  }
  for (int it = 0; it < ITER; it++) {
    fft(1.0);
    sum = checksum_mix(sum, double_bits(re[it % N]));
    sum = checksum_mix(sum, double_bits(im[(it * 7) % N]));
    fft(-1.0);
    for (int i = 0; i < N; i++) {
      re[i] /= N;
      im[i] /= N;
    }
  }
  for (int i = 0; i < N; i += 64)
    sum = checksum_mix(sum, double_bits(re[i]));
  return sum;
}
