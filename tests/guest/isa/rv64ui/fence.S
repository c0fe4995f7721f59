# fence and its variants execute as ordering no-ops on a single hart; memory stays coherent.
#include "test_macros.h"

RVTEST_CODE_BEGIN

test_2:
  li TESTNUM, 2
  la a0, tdat
  li a1, 0x55
  sd a1, 0(a0)
  fence
  fence rw, rw
  fence w, r
  fence i, o
  fence.tso
  ld a4, 0(a0)
  bne a4, a1, fail

test_3:
  li TESTNUM, 3
  # pause is a fence hint (fence w, 0) and must not trap
  .word 0x0100000f
  nop

RVTEST_CODE_END

RVTEST_DATA_BEGIN
tdat: .dword 0
RVTEST_DATA_END
