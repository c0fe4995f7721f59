# xor: register-register cases, including x0 and aliasing of rd with rs1/rs2
# Expected values follow the RISC-V unprivileged ISA manual (including the
# division-by-zero and overflow results of the M extension).
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_RR_OP(2, xor, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000);
  TEST_RR_OP(3, xor, 0x0000000000000000, 0x0000000000000001, 0x0000000000000001);
  TEST_RR_OP(4, xor, 0x0000000000000004, 0x0000000000000003, 0x0000000000000007);
  TEST_RR_OP(5, xor, 0xfffffffffffffffe, 0xffffffffffffffff, 0x0000000000000001);
  TEST_RR_OP(6, xor, 0x0000000000000000, 0xffffffffffffffff, 0xffffffffffffffff);
  TEST_RR_OP(7, xor, 0x7ffffffffffffffe, 0x7fffffffffffffff, 0x0000000000000001);
  TEST_RR_OP(8, xor, 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff);
  TEST_RR_OP(9, xor, 0x8000000000000001, 0x8000000000000000, 0x0000000000000001);
  TEST_RR_OP(10, xor, 0x000000007ffffffe, 0x000000007fffffff, 0x0000000000000001);
  TEST_RR_OP(11, xor, 0x000000007fffffff, 0xffffffff80000000, 0xffffffffffffffff);
  TEST_RR_OP(12, xor, 0x0000000000000000, 0x00000000ffffffff, 0x00000000ffffffff);
  TEST_RR_OP(13, xor, 0x1dd99dd11dd99dd1, 0x123456789abcdef0, 0x0fedcba987654321);
  TEST_RR_OP(14, xor, 0x88c101d24d85b65c, 0x0000000000000001, 0x88c101d24d85b65d);
  TEST_RR_OP(15, xor, 0x00000000fffffff7, 0x0000000000000008, 0x00000000ffffffff);
  TEST_RR_OP(16, xor, 0x7ffffffefffffffc, 0x0000000100000003, 0x7fffffffffffffff);
  TEST_RR_OP(17, xor, 0x0000000000000007, 0x0000000000000000, 0x0000000000000007);
  TEST_RR_OP(18, xor, 0xb94c90e1d6573ffb, 0x0000000000000002, 0xb94c90e1d6573ff9);
  TEST_RR_OP(19, xor, 0x877ea7fa55429f87, 0x0000000000000001, 0x877ea7fa55429f86);

  # rd aliases a source register
  TEST_RR_SRC1_EQ_DEST(20, xor, 0x123456789abcdef5, 0x123456789abcdef0, 0x0000000000000005);
  TEST_RR_SRC2_EQ_DEST(21, xor, 0x123456789abcdef5, 0x123456789abcdef0, 0x0000000000000005);
  TEST_RR_SRC12_EQ_DEST(22, xor, 0x0000000000000000, 0x123456789abcdef0);

  # x0 as source reads zero; x0 as destination stays zero
  TEST_RR_ZEROSRC1(23, xor, 0x0000000000000005, 0x0000000000000005);
  TEST_RR_ZEROSRC2(24, xor, 0x123456789abcdef0, 0x123456789abcdef0);
  TEST_RR_ZERODEST(25, xor, 0x123456789abcdef0, 0x0000000000000005);

RVTEST_CODE_END
