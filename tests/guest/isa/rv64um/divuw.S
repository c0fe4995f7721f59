# divuw: register-register cases, including x0 and aliasing of rd with rs1/rs2
# Expected values follow the RISC-V unprivileged ISA manual (including the
# division-by-zero and overflow results of the M extension).
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_RR_OP(2, divuw, 0xffffffffffffffff, 0x0000000000000000, 0x0000000000000000);
  TEST_RR_OP(3, divuw, 0x0000000000000001, 0x0000000000000001, 0x0000000000000001);
  TEST_RR_OP(4, divuw, 0x0000000000000000, 0x0000000000000003, 0x0000000000000007);
  TEST_RR_OP(5, divuw, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000001);
  TEST_RR_OP(6, divuw, 0x0000000000000001, 0xffffffffffffffff, 0xffffffffffffffff);
  TEST_RR_OP(7, divuw, 0xffffffffffffffff, 0x7fffffffffffffff, 0x0000000000000001);
  TEST_RR_OP(8, divuw, 0x0000000000000000, 0x8000000000000000, 0xffffffffffffffff);
  TEST_RR_OP(9, divuw, 0x0000000000000000, 0x8000000000000000, 0x0000000000000001);
  TEST_RR_OP(10, divuw, 0x000000007fffffff, 0x000000007fffffff, 0x0000000000000001);
  TEST_RR_OP(11, divuw, 0x0000000000000000, 0xffffffff80000000, 0xffffffffffffffff);
  TEST_RR_OP(12, divuw, 0x0000000000000001, 0x00000000ffffffff, 0x00000000ffffffff);
  TEST_RR_OP(13, divuw, 0x0000000000000001, 0x123456789abcdef0, 0x0fedcba987654321);
  TEST_RR_OP(14, divuw, 0xffffffffffffffff, 0x0000000000000014, 0x0000000000000000);
  TEST_RR_OP(15, divuw, 0xffffffffffffffff, 0xffffffffffffffec, 0x0000000000000000);
  TEST_RR_OP(16, divuw, 0xffffffffffffffff, 0x0000000000000000, 0x0000000000000000);
  TEST_RR_OP(17, divuw, 0xffffffffffffffff, 0x8000000000000000, 0x0000000000000000);
  TEST_RR_OP(18, divuw, 0x0000000000000003, 0x0000000000000014, 0x0000000000000006);
  TEST_RR_OP(19, divuw, 0x000000002aaaaaa7, 0xffffffffffffffec, 0x0000000000000006);
  TEST_RR_OP(20, divuw, 0x0000000000000000, 0x0000000000000014, 0xfffffffffffffffa);
  TEST_RR_OP(21, divuw, 0x0000000000000000, 0xffffffffffffffec, 0xfffffffffffffffa);
  TEST_RR_OP(22, divuw, 0x0000000000000000, 0x0000000080000000, 0xffffffffffffffff);
  TEST_RR_OP(23, divuw, 0x0000000000000000, 0xffffffff80000000, 0xffffffffffffffff);
  TEST_RR_OP(24, divuw, 0x0000000000000000, 0xffffffff80000000, 0xffffffffffffffff);
  TEST_RR_OP(25, divuw, 0xffffffffffffffff, 0x0000000000000007, 0x0000000100000000);
  TEST_RR_OP(26, divuw, 0x0000000000000000, 0x0000000000000000, 0xd946f515e84b855f);
  TEST_RR_OP(27, divuw, 0x0000000000000000, 0x0000000000000001, 0xffffffff80000000);
  TEST_RR_OP(28, divuw, 0x0000000000000001, 0xfffffffffffffffc, 0xbe66d2d2b06dc5f7);
  TEST_RR_OP(29, divuw, 0x0000000000000000, 0x0000000000000000, 0x0000000000000003);
  TEST_RR_OP(30, divuw, 0xffffffffffffffff, 0xaaaaaaaaaaaaaaa8, 0x0000000100000000);
  TEST_RR_OP(31, divuw, 0x0000000000000000, 0x0000000100000001, 0xaaaaaaaaaaaaaaaa);

  # rd aliases a source register
  TEST_RR_SRC1_EQ_DEST(32, divuw, 0x0000000000000088, 0x123456789abcdef0, 0x0000000001234567);
  TEST_RR_SRC2_EQ_DEST(33, divuw, 0x0000000000000088, 0x123456789abcdef0, 0x0000000001234567);
  TEST_RR_SRC12_EQ_DEST(34, divuw, 0x0000000000000001, 0x123456789abcdef0);

  # x0 as source reads zero; x0 as destination stays zero
  TEST_RR_ZEROSRC1(35, divuw, 0x0000000000000000, 0x0000000001234567);
  TEST_RR_ZEROSRC2(36, divuw, 0xffffffffffffffff, 0x123456789abcdef0);
  TEST_RR_ZERODEST(37, divuw, 0x123456789abcdef0, 0x0000000001234567);

RVTEST_CODE_END
