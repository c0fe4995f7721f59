# flw/fsw: bits move unchanged (no canonicalisation of NaNs); flw NaN-boxes the
# value in a 64-bit register; fsw stores only the low 32 bits.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_CASE(2, a4, 0xbf800000deadbeef, la a0, tdat; flw f1, 4(a0); fsw f1, 20(a0); ld a4, 16(a0));
  TEST_CASE(3, a4, 0x1234567840000000, la a0, tdat; flw f1, 0(a0); fsw f1, 24(a0); ld a4, 24(a0));
  # a signalling NaN passes through a load/store pair untouched, with no flags
  TEST_CASE(4, a4, 0x000000007f800001, la a0, tdat; flw f1, 8(a0); fsw f1, 32(a0); lw a4, 32(a0));
  TEST_CASE(5, a4, 0, frflags a4);
  # the loaded single is NaN-boxed: upper 32 bits all ones
  TEST_CASE(6, a4, 0xffffffff40000000, la a0, tdat; flw f1, 0(a0); fmv.x.d a4, f1);
  # negative offset
  TEST_CASE(7, a4, 0xffffffffbf800000, la a0, tdat; addi a0, a0, 8; flw f1, -4(a0); fmv.x.w a4, f1);

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 3
tdat:
  .word 0x40000000, 0xbf800000, 0x7f800001, 0xffffffff
  .word 0xdeadbeef, 0xdeadbeef, 0x99999999, 0x12345678
  .word 0, 0
RVTEST_DATA_END
