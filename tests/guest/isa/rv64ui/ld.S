# ld: positive and negative offsets, sign/zero extension, x0 destination.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_LD_OP(2, ld, 0xff00ff00ff00ff00, 0, tdat);
  TEST_LD_OP(3, ld, 0x0ff00ff00ff00ff0, 8, tdat);
  TEST_LD_OP(4, ld, 0xf00ff00ff00ff00f, 16, tdat);
  TEST_LD_OP(5, ld, 0x0ff00ff00ff00ff0, 8, tdat);
  TEST_LD_OP(6, ld, 0xf00ff00ff00ff00f, 16, tdat);
  TEST_LD_OP(7, ld, 0x00ff00ff00ff00ff, -8, tdat);
  TEST_LD_OP(8, ld, 0x00ff00ff00ff00ff, -8, tdat);
  TEST_LD_ZERODEST(9, ld, 0, tdat);

  # base register written by the load itself (rd == rs1)
test_10:
  li TESTNUM, 10
  la a4, tdat
  ld a4, 0(a4)
  li t6, 0xff00ff00ff00ff00
  bne a4, t6, fail

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 3
tdat0: .dword 0x00ff00ff00ff00ff
tdat:  .dword 0xff00ff00ff00ff00
       .dword 0x0ff00ff00ff00ff0
       .dword 0xf00ff00ff00ff00f
RVTEST_DATA_END
