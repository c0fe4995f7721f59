# xori: register-immediate cases, including sign-extended immediates and x0
# Expected values follow the RISC-V unprivileged ISA manual (including the
# division-by-zero and overflow results of the M extension).
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_IMM_OP(2, xori, 0x000000000000002a, 0x0000000000000000, 42);
  TEST_IMM_OP(3, xori, 0x00000000000007ff, 0x0000000000000000, 2047);
  TEST_IMM_OP(4, xori, 0x0000000000000000, 0x0000000000000001, 1);
  TEST_IMM_OP(5, xori, 0x00000000000007fe, 0x0000000000000001, 2047);
  TEST_IMM_OP(6, xori, 0xfffffffffffff800, 0xffffffffffffffff, 2047);
  TEST_IMM_OP(7, xori, 0x00000000000007ff, 0xffffffffffffffff, -2048);
  TEST_IMM_OP(8, xori, 0x80000000000007ff, 0x7fffffffffffffff, -2048);
  TEST_IMM_OP(9, xori, 0x80000000000007ff, 0x7fffffffffffffff, -2048);
  TEST_IMM_OP(10, xori, 0x7fffffffffffffff, 0x8000000000000000, -1);
  TEST_IMM_OP(11, xori, 0x8000000000000001, 0x8000000000000000, 1);
  TEST_IMM_OP(12, xori, 0xffffffff800007ff, 0x000000007fffffff, -2048);
  TEST_IMM_OP(13, xori, 0xffffffff80000555, 0x000000007fffffff, -1366);
  TEST_IMM_OP(14, xori, 0x000000007ffff800, 0xffffffff80000000, -2048);
  TEST_IMM_OP(15, xori, 0xffffffff80000555, 0xffffffff80000000, 1365);
  TEST_IMM_OP(16, xori, 0x00000000ffffffd5, 0x00000000ffffffff, 42);
  TEST_IMM_OP(17, xori, 0x00000000ffffffff, 0x00000000ffffffff, 0);
  TEST_IMM_OP(18, xori, 0x123456789abcd90f, 0x123456789abcdef0, 2047);
  TEST_IMM_OP(19, xori, 0x123456789abcdef1, 0x123456789abcdef0, 1);
  TEST_IMM_OP(20, xori, 0x0000000080000001, 0x0000000080000000, 1);
  TEST_IMM_OP(21, xori, 0xffffffff7ffff800, 0x0000000080000000, -2048);

  # rd aliases rs1; x0 as source and destination
  TEST_IMM_SRC1_EQ_DEST(22, xori, 0xfedcba9876543210, 0x0123456789abcdef, -1);
  TEST_IMM_ZEROSRC1(23, xori, 0xffffffffffffffff, -1);
  TEST_IMM_ZERODEST(24, xori, 0x0123456789abcdef, -1);

RVTEST_CODE_END
