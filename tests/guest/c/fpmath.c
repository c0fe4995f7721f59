/* Double and single precision arithmetic with bit-exact checksums: sums,
 * products, division, square roots, conversions, and a Newton iteration.
 * No libm: only IEEE basic operations, which every conforming FPU rounds the
 * same way (the build disables fused multiply-add). */
#include <stdio.h>
#include <stdint.h>

static uint64_t bits_d(double d)
{
  union { double d; uint64_t u; } v = { d };
  return v.u;
}

static uint32_t bits_f(float f)
{
  union { float f; uint32_t u; } v = { f };
  return v.u;
}

static volatile double vd[] = { 0.0, -0.0, 1.0, -1.5, 3.141592653589793, 1e-310, 1e308, 2.5, -1e-5 };
static volatile float vf[] = { 0.0f, 1.0f, -2.5f, 3.4e38f, 1e-40f, 0.1f, 7.0f };
#define COUNT(a) (int)(sizeof(a) / sizeof((a)[0]))

int main(void)
{
  uint64_t h = 0;
  for (int i = 0; i < COUNT(vd); i++)
    for (int j = 0; j < COUNT(vd); j++) {
      double a = vd[i], b = vd[j];
      h = h * 1099511628211ULL ^ bits_d(a + b) ^ (bits_d(a - b) << 1) ^ (bits_d(a * b) << 2);
      if (b != 0)
        h ^= bits_d(a / b) >> 1;
      h ^= (uint64_t)(a < b) | (uint64_t)(a <= b) << 1 | (uint64_t)(a == b) << 2;
    }
  printf("double mix: %016lx\n", (unsigned long)h);

  uint32_t hf = 0;
  for (int i = 0; i < COUNT(vf); i++)
    for (int j = 0; j < COUNT(vf); j++) {
      float a = vf[i], b = vf[j];
      hf = hf * 16777619u ^ bits_f(a + b) ^ (bits_f(a * b) << 1);
      if (b != 0)
        hf ^= bits_f(a / b) >> 1;
    }
  printf("float mix: %08x\n", hf);

  /* square roots: hardware sqrt against a Newton iteration */
  uint64_t hs = 0;
  for (int k = 1; k <= 1000; k++) {
    double s = __builtin_sqrt((double)k), x = k;
    for (int it = 0; it < 60; it++)
      x = 0.5 * (x + k / x);
    hs = hs * 31 + bits_d(s) + (bits_d(x) != bits_d(s));
    hs ^= bits_f(__builtin_sqrtf((float)k));
  }
  printf("sqrt mix: %016lx\n", (unsigned long)hs);

  /* conversions, including truncation toward zero and unsigned paths */
  uint64_t hc = 0;
  for (int i = 0; i < COUNT(vd); i++) {
    double d = vd[i];
    if (d > -9e18 && d < 9e18)
      hc = hc * 31 + (uint64_t)(int64_t)d;
    if (d >= 0 && d < 1.8e19)
      hc = hc * 31 + (uint64_t)d;
    hc = hc * 31 + bits_f((float)d);
  }
  hc = hc * 31 + bits_d((double)(int64_t)-123456789012345LL) + bits_d((double)UINT64_MAX);
  hc = hc * 31 + bits_f((float)(int32_t)-16777217) + bits_d((double)vf[5]);
  printf("convert mix: %016lx\n", (unsigned long)hc);

  /* a harmonic sum, printed as a scaled integer */
  double sum = 0;
  for (int k = 1; k <= 100000; k++)
    sum += 1.0 / k;
  printf("H(100000) * 1e12 = %ld\n", (long)(sum * 1e12));
  return 0;
}
