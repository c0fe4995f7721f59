# With C enabled, targets only need 2-byte alignment: jumps and branches to
# pc % 4 == 2 do not trap, and jalr clears bit 0 of the target instead of trapping.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  # jalr to an odd address lands on the even address below it
test_2:
  li TESTNUM, 2
  la a0, 1f
  addi a0, a0, 1
  jalr ra, a0, 0
  j fail
  .align 2
1:

  # jalr to a 2-byte aligned (not 4-byte aligned) target
test_3:
  li TESTNUM, 3
  la a0, 2f
  jalr ra, a0, 0
  j fail
  .align 2
  c.nop
2:
  andi a1, a0, 3
  li t6, 2
  bne a1, t6, fail

  # jal and a taken branch to pc % 4 == 2
test_4:
  li TESTNUM, 4
  .option push
  .option norvc
  jal x0, 3f
  .option pop
  j fail
  .align 2
  c.nop
3:
  li a0, 1
  .option push
  .option norvc
  bnez a0, 4f
  .option pop
  j fail
  .align 2
  c.nop
4:
  la a1, 4b
  andi a1, a1, 3
  li t6, 2
  bne a1, t6, fail

  # a 32-bit instruction that straddles a 4-byte boundary executes normally
test_5:
  li TESTNUM, 5
  .align 2
  c.nop
  .option push
  .option norvc
  addi a4, zero, 77
  .option pop
  li t6, 77
  bne a4, t6, fail

RVTEST_CODE_END
