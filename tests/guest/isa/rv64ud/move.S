# fmv.x.d / fmv.d.x move all 64 bits; fsgnj/fsgnjn/fsgnjx.d combine sign bits
# without canonicalising NaNs or raising flags.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_CASE(2, a4, 0x123456789abcdef0, li a0, 0x123456789abcdef0; fmv.d.x f1, a0; fmv.x.d a4, f1);
  TEST_CASE(3, a4, 0x7ff0000000000001, li a0, 0x7ff0000000000001; fmv.d.x f1, a0; fmv.x.d a4, f1);

#define TEST_FSGNJ_D(n, inst, result, v1, v2) \
  TEST_CASE(n, a4, result, li a0, v1; li a1, v2; fmv.d.x f1, a0; fmv.d.x f2, a1; inst f3, f1, f2; fmv.x.d a4, f3)
  TEST_FSGNJ_D(4, fsgnj.d,  0x3ff0000000000000, 0x3ff0000000000000, 0x4000000000000000);
  TEST_FSGNJ_D(5, fsgnj.d,  0xbff0000000000000, 0x3ff0000000000000, 0xc000000000000000);
  TEST_FSGNJ_D(6, fsgnj.d,  0x3ff0000000000000, 0xbff0000000000000, 0x4000000000000000);
  TEST_FSGNJ_D(7, fsgnjn.d, 0xbff0000000000000, 0x3ff0000000000000, 0x4000000000000000);
  TEST_FSGNJ_D(8, fsgnjn.d, 0x3ff0000000000000, 0x3ff0000000000000, 0xc000000000000000);
  TEST_FSGNJ_D(9, fsgnjx.d, 0x3ff0000000000000, 0x3ff0000000000000, 0x4000000000000000);
  TEST_FSGNJ_D(10, fsgnjx.d, 0xbff0000000000000, 0x3ff0000000000000, 0xc000000000000000);
  TEST_FSGNJ_D(11, fsgnjx.d, 0x3ff0000000000000, 0xbff0000000000000, 0xc000000000000000);
  TEST_FSGNJ_D(12, fsgnjn.d, 0xfff0000000000001, 0x7ff0000000000001, 0x7ff0000000000001);
  TEST_CASE(13, a4, 0, frflags a4);
  TEST_CASE(14, a4, 0x400921fb54442d18, li a0, 0xc00921fb54442d18; fmv.d.x f1, a0; fabs.d f2, f1; fmv.x.d a4, f2);
  TEST_CASE(15, a4, 0x400921fb54442d18, li a0, 0xc00921fb54442d18; fmv.d.x f1, a0; fneg.d f2, f1; fmv.x.d a4, f2);
  TEST_CASE(16, a4, 0xc00921fb54442d18, li a0, 0xc00921fb54442d18; fmv.d.x f1, a0; fmv.d f2, f1; fmv.x.d a4, f2);
  # fsgnj.d with a NaN-boxed single as input reads all 64 bits as a double
  TEST_CASE(17, a4, 0x7fffffff3f800000, li a0, 0x3f800000; fmv.w.x f1, a0; fabs.d f2, f1; fmv.x.d a4, f2);

RVTEST_CODE_END
