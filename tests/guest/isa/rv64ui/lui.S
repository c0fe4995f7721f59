# lui: the 20-bit immediate lands in bits 31..12 and is sign-extended to 64 bits.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_CASE(2, a4, 0x0000000000000000, lui a4, 0x00000);
  TEST_CASE(3, a4, 0x0000000000001000, lui a4, 0x00001);
  TEST_CASE(4, a4, 0x000000007ffff000, lui a4, 0x7ffff);
  TEST_CASE(5, a4, 0xffffffff80000000, lui a4, 0x80000);
  TEST_CASE(6, a4, 0xfffffffffffff000, lui a4, 0xfffff);
  TEST_CASE(7, a4, 0xffffffffffffefff, lui a4, 0xfffff; addi a4, a4, -1);
  TEST_CASE(8, a4, 0x0000000000000000, lui x0, 0x12345; mv a4, x0);

RVTEST_CODE_END
