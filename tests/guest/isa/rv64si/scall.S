# ecall from U-mode, delegated through medeleg, reaches the S-mode handler
# with scause 8 and sepc at the ecall; sret returns to the instruction after.
#include "supervisor_env.h"

RVTEST_CODE_BEGIN
  RVTEST_ENTER_SUPERVISOR(s_handler)

test_2:
  li TESTNUM, 2
  li s1, CAUSE_USER_ECALL
  la s2, user_ecall
  # sret to U-mode at user_code
  li t0, SSTATUS_SPP
  csrc sstatus, t0
  la t0, user_code
  csrw sepc, t0
  sret
user_code:
  nop
user_ecall:
  ecall
  # back in U-mode after the handler: return to S-mode through a second ecall
test_3:
  li TESTNUM, 3
  li s1, CAUSE_USER_ECALL
  la s2, user_ecall2
user_ecall2:
  ecall
  j fail

s_return:
  # S-mode again; SPP says the trap came from U-mode
  csrr t0, sstatus
  andi t0, t0, SSTATUS_SPP
  bnez t0, fail
  j pass

  .align 2
s_handler:
  csrr t0, scause
  bne t0, s1, fail
  csrr t0, sepc
  bne t0, s2, fail
  li t1, 3
  beq TESTNUM, t1, s_return
  addi t0, t0, 4
  csrw sepc, t0
  sret

RVTEST_CODE_END
