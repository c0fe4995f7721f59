# fadd.s, fsub.s, fmul.s: rounding, exact results, overflow, NaNs and infinities.
# Expected results and fflags follow IEEE 754-2008 as required by the RISC-V
# F/D chapters; NaN results are the canonical NaN.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  # fadd.s 2.5, 1.0 = 3.5
  TEST_FP_OP2_S_HEX(2, fadd.s, 0, 0x40600000, 0x40200000, 0x3f800000);
  # fadd.s -1235.0999755859375, 1.100000023841858 = -1234.0
  TEST_FP_OP2_S_HEX(3, fadd.s, FFLAG_NX, 0xc49a4000, 0xc49a6333, 0x3f8ccccd);
  # fadd.s 3.1415927410125732, 9.99999993922529e-09 = 3.1415927410125732
  TEST_FP_OP2_S_HEX(4, fadd.s, FFLAG_NX, 0x40490fdb, 0x40490fdb, 0x322bcc77);
  # fadd.s 1.0, 5.960464477539063e-08 = 1.0
  TEST_FP_OP2_S_HEX(5, fadd.s, FFLAG_NX, 0x3f800000, 0x3f800000, 0x33800000);
  # fadd.s 1.0, 1.7881393432617188e-07 = 1.000000238418579
  TEST_FP_OP2_S_HEX(6, fadd.s, FFLAG_NX, 0x3f800002, 0x3f800000, 0x34400000);
  # fsub.s 2.5, 1.0 = 1.5
  TEST_FP_OP2_S_HEX(7, fsub.s, 0, 0x3fc00000, 0x40200000, 0x3f800000);
  # fsub.s -1235.0999755859375, -1.100000023841858 = -1234.0
  TEST_FP_OP2_S_HEX(8, fsub.s, FFLAG_NX, 0xc49a4000, 0xc49a6333, 0xbf8ccccd);
  # fsub.s 3.1415927410125732, 9.99999993922529e-09 = 3.1415927410125732
  TEST_FP_OP2_S_HEX(9, fsub.s, FFLAG_NX, 0x40490fdb, 0x40490fdb, 0x322bcc77);
  # fmul.s 2.5, 1.0 = 2.5
  TEST_FP_OP2_S_HEX(10, fmul.s, 0, 0x40200000, 0x40200000, 0x3f800000);
  # fmul.s -1235.0999755859375, -1.100000023841858 = 1358.6099853515625
  TEST_FP_OP2_S_HEX(11, fmul.s, FFLAG_NX, 0x44a9d385, 0xc49a6333, 0xbf8ccccd);
  # fmul.s 3.1415927410125732, 9.99999993922529e-09 = 3.141592586075603e-08
  TEST_FP_OP2_S_HEX(12, fmul.s, FFLAG_NX, 0x3306ee2d, 0x40490fdb, 0x322bcc77);
  # fmul.s 1.0000001192092896, 0.9999998807907104 = 1.0
  TEST_FP_OP2_S_HEX(13, fmul.s, FFLAG_NX, 0x3f800000, 0x3f800001, 0x3f7ffffe);
  # x + (-x) is +0 in round-to-nearest
  TEST_FP_OP2_S_HEX(14, fadd.s, 0, 0x00000000, 0x3f800000, 0xbf800000);
  # -0 + -0 = -0
  TEST_FP_OP2_S_HEX(15, fadd.s, 0, 0x80000000, 0x80000000, 0x80000000);
  # overflow to +inf
  TEST_FP_OP2_S_HEX(16, fadd.s, FFLAG_OF|FFLAG_NX, 0x7f800000, 0x7f7fffff, 0x7f7fffff);
  # inf - inf is invalid
  TEST_FP_OP2_S_HEX(17, fsub.s, FFLAG_NV, 0x7fc00000, 0x7f800000, 0x7f800000);
  # inf * 0 is invalid
  TEST_FP_OP2_S_HEX(18, fmul.s, FFLAG_NV, 0x7fc00000, 0x7f800000, 0x00000000);
  # inf * -1 = -inf, exact
  TEST_FP_OP2_S_HEX(19, fmul.s, 0, 0xff800000, 0x7f800000, 0xbf800000);
  # a quiet NaN operand gives the canonical NaN, no flags
  TEST_FP_OP2_S_HEX(20, fadd.s, 0, 0x7fc00000, 0x7fc00005, 0x3f800000);
  # a signaling NaN operand raises NV
  TEST_FP_OP2_S_HEX(21, fadd.s, FFLAG_NV, 0x7fc00000, 0x7f800001, 0x3f800000);
  # smallest subnormal * 0.5 rounds to +0 (ties to even): underflow
  TEST_FP_OP2_S_HEX(22, fmul.s, FFLAG_UF|FFLAG_NX, 0x00000000, 0x00000001, 0x3f000000);

RVTEST_CODE_END
