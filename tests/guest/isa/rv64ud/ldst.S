# fld/fsd move 64 bits unchanged, including signalling NaNs, with no flags.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_CASE(2, a4, 0xbff0000000000000, la a0, tdat; fld f1, 8(a0); fsd f1, 32(a0); ld a4, 32(a0));
  TEST_CASE(3, a4, 0x4000000000000000, la a0, tdat; fld f1, 0(a0); fsd f1, 40(a0); ld a4, 40(a0));
  TEST_CASE(4, a4, 0x7ff0000000000001, la a0, tdat; fld f1, 16(a0); fsd f1, 48(a0); ld a4, 48(a0));
  TEST_CASE(5, a4, 0, frflags a4);
  TEST_CASE(6, a4, 0x3ff0000000000000, la a0, tdat; addi a0, a0, 32; fld f1, -8(a0); fmv.x.d a4, f1);
  # fsd of a register holding a single stores the NaN-boxed 64-bit pattern
  TEST_CASE(7, a4, 0xffffffff3f800000, la a0, tdat; li a1, 0x3f800000; fmv.w.x f1, a1; fsd f1, 56(a0); ld a4, 56(a0));

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 3
tdat:
  .dword 0x4000000000000000, 0xbff0000000000000, 0x7ff0000000000001, 0x3ff0000000000000
  .dword 0, 0, 0, 0
RVTEST_DATA_END
