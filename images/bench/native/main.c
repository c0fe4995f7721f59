/* Native harness: the same workload built with the host compiler, so the
 * RISC-V checksum can be compared with an independent build. */
#include <stdio.h>
#include "../workload.h"

int main(void)
{
  printf("checksum: %016llx\n", (unsigned long long)workload());
  return 0;
}
