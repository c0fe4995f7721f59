# ecall from U-mode (mcause 8) and S-mode (mcause 9), entered with mret;
# M-mode CSRs are illegal from U-mode. PMP entry 0 opens all memory to U/S.
#include "test_macros.h"

RVTEST_CODE_BEGIN
  RVTEST_TRAP_HANDLER(scall_handler)
  li t0, -1
  csrw pmpaddr0, t0
  li t0, PMPCFG_NAPOT_RWX
  csrw pmpcfg0, t0

  # ---- U-mode ecall ----
test_2:
  li TESTNUM, 2
  li s1, CAUSE_USER_ECALL
  la s2, user_ecall
  la s3, 1f
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  la t0, user_code
  csrw mepc, t0
  mret
1:
  # the handler returned here in M-mode
  li t0, 0
  bne s1, t0, fail

  # ---- S-mode ecall ----
test_3:
  li TESTNUM, 3
  li s1, CAUSE_SUPERVISOR_ECALL
  la s2, user_ecall
  la s3, 1f
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, MSTATUS_MPP_S
  csrs mstatus, t0
  la t0, user_code
  csrw mepc, t0
  mret
1:
  li t0, 0
  bne s1, t0, fail

  # ---- U-mode access to an M-mode CSR ----
test_4:
  li TESTNUM, 4
  li s1, CAUSE_ILLEGAL_INSTRUCTION
  la s2, user_csr
  la s3, 1f
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  la t0, user_csr
  csrw mepc, t0
  mret
1:
  li t0, 0
  bne s1, t0, fail

  j pass

user_code:
  nop
user_ecall:
  ecall
  j fail
user_csr:
  csrr a0, mstatus
  j fail

  # Expect cause s1 at pc s2; then continue at s3 in M-mode and clear s1.
  .align 2
scall_handler:
  csrr t0, mcause
  bne t0, s1, fail
  csrr t0, mepc
  bne t0, s2, fail
  li s1, 0
  li t0, MSTATUS_MPP
  csrs mstatus, t0
  csrw mepc, s3
  mret

RVTEST_CODE_END
