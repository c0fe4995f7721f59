# lb: positive and negative offsets, sign/zero extension, x0 destination.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_LD_OP(2, lb, 0x0000000000000000, 0, tdat);
  TEST_LD_OP(3, lb, 0xffffffffffffffff, 1, tdat);
  TEST_LD_OP(4, lb, 0x0000000000000000, 2, tdat);
  TEST_LD_OP(5, lb, 0xffffffffffffffff, 3, tdat);
  TEST_LD_OP(6, lb, 0xfffffffffffffff0, 8, tdat);
  TEST_LD_OP(7, lb, 0x000000000000000f, 16, tdat);
  TEST_LD_OP(8, lb, 0x0000000000000000, -1, tdat);
  TEST_LD_OP(9, lb, 0xffffffffffffffff, -8, tdat);
  TEST_LD_ZERODEST(10, lb, 0, tdat);

  # base register written by the load itself (rd == rs1)
test_11:
  li TESTNUM, 11
  la a4, tdat
  lb a4, 0(a4)
  li t6, 0x0000000000000000
  bne a4, t6, fail

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 3
tdat0: .dword 0x00ff00ff00ff00ff
tdat:  .dword 0xff00ff00ff00ff00
       .dword 0x0ff00ff00ff00ff0
       .dword 0xf00ff00ff00ff00f
RVTEST_DATA_END
