/* sieve: sieve of Eratosthenes over a byte array; prime counts and a sample of primes. */
#include "../workload.h"

#ifndef ITER
#define ITER 5
#endif
#define LIMIT 2000000

static uint8_t composite[LIMIT + 1];

uint64_t workload(void)
{
  uint64_t sum = 0;
  for (int it = 0; it < ITER; it++) {
    uint32_t limit = LIMIT - it * 1000;
    for (uint32_t i = 0; i <= limit; i++)
      composite[i] = 0;
    for (uint32_t i = 2; (uint64_t)i * i <= limit; i++)
      if (!composite[i])
        for (uint32_t j = i * i; j <= limit; j += i)
          composite[j] = 1;
    uint64_t count = 0, last = 0;
    for (uint32_t i = 2; i <= limit; i++)
      if (!composite[i]) {
        count++;
        last = i;
      }
    sum = checksum_mix(sum, count);
    sum = checksum_mix(sum, last);
  }
  return sum;
}
