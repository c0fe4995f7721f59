# bne: taken and not-taken cases (signed/unsigned boundaries), both directions.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_BR2_OP_NOTTAKEN(2, bne, 0x0000000000000000, 0x0000000000000000);
  TEST_BR2_OP_NOTTAKEN(3, bne, 0x0000000000000001, 0x0000000000000001);
  TEST_BR2_OP_NOTTAKEN(4, bne, 0xffffffffffffffff, 0xffffffffffffffff);
  TEST_BR2_OP_TAKEN(5, bne, 0x0000000000000000, 0x0000000000000001);
  TEST_BR2_OP_TAKEN(6, bne, 0x0000000000000001, 0x0000000000000000);
  TEST_BR2_OP_TAKEN(7, bne, 0xffffffffffffffff, 0x0000000000000001);
  TEST_BR2_OP_TAKEN(8, bne, 0x0000000000000001, 0xffffffffffffffff);
  TEST_BR2_OP_TAKEN(9, bne, 0xfffffffffffffffe, 0xffffffffffffffff);
  TEST_BR2_OP_TAKEN(10, bne, 0xffffffffffffffff, 0xfffffffffffffffe);
  TEST_BR2_OP_TAKEN(11, bne, 0x7fffffffffffffff, 0x8000000000000000);
  TEST_BR2_OP_TAKEN(12, bne, 0x8000000000000000, 0x7fffffffffffffff);
  TEST_BR2_OP_TAKEN(13, bne, 0x0000000100000000, 0x0000000000000000);
  TEST_BR2_OP_TAKEN(14, bne, 0x00000000ffffffff, 0x0000000100000000);

RVTEST_CODE_END
