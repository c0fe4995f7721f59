# sb: stores of several widths and offsets read back; neighbours untouched.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_ST_OP(2, lbu, sb, 0x00000000000000a5, 0, tdat);
  TEST_ST_OP(3, lbu, sb, 0x000000000000005a, 1, tdat);
  TEST_ST_OP(4, lbu, sb, 0x00000000000000ef, 2, tdat);
  TEST_ST_OP(5, lbu, sb, 0x0000000000000010, -1, tdat);
  TEST_ST_OP(6, lbu, sb, 0x0000000000000000, 3, tdat);

  # the bytes beyond the stored width are unchanged
test_7:
  li TESTNUM, 7
  la a0, guard
  li a1, -1
  sb a1, 0(a0)
  ld a4, 0(a0)
  li t6, 0x11223344556677ff
  bne a4, t6, fail

  # storing x0 writes zeros
test_8:
  li TESTNUM, 8
  la a0, tdat
  li a1, -1
  sd a1, 0(a0)
  sb x0, 0(a0)
  ld a4, 0(a0)
  li t6, 0xffffffffffffff00
  bne a4, t6, fail

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 3
  .dword 0
tdat: .dword 0, 0, 0, 0
guard: .dword 0x1122334455667788
RVTEST_DATA_END
