# fcvt.s.w/wu/l/lu: integer to floating point, rounding per frm (RNE here).
# Expected results and fflags follow IEEE 754-2008 as required by the RISC-V
# F/D chapters; NaN results are the canonical NaN.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  # fcvt.s.w 0
  TEST_INT_FP_OP_S(2, fcvt.s.w, 0, 0x00000000, 0x0000000000000000);
  # fcvt.s.w 1
  TEST_INT_FP_OP_S(3, fcvt.s.w, 0, 0x3f800000, 0x0000000000000001);
  # fcvt.s.w -1
  TEST_INT_FP_OP_S(4, fcvt.s.w, 0, 0xbf800000, 0xffffffffffffffff);
  # fcvt.s.w 2
  TEST_INT_FP_OP_S(5, fcvt.s.w, 0, 0x40000000, 0x0000000000000002);
  # fcvt.s.w 2147483647
  TEST_INT_FP_OP_S(6, fcvt.s.w, FFLAG_NX, 0x4f000000, 0x000000007fffffff);
  # fcvt.s.w -2147483648
  TEST_INT_FP_OP_S(7, fcvt.s.w, 0, 0xcf000000, 0xffffffff80000000);
  # fcvt.s.w 16777217
  TEST_INT_FP_OP_S(8, fcvt.s.w, FFLAG_NX, 0x4b800000, 0x0000000001000001);
  # fcvt.s.wu 0
  TEST_INT_FP_OP_S(9, fcvt.s.wu, 0, 0x00000000, 0x0000000000000000);
  # fcvt.s.wu 1
  TEST_INT_FP_OP_S(10, fcvt.s.wu, 0, 0x3f800000, 0x0000000000000001);
  # fcvt.s.wu 4294967295
  TEST_INT_FP_OP_S(11, fcvt.s.wu, FFLAG_NX, 0x4f800000, 0x00000000ffffffff);
  # fcvt.s.wu 4294967294
  TEST_INT_FP_OP_S(12, fcvt.s.wu, FFLAG_NX, 0x4f800000, 0x00000000fffffffe);
  # fcvt.s.wu 16777217
  TEST_INT_FP_OP_S(13, fcvt.s.wu, FFLAG_NX, 0x4b800000, 0x0000000001000001);
  # fcvt.s.wu 4294967294
  TEST_INT_FP_OP_S(14, fcvt.s.wu, FFLAG_NX, 0x4f800000, 0xfffffffffffffffe);
  # fcvt.s.l 0
  TEST_INT_FP_OP_S(15, fcvt.s.l, 0, 0x00000000, 0x0000000000000000);
  # fcvt.s.l 1
  TEST_INT_FP_OP_S(16, fcvt.s.l, 0, 0x3f800000, 0x0000000000000001);
  # fcvt.s.l -1
  TEST_INT_FP_OP_S(17, fcvt.s.l, 0, 0xbf800000, 0xffffffffffffffff);
  # fcvt.s.l 9223372036854775807
  TEST_INT_FP_OP_S(18, fcvt.s.l, FFLAG_NX, 0x5f000000, 0x7fffffffffffffff);
  # fcvt.s.l -9223372036854775808
  TEST_INT_FP_OP_S(19, fcvt.s.l, 0, 0xdf000000, 0x8000000000000000);
  # fcvt.s.l 9007199254740993
  TEST_INT_FP_OP_S(20, fcvt.s.l, FFLAG_NX, 0x5a000000, 0x0020000000000001);
  # fcvt.s.l -16777219
  TEST_INT_FP_OP_S(21, fcvt.s.l, FFLAG_NX, 0xcb800002, 0xfffffffffefffffd);
  # fcvt.s.lu 0
  TEST_INT_FP_OP_S(22, fcvt.s.lu, 0, 0x00000000, 0x0000000000000000);
  # fcvt.s.lu 1
  TEST_INT_FP_OP_S(23, fcvt.s.lu, 0, 0x3f800000, 0x0000000000000001);
  # fcvt.s.lu 18446744073709551615
  TEST_INT_FP_OP_S(24, fcvt.s.lu, FFLAG_NX, 0x5f800000, 0xffffffffffffffff);
  # fcvt.s.lu 9007199254740993
  TEST_INT_FP_OP_S(25, fcvt.s.lu, FFLAG_NX, 0x5a000000, 0x0020000000000001);
  # fcvt.s.lu 9223372036854775808
  TEST_INT_FP_OP_S(26, fcvt.s.lu, 0, 0x5f000000, 0x8000000000000000);

RVTEST_CODE_END
