# slliw: register-immediate cases, including sign-extended immediates and x0
# Expected values follow the RISC-V unprivileged ISA manual (including the
# division-by-zero and overflow results of the M extension).
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_IMM_OP(2, slliw, 0x0000000000000000, 0x0000000000000000, 0);
  TEST_IMM_OP(3, slliw, 0x0000000000000000, 0x0000000000000000, 16);
  TEST_IMM_OP(4, slliw, 0x0000000000000080, 0x0000000000000001, 7);
  TEST_IMM_OP(5, slliw, 0x0000000000010000, 0x0000000000000001, 16);
  TEST_IMM_OP(6, slliw, 0xffffffff80000000, 0xffffffffffffffff, 31);
  TEST_IMM_OP(7, slliw, 0xffffffffffff0000, 0xffffffffffffffff, 16);
  TEST_IMM_OP(8, slliw, 0xffffffffffff8000, 0x7fffffffffffffff, 15);
  TEST_IMM_OP(9, slliw, 0xffffffff80000000, 0x7fffffffffffffff, 31);
  TEST_IMM_OP(10, slliw, 0x0000000000000000, 0x8000000000000000, 0);
  TEST_IMM_OP(11, slliw, 0x0000000000000000, 0x8000000000000000, 15);
  TEST_IMM_OP(12, slliw, 0xffffffff80000000, 0x000000007fffffff, 31);
  TEST_IMM_OP(13, slliw, 0xffffffffffffff80, 0x000000007fffffff, 7);
  TEST_IMM_OP(14, slliw, 0xffffffff80000000, 0xffffffff80000000, 0);
  TEST_IMM_OP(15, slliw, 0x0000000000000000, 0xffffffff80000000, 31);
  TEST_IMM_OP(16, slliw, 0xffffffffffff0000, 0x00000000ffffffff, 16);
  TEST_IMM_OP(17, slliw, 0xffffffffffffff80, 0x00000000ffffffff, 7);
  TEST_IMM_OP(18, slliw, 0xffffffff9abcdef0, 0x123456789abcdef0, 0);
  TEST_IMM_OP(19, slliw, 0x000000005e6f7800, 0x123456789abcdef0, 7);
  TEST_IMM_OP(20, slliw, 0x0000000000000000, 0x0000000080000000, 7);
  TEST_IMM_OP(21, slliw, 0x0000000000000000, 0x0000000080000000, 16);

  # rd aliases rs1; x0 as source and destination
  TEST_IMM_SRC1_EQ_DEST(22, slliw, 0xffffffffd5e6f780, 0x0123456789abcdef, 7);
  TEST_IMM_ZEROSRC1(23, slliw, 0x0000000000000000, 7);
  TEST_IMM_ZERODEST(24, slliw, 0x0123456789abcdef, 7);

RVTEST_CODE_END
