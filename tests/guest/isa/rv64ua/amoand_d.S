# amoand.d: rd gets the old memory value;
# memory gets and(old, rs2).
#include "test_macros.h"

RVTEST_CODE_BEGIN

test_2:
  li TESTNUM, 2
  la a0, amo_word
  li a2, 0xffffffff80000000
  sd a2, 0(a0)
  li a1, 0xfffffffffffff800
  amoand.d a4, a1, (a0)
  li t6, 0xffffffff80000000
  bne a4, t6, fail
  ld a5, 0(a0)
  li t6, 0xffffffff80000000
  bne a5, t6, fail
test_3:
  li TESTNUM, 3
  la a0, amo_word
  li a2, 0x0000000000000001
  sd a2, 0(a0)
  li a1, 0xffffffffffffffff
  amoand.d.aq a4, a1, (a0)
  li t6, 0x0000000000000001
  bne a4, t6, fail
  ld a5, 0(a0)
  li t6, 0x0000000000000001
  bne a5, t6, fail
test_4:
  li TESTNUM, 4
  la a0, amo_word
  li a2, 0x7fffffffffffffff
  sd a2, 0(a0)
  li a1, 0x8000000000000001
  amoand.d.rl a4, a1, (a0)
  li t6, 0x7fffffffffffffff
  bne a4, t6, fail
  ld a5, 0(a0)
  li t6, 0x0000000000000001
  bne a5, t6, fail
test_5:
  li TESTNUM, 5
  la a0, amo_word
  li a2, 0x00000000ffffffff
  sd a2, 0(a0)
  li a1, 0x0000000100000001
  amoand.d.aqrl a4, a1, (a0)
  li t6, 0x00000000ffffffff
  bne a4, t6, fail
  ld a5, 0(a0)
  li t6, 0x0000000000000001
  bne a5, t6, fail
test_6:
  li TESTNUM, 6
  la a0, amo_word
  li a2, 0x1234567887654321
  sd a2, 0(a0)
  li a1, 0x0fedcba90fedcba9
  amoand.d a4, a1, (a0)
  li t6, 0x1234567887654321
  bne a4, t6, fail
  ld a5, 0(a0)
  li t6, 0x0224422807654321
  bne a5, t6, fail

  # rd = x0 still performs the memory update
test_7:
  li TESTNUM, 7
  la a0, amo_word
  li a2, 5
  sd a2, 0(a0)
  li a1, 3
  amoand.d x0, a1, (a0)
  ld a5, 0(a0)
  li t6, 0x0000000000000001
  bne a5, t6, fail

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 3
amo_word: .dword 0
  .dword 0
RVTEST_DATA_END
