# sraiw: register-immediate cases, including sign-extended immediates and x0
# Expected values follow the RISC-V unprivileged ISA manual (including the
# division-by-zero and overflow results of the M extension).
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_IMM_OP(2, sraiw, 0x0000000000000000, 0x0000000000000000, 0);
  TEST_IMM_OP(3, sraiw, 0x0000000000000000, 0x0000000000000000, 16);
  TEST_IMM_OP(4, sraiw, 0x0000000000000000, 0x0000000000000001, 31);
  TEST_IMM_OP(5, sraiw, 0x0000000000000000, 0x0000000000000001, 15);
  TEST_IMM_OP(6, sraiw, 0xffffffffffffffff, 0xffffffffffffffff, 15);
  TEST_IMM_OP(7, sraiw, 0xffffffffffffffff, 0xffffffffffffffff, 16);
  TEST_IMM_OP(8, sraiw, 0xffffffffffffffff, 0x7fffffffffffffff, 0);
  TEST_IMM_OP(9, sraiw, 0xffffffffffffffff, 0x7fffffffffffffff, 30);
  TEST_IMM_OP(10, sraiw, 0x0000000000000000, 0x8000000000000000, 30);
  TEST_IMM_OP(11, sraiw, 0x0000000000000000, 0x8000000000000000, 0);
  TEST_IMM_OP(12, sraiw, 0x0000000000000001, 0x000000007fffffff, 30);
  TEST_IMM_OP(13, sraiw, 0x000000007fffffff, 0x000000007fffffff, 0);
  TEST_IMM_OP(14, sraiw, 0xffffffffffff8000, 0xffffffff80000000, 16);
  TEST_IMM_OP(15, sraiw, 0xffffffffffffffff, 0xffffffff80000000, 31);
  TEST_IMM_OP(16, sraiw, 0xffffffffffffffff, 0x00000000ffffffff, 16);
  TEST_IMM_OP(17, sraiw, 0xffffffffffffffff, 0x00000000ffffffff, 30);
  TEST_IMM_OP(18, sraiw, 0xffffffffff3579bd, 0x123456789abcdef0, 7);
  TEST_IMM_OP(19, sraiw, 0xffffffff9abcdef0, 0x123456789abcdef0, 0);
  TEST_IMM_OP(20, sraiw, 0xffffffff80000000, 0x0000000080000000, 0);
  TEST_IMM_OP(21, sraiw, 0xfffffffffffffffe, 0x0000000080000000, 30);

  # rd aliases rs1; x0 as source and destination
  TEST_IMM_SRC1_EQ_DEST(22, sraiw, 0xffffffffff13579b, 0x0123456789abcdef, 7);
  TEST_IMM_ZEROSRC1(23, sraiw, 0x0000000000000000, 7);
  TEST_IMM_ZERODEST(24, sraiw, 0x0123456789abcdef, 7);

RVTEST_CODE_END
