# addi: register-immediate cases, including sign-extended immediates and x0
# Expected values follow the RISC-V unprivileged ISA manual (including the
# division-by-zero and overflow results of the M extension).
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_IMM_OP(2, addi, 0xfffffffffffffaaa, 0x0000000000000000, -1366);
  TEST_IMM_OP(3, addi, 0x00000000000007ff, 0x0000000000000000, 2047);
  TEST_IMM_OP(4, addi, 0xfffffffffffff801, 0x0000000000000001, -2048);
  TEST_IMM_OP(5, addi, 0xfffffffffffff801, 0x0000000000000001, -2048);
  TEST_IMM_OP(6, addi, 0xfffffffffffffaa9, 0xffffffffffffffff, -1366);
  TEST_IMM_OP(7, addi, 0x0000000000000554, 0xffffffffffffffff, 1365);
  TEST_IMM_OP(8, addi, 0x8000000000000000, 0x7fffffffffffffff, 1);
  TEST_IMM_OP(9, addi, 0x7fffffffffffffff, 0x7fffffffffffffff, 0);
  TEST_IMM_OP(10, addi, 0x8000000000000000, 0x8000000000000000, 0);
  TEST_IMM_OP(11, addi, 0x80000000000007ff, 0x8000000000000000, 2047);
  TEST_IMM_OP(12, addi, 0x000000007fffffff, 0x000000007fffffff, 0);
  TEST_IMM_OP(13, addi, 0x000000007ffff7ff, 0x000000007fffffff, -2048);
  TEST_IMM_OP(14, addi, 0xffffffff7ffff800, 0xffffffff80000000, -2048);
  TEST_IMM_OP(15, addi, 0xffffffff80000001, 0xffffffff80000000, 1);
  TEST_IMM_OP(16, addi, 0x0000000100000554, 0x00000000ffffffff, 1365);
  TEST_IMM_OP(17, addi, 0x0000000100000000, 0x00000000ffffffff, 1);
  TEST_IMM_OP(18, addi, 0x123456789abce6ef, 0x123456789abcdef0, 2047);
  TEST_IMM_OP(19, addi, 0x123456789abcdeef, 0x123456789abcdef0, -1);
  TEST_IMM_OP(20, addi, 0x000000008000002a, 0x0000000080000000, 42);
  TEST_IMM_OP(21, addi, 0x00000000800007ff, 0x0000000080000000, 2047);

  # rd aliases rs1; x0 as source and destination
  TEST_IMM_SRC1_EQ_DEST(22, addi, 0x0123456789abcdee, 0x0123456789abcdef, -1);
  TEST_IMM_ZEROSRC1(23, addi, 0xffffffffffffffff, -1);
  TEST_IMM_ZERODEST(24, addi, 0x0123456789abcdef, -1);

RVTEST_CODE_END
