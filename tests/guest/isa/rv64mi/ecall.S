# ecall from M-mode: mcause = 11, mepc = the ecall, mtval = 0, MPP = M,
# MPIE = old MIE, MIE cleared; mret restores them and resumes at mepc.
#include "test_macros.h"

RVTEST_CODE_BEGIN
  RVTEST_TRAP_HANDLER(ecall_handler)
  li s1, 0

test_2:
  li TESTNUM, 2
  li a0, MSTATUS_MIE
  csrs mstatus, a0
  la s2, 1f
1:
  ecall
  li t6, 1
  bne s1, t6, fail
  # after mret: MIE back on, MPIE set, MPP = U (lowest supported mode)
  csrr a1, mstatus
  andi a2, a1, MSTATUS_MIE
  beqz a2, fail
  andi a2, a1, MSTATUS_MPIE
  beqz a2, fail
  li t0, MSTATUS_MPP
  and a2, a1, t0
  bnez a2, fail
  csrci mstatus, MSTATUS_MIE

  # mret jumps to whatever mepc holds
test_3:
  li TESTNUM, 3
  la a0, 2f
  csrw mepc, a0
  li a0, MSTATUS_MPP
  csrs mstatus, a0
  mret
  j fail
2:

  j pass

  .align 2
ecall_handler:
  csrr t0, mcause
  li t1, CAUSE_MACHINE_ECALL
  bne t0, t1, fail
  csrr t0, mepc
  bne t0, s2, fail
  csrr t0, mtval
  bnez t0, fail
  csrr t0, mstatus
  andi t1, t0, MSTATUS_MIE
  bnez t1, fail
  andi t1, t0, MSTATUS_MPIE
  beqz t1, fail
  li t1, MSTATUS_MPP
  and t1, t0, t1
  li t2, MSTATUS_MPP
  bne t1, t2, fail
  addi s1, s1, 1
  csrr t0, mepc
  addi t0, t0, 4
  csrw mepc, t0
  mret

RVTEST_CODE_END
