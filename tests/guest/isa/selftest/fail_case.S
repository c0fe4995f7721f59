# Harness self-test (not an ISA test): case 2 passes, case 3 expects a wrong
# value, so the program must exit with code 3. Proves a runner reports failures.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_RR_OP(2, add, 3, 1, 2);
  TEST_RR_OP(3, add, 4, 1, 2);

RVTEST_CODE_END
