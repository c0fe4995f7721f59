# blt: taken and not-taken cases (signed/unsigned boundaries), both directions.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_BR2_OP_NOTTAKEN(2, blt, 0x0000000000000000, 0x0000000000000000);
  TEST_BR2_OP_NOTTAKEN(3, blt, 0x0000000000000001, 0x0000000000000001);
  TEST_BR2_OP_NOTTAKEN(4, blt, 0xffffffffffffffff, 0xffffffffffffffff);
  TEST_BR2_OP_TAKEN(5, blt, 0x0000000000000000, 0x0000000000000001);
  TEST_BR2_OP_NOTTAKEN(6, blt, 0x0000000000000001, 0x0000000000000000);
  TEST_BR2_OP_TAKEN(7, blt, 0xffffffffffffffff, 0x0000000000000001);
  TEST_BR2_OP_NOTTAKEN(8, blt, 0x0000000000000001, 0xffffffffffffffff);
  TEST_BR2_OP_TAKEN(9, blt, 0xfffffffffffffffe, 0xffffffffffffffff);
  TEST_BR2_OP_NOTTAKEN(10, blt, 0xffffffffffffffff, 0xfffffffffffffffe);
  TEST_BR2_OP_NOTTAKEN(11, blt, 0x7fffffffffffffff, 0x8000000000000000);
  TEST_BR2_OP_TAKEN(12, blt, 0x8000000000000000, 0x7fffffffffffffff);
  TEST_BR2_OP_NOTTAKEN(13, blt, 0x0000000100000000, 0x0000000000000000);
  TEST_BR2_OP_TAKEN(14, blt, 0x00000000ffffffff, 0x0000000100000000);

RVTEST_CODE_END
