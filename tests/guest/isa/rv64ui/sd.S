# sd: stores of several widths and offsets read back; neighbours untouched.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_ST_OP(2, ld, sd, 0xa5a5a5a5a5a5a5a5, 0, tdat);
  TEST_ST_OP(3, ld, sd, 0x5a5a5a5a5a5a5a5a, 8, tdat);
  TEST_ST_OP(4, ld, sd, 0x0123456789abcdef, 16, tdat);
  TEST_ST_OP(5, ld, sd, 0xfedcba9876543210, -8, tdat);
  TEST_ST_OP(6, ld, sd, 0x0000000000000000, 24, tdat);

  # the bytes beyond the stored width are unchanged
test_7:
  li TESTNUM, 7
  la a0, guard
  li a1, -1
  sd a1, 0(a0)
  ld a4, 0(a0)
  li t6, 0xffffffffffffffff
  bne a4, t6, fail

  # storing x0 writes zeros
test_8:
  li TESTNUM, 8
  la a0, tdat
  li a1, -1
  sd a1, 0(a0)
  sd x0, 0(a0)
  ld a4, 0(a0)
  li t6, 0x0000000000000000
  bne a4, t6, fail

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 3
  .dword 0
tdat: .dword 0, 0, 0, 0
guard: .dword 0x1122334455667788
RVTEST_DATA_END
