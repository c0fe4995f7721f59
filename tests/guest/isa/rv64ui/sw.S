# sw: stores of several widths and offsets read back; neighbours untouched.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_ST_OP(2, lwu, sw, 0x00000000a5a5a5a5, 0, tdat);
  TEST_ST_OP(3, lwu, sw, 0x000000005a5a5a5a, 4, tdat);
  TEST_ST_OP(4, lwu, sw, 0x0000000089abcdef, 8, tdat);
  TEST_ST_OP(5, lwu, sw, 0x0000000076543210, -4, tdat);
  TEST_ST_OP(6, lwu, sw, 0x0000000000000000, 12, tdat);

  # the bytes beyond the stored width are unchanged
test_7:
  li TESTNUM, 7
  la a0, guard
  li a1, -1
  sw a1, 0(a0)
  ld a4, 0(a0)
  li t6, 0x11223344ffffffff
  bne a4, t6, fail

  # storing x0 writes zeros
test_8:
  li TESTNUM, 8
  la a0, tdat
  li a1, -1
  sd a1, 0(a0)
  sw x0, 0(a0)
  ld a4, 0(a0)
  li t6, 0xffffffff00000000
  bne a4, t6, fail

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 3
  .dword 0
tdat: .dword 0, 0, 0, 0
guard: .dword 0x1122334455667788
RVTEST_DATA_END
