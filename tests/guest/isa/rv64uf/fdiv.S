# fdiv.s, fsqrt.s: correctly rounded quotient and root, division by zero, invalid cases.
# Expected results and fflags follow IEEE 754-2008 as required by the RISC-V
# F/D chapters; NaN results are the canonical NaN.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  # fdiv.s 3.1415927410125732, 2.7182817459106445 = 1.1557273864746094
  TEST_FP_OP2_S_HEX(2, fdiv.s, FFLAG_NX, 0x3f93eee0, 0x40490fdb, 0x402df854);
  # fdiv.s -1234.0, 1235.0999755859375 = -0.9991093873977661
  TEST_FP_OP2_S_HEX(3, fdiv.s, FFLAG_NX, 0xbf7fc5a2, 0xc49a4000, 0x449a6333);
  # fdiv.s 1.0, 3.0 = 0.3333333432674408
  TEST_FP_OP2_S_HEX(4, fdiv.s, FFLAG_NX, 0x3eaaaaab, 0x3f800000, 0x40400000);
  # fdiv.s 8.0, 2.0 = 4.0
  TEST_FP_OP2_S_HEX(5, fdiv.s, 0, 0x40800000, 0x41000000, 0x40000000);
  # sqrt(3.1415927410125732) = 1.7724539041519165
  TEST_FP_OP1_S_HEX(6, fsqrt.s, FFLAG_NX, 0x3fe2dfc5, 0x40490fdb);
  # sqrt(10000.0) = 100.0
  TEST_FP_OP1_S_HEX(7, fsqrt.s, 0, 0x42c80000, 0x461c4000);
  # sqrt(2.0) = 1.4142135381698608
  TEST_FP_OP1_S_HEX(8, fsqrt.s, FFLAG_NX, 0x3fb504f3, 0x40000000);
  # sqrt(4.0) = 2.0
  TEST_FP_OP1_S_HEX(9, fsqrt.s, 0, 0x40000000, 0x40800000);
  # sqrt(0.0009765625) = 0.03125
  TEST_FP_OP1_S_HEX(10, fsqrt.s, 0, 0x3d000000, 0x3a800000);
  # 1 / +0 = +inf, divide-by-zero
  TEST_FP_OP2_S_HEX(11, fdiv.s, FFLAG_DZ, 0x7f800000, 0x3f800000, 0x00000000);
  # 1 / -0 = -inf
  TEST_FP_OP2_S_HEX(12, fdiv.s, FFLAG_DZ, 0xff800000, 0x3f800000, 0x80000000);
  # 0 / 0 is invalid
  TEST_FP_OP2_S_HEX(13, fdiv.s, FFLAG_NV, 0x7fc00000, 0x00000000, 0x00000000);
  # 1 / inf = +0, exact
  TEST_FP_OP2_S_HEX(14, fdiv.s, 0, 0x00000000, 0x3f800000, 0x7f800000);
  # sqrt(-1) is invalid
  TEST_FP_OP1_S_HEX(15, fsqrt.s, FFLAG_NV, 0x7fc00000, 0xbf800000);
  # sqrt(-0) = -0
  TEST_FP_OP1_S_HEX(16, fsqrt.s, 0, 0x80000000, 0x80000000);
  # sqrt(+inf) = +inf
  TEST_FP_OP1_S_HEX(17, fsqrt.s, 0, 0x7f800000, 0x7f800000);

RVTEST_CODE_END
