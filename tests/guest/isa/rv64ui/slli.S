# slli: register-immediate cases, including sign-extended immediates and x0
# Expected values follow the RISC-V unprivileged ISA manual (including the
# division-by-zero and overflow results of the M extension).
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_IMM_OP(2, slli, 0x0000000000000000, 0x0000000000000000, 63);
  TEST_IMM_OP(3, slli, 0x0000000000000000, 0x0000000000000000, 31);
  TEST_IMM_OP(4, slli, 0x0000000000000001, 0x0000000000000001, 0);
  TEST_IMM_OP(5, slli, 0x8000000000000000, 0x0000000000000001, 63);
  TEST_IMM_OP(6, slli, 0xffffffffffffffff, 0xffffffffffffffff, 0);
  TEST_IMM_OP(7, slli, 0xffffffff00000000, 0xffffffffffffffff, 32);
  TEST_IMM_OP(8, slli, 0xffffffff80000000, 0x7fffffffffffffff, 31);
  TEST_IMM_OP(9, slli, 0xffffffffffffff80, 0x7fffffffffffffff, 7);
  TEST_IMM_OP(10, slli, 0x0000000000000000, 0x8000000000000000, 63);
  TEST_IMM_OP(11, slli, 0x8000000000000000, 0x8000000000000000, 0);
  TEST_IMM_OP(12, slli, 0xc000000000000000, 0x000000007fffffff, 62);
  TEST_IMM_OP(13, slli, 0x0000003fffffff80, 0x000000007fffffff, 7);
  TEST_IMM_OP(14, slli, 0xffffffc000000000, 0xffffffff80000000, 7);
  TEST_IMM_OP(15, slli, 0x0000000000000000, 0xffffffff80000000, 33);
  TEST_IMM_OP(16, slli, 0x7fffffff80000000, 0x00000000ffffffff, 31);
  TEST_IMM_OP(17, slli, 0xfffffffe00000000, 0x00000000ffffffff, 33);
  TEST_IMM_OP(18, slli, 0x123456789abcdef0, 0x123456789abcdef0, 0);
  TEST_IMM_OP(19, slli, 0x3579bde000000000, 0x123456789abcdef0, 33);
  TEST_IMM_OP(20, slli, 0x0000000000000000, 0x0000000080000000, 62);
  TEST_IMM_OP(21, slli, 0x0000000100000000, 0x0000000080000000, 1);

  # rd aliases rs1; x0 as source and destination
  TEST_IMM_SRC1_EQ_DEST(22, slli, 0x91a2b3c4d5e6f780, 0x0123456789abcdef, 7);
  TEST_IMM_ZEROSRC1(23, slli, 0x0000000000000000, 7);
  TEST_IMM_ZERODEST(24, slli, 0x0123456789abcdef, 7);

RVTEST_CODE_END
