# mulhsu: register-register cases, including x0 and aliasing of rd with rs1/rs2
# Expected values follow the RISC-V unprivileged ISA manual (including the
# division-by-zero and overflow results of the M extension).
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_RR_OP(2, mulhsu, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000);
  TEST_RR_OP(3, mulhsu, 0x0000000000000000, 0x0000000000000001, 0x0000000000000001);
  TEST_RR_OP(4, mulhsu, 0x0000000000000000, 0x0000000000000003, 0x0000000000000007);
  TEST_RR_OP(5, mulhsu, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000001);
  TEST_RR_OP(6, mulhsu, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff);
  TEST_RR_OP(7, mulhsu, 0x0000000000000000, 0x7fffffffffffffff, 0x0000000000000001);
  TEST_RR_OP(8, mulhsu, 0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff);
  TEST_RR_OP(9, mulhsu, 0xffffffffffffffff, 0x8000000000000000, 0x0000000000000001);
  TEST_RR_OP(10, mulhsu, 0x0000000000000000, 0x000000007fffffff, 0x0000000000000001);
  TEST_RR_OP(11, mulhsu, 0xffffffff80000000, 0xffffffff80000000, 0xffffffffffffffff);
  TEST_RR_OP(12, mulhsu, 0x0000000000000000, 0x00000000ffffffff, 0x00000000ffffffff);
  TEST_RR_OP(13, mulhsu, 0x0121fa00ad77d742, 0x123456789abcdef0, 0x0fedcba987654321);
  TEST_RR_OP(14, mulhsu, 0x014b66dc33f6acdc, 0x123456789abcdeef, 0x123456789abcdef0);
  TEST_RR_OP(15, mulhsu, 0x00000000bb1f46ef, 0x0000000100000002, 0xbb1f46eda7ea90f7);
  TEST_RR_OP(16, mulhsu, 0x000000007e6c050f, 0x0000000100000000, 0x7e6c050f95111b33);
  TEST_RR_OP(17, mulhsu, 0x0000000000000000, 0x0000000000000007, 0x0000000000000001);
  TEST_RR_OP(18, mulhsu, 0xffffffffd5555555, 0xaaaaaaaaaaaaaaa8, 0x0000000080000000);
  TEST_RR_OP(19, mulhsu, 0x0000000000000000, 0x0000000000000005, 0x123456789abcdef0);

  # rd aliases a source register
  TEST_RR_SRC1_EQ_DEST(20, mulhsu, 0x000000000014b66d, 0x123456789abcdef0, 0x0000000001234567);
  TEST_RR_SRC2_EQ_DEST(21, mulhsu, 0x000000000014b66d, 0x123456789abcdef0, 0x0000000001234567);
  TEST_RR_SRC12_EQ_DEST(22, mulhsu, 0x014b66dc33f6acdc, 0x123456789abcdef0);

  # x0 as source reads zero; x0 as destination stays zero
  TEST_RR_ZEROSRC1(23, mulhsu, 0x0000000000000000, 0x0000000001234567);
  TEST_RR_ZEROSRC2(24, mulhsu, 0x0000000000000000, 0x123456789abcdef0);
  TEST_RR_ZERODEST(25, mulhsu, 0x123456789abcdef0, 0x0000000001234567);

RVTEST_CODE_END
