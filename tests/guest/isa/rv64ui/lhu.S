# lhu: positive and negative offsets, sign/zero extension, x0 destination.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_LD_OP(2, lhu, 0x000000000000ff00, 0, tdat);
  TEST_LD_OP(3, lhu, 0x000000000000ff00, 2, tdat);
  TEST_LD_OP(4, lhu, 0x000000000000ff00, 4, tdat);
  TEST_LD_OP(5, lhu, 0x000000000000ff00, 6, tdat);
  TEST_LD_OP(6, lhu, 0x0000000000000ff0, 8, tdat);
  TEST_LD_OP(7, lhu, 0x000000000000f00f, 16, tdat);
  TEST_LD_OP(8, lhu, 0x00000000000000ff, -2, tdat);
  TEST_LD_OP(9, lhu, 0x00000000000000ff, -8, tdat);
  TEST_LD_ZERODEST(10, lhu, 0, tdat);

  # base register written by the load itself (rd == rs1)
test_11:
  li TESTNUM, 11
  la a4, tdat
  lhu a4, 0(a4)
  li t6, 0x000000000000ff00
  bne a4, t6, fail

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 3
tdat0: .dword 0x00ff00ff00ff00ff
tdat:  .dword 0xff00ff00ff00ff00
       .dword 0x0ff00ff00ff00ff0
       .dword 0xf00ff00ff00ff00f
RVTEST_DATA_END
