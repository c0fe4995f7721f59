# ebreak and c.ebreak: mcause = 3, mepc = the instruction, mtval = 0 or its address.
#include "test_macros.h"

RVTEST_CODE_BEGIN
  RVTEST_TRAP_HANDLER(ebreak_handler)

test_2:
  li TESTNUM, 2
  li s1, 0
  la s2, 1f
1:
  .option push
  .option norvc
  ebreak
  .option pop
  li t6, 1
  bne s1, t6, fail

test_3:
  li TESTNUM, 3
  li s1, 0
  la s2, 1f
1:
  c.ebreak
  li t6, 1
  bne s1, t6, fail

  j pass

  .align 2
ebreak_handler:
  csrr t0, mcause
  li t1, CAUSE_BREAKPOINT
  bne t0, t1, fail
  csrr t0, mepc
  bne t0, s2, fail
  csrr t0, mtval
  beqz t0, 1f
  bne t0, s2, fail
1:
  addi s1, s1, 1
  TRAP_SKIP_INSTRUCTION
  mret

RVTEST_CODE_END
