# fmadd.s, fmsub.s, fnmadd.s, fnmsub.s: one rounding for a*b+c.
# Expected results and fflags follow IEEE 754-2008 as required by the RISC-V
# F/D chapters; NaN results are the canonical NaN.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  # fmadd(1.0, 2.5, 1.0) = 3.5
  TEST_FP_INTERNAL(2, 0, flw, .word, lw, .word, 0x40600000, 0x3f800000, 0x40200000, 0x3f800000, fmadd.s f3, f0, f1, f2; fmv.x.w a0, f3);
  # fmadd(-1235.0999755859375, -1.100000023841858, 0.25) = 1358.8599853515625
  TEST_FP_INTERNAL(3, FFLAG_NX, flw, .word, lw, .word, 0x44a9db85, 0xc49a6333, 0xbf8ccccd, 0x3e800000, fmadd.s f3, f0, f1, f2; fmv.x.w a0, f3);
  # fmadd(2.0, -5.0, -2.0) = -12.0
  TEST_FP_INTERNAL(4, 0, flw, .word, lw, .word, 0xc1400000, 0x40000000, 0xc0a00000, 0xc0000000, fmadd.s f3, f0, f1, f2; fmv.x.w a0, f3);
  # fmadd(1.0000001192092896, 0.9999998807907104, -1.0) = -1.4210854715202004e-14
  TEST_FP_INTERNAL(5, 0, flw, .word, lw, .word, 0xa8800000, 0x3f800001, 0x3f7ffffe, 0xbf800000, fmadd.s f3, f0, f1, f2; fmv.x.w a0, f3);
  # fmsub(1.0, 2.5, 1.0) = 1.5
  TEST_FP_INTERNAL(6, 0, flw, .word, lw, .word, 0x3fc00000, 0x3f800000, 0x40200000, 0x3f800000, fmsub.s f3, f0, f1, f2; fmv.x.w a0, f3);
  # fmsub(-1235.0999755859375, -1.100000023841858, 0.25) = 1358.3599853515625
  TEST_FP_INTERNAL(7, FFLAG_NX, flw, .word, lw, .word, 0x44a9cb85, 0xc49a6333, 0xbf8ccccd, 0x3e800000, fmsub.s f3, f0, f1, f2; fmv.x.w a0, f3);
  # fmsub(2.0, -5.0, -2.0) = -8.0
  TEST_FP_INTERNAL(8, 0, flw, .word, lw, .word, 0xc1000000, 0x40000000, 0xc0a00000, 0xc0000000, fmsub.s f3, f0, f1, f2; fmv.x.w a0, f3);
  # fmsub(1.0000001192092896, 0.9999998807907104, -1.0) = 2.0
  TEST_FP_INTERNAL(9, FFLAG_NX, flw, .word, lw, .word, 0x40000000, 0x3f800001, 0x3f7ffffe, 0xbf800000, fmsub.s f3, f0, f1, f2; fmv.x.w a0, f3);
  # fnmadd(1.0, 2.5, 1.0) = -3.5
  TEST_FP_INTERNAL(10, 0, flw, .word, lw, .word, 0xc0600000, 0x3f800000, 0x40200000, 0x3f800000, fnmadd.s f3, f0, f1, f2; fmv.x.w a0, f3);
  # fnmadd(-1235.0999755859375, -1.100000023841858, 0.25) = -1358.8599853515625
  TEST_FP_INTERNAL(11, FFLAG_NX, flw, .word, lw, .word, 0xc4a9db85, 0xc49a6333, 0xbf8ccccd, 0x3e800000, fnmadd.s f3, f0, f1, f2; fmv.x.w a0, f3);
  # fnmadd(2.0, -5.0, -2.0) = 12.0
  TEST_FP_INTERNAL(12, 0, flw, .word, lw, .word, 0x41400000, 0x40000000, 0xc0a00000, 0xc0000000, fnmadd.s f3, f0, f1, f2; fmv.x.w a0, f3);
  # fnmadd(1.0000001192092896, 0.9999998807907104, -1.0) = 1.4210854715202004e-14
  TEST_FP_INTERNAL(13, 0, flw, .word, lw, .word, 0x28800000, 0x3f800001, 0x3f7ffffe, 0xbf800000, fnmadd.s f3, f0, f1, f2; fmv.x.w a0, f3);
  # fnmsub(1.0, 2.5, 1.0) = -1.5
  TEST_FP_INTERNAL(14, 0, flw, .word, lw, .word, 0xbfc00000, 0x3f800000, 0x40200000, 0x3f800000, fnmsub.s f3, f0, f1, f2; fmv.x.w a0, f3);
  # fnmsub(-1235.0999755859375, -1.100000023841858, 0.25) = -1358.3599853515625
  TEST_FP_INTERNAL(15, FFLAG_NX, flw, .word, lw, .word, 0xc4a9cb85, 0xc49a6333, 0xbf8ccccd, 0x3e800000, fnmsub.s f3, f0, f1, f2; fmv.x.w a0, f3);
  # fnmsub(2.0, -5.0, -2.0) = 8.0
  TEST_FP_INTERNAL(16, 0, flw, .word, lw, .word, 0x41000000, 0x40000000, 0xc0a00000, 0xc0000000, fnmsub.s f3, f0, f1, f2; fmv.x.w a0, f3);
  # fnmsub(1.0000001192092896, 0.9999998807907104, -1.0) = -2.0
  TEST_FP_INTERNAL(17, FFLAG_NX, flw, .word, lw, .word, 0xc0000000, 0x3f800001, 0x3f7ffffe, 0xbf800000, fnmsub.s f3, f0, f1, f2; fmv.x.w a0, f3);
  # inf * 0 + qNaN raises NV (RISC-V requires it for fused multiply-add)
  TEST_FP_INTERNAL(18, FFLAG_NV, flw, .word, lw, .word, 0x7fc00000, 0x7f800000, 0x00000000, 0x7fc00000, fmadd.s f3, f0, f1, f2; fmv.x.w a0, f3);

RVTEST_CODE_END
