# Physical memory protection: a read-only NAPOT page, a TOR range with no
# permission, and a catch-all RWX entry. S-mode gets access faults (not page
# faults) with the address in mtval; M-mode ignores unlocked entries until
# one is locked, and a locked entry ignores writes.
#include "test_macros.h"

#define CAUSE_FETCH_ACCESS_FAULT 1

RVTEST_CODE_BEGIN
  RVTEST_TRAP_HANDLER(m_handler)
  # entry 0: page_ro, NAPOT 4 KiB
  la t0, page_ro
  srli t0, t0, 2
  ori t0, t0, 0x1ff
  csrw pmpaddr0, t0
  # entries 2 (OFF: only a base) and 3 (TOR): [page_tor, page_tor + 0x100)
  la t0, page_tor
  srli t0, t0, 2
  csrw pmpaddr2, t0
  addi t0, t0, 0x40
  csrw pmpaddr3, t0
  # entry 4: all memory
  li t0, -1
  csrw pmpaddr4, t0
  # cfg bytes: 0 = NAPOT|R, 3 = TOR (no permission), 4 = NAPOT|RWX
  li t0, 0x0000001f08000019
  csrw pmpcfg0, t0

  # M-mode ignores entries that are not locked
  TEST_CASE(2, a4, 1, li a1, 1; la a0, page_ro; sd a1, 8(a0); ld a4, 8(a0))

  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, MSTATUS_MPP_S
  csrs mstatus, t0
  la t0, 1f
  csrw mepc, t0
  mret
1:
  TEST_CASE(3, a4, 0x5a, la a0, page_ro; ld a4, 0(a0))
  TEST_CASE(4, s2, CAUSE_STORE_ACCESS, li s2, 0; la a0, page_ro; sd zero, 0(a0))
  TEST_CASE(5, s3, 0, la a0, page_ro; sub s3, s3, a0)
  TEST_CASE(6, s2, CAUSE_LOAD_ACCESS, li s2, 0; la a0, page_tor; ld a4, 0xf8(a0))
  TEST_CASE(7, a4, 0x77, la a0, page_tor; ld a4, 0x100(a0))
  TEST_CASE(8, s2, CAUSE_FETCH_ACCESS_FAULT, li s2, 0; la a0, page_ro; jalr ra, 0(a0))
  # back to M-mode through ecall
test_9:
  li TESTNUM, 9
  ecall
  j fail
m_resume:
  # a locked entry binds M-mode too
  TEST_CASE(10, s2, CAUSE_STORE_ACCESS, li t0, 0x80; csrs pmpcfg0, t0; li s2, 0; la a0, page_ro; sd zero, 0(a0))
  TEST_CASE(11, a4, 0x5a, la a0, page_ro; ld a4, 0(a0))
  # ...and ignores writes
  TEST_CASE(12, a4, 0x99, csrw pmpcfg0, zero; csrr a4, pmpcfg0; andi a4, a4, 0xff)
  j pass

  # Records mcause/mtval in s2/s3 and resumes: after the instruction, at ra
  # for a fetch fault, at m_resume in M-mode for an ecall from S-mode.
  .align 2
m_handler:
  csrr s2, mcause
  csrr s3, mtval
  li t1, CAUSE_SUPERVISOR_ECALL
  bne s2, t1, 1f
  li t0, MSTATUS_MPP
  csrs mstatus, t0
  la t0, m_resume
  csrw mepc, t0
  mret
1:
  li t1, CAUSE_FETCH_ACCESS_FAULT
  bne s2, t1, 2f
  csrw mepc, ra
  mret
2:
  csrr t0, mepc
  lhu t1, 0(t0)
  andi t1, t1, 3
  addi t0, t0, 2
  li t2, 3
  bne t1, t2, 3f
  addi t0, t0, 2
3:
  csrw mepc, t0
  mret

RVTEST_CODE_END

  .data
  .align 12
page_ro:
  .dword 0x5a
  .dword 0
  .align 12
page_tor:
  .skip 0x100
  .dword 0x77
