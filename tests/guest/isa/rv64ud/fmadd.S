# fmadd.d, fmsub.d, fnmadd.d, fnmsub.d: one rounding for a*b+c.
# Expected results and fflags follow IEEE 754-2008 as required by the RISC-V
# F/D chapters; NaN results are the canonical NaN.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  # fmadd(1.0, 2.5, 1.0) = 3.5
  TEST_FP_INTERNAL(2, 0, fld, .dword, ld, .dword, 0x400c000000000000, 0x3ff0000000000000, 0x4004000000000000, 0x3ff0000000000000, fmadd.d f3, f0, f1, f2; fmv.x.d a0, f3);
  # fmadd(-1235.1, -1.1, 0.25) = 1358.86
  TEST_FP_INTERNAL(3, FFLAG_NX, fld, .dword, ld, .dword, 0x40953b70a3d70a3d, 0xc0934c6666666666, 0xbff199999999999a, 0x3fd0000000000000, fmadd.d f3, f0, f1, f2; fmv.x.d a0, f3);
  # fmadd(2.0, -5.0, -2.0) = -12.0
  TEST_FP_INTERNAL(4, 0, fld, .dword, ld, .dword, 0xc028000000000000, 0x4000000000000000, 0xc014000000000000, 0xc000000000000000, fmadd.d f3, f0, f1, f2; fmv.x.d a0, f3);
  # fmadd(1.0000000000000002, 0.9999999999999998, -1.0) = -4.930380657631324e-32
  TEST_FP_INTERNAL(5, 0, fld, .dword, ld, .dword, 0xb970000000000000, 0x3ff0000000000001, 0x3feffffffffffffe, 0xbff0000000000000, fmadd.d f3, f0, f1, f2; fmv.x.d a0, f3);
  # fmsub(1.0, 2.5, 1.0) = 1.5
  TEST_FP_INTERNAL(6, 0, fld, .dword, ld, .dword, 0x3ff8000000000000, 0x3ff0000000000000, 0x4004000000000000, 0x3ff0000000000000, fmsub.d f3, f0, f1, f2; fmv.x.d a0, f3);
  # fmsub(-1235.1, -1.1, 0.25) = 1358.36
  TEST_FP_INTERNAL(7, FFLAG_NX, fld, .dword, ld, .dword, 0x40953970a3d70a3d, 0xc0934c6666666666, 0xbff199999999999a, 0x3fd0000000000000, fmsub.d f3, f0, f1, f2; fmv.x.d a0, f3);
  # fmsub(2.0, -5.0, -2.0) = -8.0
  TEST_FP_INTERNAL(8, 0, fld, .dword, ld, .dword, 0xc020000000000000, 0x4000000000000000, 0xc014000000000000, 0xc000000000000000, fmsub.d f3, f0, f1, f2; fmv.x.d a0, f3);
  # fmsub(1.0000000000000002, 0.9999999999999998, -1.0) = 2.0
  TEST_FP_INTERNAL(9, FFLAG_NX, fld, .dword, ld, .dword, 0x4000000000000000, 0x3ff0000000000001, 0x3feffffffffffffe, 0xbff0000000000000, fmsub.d f3, f0, f1, f2; fmv.x.d a0, f3);
  # fnmadd(1.0, 2.5, 1.0) = -3.5
  TEST_FP_INTERNAL(10, 0, fld, .dword, ld, .dword, 0xc00c000000000000, 0x3ff0000000000000, 0x4004000000000000, 0x3ff0000000000000, fnmadd.d f3, f0, f1, f2; fmv.x.d a0, f3);
  # fnmadd(-1235.1, -1.1, 0.25) = -1358.86
  TEST_FP_INTERNAL(11, FFLAG_NX, fld, .dword, ld, .dword, 0xc0953b70a3d70a3d, 0xc0934c6666666666, 0xbff199999999999a, 0x3fd0000000000000, fnmadd.d f3, f0, f1, f2; fmv.x.d a0, f3);
  # fnmadd(2.0, -5.0, -2.0) = 12.0
  TEST_FP_INTERNAL(12, 0, fld, .dword, ld, .dword, 0x4028000000000000, 0x4000000000000000, 0xc014000000000000, 0xc000000000000000, fnmadd.d f3, f0, f1, f2; fmv.x.d a0, f3);
  # fnmadd(1.0000000000000002, 0.9999999999999998, -1.0) = 4.930380657631324e-32
  TEST_FP_INTERNAL(13, 0, fld, .dword, ld, .dword, 0x3970000000000000, 0x3ff0000000000001, 0x3feffffffffffffe, 0xbff0000000000000, fnmadd.d f3, f0, f1, f2; fmv.x.d a0, f3);
  # fnmsub(1.0, 2.5, 1.0) = -1.5
  TEST_FP_INTERNAL(14, 0, fld, .dword, ld, .dword, 0xbff8000000000000, 0x3ff0000000000000, 0x4004000000000000, 0x3ff0000000000000, fnmsub.d f3, f0, f1, f2; fmv.x.d a0, f3);
  # fnmsub(-1235.1, -1.1, 0.25) = -1358.36
  TEST_FP_INTERNAL(15, FFLAG_NX, fld, .dword, ld, .dword, 0xc0953970a3d70a3d, 0xc0934c6666666666, 0xbff199999999999a, 0x3fd0000000000000, fnmsub.d f3, f0, f1, f2; fmv.x.d a0, f3);
  # fnmsub(2.0, -5.0, -2.0) = 8.0
  TEST_FP_INTERNAL(16, 0, fld, .dword, ld, .dword, 0x4020000000000000, 0x4000000000000000, 0xc014000000000000, 0xc000000000000000, fnmsub.d f3, f0, f1, f2; fmv.x.d a0, f3);
  # fnmsub(1.0000000000000002, 0.9999999999999998, -1.0) = -2.0
  TEST_FP_INTERNAL(17, FFLAG_NX, fld, .dword, ld, .dword, 0xc000000000000000, 0x3ff0000000000001, 0x3feffffffffffffe, 0xbff0000000000000, fnmsub.d f3, f0, f1, f2; fmv.x.d a0, f3);
  # inf * 0 + qNaN raises NV (RISC-V requires it for fused multiply-add)
  TEST_FP_INTERNAL(18, FFLAG_NV, fld, .dword, ld, .dword, 0x7ff8000000000000, 0x7ff0000000000000, 0x0000000000000000, 0x7ff8000000000000, fmadd.d f3, f0, f1, f2; fmv.x.d a0, f3);

RVTEST_CODE_END
