# fclass.d: one bit for each of the ten classes.
# Expected results and fflags follow IEEE 754-2008 as required by the RISC-V
# F/D chapters; NaN results are the canonical NaN.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  # -inf
  TEST_FCLASS_D(2, 1, 0xfff0000000000000);
  # negative normal
  TEST_FCLASS_D(3, 2, 0xbff0000000000000);
  # negative subnormal
  TEST_FCLASS_D(4, 4, 0x800fffffffffffff);
  # -0
  TEST_FCLASS_D(5, 8, 0x8000000000000000);
  # +0
  TEST_FCLASS_D(6, 16, 0x0000000000000000);
  # positive subnormal
  TEST_FCLASS_D(7, 32, 0x0000000000000001);
  # positive normal
  TEST_FCLASS_D(8, 64, 0x3ff0000000000000);
  # +inf
  TEST_FCLASS_D(9, 128, 0x7ff0000000000000);
  # signaling NaN
  TEST_FCLASS_D(10, 256, 0x7ff0000000000001);
  # quiet NaN
  TEST_FCLASS_D(11, 512, 0x7ff8000000000000);

RVTEST_CODE_END
