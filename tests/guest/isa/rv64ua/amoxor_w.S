# amoxor.w: rd gets the old memory value (sign-extended from 32 bits);
# memory gets xor(old, rs2) computed on the low 32 bits.
#include "test_macros.h"

RVTEST_CODE_BEGIN

test_2:
  li TESTNUM, 2
  la a0, amo_word
  li a2, 0xffffffff80000000
  sw a2, 0(a0)
  li a1, 0xfffffffffffff800
  amoxor.w a4, a1, (a0)
  li t6, 0xffffffff80000000
  bne a4, t6, fail
  lw a5, 0(a0)
  li t6, 0x000000007ffff800
  bne a5, t6, fail
test_3:
  li TESTNUM, 3
  la a0, amo_word
  li a2, 0x0000000000000001
  sw a2, 0(a0)
  li a1, 0xffffffffffffffff
  amoxor.w.aq a4, a1, (a0)
  li t6, 0x0000000000000001
  bne a4, t6, fail
  lw a5, 0(a0)
  li t6, 0xfffffffffffffffe
  bne a5, t6, fail
test_4:
  li TESTNUM, 4
  la a0, amo_word
  li a2, 0x7fffffffffffffff
  sw a2, 0(a0)
  li a1, 0x8000000000000001
  amoxor.w.rl a4, a1, (a0)
  li t6, 0xffffffffffffffff
  bne a4, t6, fail
  lw a5, 0(a0)
  li t6, 0xfffffffffffffffe
  bne a5, t6, fail
test_5:
  li TESTNUM, 5
  la a0, amo_word
  li a2, 0x00000000ffffffff
  sw a2, 0(a0)
  li a1, 0x0000000100000001
  amoxor.w.aqrl a4, a1, (a0)
  li t6, 0xffffffffffffffff
  bne a4, t6, fail
  lw a5, 0(a0)
  li t6, 0xfffffffffffffffe
  bne a5, t6, fail
test_6:
  li TESTNUM, 6
  la a0, amo_word
  li a2, 0x1234567887654321
  sw a2, 0(a0)
  li a1, 0x0fedcba90fedcba9
  amoxor.w a4, a1, (a0)
  li t6, 0xffffffff87654321
  bne a4, t6, fail
  lw a5, 0(a0)
  li t6, 0xffffffff88888888
  bne a5, t6, fail

  # a word AMO leaves the neighbouring word alone
test_7:
  li TESTNUM, 7
  la a0, amo_word
  li a2, -1
  sd a2, 0(a0)
  li a1, 0
  amoxor.w a4, a1, (a0)
  lw a5, 4(a0)
  li t6, -1
  bne a5, t6, fail

  # rd = x0 still performs the memory update
test_8:
  li TESTNUM, 8
  la a0, amo_word
  li a2, 5
  sd a2, 0(a0)
  li a1, 3
  amoxor.w x0, a1, (a0)
  lw a5, 0(a0)
  li t6, 0x0000000000000006
  bne a5, t6, fail

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 3
amo_word: .dword 0
  .dword 0
RVTEST_DATA_END
