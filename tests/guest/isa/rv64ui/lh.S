# lh: positive and negative offsets, sign/zero extension, x0 destination.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_LD_OP(2, lh, 0xffffffffffffff00, 0, tdat);
  TEST_LD_OP(3, lh, 0xffffffffffffff00, 2, tdat);
  TEST_LD_OP(4, lh, 0xffffffffffffff00, 4, tdat);
  TEST_LD_OP(5, lh, 0xffffffffffffff00, 6, tdat);
  TEST_LD_OP(6, lh, 0x0000000000000ff0, 8, tdat);
  TEST_LD_OP(7, lh, 0xfffffffffffff00f, 16, tdat);
  TEST_LD_OP(8, lh, 0x00000000000000ff, -2, tdat);
  TEST_LD_OP(9, lh, 0x00000000000000ff, -8, tdat);
  TEST_LD_ZERODEST(10, lh, 0, tdat);

  # base register written by the load itself (rd == rs1)
test_11:
  li TESTNUM, 11
  la a4, tdat
  lh a4, 0(a4)
  li t6, 0xffffffffffffff00
  bne a4, t6, fail

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 3
tdat0: .dword 0x00ff00ff00ff00ff
tdat:  .dword 0xff00ff00ff00ff00
       .dword 0x0ff00ff00ff00ff0
       .dword 0xf00ff00ff00ff00f
RVTEST_DATA_END
