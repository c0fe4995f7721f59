/* 64-bit and 32-bit integer edge cases: overflow wrap-around, division and
 * remainder signs, shifts, widening multiplies and 128-bit arithmetic. Values
 * are hidden behind volatile so the compiler cannot fold them. */
#include <stdio.h>
#include <stdint.h>

static volatile int64_t vs[] = { 0, 1, -1, 7, -7, 3, -3, INT64_MAX, INT64_MIN, 0x123456789abcdefLL, -1000000007LL };
static volatile int32_t v32[] = { 0, 1, -1, 7, -7, INT32_MAX, INT32_MIN, 0x12345678 };
#define COUNT(a) (int)(sizeof(a) / sizeof((a)[0]))

int main(void)
{
  uint64_t h = 0;
  for (int i = 0; i < COUNT(vs); i++)
    for (int j = 0; j < COUNT(vs); j++) {
      int64_t a = vs[i], b = vs[j];
      uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
      uint64_t sum = ua + ub, diff = ua - ub, prod = ua * ub;
      /* C leaves INT64_MIN / -1 and division by zero undefined: skip them */
      int64_t q = 0, r = 0;
      if (b != 0 && !(a == INT64_MIN && b == -1)) {
        q = a / b;
        r = a % b;
      }
      uint64_t uq = ub ? ua / ub : 0, ur = ub ? ua % ub : 0;
      unsigned __int128 wide = (unsigned __int128)ua * ub;
      __int128 swide = (__int128)a * b;
      h = h * 1099511628211ULL ^ sum ^ (diff << 1) ^ (prod << 2) ^ (uint64_t)q ^ ((uint64_t)r << 3);
      h = h * 1099511628211ULL ^ uq ^ (ur << 5) ^ (uint64_t)(wide >> 64) ^ (uint64_t)(swide >> 64);
      h ^= (ua << (ub & 63)) ^ (ua >> (ub & 63)) ^ (uint64_t)(a >> (ub & 63));
      h ^= (uint64_t)(a < b) | (uint64_t)(ua < ub) << 1;
    }
  printf("int64 mix: %016lx\n", (unsigned long)h);

  h = 0;
  for (int i = 0; i < COUNT(v32); i++)
    for (int j = 0; j < COUNT(v32); j++) {
      int32_t a = v32[i], b = v32[j];
      uint32_t ua = (uint32_t)a, ub = (uint32_t)b;
      int32_t q = 0, r = 0;
      if (b != 0 && !(a == INT32_MIN && b == -1)) {
        q = a / b;
        r = a % b;
      }
      /* int64 results of 32-bit ops: checks the W instructions' sign extension */
      int64_t wsum = (int32_t)(ua + ub), wprod = (int32_t)(ua * ub);
      int64_t wshl = (int32_t)(ua << (ub & 31)), wsra = a >> (ub & 31);
      uint64_t wsrl = ua >> (ub & 31);
      h = h * 1099511628211ULL ^ (uint64_t)wsum ^ ((uint64_t)wprod << 1) ^ (uint64_t)q ^ ((uint64_t)r << 7);
      h ^= (uint64_t)wshl ^ ((uint64_t)wsra << 2) ^ (wsrl << 3) ^ (ub ? ua / ub : 0) ^ (ub ? ua % ub : 0);
    }
  printf("int32 mix: %016lx\n", (unsigned long)h);

  printf("INT64_MIN + -1 wraps to %ld\n", (long)(int64_t)((uint64_t)INT64_MIN + (uint64_t)-1));
  printf("-7 / 2 = %ld, -7 %% 2 = %ld, 7 / -2 = %ld, 7 %% -2 = %ld\n",
         (long)(vs[4] / 2), (long)(vs[4] % 2), (long)(vs[3] / -2), (long)(vs[3] % -2));
  unsigned __int128 big = ((unsigned __int128)UINT64_MAX * UINT64_MAX) / 12345;
  printf("u128 quotient: %016lx%016lx\n", (unsigned long)(uint64_t)(big >> 64), (unsigned long)(uint64_t)big);
  return 0;
}
