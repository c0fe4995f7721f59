/* Bare-metal harness: run the workload, print its checksum and the retired
 * instruction count (minstret; meaningful under QEMU only with -icount). */
#include <stdio.h>
#include "csr.h"
#include "workload.h"

int main(void)
{
  uint64_t start = read_minstret();
  uint64_t sum = workload();
  uint64_t end = read_minstret();
  printf("checksum: %016lx\n", sum);
  printf("instret: %lu\n", end - start);
  return 0;
}
