# bge: taken and not-taken cases (signed/unsigned boundaries), both directions.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_BR2_OP_TAKEN(2, bge, 0x0000000000000000, 0x0000000000000000);
  TEST_BR2_OP_TAKEN(3, bge, 0x0000000000000001, 0x0000000000000001);
  TEST_BR2_OP_TAKEN(4, bge, 0xffffffffffffffff, 0xffffffffffffffff);
  TEST_BR2_OP_NOTTAKEN(5, bge, 0x0000000000000000, 0x0000000000000001);
  TEST_BR2_OP_TAKEN(6, bge, 0x0000000000000001, 0x0000000000000000);
  TEST_BR2_OP_NOTTAKEN(7, bge, 0xffffffffffffffff, 0x0000000000000001);
  TEST_BR2_OP_TAKEN(8, bge, 0x0000000000000001, 0xffffffffffffffff);
  TEST_BR2_OP_NOTTAKEN(9, bge, 0xfffffffffffffffe, 0xffffffffffffffff);
  TEST_BR2_OP_TAKEN(10, bge, 0xffffffffffffffff, 0xfffffffffffffffe);
  TEST_BR2_OP_TAKEN(11, bge, 0x7fffffffffffffff, 0x8000000000000000);
  TEST_BR2_OP_NOTTAKEN(12, bge, 0x8000000000000000, 0x7fffffffffffffff);
  TEST_BR2_OP_TAKEN(13, bge, 0x0000000100000000, 0x0000000000000000);
  TEST_BR2_OP_NOTTAKEN(14, bge, 0x00000000ffffffff, 0x0000000100000000);

RVTEST_CODE_END
