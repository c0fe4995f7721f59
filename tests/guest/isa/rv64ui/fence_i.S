# fence.i: an instruction rewritten in memory is executed in its new form after fence.i.
#include "test_macros.h"

RVTEST_CODE_BEGIN

test_2:
  li TESTNUM, 2
  # run the original once so a translator has cached it
  li a4, 0
  jal ra, patch_site
  li t6, 111
  bne a4, t6, fail

test_3:
  li TESTNUM, 3
  la a0, patch_site
  lw a1, new_insn
  sw a1, 0(a0)
  fence.i
  li a4, 0
  jal ra, patch_site
  li t6, 222
  bne a4, t6, fail

  j pass

patch_site:
  addi a4, zero, 111
  ret

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 2
new_insn:
  addi a4, zero, 222
RVTEST_DATA_END
