# Sv39 permission rules for S-mode: execute-only pages are readable only with
# sstatus.MXR; user pages are readable and writable only with sstatus.SUM and
# never executable, whatever SUM says.
#include "supervisor_env.h"

RVTEST_CODE_BEGIN
  RVTEST_SV39_SETUP
  SV39_MAP(2, page_a, PTE_V | PTE_X | PTE_A)
  SV39_MAP(3, page_a, PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D)
  SV39_MAP(4, page_a, PTE_V | PTE_R | PTE_X | PTE_U | PTE_A)
  RVTEST_ENTER_SUPERVISOR(s_handler)
  li s4, SV39_VA_BASE

  TEST_CASE(2, s2, CAUSE_LOAD_PAGE_FAULT, li s2, 0; li a1, 0x2000; add a1, s4, a1; ld a4, 0(a1))
  TEST_CASE(3, a4, 0x1122334455667788, li a0, SSTATUS_MXR; csrs sstatus, a0; li a1, 0x2000; add a1, s4, a1; ld a4, 0(a1))
  TEST_CASE(4, s2, CAUSE_LOAD_PAGE_FAULT, li a0, SSTATUS_MXR; csrc sstatus, a0; li s2, 0; li a1, 0x2000; add a1, s4, a1; ld a4, 0(a1))
  TEST_CASE(5, s2, CAUSE_LOAD_PAGE_FAULT, li s2, 0; li a1, 0x3000; add a1, s4, a1; ld a4, 0(a1))
  TEST_CASE(6, s2, CAUSE_STORE_PAGE_FAULT, li s2, 0; li a1, 0x3000; add a1, s4, a1; sd zero, 8(a1))
  TEST_CASE(7, a4, 0x1122334455667788, li a0, SSTATUS_SUM; csrs sstatus, a0; li a1, 0x3000; add a1, s4, a1; ld a4, 0(a1))
  TEST_CASE(8, a4, 7, li a1, 0x3000; add a1, s4, a1; li a0, 7; sd a0, 8(a1); ld a4, 8(a1))
  # S-mode never executes a U page, even with SUM
  TEST_CASE(9, s2, CAUSE_FETCH_PAGE_FAULT, li s2, 0; li a1, 0x4000; add a1, s4, a1; jalr ra, 0(a1))
  TEST_CASE(10, s3, SV39_VA_BASE + 0x4000, nop)
  j pass

  RVTEST_RECORDING_S_HANDLER(s_handler)

RVTEST_CODE_END

  .data
  .align 12
page_a:
  .dword 0x1122334455667788
  .dword 0
  SV39_TABLES
