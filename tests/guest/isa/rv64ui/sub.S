# sub: register-register cases, including x0 and aliasing of rd with rs1/rs2
# Expected values follow the RISC-V unprivileged ISA manual (including the
# division-by-zero and overflow results of the M extension).
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_RR_OP(2, sub, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000);
  TEST_RR_OP(3, sub, 0x0000000000000000, 0x0000000000000001, 0x0000000000000001);
  TEST_RR_OP(4, sub, 0xfffffffffffffffc, 0x0000000000000003, 0x0000000000000007);
  TEST_RR_OP(5, sub, 0xfffffffffffffffe, 0xffffffffffffffff, 0x0000000000000001);
  TEST_RR_OP(6, sub, 0x0000000000000000, 0xffffffffffffffff, 0xffffffffffffffff);
  TEST_RR_OP(7, sub, 0x7ffffffffffffffe, 0x7fffffffffffffff, 0x0000000000000001);
  TEST_RR_OP(8, sub, 0x8000000000000001, 0x8000000000000000, 0xffffffffffffffff);
  TEST_RR_OP(9, sub, 0x7fffffffffffffff, 0x8000000000000000, 0x0000000000000001);
  TEST_RR_OP(10, sub, 0x000000007ffffffe, 0x000000007fffffff, 0x0000000000000001);
  TEST_RR_OP(11, sub, 0xffffffff80000001, 0xffffffff80000000, 0xffffffffffffffff);
  TEST_RR_OP(12, sub, 0x0000000000000000, 0x00000000ffffffff, 0x00000000ffffffff);
  TEST_RR_OP(13, sub, 0x02468acf13579bcf, 0x123456789abcdef0, 0x0fedcba987654321);
  TEST_RR_OP(14, sub, 0x6dcba98765432113, 0x8000000000000003, 0x123456789abcdef0);
  TEST_RR_OP(15, sub, 0x7fffffff7ffffffe, 0xffffffff7ffffffe, 0x8000000000000000);
  TEST_RR_OP(16, sub, 0x7ffffffffffffff8, 0x7fffffffffffffff, 0x0000000000000007);
  TEST_RR_OP(17, sub, 0x13bcc51f591ebb2e, 0xffffffff7ffffffd, 0xec433ae026e144cf);
  TEST_RR_OP(18, sub, 0xedcba9876543210f, 0xffffffffffffffff, 0x123456789abcdef0);
  TEST_RR_OP(19, sub, 0x7c0ee4d36443f97a, 0x00000000ffffffff, 0x83f11b2d9bbc0685);

  # rd aliases a source register
  TEST_RR_SRC1_EQ_DEST(20, sub, 0x123456789abcdeeb, 0x123456789abcdef0, 0x0000000000000005);
  TEST_RR_SRC2_EQ_DEST(21, sub, 0x123456789abcdeeb, 0x123456789abcdef0, 0x0000000000000005);
  TEST_RR_SRC12_EQ_DEST(22, sub, 0x0000000000000000, 0x123456789abcdef0);

  # x0 as source reads zero; x0 as destination stays zero
  TEST_RR_ZEROSRC1(23, sub, 0xfffffffffffffffb, 0x0000000000000005);
  TEST_RR_ZEROSRC2(24, sub, 0x123456789abcdef0, 0x123456789abcdef0);
  TEST_RR_ZERODEST(25, sub, 0x123456789abcdef0, 0x0000000000000005);

RVTEST_CODE_END
