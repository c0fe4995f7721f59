# feq.s, flt.s, fle.s: feq is quiet (NV only for sNaN); flt/fle signal on any NaN.
# Expected results and fflags follow IEEE 754-2008 as required by the RISC-V
# F/D chapters; NaN results are the canonical NaN.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  # feq 1.0, 1.0
  TEST_FP_CMP_OP_S_HEX(2, feq.s, 0, 1, 0x3f800000, 0x3f800000);
  # feq -1.0, 1.0
  TEST_FP_CMP_OP_S_HEX(3, feq.s, 0, 0, 0xbf800000, 0x3f800000);
  # feq 1.0, -1.0
  TEST_FP_CMP_OP_S_HEX(4, feq.s, 0, 0, 0x3f800000, 0xbf800000);
  # feq -2.5, -2.5
  TEST_FP_CMP_OP_S_HEX(5, feq.s, 0, 1, 0xc0200000, 0xc0200000);
  # -0 equals +0
  TEST_FP_CMP_OP_S_HEX(6, feq.s, 0, 1, 0x80000000, 0x00000000);
  # quiet NaN
  TEST_FP_CMP_OP_S_HEX(7, feq.s, 0, 0, 0x7fc00000, 0x3f800000);
  # signaling NaN
  TEST_FP_CMP_OP_S_HEX(8, feq.s, FFLAG_NV, 0, 0x7f800001, 0x3f800000);
  # flt 1.0, 1.0
  TEST_FP_CMP_OP_S_HEX(9, flt.s, 0, 0, 0x3f800000, 0x3f800000);
  # flt -1.0, 1.0
  TEST_FP_CMP_OP_S_HEX(10, flt.s, 0, 1, 0xbf800000, 0x3f800000);
  # flt 1.0, -1.0
  TEST_FP_CMP_OP_S_HEX(11, flt.s, 0, 0, 0x3f800000, 0xbf800000);
  # flt -2.5, -2.5
  TEST_FP_CMP_OP_S_HEX(12, flt.s, 0, 0, 0xc0200000, 0xc0200000);
  # -0 equals +0
  TEST_FP_CMP_OP_S_HEX(13, flt.s, 0, 0, 0x80000000, 0x00000000);
  # quiet NaN
  TEST_FP_CMP_OP_S_HEX(14, flt.s, FFLAG_NV, 0, 0x7fc00000, 0x3f800000);
  # signaling NaN
  TEST_FP_CMP_OP_S_HEX(15, flt.s, FFLAG_NV, 0, 0x7f800001, 0x3f800000);
  # fle 1.0, 1.0
  TEST_FP_CMP_OP_S_HEX(16, fle.s, 0, 1, 0x3f800000, 0x3f800000);
  # fle -1.0, 1.0
  TEST_FP_CMP_OP_S_HEX(17, fle.s, 0, 1, 0xbf800000, 0x3f800000);
  # fle 1.0, -1.0
  TEST_FP_CMP_OP_S_HEX(18, fle.s, 0, 0, 0x3f800000, 0xbf800000);
  # fle -2.5, -2.5
  TEST_FP_CMP_OP_S_HEX(19, fle.s, 0, 1, 0xc0200000, 0xc0200000);
  # -0 equals +0
  TEST_FP_CMP_OP_S_HEX(20, fle.s, 0, 1, 0x80000000, 0x00000000);
  # quiet NaN
  TEST_FP_CMP_OP_S_HEX(21, fle.s, FFLAG_NV, 0, 0x7fc00000, 0x3f800000);
  # signaling NaN
  TEST_FP_CMP_OP_S_HEX(22, fle.s, FFLAG_NV, 0, 0x7f800001, 0x3f800000);

RVTEST_CODE_END
