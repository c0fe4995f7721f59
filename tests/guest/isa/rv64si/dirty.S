# Sv39 in S-mode: the hardware sets A on the first access and D on the first
# store, a store through a read-only mapping is a store page fault with the
# address in stval, and sfence.vma makes a rewritten PTE take effect.
#include "supervisor_env.h"

RVTEST_CODE_BEGIN
  RVTEST_SV39_SETUP
  SV39_MAP(0, page_a, PTE_V | PTE_R | PTE_W)
  SV39_MAP(1, page_a, PTE_V | PTE_R | PTE_A | PTE_D)
  RVTEST_ENTER_SUPERVISOR(s_handler)
  li s4, SV39_VA_BASE

  TEST_CASE(2, a4, PTE_A, ld a5, 0(s4); la a0, sv39_l0; ld a4, 0(a0); andi a4, a4, PTE_A | PTE_D)
  TEST_CASE(3, a5, 0x1122334455667788, nop)
  TEST_CASE(4, a4, PTE_A | PTE_D, li a1, 5; sd a1, 8(s4); la a0, sv39_l0; ld a4, 0(a0); andi a4, a4, PTE_A | PTE_D)
  TEST_CASE(5, s2, CAUSE_STORE_PAGE_FAULT, li s2, 0; li a1, 0x1010; add a1, s4, a1; sd zero, 0(a1))
  TEST_CASE(6, s3, SV39_VA_BASE + 0x1010, nop)
  # the faulting store changed nothing
  TEST_CASE(7, a4, 5, li a1, 0x1000; add a1, s4, a1; ld a4, 8(a1))
  TEST_CASE(8, a4, 0x99, SV39_MAP(0, page_b, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D); ld a4, 0(s4))
  # an invalid PTE is a load page fault
  TEST_CASE(9, s2, CAUSE_LOAD_PAGE_FAULT, li s2, 0; li a1, 0x5000; add a1, s4, a1; ld a4, 0(a1))
  TEST_CASE(10, s3, SV39_VA_BASE + 0x5000, nop)
  j pass

  RVTEST_RECORDING_S_HANDLER(s_handler)

RVTEST_CODE_END

  .data
  .align 12
page_a:
  .dword 0x1122334455667788
  .align 12
page_b:
  .dword 0x99
  SV39_TABLES
