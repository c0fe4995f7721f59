# subw: register-register cases, including x0 and aliasing of rd with rs1/rs2
# Expected values follow the RISC-V unprivileged ISA manual (including the
# division-by-zero and overflow results of the M extension).
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_RR_OP(2, subw, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000);
  TEST_RR_OP(3, subw, 0x0000000000000000, 0x0000000000000001, 0x0000000000000001);
  TEST_RR_OP(4, subw, 0xfffffffffffffffc, 0x0000000000000003, 0x0000000000000007);
  TEST_RR_OP(5, subw, 0xfffffffffffffffe, 0xffffffffffffffff, 0x0000000000000001);
  TEST_RR_OP(6, subw, 0x0000000000000000, 0xffffffffffffffff, 0xffffffffffffffff);
  TEST_RR_OP(7, subw, 0xfffffffffffffffe, 0x7fffffffffffffff, 0x0000000000000001);
  TEST_RR_OP(8, subw, 0x0000000000000001, 0x8000000000000000, 0xffffffffffffffff);
  TEST_RR_OP(9, subw, 0xffffffffffffffff, 0x8000000000000000, 0x0000000000000001);
  TEST_RR_OP(10, subw, 0x000000007ffffffe, 0x000000007fffffff, 0x0000000000000001);
  TEST_RR_OP(11, subw, 0xffffffff80000001, 0xffffffff80000000, 0xffffffffffffffff);
  TEST_RR_OP(12, subw, 0x0000000000000000, 0x00000000ffffffff, 0x00000000ffffffff);
  TEST_RR_OP(13, subw, 0x0000000013579bcf, 0x123456789abcdef0, 0x0fedcba987654321);
  TEST_RR_OP(14, subw, 0x000000006543210e, 0x00000000fffffffe, 0x123456789abcdef0);
  TEST_RR_OP(15, subw, 0xffffffffd20c548c, 0x8000000000000001, 0x59ee56d82df3ab75);
  TEST_RR_OP(16, subw, 0xffffffffd93d7f1b, 0xfffffffffffffffd, 0xd8b180f226c280e2);
  TEST_RR_OP(17, subw, 0x000000000b942938, 0x0000000100000001, 0x4beaa3a8f46bd6c9);
  TEST_RR_OP(18, subw, 0x0000000036def827, 0x0000000080000000, 0x5a4187e0492107d9);
  TEST_RR_OP(19, subw, 0x0000000055555557, 0x0000000000000001, 0xaaaaaaaaaaaaaaaa);

  # rd aliases a source register
  TEST_RR_SRC1_EQ_DEST(20, subw, 0xffffffff9abcdeeb, 0x123456789abcdef0, 0x0000000000000005);
  TEST_RR_SRC2_EQ_DEST(21, subw, 0xffffffff9abcdeeb, 0x123456789abcdef0, 0x0000000000000005);
  TEST_RR_SRC12_EQ_DEST(22, subw, 0x0000000000000000, 0x123456789abcdef0);

  # x0 as source reads zero; x0 as destination stays zero
  TEST_RR_ZEROSRC1(23, subw, 0xfffffffffffffffb, 0x0000000000000005);
  TEST_RR_ZEROSRC2(24, subw, 0xffffffff9abcdef0, 0x123456789abcdef0);
  TEST_RR_ZERODEST(25, subw, 0x123456789abcdef0, 0x0000000000000005);

RVTEST_CODE_END
