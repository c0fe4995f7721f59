# ori: register-immediate cases, including sign-extended immediates and x0
# Expected values follow the RISC-V unprivileged ISA manual (including the
# division-by-zero and overflow results of the M extension).
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_IMM_OP(2, ori, 0x000000000000002a, 0x0000000000000000, 42);
  TEST_IMM_OP(3, ori, 0xffffffffffffffff, 0x0000000000000000, -1);
  TEST_IMM_OP(4, ori, 0xfffffffffffff801, 0x0000000000000001, -2048);
  TEST_IMM_OP(5, ori, 0x0000000000000555, 0x0000000000000001, 1365);
  TEST_IMM_OP(6, ori, 0xffffffffffffffff, 0xffffffffffffffff, -1366);
  TEST_IMM_OP(7, ori, 0xffffffffffffffff, 0xffffffffffffffff, 1365);
  TEST_IMM_OP(8, ori, 0xffffffffffffffff, 0x7fffffffffffffff, -1);
  TEST_IMM_OP(9, ori, 0x7fffffffffffffff, 0x7fffffffffffffff, 2047);
  TEST_IMM_OP(10, ori, 0xfffffffffffffaaa, 0x8000000000000000, -1366);
  TEST_IMM_OP(11, ori, 0x8000000000000001, 0x8000000000000000, 1);
  TEST_IMM_OP(12, ori, 0x000000007fffffff, 0x000000007fffffff, 2047);
  TEST_IMM_OP(13, ori, 0xffffffffffffffff, 0x000000007fffffff, -1366);
  TEST_IMM_OP(14, ori, 0xffffffffffffffff, 0xffffffff80000000, -1);
  TEST_IMM_OP(15, ori, 0xfffffffffffff800, 0xffffffff80000000, -2048);
  TEST_IMM_OP(16, ori, 0x00000000ffffffff, 0x00000000ffffffff, 42);
  TEST_IMM_OP(17, ori, 0x00000000ffffffff, 0x00000000ffffffff, 0);
  TEST_IMM_OP(18, ori, 0x123456789abcdef1, 0x123456789abcdef0, 1);
  TEST_IMM_OP(19, ori, 0xfffffffffffffef0, 0x123456789abcdef0, -2048);
  TEST_IMM_OP(20, ori, 0xffffffffffffffff, 0x0000000080000000, -1);
  TEST_IMM_OP(21, ori, 0x00000000800007ff, 0x0000000080000000, 2047);

  # rd aliases rs1; x0 as source and destination
  TEST_IMM_SRC1_EQ_DEST(22, ori, 0xffffffffffffffff, 0x0123456789abcdef, -1);
  TEST_IMM_ZEROSRC1(23, ori, 0xffffffffffffffff, -1);
  TEST_IMM_ZERODEST(24, ori, 0x0123456789abcdef, -1);

RVTEST_CODE_END
