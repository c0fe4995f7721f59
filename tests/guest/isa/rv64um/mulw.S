# mulw: register-register cases, including x0 and aliasing of rd with rs1/rs2
# Expected values follow the RISC-V unprivileged ISA manual (including the
# division-by-zero and overflow results of the M extension).
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_RR_OP(2, mulw, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000);
  TEST_RR_OP(3, mulw, 0x0000000000000001, 0x0000000000000001, 0x0000000000000001);
  TEST_RR_OP(4, mulw, 0x0000000000000015, 0x0000000000000003, 0x0000000000000007);
  TEST_RR_OP(5, mulw, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000001);
  TEST_RR_OP(6, mulw, 0x0000000000000001, 0xffffffffffffffff, 0xffffffffffffffff);
  TEST_RR_OP(7, mulw, 0xffffffffffffffff, 0x7fffffffffffffff, 0x0000000000000001);
  TEST_RR_OP(8, mulw, 0x0000000000000000, 0x8000000000000000, 0xffffffffffffffff);
  TEST_RR_OP(9, mulw, 0x0000000000000000, 0x8000000000000000, 0x0000000000000001);
  TEST_RR_OP(10, mulw, 0x000000007fffffff, 0x000000007fffffff, 0x0000000000000001);
  TEST_RR_OP(11, mulw, 0xffffffff80000000, 0xffffffff80000000, 0xffffffffffffffff);
  TEST_RR_OP(12, mulw, 0x0000000000000001, 0x00000000ffffffff, 0x00000000ffffffff);
  TEST_RR_OP(13, mulw, 0xffffffffe5618cf0, 0x123456789abcdef0, 0x0fedcba987654321);
  TEST_RR_OP(14, mulw, 0x000000005c6dbc78, 0x00000000fffffffe, 0x9d852ed4d1c921c4);
  TEST_RR_OP(15, mulw, 0x0000000000000000, 0x0000000100000000, 0xaaaaaaaaaaaaaaaa);
  TEST_RR_OP(16, mulw, 0xffffffffca864226, 0x123456789abcdeed, 0xfffffffffffffffe);
  TEST_RR_OP(17, mulw, 0x000000000000000e, 0x8000000000000002, 0x0000000000000007);
  TEST_RR_OP(18, mulw, 0xfffffffffffffff9, 0x00000000ffffffff, 0x0000000000000007);
  TEST_RR_OP(19, mulw, 0xfffffffffffffffd, 0x0000000000000003, 0xffffffffffffffff);

  # rd aliases a source register
  TEST_RR_SRC1_EQ_DEST(20, mulw, 0xffffffff94e46290, 0x123456789abcdef0, 0x0000000001234567);
  TEST_RR_SRC2_EQ_DEST(21, mulw, 0xffffffff94e46290, 0x123456789abcdef0, 0x0000000001234567);
  TEST_RR_SRC12_EQ_DEST(22, mulw, 0xfffffffff2a52100, 0x123456789abcdef0);

  # x0 as source reads zero; x0 as destination stays zero
  TEST_RR_ZEROSRC1(23, mulw, 0x0000000000000000, 0x0000000001234567);
  TEST_RR_ZEROSRC2(24, mulw, 0x0000000000000000, 0x123456789abcdef0);
  TEST_RR_ZERODEST(25, mulw, 0x123456789abcdef0, 0x0000000001234567);

RVTEST_CODE_END
