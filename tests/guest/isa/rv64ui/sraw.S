# sraw: register-register cases, including x0 and aliasing of rd with rs1/rs2
# Expected values follow the RISC-V unprivileged ISA manual (including the
# division-by-zero and overflow results of the M extension).
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_RR_OP(2, sraw, 0x0000000000000001, 0x0000000000000001, 0x0000000000000020);
  TEST_RR_OP(3, sraw, 0x0000000000000001, 0x0000000000000001, 0x0000000000000000);
  TEST_RR_OP(4, sraw, 0x0000000000000000, 0x0000000000000001, 0x0000000000000021);
  TEST_RR_OP(5, sraw, 0x0000000000000000, 0x0000000000000001, 0x000000000000001f);
  TEST_RR_OP(6, sraw, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000001);
  TEST_RR_OP(7, sraw, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000020);
  TEST_RR_OP(8, sraw, 0xffffffffffffffff, 0xffffffffffffffff, 0x000000000000001f);
  TEST_RR_OP(9, sraw, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000041);
  TEST_RR_OP(10, sraw, 0x0000000000000000, 0x8000000000000001, 0x0000000000000041);
  TEST_RR_OP(11, sraw, 0x0000000000000001, 0x8000000000000001, 0x0000000000000040);
  TEST_RR_OP(12, sraw, 0x0000000000000001, 0x8000000000000001, 0x0000000000000040);
  TEST_RR_OP(13, sraw, 0x0000000000000000, 0x8000000000000001, 0x000000000000003f);
  TEST_RR_OP(14, sraw, 0xffffffffff3579bd, 0x123456789abcdef0, 0x0000000000000007);
  TEST_RR_OP(15, sraw, 0xffffffff9abcdef0, 0x123456789abcdef0, 0x0000000000000040);
  TEST_RR_OP(16, sraw, 0xffffffffcd5e6f78, 0x123456789abcdef0, 0x0000000000000001);
  TEST_RR_OP(17, sraw, 0xffffffff9abcdef0, 0x123456789abcdef0, 0x0000000000000040);
  TEST_RR_OP(18, sraw, 0xffffffffc0000000, 0x0000000080000000, 0x0000000000000021);
  TEST_RR_OP(19, sraw, 0xffffffffffffffff, 0x0000000080000000, 0xffffffffffffffff);
  TEST_RR_OP(20, sraw, 0xffffffff80000000, 0x0000000080000000, 0x0000000000000000);
  TEST_RR_OP(21, sraw, 0xffffffffffffffff, 0x0000000080000000, 0x000000000000003f);
  TEST_RR_OP(22, sraw, 0xffffffffc0000000, 0xffffffff80000000, 0x0000000000000041);
  TEST_RR_OP(23, sraw, 0xffffffffffffffff, 0xffffffff80000000, 0x000000000000007f);
  TEST_RR_OP(24, sraw, 0xffffffff80000000, 0xffffffff80000000, 0x0000000000000020);
  TEST_RR_OP(25, sraw, 0xffffffff80000000, 0xffffffff80000000, 0x0000000000000000);

  # rd aliases a source register
  TEST_RR_SRC1_EQ_DEST(26, sraw, 0xfffffffffcd5e6f7, 0x123456789abcdef0, 0x0000000000000005);
  TEST_RR_SRC2_EQ_DEST(27, sraw, 0xfffffffffcd5e6f7, 0x123456789abcdef0, 0x0000000000000005);
  TEST_RR_SRC12_EQ_DEST(28, sraw, 0xffffffffffff9abc, 0x123456789abcdef0);

  # x0 as source reads zero; x0 as destination stays zero
  TEST_RR_ZEROSRC1(29, sraw, 0x0000000000000000, 0x0000000000000005);
  TEST_RR_ZEROSRC2(30, sraw, 0xffffffff9abcdef0, 0x123456789abcdef0);
  TEST_RR_ZERODEST(31, sraw, 0x123456789abcdef0, 0x0000000000000005);

RVTEST_CODE_END
