# addiw: register-immediate cases, including sign-extended immediates and x0
# Expected values follow the RISC-V unprivileged ISA manual (including the
# division-by-zero and overflow results of the M extension).
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_IMM_OP(2, addiw, 0xfffffffffffff800, 0x0000000000000000, -2048);
  TEST_IMM_OP(3, addiw, 0xffffffffffffffff, 0x0000000000000000, -1);
  TEST_IMM_OP(4, addiw, 0xfffffffffffffaab, 0x0000000000000001, -1366);
  TEST_IMM_OP(5, addiw, 0xfffffffffffff801, 0x0000000000000001, -2048);
  TEST_IMM_OP(6, addiw, 0x00000000000007fe, 0xffffffffffffffff, 2047);
  TEST_IMM_OP(7, addiw, 0x0000000000000029, 0xffffffffffffffff, 42);
  TEST_IMM_OP(8, addiw, 0xfffffffffffffaa9, 0x7fffffffffffffff, -1366);
  TEST_IMM_OP(9, addiw, 0x0000000000000029, 0x7fffffffffffffff, 42);
  TEST_IMM_OP(10, addiw, 0xfffffffffffff800, 0x8000000000000000, -2048);
  TEST_IMM_OP(11, addiw, 0xfffffffffffffaaa, 0x8000000000000000, -1366);
  TEST_IMM_OP(12, addiw, 0xffffffff80000029, 0x000000007fffffff, 42);
  TEST_IMM_OP(13, addiw, 0x000000007ffff7ff, 0x000000007fffffff, -2048);
  TEST_IMM_OP(14, addiw, 0xffffffff80000001, 0xffffffff80000000, 1);
  TEST_IMM_OP(15, addiw, 0xffffffff80000555, 0xffffffff80000000, 1365);
  TEST_IMM_OP(16, addiw, 0xfffffffffffffffe, 0x00000000ffffffff, -1);
  TEST_IMM_OP(17, addiw, 0x0000000000000554, 0x00000000ffffffff, 1365);
  TEST_IMM_OP(18, addiw, 0xffffffff9abce445, 0x123456789abcdef0, 1365);
  TEST_IMM_OP(19, addiw, 0xffffffff9abcdef1, 0x123456789abcdef0, 1);
  TEST_IMM_OP(20, addiw, 0x000000007ffff800, 0x0000000080000000, -2048);
  TEST_IMM_OP(21, addiw, 0xffffffff800007ff, 0x0000000080000000, 2047);

  # rd aliases rs1; x0 as source and destination
  TEST_IMM_SRC1_EQ_DEST(22, addiw, 0xffffffff89abcdee, 0x0123456789abcdef, -1);
  TEST_IMM_ZEROSRC1(23, addiw, 0xffffffffffffffff, -1);
  TEST_IMM_ZERODEST(24, addiw, 0x0123456789abcdef, -1);

RVTEST_CODE_END
