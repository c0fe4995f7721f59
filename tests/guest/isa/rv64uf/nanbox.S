# NaN-boxing: single-precision results are written with the upper 32 bits set;
# a single-precision input that is not properly boxed reads as the canonical NaN.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  # results are boxed
  TEST_CASE(2, a4, 0xffffffff40400000, li a0, 0x3f800000; fmv.w.x f1, a0; li a0, 0x40000000; fmv.w.x f2, a0; fadd.s f3, f1, f2; fmv.x.d a4, f3);
  TEST_CASE(3, a4, 0xffffffff3f800000, li a0, 1; fcvt.s.l f3, a0; fmv.x.d a4, f3);
  TEST_CASE(4, a4, 0xffffffffbf800000, li a0, 0xbf800000; fmv.w.x f3, a0; fmv.x.d a4, f3);

  # an unboxed input (upper bits not all ones) is the canonical NaN
  TEST_CASE(5, a4, 0x000000007fc00000, li a0, 0x000000003f800000; fmv.d.x f1, a0; fadd.s f3, f1, f1; fmv.x.w a4, f3);
  TEST_CASE(6, a4, 0, frflags a4; fsflags x0);
  TEST_CASE(7, a4, 0x0000000000000200, li a0, 0xfffffffe3f800000; fmv.d.x f1, a0; fclass.s a4, f1);
  # sign injection from an unboxed operand: magnitude of the canonical NaN
  TEST_CASE(8, a4, 0xffffffff7fc00000, li a0, 0x3f800000; fmv.d.x f1, a0; fsgnj.s f3, f1, f1; fmv.x.d a4, f3);
  # fmv.x.w ignores boxing and moves the low 32 bits
  TEST_CASE(9, a4, 0x000000003f800000, li a0, 0x123456783f800000; fmv.d.x f1, a0; fmv.x.w a4, f1);
  # fcvt.d.s of an unboxed value: canonical NaN
  TEST_CASE(10, a4, 0x7ff8000000000000, li a0, 0x3f800000; fmv.d.x f1, a0; fcvt.d.s f3, f1; fmv.x.d a4, f3);
  # fsw of an unboxed value still stores its low bits
  TEST_CASE(11, a4, 0x000000003f800000, li a0, 0x003f800000; fmv.d.x f1, a0; la a1, tdat; fsw f1, 0(a1); lwu a4, 0(a1));

RVTEST_CODE_END

RVTEST_DATA_BEGIN
tdat: .dword 0
RVTEST_DATA_END
