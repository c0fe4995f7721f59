# andi: register-immediate cases, including sign-extended immediates and x0
# Expected values follow the RISC-V unprivileged ISA manual (including the
# division-by-zero and overflow results of the M extension).
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_IMM_OP(2, andi, 0x0000000000000000, 0x0000000000000000, 0);
  TEST_IMM_OP(3, andi, 0x0000000000000000, 0x0000000000000000, 1);
  TEST_IMM_OP(4, andi, 0x0000000000000000, 0x0000000000000001, -2048);
  TEST_IMM_OP(5, andi, 0x0000000000000000, 0x0000000000000001, 42);
  TEST_IMM_OP(6, andi, 0xffffffffffffffff, 0xffffffffffffffff, -1);
  TEST_IMM_OP(7, andi, 0x0000000000000001, 0xffffffffffffffff, 1);
  TEST_IMM_OP(8, andi, 0x7ffffffffffff800, 0x7fffffffffffffff, -2048);
  TEST_IMM_OP(9, andi, 0x7ffffffffffffaaa, 0x7fffffffffffffff, -1366);
  TEST_IMM_OP(10, andi, 0x0000000000000000, 0x8000000000000000, 2047);
  TEST_IMM_OP(11, andi, 0x8000000000000000, 0x8000000000000000, -2048);
  TEST_IMM_OP(12, andi, 0x000000000000002a, 0x000000007fffffff, 42);
  TEST_IMM_OP(13, andi, 0x000000007fffffff, 0x000000007fffffff, -1);
  TEST_IMM_OP(14, andi, 0xffffffff80000000, 0xffffffff80000000, -1366);
  TEST_IMM_OP(15, andi, 0x0000000000000000, 0xffffffff80000000, 2047);
  TEST_IMM_OP(16, andi, 0x00000000ffffffff, 0x00000000ffffffff, -1);
  TEST_IMM_OP(17, andi, 0x00000000000007ff, 0x00000000ffffffff, 2047);
  TEST_IMM_OP(18, andi, 0x0000000000000000, 0x123456789abcdef0, 1);
  TEST_IMM_OP(19, andi, 0x0000000000000450, 0x123456789abcdef0, 1365);
  TEST_IMM_OP(20, andi, 0x0000000000000000, 0x0000000080000000, 2047);
  TEST_IMM_OP(21, andi, 0x0000000000000000, 0x0000000080000000, 2047);

  # rd aliases rs1; x0 as source and destination
  TEST_IMM_SRC1_EQ_DEST(22, andi, 0x0123456789abcdef, 0x0123456789abcdef, -1);
  TEST_IMM_ZEROSRC1(23, andi, 0x0000000000000000, -1);
  TEST_IMM_ZERODEST(24, andi, 0x0123456789abcdef, -1);

RVTEST_CODE_END
