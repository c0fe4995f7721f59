# fmin.s, fmax.s: IEEE 754-2019 minimumNumber/maximumNumber, -0 < +0, NaN handling.
# Expected results and fflags follow IEEE 754-2008 as required by the RISC-V
# F/D chapters; NaN results are the canonical NaN.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_FP_OP2_S_HEX(2, fmin.s, 0, 0x3f800000, 0x40000000, 0x3f800000);
  TEST_FP_OP2_S_HEX(3, fmin.s, 0, 0xbf800000, 0x3f000000, 0xbf800000);
  # -0 is below +0
  TEST_FP_OP2_S_HEX(4, fmin.s, 0, 0x80000000, 0x00000000, 0x80000000);
  TEST_FP_OP2_S_HEX(5, fmin.s, 0, 0x80000000, 0x80000000, 0x00000000);
  # a quiet NaN is ignored
  TEST_FP_OP2_S_HEX(6, fmin.s, 0, 0x3f800000, 0x7fc00000, 0x3f800000);
  # a signaling NaN is ignored but raises NV
  TEST_FP_OP2_S_HEX(7, fmin.s, FFLAG_NV, 0x3f800000, 0x7f800001, 0x3f800000);
  # two NaNs give the canonical NaN
  TEST_FP_OP2_S_HEX(8, fmin.s, 0, 0x7fc00000, 0x7fc00000, 0x7fc00003);
  TEST_FP_OP2_S_HEX(9, fmin.s, 0, 0xff800000, 0xff800000, 0x7f800000);
  TEST_FP_OP2_S_HEX(10, fmax.s, 0, 0x40000000, 0x40000000, 0x3f800000);
  TEST_FP_OP2_S_HEX(11, fmax.s, 0, 0x3f000000, 0x3f000000, 0xbf800000);
  # -0 is below +0
  TEST_FP_OP2_S_HEX(12, fmax.s, 0, 0x00000000, 0x00000000, 0x80000000);
  TEST_FP_OP2_S_HEX(13, fmax.s, 0, 0x00000000, 0x80000000, 0x00000000);
  # a quiet NaN is ignored
  TEST_FP_OP2_S_HEX(14, fmax.s, 0, 0x3f800000, 0x7fc00000, 0x3f800000);
  # a signaling NaN is ignored but raises NV
  TEST_FP_OP2_S_HEX(15, fmax.s, FFLAG_NV, 0x3f800000, 0x7f800001, 0x3f800000);
  # two NaNs give the canonical NaN
  TEST_FP_OP2_S_HEX(16, fmax.s, 0, 0x7fc00000, 0x7fc00000, 0x7fc00003);
  TEST_FP_OP2_S_HEX(17, fmax.s, 0, 0x7f800000, 0xff800000, 0x7f800000);

RVTEST_CODE_END
