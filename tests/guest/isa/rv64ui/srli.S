# srli: register-immediate cases, including sign-extended immediates and x0
# Expected values follow the RISC-V unprivileged ISA manual (including the
# division-by-zero and overflow results of the M extension).
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_IMM_OP(2, srli, 0x0000000000000000, 0x0000000000000000, 32);
  TEST_IMM_OP(3, srli, 0x0000000000000000, 0x0000000000000000, 1);
  TEST_IMM_OP(4, srli, 0x0000000000000001, 0x0000000000000001, 0);
  TEST_IMM_OP(5, srli, 0x0000000000000000, 0x0000000000000001, 7);
  TEST_IMM_OP(6, srli, 0x0000000000000001, 0xffffffffffffffff, 63);
  TEST_IMM_OP(7, srli, 0x000000007fffffff, 0xffffffffffffffff, 33);
  TEST_IMM_OP(8, srli, 0x000000007fffffff, 0x7fffffffffffffff, 32);
  TEST_IMM_OP(9, srli, 0x0000000000000001, 0x7fffffffffffffff, 62);
  TEST_IMM_OP(10, srli, 0x0100000000000000, 0x8000000000000000, 7);
  TEST_IMM_OP(11, srli, 0x0000000000000001, 0x8000000000000000, 63);
  TEST_IMM_OP(12, srli, 0x0000000000000000, 0x000000007fffffff, 31);
  TEST_IMM_OP(13, srli, 0x000000003fffffff, 0x000000007fffffff, 1);
  TEST_IMM_OP(14, srli, 0x01ffffffff000000, 0xffffffff80000000, 7);
  TEST_IMM_OP(15, srli, 0x000000007fffffff, 0xffffffff80000000, 33);
  TEST_IMM_OP(16, srli, 0x00000000ffffffff, 0x00000000ffffffff, 0);
  TEST_IMM_OP(17, srli, 0x0000000000000001, 0x00000000ffffffff, 31);
  TEST_IMM_OP(18, srli, 0x0000000000000000, 0x123456789abcdef0, 62);
  TEST_IMM_OP(19, srli, 0x0000000012345678, 0x123456789abcdef0, 32);
  TEST_IMM_OP(20, srli, 0x0000000000000000, 0x0000000080000000, 62);
  TEST_IMM_OP(21, srli, 0x0000000040000000, 0x0000000080000000, 1);

  # rd aliases rs1; x0 as source and destination
  TEST_IMM_SRC1_EQ_DEST(22, srli, 0x0002468acf13579b, 0x0123456789abcdef, 7);
  TEST_IMM_ZEROSRC1(23, srli, 0x0000000000000000, 7);
  TEST_IMM_ZERODEST(24, srli, 0x0123456789abcdef, 7);

RVTEST_CODE_END
