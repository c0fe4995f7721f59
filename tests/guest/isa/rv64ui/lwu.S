# lwu: positive and negative offsets, sign/zero extension, x0 destination.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_LD_OP(2, lwu, 0x00000000ff00ff00, 0, tdat);
  TEST_LD_OP(3, lwu, 0x00000000ff00ff00, 4, tdat);
  TEST_LD_OP(4, lwu, 0x000000000ff00ff0, 8, tdat);
  TEST_LD_OP(5, lwu, 0x000000000ff00ff0, 12, tdat);
  TEST_LD_OP(6, lwu, 0x000000000ff00ff0, 8, tdat);
  TEST_LD_OP(7, lwu, 0x00000000f00ff00f, 16, tdat);
  TEST_LD_OP(8, lwu, 0x0000000000ff00ff, -4, tdat);
  TEST_LD_OP(9, lwu, 0x0000000000ff00ff, -8, tdat);
  TEST_LD_ZERODEST(10, lwu, 0, tdat);

  # base register written by the load itself (rd == rs1)
test_11:
  li TESTNUM, 11
  la a4, tdat
  lwu a4, 0(a4)
  li t6, 0x00000000ff00ff00
  bne a4, t6, fail

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 3
tdat0: .dword 0x00ff00ff00ff00ff
tdat:  .dword 0xff00ff00ff00ff00
       .dword 0x0ff00ff00ff00ff0
       .dword 0xf00ff00ff00ff00f
RVTEST_DATA_END
