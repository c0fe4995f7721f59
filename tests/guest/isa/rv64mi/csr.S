# Zicsr: csrrw/csrrs/csrrc and their immediate forms return the old value and
# update as specified; rs1 = x0 (or uimm = 0) reads without writing.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_CASE(2, a4, 0x0, csrw mscratch, zero; csrr a4, mscratch);
  TEST_CASE(3, a4, 0x0, li a0, 0x5a5a; csrrw a4, mscratch, a0);
  TEST_CASE(4, a4, 0x5a5a, csrr a4, mscratch);
  TEST_CASE(5, a4, 0x5a5a, li a0, 0xa5a5; csrrs a4, mscratch, a0);
  TEST_CASE(6, a4, 0xffff, csrr a4, mscratch);
  TEST_CASE(7, a4, 0xffff, li a0, 0x0ff0; csrrc a4, mscratch, a0);
  TEST_CASE(8, a4, 0xf00f, csrr a4, mscratch);
  TEST_CASE(9, a4, 0xf00f, csrrwi a4, mscratch, 0x1f);
  TEST_CASE(10, a4, 0x1f, csrrci a4, mscratch, 0x0e);
  TEST_CASE(11, a4, 0x11, csrrsi a4, mscratch, 0x02);
  TEST_CASE(12, a4, 0x13, csrr a4, mscratch);
  # rs1 = x0 / uimm = 0: read only
  TEST_CASE(13, a4, 0x13, csrrs a4, mscratch, x0; csrrc a4, mscratch, x0; csrrsi a4, mscratch, 0; csrrci a4, mscratch, 0);
  # rd = x0: write only
  TEST_CASE(14, a4, -1, li a0, -1; csrrw x0, mscratch, a0; csrr a4, mscratch);
  # rd == rs1: the old value is read before the write uses rs1
  TEST_CASE(15, a4, -1, li a4, 7; csrrw a4, mscratch, a4);
  TEST_CASE(16, a4, 7, csrr a4, mscratch);
  # counters advance
  TEST_CASE(17, a4, 1, rdinstret a0; nop; nop; rdinstret a1; sltu a4, a0, a1);
  TEST_CASE(18, a4, 1, csrr a0, minstret; nop; csrr a1, minstret; sltu a4, a0, a1);
  TEST_CASE(19, a4, 1, rdcycle a0; li a1, 100; 1: addi a1, a1, -1; bnez a1, 1b; rdcycle a1; sltu a4, a0, a1);

RVTEST_CODE_END
