# beq: taken and not-taken cases (signed/unsigned boundaries), both directions.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_BR2_OP_TAKEN(2, beq, 0x0000000000000000, 0x0000000000000000);
  TEST_BR2_OP_TAKEN(3, beq, 0x0000000000000001, 0x0000000000000001);
  TEST_BR2_OP_TAKEN(4, beq, 0xffffffffffffffff, 0xffffffffffffffff);
  TEST_BR2_OP_NOTTAKEN(5, beq, 0x0000000000000000, 0x0000000000000001);
  TEST_BR2_OP_NOTTAKEN(6, beq, 0x0000000000000001, 0x0000000000000000);
  TEST_BR2_OP_NOTTAKEN(7, beq, 0xffffffffffffffff, 0x0000000000000001);
  TEST_BR2_OP_NOTTAKEN(8, beq, 0x0000000000000001, 0xffffffffffffffff);
  TEST_BR2_OP_NOTTAKEN(9, beq, 0xfffffffffffffffe, 0xffffffffffffffff);
  TEST_BR2_OP_NOTTAKEN(10, beq, 0xffffffffffffffff, 0xfffffffffffffffe);
  TEST_BR2_OP_NOTTAKEN(11, beq, 0x7fffffffffffffff, 0x8000000000000000);
  TEST_BR2_OP_NOTTAKEN(12, beq, 0x8000000000000000, 0x7fffffffffffffff);
  TEST_BR2_OP_NOTTAKEN(13, beq, 0x0000000100000000, 0x0000000000000000);
  TEST_BR2_OP_NOTTAKEN(14, beq, 0x00000000ffffffff, 0x0000000100000000);

RVTEST_CODE_END
