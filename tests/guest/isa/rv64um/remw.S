# remw: register-register cases, including x0 and aliasing of rd with rs1/rs2
# Expected values follow the RISC-V unprivileged ISA manual (including the
# division-by-zero and overflow results of the M extension).
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_RR_OP(2, remw, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000);
  TEST_RR_OP(3, remw, 0x0000000000000000, 0x0000000000000001, 0x0000000000000001);
  TEST_RR_OP(4, remw, 0x0000000000000003, 0x0000000000000003, 0x0000000000000007);
  TEST_RR_OP(5, remw, 0x0000000000000000, 0xffffffffffffffff, 0x0000000000000001);
  TEST_RR_OP(6, remw, 0x0000000000000000, 0xffffffffffffffff, 0xffffffffffffffff);
  TEST_RR_OP(7, remw, 0x0000000000000000, 0x7fffffffffffffff, 0x0000000000000001);
  TEST_RR_OP(8, remw, 0x0000000000000000, 0x8000000000000000, 0xffffffffffffffff);
  TEST_RR_OP(9, remw, 0x0000000000000000, 0x8000000000000000, 0x0000000000000001);
  TEST_RR_OP(10, remw, 0x0000000000000000, 0x000000007fffffff, 0x0000000000000001);
  TEST_RR_OP(11, remw, 0x0000000000000000, 0xffffffff80000000, 0xffffffffffffffff);
  TEST_RR_OP(12, remw, 0x0000000000000000, 0x00000000ffffffff, 0x00000000ffffffff);
  TEST_RR_OP(13, remw, 0xffffffff9abcdef0, 0x123456789abcdef0, 0x0fedcba987654321);
  TEST_RR_OP(14, remw, 0x0000000000000014, 0x0000000000000014, 0x0000000000000000);
  TEST_RR_OP(15, remw, 0xffffffffffffffec, 0xffffffffffffffec, 0x0000000000000000);
  TEST_RR_OP(16, remw, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000);
  TEST_RR_OP(17, remw, 0x0000000000000000, 0x8000000000000000, 0x0000000000000000);
  TEST_RR_OP(18, remw, 0x0000000000000002, 0x0000000000000014, 0x0000000000000006);
  TEST_RR_OP(19, remw, 0xfffffffffffffffe, 0xffffffffffffffec, 0x0000000000000006);
  TEST_RR_OP(20, remw, 0x0000000000000002, 0x0000000000000014, 0xfffffffffffffffa);
  TEST_RR_OP(21, remw, 0xfffffffffffffffe, 0xffffffffffffffec, 0xfffffffffffffffa);
  TEST_RR_OP(22, remw, 0x0000000000000000, 0x0000000080000000, 0xffffffffffffffff);
  TEST_RR_OP(23, remw, 0x0000000000000000, 0xffffffff80000000, 0xffffffffffffffff);
  TEST_RR_OP(24, remw, 0x0000000000000000, 0xffffffff80000000, 0xffffffffffffffff);
  TEST_RR_OP(25, remw, 0x0000000000000007, 0x0000000000000007, 0x0000000100000000);
  TEST_RR_OP(26, remw, 0x0000000000000005, 0x0000000000000005, 0xd5408033f6c93540);
  TEST_RR_OP(27, remw, 0x0000000000000000, 0xfffffffffffffffc, 0x0000000000000002);
  TEST_RR_OP(28, remw, 0xffffffffe8ed4eca, 0x123456789abcdef2, 0x412f12e31a102548);
  TEST_RR_OP(29, remw, 0xffffffffffffffff, 0x0000000080000001, 0x0000000000000003);
  TEST_RR_OP(30, remw, 0xfffffffffffffffd, 0x00000000fffffffd, 0x123456789abcdef0);
  TEST_RR_OP(31, remw, 0xfffffffffffffffd, 0xfffffffffffffffd, 0x2e8878c92f58d560);

  # rd aliases a source register
  TEST_RR_SRC1_EQ_DEST(32, remw, 0xffffffffffffffbf, 0x123456789abcdef0, 0x0000000001234567);
  TEST_RR_SRC2_EQ_DEST(33, remw, 0xffffffffffffffbf, 0x123456789abcdef0, 0x0000000001234567);
  TEST_RR_SRC12_EQ_DEST(34, remw, 0x0000000000000000, 0x123456789abcdef0);

  # x0 as source reads zero; x0 as destination stays zero
  TEST_RR_ZEROSRC1(35, remw, 0x0000000000000000, 0x0000000001234567);
  TEST_RR_ZEROSRC2(36, remw, 0xffffffff9abcdef0, 0x123456789abcdef0);
  TEST_RR_ZERODEST(37, remw, 0x123456789abcdef0, 0x0000000001234567);

RVTEST_CODE_END
