# Harness self-test (not an ISA test): an illegal instruction in case 5 with
# no handler installed must exit with 5 + UNEXPECTED_TRAP_BASE = 133.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  li TESTNUM, 5
  .word 0

RVTEST_CODE_END
