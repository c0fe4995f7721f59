/* qsort: quicksort (median of three, insertion sort for short runs) of pseudo-random u64s. */
#include "../workload.h"

#ifndef ITER
#define ITER 20
#endif
#define N 65536

static uint64_t data[N];

static void insertion_sort(uint64_t *a, long lo, long hi)
{
  for (long i = lo + 1; i <= hi; i++) {
    uint64_t v = a[i];
    long j = i - 1;
    while (j >= lo && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

static void swap(uint64_t *a, long i, long j)
{
  uint64_t t = a[i];
  a[i] = a[j];
  a[j] = t;
}

static void quicksort(uint64_t *a, long lo, long hi)
{
  while (hi - lo > 16) {
    long mid = lo + (hi - lo) / 2;
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    uint64_t pivot = a[mid];
    long i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) swap(a, i++, j--);
    }
    /* recurse into the smaller half, loop on the larger: bounded stack */
    if (j - lo < hi - i) {
      quicksort(a, lo, j);
      lo = i;
    } else {
      quicksort(a, i, hi);
      hi = j;
    }
  }
  insertion_sort(a, lo, hi);
}

uint64_t workload(void)
{
  uint64_t seed = 0x71736f7274000001ULL, sum = 0;
  for (int it = 0; it < ITER; it++) {
    for (long i = 0; i < N; i++)
      data[i] = it & 1 ? prng_next(&seed) : prng_next(&seed) % 1000; /* many duplicates */
    quicksort(data, 0, N - 1);
    for (long i = 1; i < N; i++)
      if (data[i - 1] > data[i])
        return 0; /* not sorted: a checksum no correct run produces */
    for (long i = 0; i < N; i += 97)
      sum = checksum_mix(sum, data[i]);
  }
  return sum;
}
