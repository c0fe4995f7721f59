# mul: register-register cases, including x0 and aliasing of rd with rs1/rs2
# Expected values follow the RISC-V unprivileged ISA manual (including the
# division-by-zero and overflow results of the M extension).
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_RR_OP(2, mul, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000);
  TEST_RR_OP(3, mul, 0x0000000000000001, 0x0000000000000001, 0x0000000000000001);
  TEST_RR_OP(4, mul, 0x0000000000000015, 0x0000000000000003, 0x0000000000000007);
  TEST_RR_OP(5, mul, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000001);
  TEST_RR_OP(6, mul, 0x0000000000000001, 0xffffffffffffffff, 0xffffffffffffffff);
  TEST_RR_OP(7, mul, 0x7fffffffffffffff, 0x7fffffffffffffff, 0x0000000000000001);
  TEST_RR_OP(8, mul, 0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff);
  TEST_RR_OP(9, mul, 0x8000000000000000, 0x8000000000000000, 0x0000000000000001);
  TEST_RR_OP(10, mul, 0x000000007fffffff, 0x000000007fffffff, 0x0000000000000001);
  TEST_RR_OP(11, mul, 0x0000000080000000, 0xffffffff80000000, 0xffffffffffffffff);
  TEST_RR_OP(12, mul, 0xfffffffe00000001, 0x00000000ffffffff, 0x00000000ffffffff);
  TEST_RR_OP(13, mul, 0x2236d88fe5618cf0, 0x123456789abcdef0, 0x0fedcba987654321);
  TEST_RR_OP(14, mul, 0x9e13795a19469803, 0x0000000000000001, 0x9e13795a19469803);
  TEST_RR_OP(15, mul, 0x00000006ffffffeb, 0x00000000fffffffd, 0x0000000000000007);
  TEST_RR_OP(16, mul, 0x00000001fffffffe, 0x0000000000000002, 0x00000000ffffffff);
  TEST_RR_OP(17, mul, 0xe10563db01645f0a, 0x0000000080000002, 0x6056260c40b22f85);
  TEST_RR_OP(18, mul, 0xaaaaaaaaaaaaaaaa, 0x0000000000000001, 0xaaaaaaaaaaaaaaaa);
  TEST_RR_OP(19, mul, 0xaaaaaaa8d5555559, 0xaaaaaaaaaaaaaaa7, 0x000000007fffffff);

  # rd aliases a source register
  TEST_RR_SRC1_EQ_DEST(20, mul, 0xb97530ec94e46290, 0x123456789abcdef0, 0x0000000001234567);
  TEST_RR_SRC2_EQ_DEST(21, mul, 0xb97530ec94e46290, 0x123456789abcdef0, 0x0000000001234567);
  TEST_RR_SRC12_EQ_DEST(22, mul, 0xa5e20890f2a52100, 0x123456789abcdef0);

  # x0 as source reads zero; x0 as destination stays zero
  TEST_RR_ZEROSRC1(23, mul, 0x0000000000000000, 0x0000000001234567);
  TEST_RR_ZEROSRC2(24, mul, 0x0000000000000000, 0x123456789abcdef0);
  TEST_RR_ZERODEST(25, mul, 0x123456789abcdef0, 0x0000000001234567);

RVTEST_CODE_END
