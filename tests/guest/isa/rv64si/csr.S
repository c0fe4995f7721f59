# Supervisor CSRs: satp's WARL modes (from M-mode, where satp does not
# translate), sscratch, the sstatus view of mstatus, and M-mode CSRs being
# illegal from S-mode.
#include "supervisor_env.h"

RVTEST_CODE_BEGIN

  # satp accepts Sv39/Sv48/Sv57 with 16 ASID bits; a reserved mode leaves it unchanged
  TEST_CASE(2, a4, 0, csrw satp, zero; csrr a4, satp)
  TEST_CASE(3, a4, 0x8ffff00000080000, li a0, 0x8ffff00000080000; csrw satp, a0; csrr a4, satp)
  TEST_CASE(4, a4, 0x8ffff00000080000, li a0, 0x1000000000012345; csrw satp, a0; csrr a4, satp)
  TEST_CASE(5, a4, 0x8ffff00000080000, li a0, 0xb000000000012345; csrw satp, a0; csrr a4, satp)
  TEST_CASE(6, a4, 0x9000000000080001, li a0, 0x9000000000080001; csrw satp, a0; csrr a4, satp)
  TEST_CASE(7, a4, 0xa000000000080002, li a0, 0xa000000000080002; csrw satp, a0; csrr a4, satp)
  TEST_CASE(8, a4, 0, csrw satp, zero; csrr a4, satp)

  RVTEST_ENTER_SUPERVISOR(s_handler)

  TEST_CASE(9, a4, 0x1234, li a0, 0x1234; csrw sscratch, a0; csrr a4, sscratch)
  # sstatus shows SUM and MXR, and no M-mode field (MPP reads as zero through it)
  TEST_CASE(10, a4, SSTATUS_SUM, li a0, SSTATUS_SUM; csrs sstatus, a0; csrr a4, sstatus; li a1, SSTATUS_SUM | MSTATUS_MPP; and a4, a4, a1)
  TEST_CASE(11, a4, SSTATUS_MXR, li a0, SSTATUS_SUM; csrc sstatus, a0; li a0, SSTATUS_MXR; csrs sstatus, a0; csrr a4, sstatus; li a1, SSTATUS_SUM | SSTATUS_MXR; and a4, a4, a1; csrc sstatus, a0)

  # mstatus is an M-mode CSR: illegal from S-mode, delegated to the S handler
test_12:
  li TESTNUM, 12
  li s1, 0
m_csr:
  csrr a4, mstatus
  li t6, 1
  bne s1, t6, fail

  j pass

  .align 2
s_handler:
  csrr t0, scause
  li t1, CAUSE_ILLEGAL_INSTRUCTION
  bne t0, t1, fail
  csrr t0, sepc
  la t1, m_csr
  bne t0, t1, fail
  li s1, 1
  addi t0, t0, 4
  csrw sepc, t0
  sret

RVTEST_CODE_END
