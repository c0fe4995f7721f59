# fmv.x.w / fmv.w.x move raw bits (fmv.x.w sign-extends); fsgnj/fsgnjn/fsgnjx.s
# combine sign bits; fcsr, frm and fflags alias the same register.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  # fcsr = frm << 5 | fflags, seen through all three names
  TEST_CASE(2, a4, 0xff, li a0, 0xff; fscsr a0; frcsr a4);
  TEST_CASE(3, a4, 0x07, frrm a4);
  TEST_CASE(4, a4, 0x1f, frflags a4);
  TEST_CASE(5, a4, 0x5f, fsrmi a4, 2; frcsr a4);
  TEST_CASE(6, a4, 0x1f, fsflagsi a4, 0x01);
  TEST_CASE(7, a4, 0x41, frcsr a4);
  TEST_CASE(8, a4, 0x02, li a0, 0x3; fsrm a4, a0);
  TEST_CASE(9, a4, 0x61, frcsr a4);
  TEST_CASE(10, a4, 0x01, fsflags a4, x0);
  TEST_CASE(11, a4, 0x60, frcsr a4; fscsr x0);
  # bits above fcsr[7:0] are not writable
  TEST_CASE(12, a4, 0x34, li a0, 0x1234; fscsr a0; frcsr a4; fscsr x0);

  # fmv.x.w sign-extends bit 31; fmv.w.x keeps the low 32 bits
  TEST_CASE(13, a4, 0xffffffff80000000, li a0, 0x1234567880000000; fmv.w.x f1, a0; fmv.x.w a4, f1);
  TEST_CASE(14, a4, 0x000000007fc00001, li a0, 0x7fc00001; fmv.w.x f1, a0; fmv.x.w a4, f1);

  # sign injection, with the magnitude of rs1
#define TEST_FSGNJ_S(n, inst, result, v1, v2) \
  TEST_CASE(n, a4, result, li a0, v1; li a1, v2; fmv.w.x f1, a0; fmv.w.x f2, a1; inst f3, f1, f2; fmv.x.w a4, f3)
  TEST_FSGNJ_S(15, fsgnj.s,  0x000000003f800000, 0x3f800000, 0x40000000);
  TEST_FSGNJ_S(16, fsgnj.s,  0xffffffffbf800000, 0x3f800000, 0xc0000000);
  TEST_FSGNJ_S(17, fsgnj.s,  0x000000003f800000, 0xbf800000, 0x40000000);
  TEST_FSGNJ_S(18, fsgnjn.s, 0xffffffffbf800000, 0x3f800000, 0x40000000);
  TEST_FSGNJ_S(19, fsgnjn.s, 0x000000003f800000, 0x3f800000, 0xc0000000);
  TEST_FSGNJ_S(20, fsgnjx.s, 0x000000003f800000, 0x3f800000, 0x40000000);
  TEST_FSGNJ_S(21, fsgnjx.s, 0xffffffffbf800000, 0x3f800000, 0xc0000000);
  TEST_FSGNJ_S(22, fsgnjx.s, 0x000000003f800000, 0xbf800000, 0xc0000000);
  # NaNs are not canonicalised by sign injection, and no flags are raised
  TEST_FSGNJ_S(23, fsgnjn.s, 0xffffffffff800001, 0x7f800001, 0x7f800001);
  TEST_CASE(24, a4, 0, frflags a4);

  # fmv.s (= fsgnj.s rd, rs, rs), fneg.s and fabs.s pseudo-instructions
  TEST_CASE(25, a4, 0x0000000040490fdb, li a0, 0xc0490fdb; fmv.w.x f1, a0; fabs.s f2, f1; fmv.x.w a4, f2);
  TEST_CASE(26, a4, 0x0000000040490fdb, li a0, 0xc0490fdb; fmv.w.x f1, a0; fneg.s f2, f1; fmv.x.w a4, f2);
  TEST_CASE(27, a4, 0xffffffffc0490fdb, li a0, 0xc0490fdb; fmv.w.x f1, a0; fmv.s f2, f1; fmv.x.w a4, f2);

RVTEST_CODE_END
