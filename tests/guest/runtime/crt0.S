/* Machine-mode entry for bare-metal C programs: stack, trap vector, FPU, .bss, main, exit. */
#include "csr.h"

  .section .text.init, "ax", @progbits
  .globl _start
_start:
  /* gp before anything the linker may relax into gp-relative accesses */
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  la sp, stack_top
  la t0, trap_entry
  csrw mtvec, t0
  li t0, MSTATUS_FS_INITIAL
  csrs mstatus, t0
  csrwi fcsr, 0

  la t0, __bss_start
  la t1, __bss_end
1:
  bgeu t0, t1, 2f
  sd zero, 0(t0)
  addi t0, t0, 8
  j 1b
2:
  li a0, 0
  li a1, 0
  call main
  call htif_exit
3:
  j 3b

/* Any trap in a C program is a bug: report it and stop. */
  .align 2
trap_entry:
  addi sp, sp, -TRAP_FRAME_SIZE
  csrr a0, mcause
  csrr a1, mepc
  csrr a2, mtval
  call runtime_trap
4:
  j 4b

  .section .bss
  .align 4
stack_bottom:
  .skip STACK_SIZE
stack_top:
