# srai: register-immediate cases, including sign-extended immediates and x0
# Expected values follow the RISC-V unprivileged ISA manual (including the
# division-by-zero and overflow results of the M extension).
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_IMM_OP(2, srai, 0x0000000000000000, 0x0000000000000000, 31);
  TEST_IMM_OP(3, srai, 0x0000000000000000, 0x0000000000000000, 63);
  TEST_IMM_OP(4, srai, 0x0000000000000000, 0x0000000000000001, 63);
  TEST_IMM_OP(5, srai, 0x0000000000000000, 0x0000000000000001, 32);
  TEST_IMM_OP(6, srai, 0xffffffffffffffff, 0xffffffffffffffff, 0);
  TEST_IMM_OP(7, srai, 0xffffffffffffffff, 0xffffffffffffffff, 63);
  TEST_IMM_OP(8, srai, 0x000000003fffffff, 0x7fffffffffffffff, 33);
  TEST_IMM_OP(9, srai, 0x000000007fffffff, 0x7fffffffffffffff, 32);
  TEST_IMM_OP(10, srai, 0xffffffffc0000000, 0x8000000000000000, 33);
  TEST_IMM_OP(11, srai, 0x8000000000000000, 0x8000000000000000, 0);
  TEST_IMM_OP(12, srai, 0x0000000000000000, 0x000000007fffffff, 63);
  TEST_IMM_OP(13, srai, 0x000000007fffffff, 0x000000007fffffff, 0);
  TEST_IMM_OP(14, srai, 0xffffffffffffffff, 0xffffffff80000000, 32);
  TEST_IMM_OP(15, srai, 0xffffffffc0000000, 0xffffffff80000000, 1);
  TEST_IMM_OP(16, srai, 0x000000007fffffff, 0x00000000ffffffff, 1);
  TEST_IMM_OP(17, srai, 0x0000000000000000, 0x00000000ffffffff, 62);
  TEST_IMM_OP(18, srai, 0x0000000000000000, 0x123456789abcdef0, 63);
  TEST_IMM_OP(19, srai, 0x091a2b3c4d5e6f78, 0x123456789abcdef0, 1);
  TEST_IMM_OP(20, srai, 0x0000000000000001, 0x0000000080000000, 31);
  TEST_IMM_OP(21, srai, 0x0000000040000000, 0x0000000080000000, 1);

  # rd aliases rs1; x0 as source and destination
  TEST_IMM_SRC1_EQ_DEST(22, srai, 0x0002468acf13579b, 0x0123456789abcdef, 7);
  TEST_IMM_ZEROSRC1(23, srai, 0x0000000000000000, 7);
  TEST_IMM_ZERODEST(24, srai, 0x0123456789abcdef, 7);

RVTEST_CODE_END
