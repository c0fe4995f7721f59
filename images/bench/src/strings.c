/* strings: build, copy, compare, measure and sort short strings (memcpy/strcmp/strlen-heavy). */
#include <string.h>
#include "../workload.h"

#ifndef ITER
#define ITER 30
#endif
#define COUNT 2048
#define MAX_LEN 48

static char pool[COUNT][MAX_LEN + 1];
static char *order[COUNT];
static char scratch[COUNT * (MAX_LEN + 1)];

static void sort_strings(char **a, int n)
{
  /* shell sort with strcmp: many comparisons of shared prefixes */
  for (int gap = n / 2; gap > 0; gap /= 2)
    for (int i = gap; i < n; i++) {
      char *v = a[i];
      int j = i;
      while (j >= gap && strcmp(a[j - gap], v) > 0) {
        a[j] = a[j - gap];
        j -= gap;
      }
      a[j] = v;
    }
}

uint64_t workload(void)
{
  uint64_t seed = 0x737472696e670001ULL, sum = 0;
  for (int it = 0; it < ITER; it++) {
    for (int i = 0; i < COUNT; i++) {
      uint64_t r = prng_next(&seed);
      int len = 8 + (int)(r % (MAX_LEN - 8));
      /* a common prefix makes strcmp walk further */
      memcpy(pool[i], "orrery/", 7);
      for (int k = 7; k < len; k++) {
        if ((k & 7) == 0)
          r = prng_next(&seed);
        pool[i][k] = "abcdefghijklmnop"[(r >> ((k & 7) * 4)) & 15];
      }
      pool[i][len] = 0;
      order[i] = pool[i];
    }
    sort_strings(order, COUNT);
    size_t off = 0;
    for (int i = 0; i < COUNT; i++) {
      size_t len = strlen(order[i]);
      memcpy(scratch + off, order[i], len + 1);
      off += len + 1;
    }
    uint64_t h = off;
    for (int i = 1; i < COUNT; i++) {
      int c = strcmp(order[i - 1], order[i]);
      h = h * 31 + (c > 0) * 1000 + (c == 0);
    }
    memmove(scratch + 1, scratch, off / 2);
    for (size_t k = 0; k < off; k += 61)
      h = h * 131 + (uint8_t)scratch[k];
    sum = checksum_mix(sum, h);
  }
  return sum;
}
