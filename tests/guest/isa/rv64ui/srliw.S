# srliw: register-immediate cases, including sign-extended immediates and x0
# Expected values follow the RISC-V unprivileged ISA manual (including the
# division-by-zero and overflow results of the M extension).
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_IMM_OP(2, srliw, 0x0000000000000000, 0x0000000000000000, 15);
  TEST_IMM_OP(3, srliw, 0x0000000000000000, 0x0000000000000000, 30);
  TEST_IMM_OP(4, srliw, 0x0000000000000000, 0x0000000000000001, 31);
  TEST_IMM_OP(5, srliw, 0x0000000000000000, 0x0000000000000001, 1);
  TEST_IMM_OP(6, srliw, 0x0000000000000003, 0xffffffffffffffff, 30);
  TEST_IMM_OP(7, srliw, 0x0000000001ffffff, 0xffffffffffffffff, 7);
  TEST_IMM_OP(8, srliw, 0x0000000001ffffff, 0x7fffffffffffffff, 7);
  TEST_IMM_OP(9, srliw, 0x0000000000000001, 0x7fffffffffffffff, 31);
  TEST_IMM_OP(10, srliw, 0x0000000000000000, 0x8000000000000000, 16);
  TEST_IMM_OP(11, srliw, 0x0000000000000000, 0x8000000000000000, 1);
  TEST_IMM_OP(12, srliw, 0x000000000000ffff, 0x000000007fffffff, 15);
  TEST_IMM_OP(13, srliw, 0x000000007fffffff, 0x000000007fffffff, 0);
  TEST_IMM_OP(14, srliw, 0x0000000000000002, 0xffffffff80000000, 30);
  TEST_IMM_OP(15, srliw, 0xffffffff80000000, 0xffffffff80000000, 0);
  TEST_IMM_OP(16, srliw, 0x0000000001ffffff, 0x00000000ffffffff, 7);
  TEST_IMM_OP(17, srliw, 0x0000000000000003, 0x00000000ffffffff, 30);
  TEST_IMM_OP(18, srliw, 0x0000000000009abc, 0x123456789abcdef0, 16);
  TEST_IMM_OP(19, srliw, 0x0000000000000002, 0x123456789abcdef0, 30);
  TEST_IMM_OP(20, srliw, 0x0000000000010000, 0x0000000080000000, 15);
  TEST_IMM_OP(21, srliw, 0x0000000000000001, 0x0000000080000000, 31);

  # rd aliases rs1; x0 as source and destination
  TEST_IMM_SRC1_EQ_DEST(22, srliw, 0x000000000113579b, 0x0123456789abcdef, 7);
  TEST_IMM_ZEROSRC1(23, srliw, 0x0000000000000000, 7);
  TEST_IMM_ZERODEST(24, srliw, 0x0123456789abcdef, 7);

RVTEST_CODE_END
