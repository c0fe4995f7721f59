# jalr: target = (rs1 + imm) with bit 0 cleared; link = pc+4, written after reading rs1.
#include "test_macros.h"

RVTEST_CODE_BEGIN

test_2:
  li TESTNUM, 2
  la a0, 1f
  jalr a4, a0, 0
2:
  j fail
1:
  la a1, 2b
  bne a4, a1, fail

  # negative offset
test_3:
  li TESTNUM, 3
  la a0, 1f
  addi a0, a0, 16
  jalr a4, a0, -16
  j fail
1:

  # bit 0 of the target is cleared
test_4:
  li TESTNUM, 4
  la a0, 1f
  addi a0, a0, 1
  jalr a4, a0, 0
  j fail
1:

  # rd == rs1: the old value is the target
test_5:
  li TESTNUM, 5
  la a4, 1f
  jalr a4, a4, 0
2:
  j fail
1:
  la a1, 2b
  bne a4, a1, fail

  # rd = x0 (plain indirect jump)
test_6:
  li TESTNUM, 6
  la a0, 1f
  jalr x0, a0, 0
  j fail
1:

RVTEST_CODE_END
