/* HTIF magic-memory syscalls: write(1, ...) through a syscall block, checking
 * the host's return value. QEMU 7.2 does not proxy syscalls, so this program is
 * for hosts that do (Spike, Orrery); it is not part of the QEMU reference run.
 * Expected console output: "magic write ok\n" then "returned 15\n"; exit 0. */
#include <stdio.h>
#include "htif.h"

int main(void)
{
  static const char message[] = "magic write ok\n";
  int64_t n = htif_syscall_write(1, message, sizeof message - 1);
  printf("returned %ld\n", (long)n);
  return n == (int64_t)(sizeof message - 1) ? 0 : 1;
}
