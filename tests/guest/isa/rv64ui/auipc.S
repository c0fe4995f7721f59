# auipc: pc + (imm << 12), with a sign-extended immediate.
#include "test_macros.h"

RVTEST_CODE_BEGIN

test_2:
  li TESTNUM, 2
1:
  auipc a4, 0
  la a1, 1b
  bne a4, a1, fail

test_3:
  li TESTNUM, 3
1:
  auipc a4, 1
  la a1, 1b
  sub a4, a4, a1
  li t6, 0x1000
  bne a4, t6, fail

test_4:
  li TESTNUM, 4
1:
  auipc a4, 0xfffff
  la a1, 1b
  sub a4, a4, a1
  li t6, -0x1000
  bne a4, t6, fail

test_5:
  li TESTNUM, 5
1:
  auipc a4, 0x80000
  la a1, 1b
  sub a4, a4, a1
  li t6, 0xffffffff80000000
  bne a4, t6, fail

RVTEST_CODE_END
