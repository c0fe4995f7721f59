# addw: register-register cases, including x0 and aliasing of rd with rs1/rs2
# Expected values follow the RISC-V unprivileged ISA manual (including the
# division-by-zero and overflow results of the M extension).
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_RR_OP(2, addw, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000);
  TEST_RR_OP(3, addw, 0x0000000000000002, 0x0000000000000001, 0x0000000000000001);
  TEST_RR_OP(4, addw, 0x000000000000000a, 0x0000000000000003, 0x0000000000000007);
  TEST_RR_OP(5, addw, 0x0000000000000000, 0xffffffffffffffff, 0x0000000000000001);
  TEST_RR_OP(6, addw, 0xfffffffffffffffe, 0xffffffffffffffff, 0xffffffffffffffff);
  TEST_RR_OP(7, addw, 0x0000000000000000, 0x7fffffffffffffff, 0x0000000000000001);
  TEST_RR_OP(8, addw, 0xffffffffffffffff, 0x8000000000000000, 0xffffffffffffffff);
  TEST_RR_OP(9, addw, 0x0000000000000001, 0x8000000000000000, 0x0000000000000001);
  TEST_RR_OP(10, addw, 0xffffffff80000000, 0x000000007fffffff, 0x0000000000000001);
  TEST_RR_OP(11, addw, 0x000000007fffffff, 0xffffffff80000000, 0xffffffffffffffff);
  TEST_RR_OP(12, addw, 0xfffffffffffffffe, 0x00000000ffffffff, 0x00000000ffffffff);
  TEST_RR_OP(13, addw, 0x0000000022222211, 0x123456789abcdef0, 0x0fedcba987654321);
  TEST_RR_OP(14, addw, 0xffffffff9abcdef3, 0x123456789abcdef3, 0x8000000000000000);
  TEST_RR_OP(15, addw, 0x0000000026f01971, 0x0000000000000005, 0xcdf892b826f0196c);
  TEST_RR_OP(16, addw, 0xffffffffb76891b0, 0x0000000100000000, 0xd59097fdb76891b0);
  TEST_RR_OP(17, addw, 0x0000000052d6c303, 0x7ffffffffffffffd, 0xfde07e8652d6c306);
  TEST_RR_OP(18, addw, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000100000000);
  TEST_RR_OP(19, addw, 0x0000000000000003, 0x0000000000000002, 0x0000000000000001);

  # rd aliases a source register
  TEST_RR_SRC1_EQ_DEST(20, addw, 0xffffffff9abcdef5, 0x123456789abcdef0, 0x0000000000000005);
  TEST_RR_SRC2_EQ_DEST(21, addw, 0xffffffff9abcdef5, 0x123456789abcdef0, 0x0000000000000005);
  TEST_RR_SRC12_EQ_DEST(22, addw, 0x000000003579bde0, 0x123456789abcdef0);

  # x0 as source reads zero; x0 as destination stays zero
  TEST_RR_ZEROSRC1(23, addw, 0x0000000000000005, 0x0000000000000005);
  TEST_RR_ZEROSRC2(24, addw, 0xffffffff9abcdef0, 0x123456789abcdef0);
  TEST_RR_ZERODEST(25, addw, 0x123456789abcdef0, 0x0000000000000005);

RVTEST_CODE_END
