# fclass.s: one bit for each of the ten classes.
# Expected results and fflags follow IEEE 754-2008 as required by the RISC-V
# F/D chapters; NaN results are the canonical NaN.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  # -inf
  TEST_FCLASS_S(2, 1, 0xff800000);
  # negative normal
  TEST_FCLASS_S(3, 2, 0xbf800000);
  # negative subnormal
  TEST_FCLASS_S(4, 4, 0x807fffff);
  # -0
  TEST_FCLASS_S(5, 8, 0x80000000);
  # +0
  TEST_FCLASS_S(6, 16, 0x00000000);
  # positive subnormal
  TEST_FCLASS_S(7, 32, 0x00000001);
  # positive normal
  TEST_FCLASS_S(8, 64, 0x3f800000);
  # +inf
  TEST_FCLASS_S(9, 128, 0x7f800000);
  # signaling NaN
  TEST_FCLASS_S(10, 256, 0x7f800001);
  # quiet NaN
  TEST_FCLASS_S(11, 512, 0x7fc00000);

RVTEST_CODE_END
