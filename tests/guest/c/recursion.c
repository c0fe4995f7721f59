/* Deep and mutual recursion without setjmp: Ackermann, naive Fibonacci,
 * Towers of Hanoi and mutually recursive parity checks. Exercises the call
 * stack, return-address prediction and callee-saved registers. */
#include <stdio.h>
#include <stdint.h>

static uint64_t ackermann(uint64_t m, uint64_t n)
{
  if (m == 0)
    return n + 1;
  if (n == 0)
    return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}

static uint64_t fib(unsigned n)
{
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static uint64_t hanoi(unsigned disks, int from, int to, int via, uint64_t *trace)
{
  if (disks == 0)
    return 0;
  uint64_t moves = hanoi(disks - 1, from, via, to, trace);
  *trace = *trace * 31 + (uint64_t)(from * 3 + to);
  return moves + 1 + hanoi(disks - 1, via, to, from, trace);
}

static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

/* many live values across a call force callee-saved register spills */
static uint64_t spill(unsigned depth, uint64_t a, uint64_t b, uint64_t c, uint64_t d,
                      uint64_t e, uint64_t f, uint64_t g, uint64_t h)
{
  if (depth == 0)
    return a ^ b ^ c ^ d ^ e ^ f ^ g ^ h;
  uint64_t r = spill(depth - 1, b + 1, c * 3, d ^ a, e - 1, f + a, g * 5, h ^ b, a + h);
  return r + a * 3 + b * 5 + c * 7 + d * 11 + e * 13 + f * 17 + g * 19 + h * 23;
}

int main(void)
{
  printf("ackermann(2, 3) = %lu\n", (unsigned long)ackermann(2, 3));
  printf("ackermann(3, 5) = %lu\n", (unsigned long)ackermann(3, 5));
  printf("fib(25) = %lu\n", (unsigned long)fib(25));
  uint64_t trace = 0;
  uint64_t moves = hanoi(16, 0, 2, 1, &trace);
  printf("hanoi(16) = %lu moves, trace %016lx\n", (unsigned long)moves, (unsigned long)trace);
  printf("is_even(10001) = %d, is_odd(9999) = %d\n", is_even(10001), is_odd(9999));
  printf("spill = %016lx\n", (unsigned long)spill(200, 1, 2, 3, 4, 5, 6, 7, 8));
  return 0;
}
