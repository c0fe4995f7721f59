# bgeu: taken and not-taken cases (signed/unsigned boundaries), both directions.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_BR2_OP_TAKEN(2, bgeu, 0x0000000000000000, 0x0000000000000000);
  TEST_BR2_OP_TAKEN(3, bgeu, 0x0000000000000001, 0x0000000000000001);
  TEST_BR2_OP_TAKEN(4, bgeu, 0xffffffffffffffff, 0xffffffffffffffff);
  TEST_BR2_OP_NOTTAKEN(5, bgeu, 0x0000000000000000, 0x0000000000000001);
  TEST_BR2_OP_TAKEN(6, bgeu, 0x0000000000000001, 0x0000000000000000);
  TEST_BR2_OP_TAKEN(7, bgeu, 0xffffffffffffffff, 0x0000000000000001);
  TEST_BR2_OP_NOTTAKEN(8, bgeu, 0x0000000000000001, 0xffffffffffffffff);
  TEST_BR2_OP_NOTTAKEN(9, bgeu, 0xfffffffffffffffe, 0xffffffffffffffff);
  TEST_BR2_OP_TAKEN(10, bgeu, 0xffffffffffffffff, 0xfffffffffffffffe);
  TEST_BR2_OP_NOTTAKEN(11, bgeu, 0x7fffffffffffffff, 0x8000000000000000);
  TEST_BR2_OP_TAKEN(12, bgeu, 0x8000000000000000, 0x7fffffffffffffff);
  TEST_BR2_OP_TAKEN(13, bgeu, 0x0000000100000000, 0x0000000000000000);
  TEST_BR2_OP_NOTTAKEN(14, bgeu, 0x00000000ffffffff, 0x0000000100000000);

RVTEST_CODE_END
