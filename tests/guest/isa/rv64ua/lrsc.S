# lr/sc: a matching sc succeeds (rd = 0) and stores; an sc without a reservation
# fails (rd != 0) and does not store; a failed sc still ends the reservation.
#include "test_macros.h"

RVTEST_CODE_BEGIN

test_2:
  li TESTNUM, 2
  la a0, lr_word
  li a1, 0x1234
  sd a1, 0(a0)
  lr.d a4, (a0)
  bne a4, a1, fail
  li a2, 0x5678
  sc.d a5, a2, (a0)
  bnez a5, fail
  ld a4, 0(a0)
  bne a4, a2, fail

  # sc with no outstanding reservation fails: the previous sc consumed it
test_3:
  li TESTNUM, 3
  la a0, lr_word
  li a2, 0x9999
  sc.d a5, a2, (a0)
  beqz a5, fail
  ld a4, 0(a0)
  li t6, 0x5678
  bne a4, t6, fail

  # word forms sign-extend the loaded value
test_4:
  li TESTNUM, 4
  la a0, lr_word
  li a1, 0x80000001
  sw a1, 0(a0)
  lr.w.aq a4, (a0)
  li t6, 0xffffffff80000001
  bne a4, t6, fail
  li a2, 0x7fffffff
  sc.w.rl a5, a2, (a0)
  bnez a5, fail
  lw a4, 0(a0)
  bne a4, a2, fail

  # an lr/sc increment loop terminates with the right count
test_5:
  li TESTNUM, 5
  la a0, lr_word
  sd zero, 0(a0)
  li a3, 100
1:
  lr.d.aqrl a4, (a0)
  addi a4, a4, 1
  sc.d.aqrl a5, a4, (a0)
  bnez a5, 1b
  addi a3, a3, -1
  bnez a3, 1b
  ld a4, 0(a0)
  li t6, 100
  bne a4, t6, fail

  # sc.w to a different address than the reservation must not store there if it fails
test_6:
  li TESTNUM, 6
  la a0, lr_word
  la a1, other_word
  li t0, 7
  sd t0, 0(a1)
  lr.w a4, (a0)
  li a2, 42
  sc.w a5, a2, (a1)
  ld a4, 0(a1)
  beqz a5, 2f
  # failed: memory unchanged
  li t6, 7
  bne a4, t6, fail
  j 3f
2:
  # succeeded (allowed by the spec): the store happened
  li t6, 42
  bne a4, t6, fail
3:

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 4
lr_word: .dword 0
  .align 6
other_word: .dword 0
RVTEST_DATA_END
