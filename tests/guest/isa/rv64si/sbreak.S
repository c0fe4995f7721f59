# ebreak (the 32-bit encoding) in S-mode, delegated, traps to stvec with scause 3 and sepc at the ebreak.
#include "supervisor_env.h"

RVTEST_CODE_BEGIN
  RVTEST_ENTER_SUPERVISOR(s_handler)

/* The 4-byte encoding: the handler steps over it with sepc + 4. */
#define EBREAK32 .option push; .option norvc; ebreak; .option pop

test_2:
  li TESTNUM, 2
  li s1, 0
bp:
  EBREAK32
  li t6, 1
  bne s1, t6, fail
  # ...and from U-mode too
test_3:
  li TESTNUM, 3
  li s1, 0
  li t0, SSTATUS_SPP
  csrc sstatus, t0
  la t0, bp_user
  csrw sepc, t0
  sret
bp_user:
  EBREAK32
  j fail
after_user:
  li t6, 1
  bne s1, t6, fail
  j pass

  .align 2
s_handler:
  csrr t0, scause
  li t1, CAUSE_BREAKPOINT
  bne t0, t1, fail
  li s1, 1
  li t1, 3
  beq TESTNUM, t1, 1f
  csrr t0, sepc
  la t1, bp
  bne t0, t1, fail
  addi t0, t0, 4
  csrw sepc, t0
  sret
1:
  csrr t0, sepc
  la t1, bp_user
  bne t0, t1, fail
  # stay in S-mode: return to after_user with SPP = S
  li t0, SSTATUS_SPP
  csrs sstatus, t0
  la t0, after_user
  csrw sepc, t0
  sret

RVTEST_CODE_END
