/* Machine-mode CSR numbers and bits used by the runtime (RISC-V privileged spec). */
#ifndef ORRERY_GUEST_CSR_H
#define ORRERY_GUEST_CSR_H

#define MSTATUS_FS_INITIAL  (1 << 13) /* mstatus.FS = 01: FPU on, state clean */
#define TRAP_EXIT_CODE      0x7f      /* exit code after an unexpected trap */
#define STACK_SIZE          0x10000   /* bytes of .bss stack for main */
#define TRAP_FRAME_SIZE     0x100     /* bytes reserved below sp by the trap entry */


#ifndef __ASSEMBLER__
#include <stdint.h>
/** Instructions retired so far (minstret); counts guest instructions under QEMU only with -icount. */
static inline uint64_t read_minstret(void)
{
  uint64_t n;
  __asm__ volatile("csrr %0, minstret" : "=r"(n));
  return n;
}
#endif

#endif
