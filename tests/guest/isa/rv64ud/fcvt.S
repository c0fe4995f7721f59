# fcvt.d.w/wu/l/lu: integer to floating point, rounding per frm (RNE here).
# Expected results and fflags follow IEEE 754-2008 as required by the RISC-V
# F/D chapters; NaN results are the canonical NaN.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  # fcvt.d.w 0
  TEST_INT_FP_OP_D(2, fcvt.d.w, 0, 0x0000000000000000, 0x0000000000000000);
  # fcvt.d.w 1
  TEST_INT_FP_OP_D(3, fcvt.d.w, 0, 0x3ff0000000000000, 0x0000000000000001);
  # fcvt.d.w -1
  TEST_INT_FP_OP_D(4, fcvt.d.w, 0, 0xbff0000000000000, 0xffffffffffffffff);
  # fcvt.d.w 2
  TEST_INT_FP_OP_D(5, fcvt.d.w, 0, 0x4000000000000000, 0x0000000000000002);
  # fcvt.d.w 2147483647
  TEST_INT_FP_OP_D(6, fcvt.d.w, 0, 0x41dfffffffc00000, 0x000000007fffffff);
  # fcvt.d.w -2147483648
  TEST_INT_FP_OP_D(7, fcvt.d.w, 0, 0xc1e0000000000000, 0xffffffff80000000);
  # fcvt.d.w 16777217
  TEST_INT_FP_OP_D(8, fcvt.d.w, 0, 0x4170000010000000, 0x0000000001000001);
  # fcvt.d.wu 0
  TEST_INT_FP_OP_D(9, fcvt.d.wu, 0, 0x0000000000000000, 0x0000000000000000);
  # fcvt.d.wu 1
  TEST_INT_FP_OP_D(10, fcvt.d.wu, 0, 0x3ff0000000000000, 0x0000000000000001);
  # fcvt.d.wu 4294967295
  TEST_INT_FP_OP_D(11, fcvt.d.wu, 0, 0x41efffffffe00000, 0x00000000ffffffff);
  # fcvt.d.wu 4294967294
  TEST_INT_FP_OP_D(12, fcvt.d.wu, 0, 0x41efffffffc00000, 0x00000000fffffffe);
  # fcvt.d.wu 16777217
  TEST_INT_FP_OP_D(13, fcvt.d.wu, 0, 0x4170000010000000, 0x0000000001000001);
  # fcvt.d.wu 4294967294
  TEST_INT_FP_OP_D(14, fcvt.d.wu, 0, 0x41efffffffc00000, 0xfffffffffffffffe);
  # fcvt.d.l 0
  TEST_INT_FP_OP_D(15, fcvt.d.l, 0, 0x0000000000000000, 0x0000000000000000);
  # fcvt.d.l 1
  TEST_INT_FP_OP_D(16, fcvt.d.l, 0, 0x3ff0000000000000, 0x0000000000000001);
  # fcvt.d.l -1
  TEST_INT_FP_OP_D(17, fcvt.d.l, 0, 0xbff0000000000000, 0xffffffffffffffff);
  # fcvt.d.l 9223372036854775807
  TEST_INT_FP_OP_D(18, fcvt.d.l, FFLAG_NX, 0x43e0000000000000, 0x7fffffffffffffff);
  # fcvt.d.l -9223372036854775808
  TEST_INT_FP_OP_D(19, fcvt.d.l, 0, 0xc3e0000000000000, 0x8000000000000000);
  # fcvt.d.l 9007199254740993
  TEST_INT_FP_OP_D(20, fcvt.d.l, FFLAG_NX, 0x4340000000000000, 0x0020000000000001);
  # fcvt.d.l -16777219
  TEST_INT_FP_OP_D(21, fcvt.d.l, 0, 0xc170000030000000, 0xfffffffffefffffd);
  # fcvt.d.lu 0
  TEST_INT_FP_OP_D(22, fcvt.d.lu, 0, 0x0000000000000000, 0x0000000000000000);
  # fcvt.d.lu 1
  TEST_INT_FP_OP_D(23, fcvt.d.lu, 0, 0x3ff0000000000000, 0x0000000000000001);
  # fcvt.d.lu 18446744073709551615
  TEST_INT_FP_OP_D(24, fcvt.d.lu, FFLAG_NX, 0x43f0000000000000, 0xffffffffffffffff);
  # fcvt.d.lu 9007199254740993
  TEST_INT_FP_OP_D(25, fcvt.d.lu, FFLAG_NX, 0x4340000000000000, 0x0020000000000001);
  # fcvt.d.lu 9223372036854775808
  TEST_INT_FP_OP_D(26, fcvt.d.lu, 0, 0x43e0000000000000, 0x8000000000000000);
  # fcvt.d.s 1.5 is exact
  TEST_FP_INTERNAL(27, 0, flw, .word, ld, .dword, 0x3ff8000000000000, 0x3fc00000, 0, 0, fcvt.d.s f3, f0; fmv.x.d a0, f3);
  # fcvt.d.s 3.14159265 is exact
  TEST_FP_INTERNAL(28, 0, flw, .word, ld, .dword, 0x400921fb60000000, 0x40490fdb, 0, 0, fcvt.d.s f3, f0; fmv.x.d a0, f3);
  # fcvt.d.s -1e+30 is exact
  TEST_FP_INTERNAL(29, 0, flw, .word, ld, .dword, 0xc6293e5940000000, 0xf149f2ca, 0, 0, fcvt.d.s f3, f0; fmv.x.d a0, f3);
  # fcvt.s.d 1.5
  TEST_FP_INTERNAL(30, 0, fld, .dword, lw, .word, 0x3fc00000, 0x3ff8000000000000, 0, 0, fcvt.s.d f3, f0; fmv.x.w a0, f3);
  # fcvt.s.d 3.14159265358979
  TEST_FP_INTERNAL(31, FFLAG_NX, fld, .dword, lw, .word, 0x40490fdb, 0x400921fb54442d11, 0, 0, fcvt.s.d f3, f0; fmv.x.w a0, f3);
  # fcvt.s.d -1e+30
  TEST_FP_INTERNAL(32, FFLAG_NX, fld, .dword, lw, .word, 0xf149f2ca, 0xc6293e5939a08cea, 0, 0, fcvt.s.d f3, f0; fmv.x.w a0, f3);
  # fcvt.s.d 1e+300
  TEST_FP_INTERNAL(33, FFLAG_OF|FFLAG_NX, fld, .dword, lw, .word, 0x7f800000, 0x7e37e43c8800759c, 0, 0, fcvt.s.d f3, f0; fmv.x.w a0, f3);
  # fcvt.s.d 1e-300
  TEST_FP_INTERNAL(34, FFLAG_UF|FFLAG_NX, fld, .dword, lw, .word, 0x00000000, 0x01a56e1fc2f8f359, 0, 0, fcvt.s.d f3, f0; fmv.x.w a0, f3);
  # fcvt.s.d of a signaling NaN: canonical NaN, NV
  TEST_FP_INTERNAL(35, FFLAG_NV, fld, .dword, lw, .word, 0x7fc00000, 0x7ff0000000000001, 0, 0, fcvt.s.d f3, f0; fmv.x.w a0, f3);
  # fcvt.d.s of a quiet NaN: canonical NaN
  TEST_FP_INTERNAL(36, 0, flw, .word, ld, .dword, 0x7ff8000000000000, 0xffc00001, 0, 0, fcvt.d.s f3, f0; fmv.x.d a0, f3);

RVTEST_CODE_END
