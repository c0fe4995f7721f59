# divw: register-register cases, including x0 and aliasing of rd with rs1/rs2
# Expected values follow the RISC-V unprivileged ISA manual (including the
# division-by-zero and overflow results of the M extension).
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_RR_OP(2, divw, 0xffffffffffffffff, 0x0000000000000000, 0x0000000000000000);
  TEST_RR_OP(3, divw, 0x0000000000000001, 0x0000000000000001, 0x0000000000000001);
  TEST_RR_OP(4, divw, 0x0000000000000000, 0x0000000000000003, 0x0000000000000007);
  TEST_RR_OP(5, divw, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000001);
  TEST_RR_OP(6, divw, 0x0000000000000001, 0xffffffffffffffff, 0xffffffffffffffff);
  TEST_RR_OP(7, divw, 0xffffffffffffffff, 0x7fffffffffffffff, 0x0000000000000001);
  TEST_RR_OP(8, divw, 0x0000000000000000, 0x8000000000000000, 0xffffffffffffffff);
  TEST_RR_OP(9, divw, 0x0000000000000000, 0x8000000000000000, 0x0000000000000001);
  TEST_RR_OP(10, divw, 0x000000007fffffff, 0x000000007fffffff, 0x0000000000000001);
  TEST_RR_OP(11, divw, 0xffffffff80000000, 0xffffffff80000000, 0xffffffffffffffff);
  TEST_RR_OP(12, divw, 0x0000000000000001, 0x00000000ffffffff, 0x00000000ffffffff);
  TEST_RR_OP(13, divw, 0x0000000000000000, 0x123456789abcdef0, 0x0fedcba987654321);
  TEST_RR_OP(14, divw, 0xffffffffffffffff, 0x0000000000000014, 0x0000000000000000);
  TEST_RR_OP(15, divw, 0xffffffffffffffff, 0xffffffffffffffec, 0x0000000000000000);
  TEST_RR_OP(16, divw, 0xffffffffffffffff, 0x0000000000000000, 0x0000000000000000);
  TEST_RR_OP(17, divw, 0xffffffffffffffff, 0x8000000000000000, 0x0000000000000000);
  TEST_RR_OP(18, divw, 0x0000000000000003, 0x0000000000000014, 0x0000000000000006);
  TEST_RR_OP(19, divw, 0xfffffffffffffffd, 0xffffffffffffffec, 0x0000000000000006);
  TEST_RR_OP(20, divw, 0xfffffffffffffffd, 0x0000000000000014, 0xfffffffffffffffa);
  TEST_RR_OP(21, divw, 0x0000000000000003, 0xffffffffffffffec, 0xfffffffffffffffa);
  TEST_RR_OP(22, divw, 0xffffffff80000000, 0x0000000080000000, 0xffffffffffffffff);
  TEST_RR_OP(23, divw, 0xffffffff80000000, 0xffffffff80000000, 0xffffffffffffffff);
  TEST_RR_OP(24, divw, 0xffffffff80000000, 0xffffffff80000000, 0xffffffffffffffff);
  TEST_RR_OP(25, divw, 0xffffffffffffffff, 0x0000000000000007, 0x0000000100000000);
  TEST_RR_OP(26, divw, 0x0000000000000001, 0x000000007ffffffc, 0x8cbecba550ac1a7b);
  TEST_RR_OP(27, divw, 0x0000000000000000, 0x0000000100000001, 0xd1ad6c0a7f602b9b);
  TEST_RR_OP(28, divw, 0x0000000000000000, 0x123456789abcdeed, 0xffffffff80000000);
  TEST_RR_OP(29, divw, 0xfffffffffffffffc, 0x0000000000000004, 0x7fffffffffffffff);
  TEST_RR_OP(30, divw, 0xffffffffffffffff, 0xfffffffffffffffe, 0x0000000000000002);
  TEST_RR_OP(31, divw, 0x0000000000000001, 0x000000007fffffff, 0x000000007fffffff);

  # rd aliases a source register
  TEST_RR_SRC1_EQ_DEST(32, divw, 0xffffffffffffffa7, 0x123456789abcdef0, 0x0000000001234567);
  TEST_RR_SRC2_EQ_DEST(33, divw, 0xffffffffffffffa7, 0x123456789abcdef0, 0x0000000001234567);
  TEST_RR_SRC12_EQ_DEST(34, divw, 0x0000000000000001, 0x123456789abcdef0);

  # x0 as source reads zero; x0 as destination stays zero
  TEST_RR_ZEROSRC1(35, divw, 0x0000000000000000, 0x0000000001234567);
  TEST_RR_ZEROSRC2(36, divw, 0xffffffffffffffff, 0x123456789abcdef0);
  TEST_RR_ZERODEST(37, divw, 0x123456789abcdef0, 0x0000000001234567);

RVTEST_CODE_END
