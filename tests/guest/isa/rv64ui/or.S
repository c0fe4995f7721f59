# or: register-register cases, including x0 and aliasing of rd with rs1/rs2
# Expected values follow the RISC-V unprivileged ISA manual (including the
# division-by-zero and overflow results of the M extension).
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_RR_OP(2, or, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000);
  TEST_RR_OP(3, or, 0x0000000000000001, 0x0000000000000001, 0x0000000000000001);
  TEST_RR_OP(4, or, 0x0000000000000007, 0x0000000000000003, 0x0000000000000007);
  TEST_RR_OP(5, or, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000001);
  TEST_RR_OP(6, or, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff);
  TEST_RR_OP(7, or, 0x7fffffffffffffff, 0x7fffffffffffffff, 0x0000000000000001);
  TEST_RR_OP(8, or, 0xffffffffffffffff, 0x8000000000000000, 0xffffffffffffffff);
  TEST_RR_OP(9, or, 0x8000000000000001, 0x8000000000000000, 0x0000000000000001);
  TEST_RR_OP(10, or, 0x000000007fffffff, 0x000000007fffffff, 0x0000000000000001);
  TEST_RR_OP(11, or, 0xffffffffffffffff, 0xffffffff80000000, 0xffffffffffffffff);
  TEST_RR_OP(12, or, 0x00000000ffffffff, 0x00000000ffffffff, 0x00000000ffffffff);
  TEST_RR_OP(13, or, 0x1ffddff99ffddff1, 0x123456789abcdef0, 0x0fedcba987654321);
  TEST_RR_OP(14, or, 0xfffffffffffffffd, 0xfffffffffffffffd, 0x08f116ea964f28f9);
  TEST_RR_OP(15, or, 0x7b347e7ddffcfef6, 0x123456789abcdef2, 0x7b107c1557d0a6b6);
  TEST_RR_OP(16, or, 0x0000000000000007, 0x0000000000000006, 0x0000000000000001);
  TEST_RR_OP(17, or, 0x0000000080000003, 0x0000000080000001, 0x0000000000000002);
  TEST_RR_OP(18, or, 0xfffffffffffffffd, 0x000000007ffffffd, 0xffffffff80000000);
  TEST_RR_OP(19, or, 0x66bced5248c68e07, 0x0000000000000001, 0x66bced5248c68e07);

  # rd aliases a source register
  TEST_RR_SRC1_EQ_DEST(20, or, 0x123456789abcdef5, 0x123456789abcdef0, 0x0000000000000005);
  TEST_RR_SRC2_EQ_DEST(21, or, 0x123456789abcdef5, 0x123456789abcdef0, 0x0000000000000005);
  TEST_RR_SRC12_EQ_DEST(22, or, 0x123456789abcdef0, 0x123456789abcdef0);

  # x0 as source reads zero; x0 as destination stays zero
  TEST_RR_ZEROSRC1(23, or, 0x0000000000000005, 0x0000000000000005);
  TEST_RR_ZEROSRC2(24, or, 0x123456789abcdef0, 0x123456789abcdef0);
  TEST_RR_ZERODEST(25, or, 0x123456789abcdef0, 0x0000000000000005);

RVTEST_CODE_END
