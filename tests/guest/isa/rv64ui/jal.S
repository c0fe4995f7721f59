# jal: link register gets pc+4; forward and backward targets; rd = x0 discards the link.
#include "test_macros.h"

RVTEST_CODE_BEGIN

test_2:
  li TESTNUM, 2
  jal a4, 1f
2:
  j fail
1:
  la a1, 2b
  bne a4, a1, fail

test_3:
  li TESTNUM, 3
  j 2f
1:
  j 3f
2:
  jal x0, 1b
  j fail
3:
  bne x0, zero, fail

test_4:
  li TESTNUM, 4
  li ra, 0
  jal 1f
2:
  j fail
1:
  la a1, 2b
  bne ra, a1, fail

RVTEST_CODE_END
