# Illegal-instruction traps: mcause = 2, mepc = the instruction, mtval = its
# encoding or 0 (not checked for CSR cases: QEMU 7.2 leaves a stale mtval there,
# marked by the encoding MTVAL_UNCHECKED). Covers undefined encodings, unknown CSRs, writes to read-only
# CSRs and FP instructions with mstatus.FS = Off.
#include "test_macros.h"

#define MTVAL_UNCHECKED -1

#define TEST_ILLEGAL(n, encoding, code...)                              \
test_ ## n:                                                             \
        li TESTNUM, n;                                                  \
        li s1, 0;                                                       \
        la s2, 1f;                                                      \
        li s3, encoding;                                                \
1:      code;                                                           \
        li t6, 1;                                                       \
        bne s1, t6, fail

RVTEST_CODE_BEGIN
  RVTEST_TRAP_HANDLER(illegal_handler)

  # undefined 32-bit encodings: slliw with shamt[5] set; OP with funct7 = 0x7f
  TEST_ILLEGAL(2, 0x0200101b, .word 0x0200101b);
  TEST_ILLEGAL(3, 0xfe000033, .word 0xfe000033);
  # LOAD with the reserved funct3 = 7
  TEST_ILLEGAL(4, 0x00007003, .word 0x00007003);
  # a CSR number nobody implements (custom read/write range)
  TEST_ILLEGAL(5, MTVAL_UNCHECKED, csrr a0, 0x7c0);
  # writing a read-only CSR (mhartid), even with the same value
  TEST_ILLEGAL(6, MTVAL_UNCHECKED, csrw mhartid, zero);
  # reading a read-only CSR with csrrs/csrrsi x0 does not trap
  TEST_CASE(7, s1, 0, li s1, 0; csrrs a0, mhartid, x0; csrrsi a0, mvendorid, 0; csrrc a0, mimpid, x0);
  # FP instructions trap when mstatus.FS = Off, and so do FP CSRs
  li a0, MSTATUS_FS
  csrc mstatus, a0
  TEST_ILLEGAL(8, 0x02107053, fadd.d f0, f0, f1);
  TEST_ILLEGAL(9, MTVAL_UNCHECKED, frcsr a0);
  TEST_ILLEGAL(10, 0x00053087, fld f1, 0(a0));
  li a0, MSTATUS_FS_INITIAL
  csrs mstatus, a0
  # and work again once FS is on
  TEST_CASE(11, s1, 0, li s1, 0; fadd.d f0, f0, f1; frcsr a0);

  j pass

  .align 2
illegal_handler:
  csrr t0, mcause
  li t1, CAUSE_ILLEGAL_INSTRUCTION
  bne t0, t1, fail
  csrr t0, mepc
  bne t0, s2, fail
  li t1, MTVAL_UNCHECKED
  beq s3, t1, 1f
  csrr t0, mtval
  beqz t0, 1f
  bne t0, s3, fail
1:
  addi s1, s1, 1
  TRAP_SKIP_INSTRUCTION
  mret

RVTEST_CODE_END
