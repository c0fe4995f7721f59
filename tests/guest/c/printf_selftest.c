/* The runtime's printf subset against the host libc: every conversion, flag and
 * width combination printed here must produce byte-identical output natively. */
#include <stdio.h>
#include <stdint.h>

int main(void)
{
  printf("plain text and a literal %%\n");
  printf("d: [%d] [%d] [%d] [%d]\n", 0, 42, -42, -2147483647 - 1);
  printf("i: [%i] [%5i] [%-5i] [%05i] [%05i]\n", 7, 7, 7, 7, -7);
  printf("u: [%u] [%u] [%10u]\n", 0u, 4294967295u, 123u);
  printf("x: [%x] [%X] [%08x] [%-8x] [%8x]\n", 0xbeefu, 0xbeefu, 0xbeefu, 0xbeefu, 0xbeefu);
  printf("o: [%o] [%06o]\n", 8u, 511u);
  printf("ld: [%ld] [%ld] [%20ld]\n", (long)INT64_MAX, (long)INT64_MIN, -1L);
  printf("lu: [%lu] [%lx] [%016lx] [%lX]\n", (unsigned long)UINT64_MAX, 0x123456789abcdefUL, 0xabcUL, 0xfeedfaceUL);
  printf("llu: [%llu] [%llx]\n", 1234567890123ULL, 0xfedcba9876543210ULL);
  printf("zu: [%zu]\n", sizeof(uint64_t));
  printf("s: [%s] [%8s] [%-8s] [%s]\n", "abc", "abc", "abc", "");
  printf("c: [%c] [%3c] [%-3c]\n", 'x', 'y', 'z');
  int n = printf("count me\n");
  printf("printf returned %d\n", n);
  for (int w = 0; w < 6; w++)
    printf("[%*d]", w, -w);
  printf("\n");
  return 0;
}
