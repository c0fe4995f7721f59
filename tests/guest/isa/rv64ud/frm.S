# Double-precision rounding: every static mode on a value 1.5 ulp above 1.0,
# and the dynamic mode from frm.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  # 2^-52 * 1.5 = 3.33066907387546962127e-16
#define ONE     0x3ff0000000000000
#define ONE_P1  0x3ff0000000000001
#define ONE_P2  0x3ff0000000000002
#define NONE    0xbff0000000000000
#define NONE_P1 0xbff0000000000001
#define NONE_P2 0xbff0000000000002
#define ULP_1_5 0x3cb8000000000000
#define NULP_1_5 0xbcb8000000000000
#define TEST_RM(n, rm, result, a, b) \
  TEST_FP_INTERNAL(n, FFLAG_NX, fld, .dword, ld, .dword, result, a, b, 0, fadd.d f3, f0, f1, rm; fmv.x.d a0, f3)
  TEST_RM(2, rne, ONE_P2, ONE, ULP_1_5);
  TEST_RM(3, rtz, ONE_P1, ONE, ULP_1_5);
  TEST_RM(4, rdn, ONE_P1, ONE, ULP_1_5);
  TEST_RM(5, rup, ONE_P2, ONE, ULP_1_5);
  TEST_RM(6, rmm, ONE_P2, ONE, ULP_1_5);
  TEST_RM(7, rne, NONE_P2, NONE, NULP_1_5);
  TEST_RM(8, rtz, NONE_P1, NONE, NULP_1_5);
  TEST_RM(9, rdn, NONE_P2, NONE, NULP_1_5);
  TEST_RM(10, rup, NONE_P1, NONE, NULP_1_5);
  TEST_RM(11, rmm, NONE_P2, NONE, NULP_1_5);
  # decimal operands through the assembler's .double
  TEST_FP_OP2_D_RM(12, fmul.d, rtz, 0, 7.5, 2.5, 3.0);
  TEST_FP_OP2_D(13, fdiv.d, 0, 0.625, 2.5, 4.0);

  # dynamic mode
  TEST_CASE(14, a4, ONE_P1, li a0, ONE; fmv.d.x f1, a0; li a0, ULP_1_5; fmv.d.x f2, a0; fsrmi 2; fadd.d f3, f1, f2, dyn; fmv.x.d a4, f3);
  TEST_CASE(15, a4, ONE_P2, fsrmi 3; fadd.d f3, f1, f2; fmv.x.d a4, f3);
  TEST_CASE(16, a4, ONE_P1, fsrmi 1; fadd.d f3, f1, f2; fmv.x.d a4, f3);
  TEST_CASE(17, a4, ONE_P2, fsrmi 0; fadd.d f3, f1, f2; fmv.x.d a4, f3; fsflags x0);
  # fcvt.s.d honours the dynamic mode too: 1 + 2^-30 rounds up only under rup
  TEST_CASE(18, a4, 0x3f800001, li a0, 0x3ff0000004000000; fmv.d.x f1, a0; fsrmi 3; fcvt.s.d f3, f1; fmv.x.w a4, f3);
  TEST_CASE(19, a4, 0x3f800000, fsrmi 0; fcvt.s.d f3, f1; fmv.x.w a4, f3; fsflags x0);

RVTEST_CODE_END
