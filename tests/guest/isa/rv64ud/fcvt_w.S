# fcvt.w/wu/l/lu.d: float to integer in every rounding mode, saturation and NaN.
# Expected results and fflags follow IEEE 754-2008 as required by the RISC-V
# F/D chapters; NaN results are the canonical NaN.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  # fcvt.w.d 2.5 (rne) -> 2
  TEST_FP_INT_OP_D_HEX(2, fcvt.w.d, FFLAG_NX, 0x0000000000000002, 0x4004000000000000, rne);
  # fcvt.w.d 2.5 (rtz) -> 2
  TEST_FP_INT_OP_D_HEX(3, fcvt.w.d, FFLAG_NX, 0x0000000000000002, 0x4004000000000000, rtz);
  # fcvt.w.d 2.5 (rdn) -> 2
  TEST_FP_INT_OP_D_HEX(4, fcvt.w.d, FFLAG_NX, 0x0000000000000002, 0x4004000000000000, rdn);
  # fcvt.w.d 2.5 (rup) -> 3
  TEST_FP_INT_OP_D_HEX(5, fcvt.w.d, FFLAG_NX, 0x0000000000000003, 0x4004000000000000, rup);
  # fcvt.w.d 2.5 (rmm) -> 3
  TEST_FP_INT_OP_D_HEX(6, fcvt.w.d, FFLAG_NX, 0x0000000000000003, 0x4004000000000000, rmm);
  # fcvt.w.d -2.5 (rne) -> -2
  TEST_FP_INT_OP_D_HEX(7, fcvt.w.d, FFLAG_NX, 0xfffffffffffffffe, 0xc004000000000000, rne);
  # fcvt.w.d -2.5 (rtz) -> -2
  TEST_FP_INT_OP_D_HEX(8, fcvt.w.d, FFLAG_NX, 0xfffffffffffffffe, 0xc004000000000000, rtz);
  # fcvt.w.d -2.5 (rdn) -> -3
  TEST_FP_INT_OP_D_HEX(9, fcvt.w.d, FFLAG_NX, 0xfffffffffffffffd, 0xc004000000000000, rdn);
  # fcvt.w.d -2.5 (rup) -> -2
  TEST_FP_INT_OP_D_HEX(10, fcvt.w.d, FFLAG_NX, 0xfffffffffffffffe, 0xc004000000000000, rup);
  # fcvt.w.d -2.5 (rmm) -> -3
  TEST_FP_INT_OP_D_HEX(11, fcvt.w.d, FFLAG_NX, 0xfffffffffffffffd, 0xc004000000000000, rmm);
  # fcvt.w.d 1.1 (rne) -> 1
  TEST_FP_INT_OP_D_HEX(12, fcvt.w.d, FFLAG_NX, 0x0000000000000001, 0x3ff199999999999a, rne);
  # fcvt.w.d -0.9 (rtz) -> 0
  TEST_FP_INT_OP_D_HEX(13, fcvt.w.d, FFLAG_NX, 0x0000000000000000, 0xbfeccccccccccccd, rtz);
  # fcvt.w.d -0.9 (rne) -> -1
  TEST_FP_INT_OP_D_HEX(14, fcvt.w.d, FFLAG_NX, 0xffffffffffffffff, 0xbfeccccccccccccd, rne);
  # fcvt.w.d -1.0 (rtz) -> -1
  TEST_FP_INT_OP_D_HEX(15, fcvt.w.d, 0, 0xffffffffffffffff, 0xbff0000000000000, rtz);
  # fcvt.w.d 3000000000.0 (rtz) -> 2147483647
  TEST_FP_INT_OP_D_HEX(16, fcvt.w.d, FFLAG_NV, 0x000000007fffffff, 0x41e65a0bc0000000, rtz);
  # fcvt.w.d -3000000000.0 (rtz) -> -2147483648
  TEST_FP_INT_OP_D_HEX(17, fcvt.w.d, FFLAG_NV, 0xffffffff80000000, 0xc1e65a0bc0000000, rtz);
  # fcvt.w.d 1e+19 (rtz) -> 2147483647
  TEST_FP_INT_OP_D_HEX(18, fcvt.w.d, FFLAG_NV, 0x000000007fffffff, 0x43e158e460913d00, rtz);
  # fcvt.w.d 1e+20 (rtz) -> 2147483647
  TEST_FP_INT_OP_D_HEX(19, fcvt.w.d, FFLAG_NV, 0x000000007fffffff, 0x4415af1d78b58c40, rtz);
  # fcvt.w.d -1e+20 (rtz) -> -2147483648
  TEST_FP_INT_OP_D_HEX(20, fcvt.w.d, FFLAG_NV, 0xffffffff80000000, 0xc415af1d78b58c40, rtz);
  # NaN converts to the largest value
  TEST_FP_INTERNAL(21, FFLAG_NV, fld, .dword, ld, .dword, 0x000000007fffffff, 0x7ff8000000000000, 0, 0, fcvt.w.d a0, f0, rtz);
  # +inf converts to the largest value
  TEST_FP_INTERNAL(22, FFLAG_NV, fld, .dword, ld, .dword, 0x000000007fffffff, 0x7ff0000000000000, 0, 0, fcvt.w.d a0, f0, rtz);
  # fcvt.wu.d 2.5 (rne) -> 2
  TEST_FP_INT_OP_D_HEX(23, fcvt.wu.d, FFLAG_NX, 0x0000000000000002, 0x4004000000000000, rne);
  # fcvt.wu.d 2.5 (rtz) -> 2
  TEST_FP_INT_OP_D_HEX(24, fcvt.wu.d, FFLAG_NX, 0x0000000000000002, 0x4004000000000000, rtz);
  # fcvt.wu.d 2.5 (rdn) -> 2
  TEST_FP_INT_OP_D_HEX(25, fcvt.wu.d, FFLAG_NX, 0x0000000000000002, 0x4004000000000000, rdn);
  # fcvt.wu.d 2.5 (rup) -> 3
  TEST_FP_INT_OP_D_HEX(26, fcvt.wu.d, FFLAG_NX, 0x0000000000000003, 0x4004000000000000, rup);
  # fcvt.wu.d 2.5 (rmm) -> 3
  TEST_FP_INT_OP_D_HEX(27, fcvt.wu.d, FFLAG_NX, 0x0000000000000003, 0x4004000000000000, rmm);
  # fcvt.wu.d -2.5 (rne) -> 0
  TEST_FP_INT_OP_D_HEX(28, fcvt.wu.d, FFLAG_NV, 0x0000000000000000, 0xc004000000000000, rne);
  # fcvt.wu.d -2.5 (rtz) -> 0
  TEST_FP_INT_OP_D_HEX(29, fcvt.wu.d, FFLAG_NV, 0x0000000000000000, 0xc004000000000000, rtz);
  # fcvt.wu.d -2.5 (rdn) -> 0
  TEST_FP_INT_OP_D_HEX(30, fcvt.wu.d, FFLAG_NV, 0x0000000000000000, 0xc004000000000000, rdn);
  # fcvt.wu.d -2.5 (rup) -> 0
  TEST_FP_INT_OP_D_HEX(31, fcvt.wu.d, FFLAG_NV, 0x0000000000000000, 0xc004000000000000, rup);
  # fcvt.wu.d -2.5 (rmm) -> 0
  TEST_FP_INT_OP_D_HEX(32, fcvt.wu.d, FFLAG_NV, 0x0000000000000000, 0xc004000000000000, rmm);
  # fcvt.wu.d 1.1 (rne) -> 1
  TEST_FP_INT_OP_D_HEX(33, fcvt.wu.d, FFLAG_NX, 0x0000000000000001, 0x3ff199999999999a, rne);
  # fcvt.wu.d -0.9 (rtz) -> 0
  TEST_FP_INT_OP_D_HEX(34, fcvt.wu.d, FFLAG_NX, 0x0000000000000000, 0xbfeccccccccccccd, rtz);
  # fcvt.wu.d -0.9 (rne) -> 0
  TEST_FP_INT_OP_D_HEX(35, fcvt.wu.d, FFLAG_NV, 0x0000000000000000, 0xbfeccccccccccccd, rne);
  # fcvt.wu.d -1.0 (rtz) -> 0
  TEST_FP_INT_OP_D_HEX(36, fcvt.wu.d, FFLAG_NV, 0x0000000000000000, 0xbff0000000000000, rtz);
  # fcvt.wu.d 3000000000.0 (rtz) -> 3000000000
  TEST_FP_INT_OP_D_HEX(37, fcvt.wu.d, 0, 0xffffffffb2d05e00, 0x41e65a0bc0000000, rtz);
  # fcvt.wu.d -3000000000.0 (rtz) -> 0
  TEST_FP_INT_OP_D_HEX(38, fcvt.wu.d, FFLAG_NV, 0x0000000000000000, 0xc1e65a0bc0000000, rtz);
  # fcvt.wu.d 1e+19 (rtz) -> 4294967295
  TEST_FP_INT_OP_D_HEX(39, fcvt.wu.d, FFLAG_NV, 0xffffffffffffffff, 0x43e158e460913d00, rtz);
  # fcvt.wu.d 1e+20 (rtz) -> 4294967295
  TEST_FP_INT_OP_D_HEX(40, fcvt.wu.d, FFLAG_NV, 0xffffffffffffffff, 0x4415af1d78b58c40, rtz);
  # fcvt.wu.d -1e+20 (rtz) -> 0
  TEST_FP_INT_OP_D_HEX(41, fcvt.wu.d, FFLAG_NV, 0x0000000000000000, 0xc415af1d78b58c40, rtz);
  # NaN converts to the largest value
  TEST_FP_INTERNAL(42, FFLAG_NV, fld, .dword, ld, .dword, 0xffffffffffffffff, 0x7ff8000000000000, 0, 0, fcvt.wu.d a0, f0, rtz);
  # +inf converts to the largest value
  TEST_FP_INTERNAL(43, FFLAG_NV, fld, .dword, ld, .dword, 0xffffffffffffffff, 0x7ff0000000000000, 0, 0, fcvt.wu.d a0, f0, rtz);
  # fcvt.l.d 2.5 (rne) -> 2
  TEST_FP_INT_OP_D_HEX(44, fcvt.l.d, FFLAG_NX, 0x0000000000000002, 0x4004000000000000, rne);
  # fcvt.l.d 2.5 (rtz) -> 2
  TEST_FP_INT_OP_D_HEX(45, fcvt.l.d, FFLAG_NX, 0x0000000000000002, 0x4004000000000000, rtz);
  # fcvt.l.d 2.5 (rdn) -> 2
  TEST_FP_INT_OP_D_HEX(46, fcvt.l.d, FFLAG_NX, 0x0000000000000002, 0x4004000000000000, rdn);
  # fcvt.l.d 2.5 (rup) -> 3
  TEST_FP_INT_OP_D_HEX(47, fcvt.l.d, FFLAG_NX, 0x0000000000000003, 0x4004000000000000, rup);
  # fcvt.l.d 2.5 (rmm) -> 3
  TEST_FP_INT_OP_D_HEX(48, fcvt.l.d, FFLAG_NX, 0x0000000000000003, 0x4004000000000000, rmm);
  # fcvt.l.d -2.5 (rne) -> -2
  TEST_FP_INT_OP_D_HEX(49, fcvt.l.d, FFLAG_NX, 0xfffffffffffffffe, 0xc004000000000000, rne);
  # fcvt.l.d -2.5 (rtz) -> -2
  TEST_FP_INT_OP_D_HEX(50, fcvt.l.d, FFLAG_NX, 0xfffffffffffffffe, 0xc004000000000000, rtz);
  # fcvt.l.d -2.5 (rdn) -> -3
  TEST_FP_INT_OP_D_HEX(51, fcvt.l.d, FFLAG_NX, 0xfffffffffffffffd, 0xc004000000000000, rdn);
  # fcvt.l.d -2.5 (rup) -> -2
  TEST_FP_INT_OP_D_HEX(52, fcvt.l.d, FFLAG_NX, 0xfffffffffffffffe, 0xc004000000000000, rup);
  # fcvt.l.d -2.5 (rmm) -> -3
  TEST_FP_INT_OP_D_HEX(53, fcvt.l.d, FFLAG_NX, 0xfffffffffffffffd, 0xc004000000000000, rmm);
  # fcvt.l.d 1.1 (rne) -> 1
  TEST_FP_INT_OP_D_HEX(54, fcvt.l.d, FFLAG_NX, 0x0000000000000001, 0x3ff199999999999a, rne);
  # fcvt.l.d -0.9 (rtz) -> 0
  TEST_FP_INT_OP_D_HEX(55, fcvt.l.d, FFLAG_NX, 0x0000000000000000, 0xbfeccccccccccccd, rtz);
  # fcvt.l.d -0.9 (rne) -> -1
  TEST_FP_INT_OP_D_HEX(56, fcvt.l.d, FFLAG_NX, 0xffffffffffffffff, 0xbfeccccccccccccd, rne);
  # fcvt.l.d -1.0 (rtz) -> -1
  TEST_FP_INT_OP_D_HEX(57, fcvt.l.d, 0, 0xffffffffffffffff, 0xbff0000000000000, rtz);
  # fcvt.l.d 3000000000.0 (rtz) -> 3000000000
  TEST_FP_INT_OP_D_HEX(58, fcvt.l.d, 0, 0x00000000b2d05e00, 0x41e65a0bc0000000, rtz);
  # fcvt.l.d -3000000000.0 (rtz) -> -3000000000
  TEST_FP_INT_OP_D_HEX(59, fcvt.l.d, 0, 0xffffffff4d2fa200, 0xc1e65a0bc0000000, rtz);
  # fcvt.l.d 1e+19 (rtz) -> 9223372036854775807
  TEST_FP_INT_OP_D_HEX(60, fcvt.l.d, FFLAG_NV, 0x7fffffffffffffff, 0x43e158e460913d00, rtz);
  # fcvt.l.d 1e+20 (rtz) -> 9223372036854775807
  TEST_FP_INT_OP_D_HEX(61, fcvt.l.d, FFLAG_NV, 0x7fffffffffffffff, 0x4415af1d78b58c40, rtz);
  # fcvt.l.d -1e+20 (rtz) -> -9223372036854775808
  TEST_FP_INT_OP_D_HEX(62, fcvt.l.d, FFLAG_NV, 0x8000000000000000, 0xc415af1d78b58c40, rtz);
  # NaN converts to the largest value
  TEST_FP_INTERNAL(63, FFLAG_NV, fld, .dword, ld, .dword, 0x7fffffffffffffff, 0x7ff8000000000000, 0, 0, fcvt.l.d a0, f0, rtz);
  # +inf converts to the largest value
  TEST_FP_INTERNAL(64, FFLAG_NV, fld, .dword, ld, .dword, 0x7fffffffffffffff, 0x7ff0000000000000, 0, 0, fcvt.l.d a0, f0, rtz);
  # fcvt.lu.d 2.5 (rne) -> 2
  TEST_FP_INT_OP_D_HEX(65, fcvt.lu.d, FFLAG_NX, 0x0000000000000002, 0x4004000000000000, rne);
  # fcvt.lu.d 2.5 (rtz) -> 2
  TEST_FP_INT_OP_D_HEX(66, fcvt.lu.d, FFLAG_NX, 0x0000000000000002, 0x4004000000000000, rtz);
  # fcvt.lu.d 2.5 (rdn) -> 2
  TEST_FP_INT_OP_D_HEX(67, fcvt.lu.d, FFLAG_NX, 0x0000000000000002, 0x4004000000000000, rdn);
  # fcvt.lu.d 2.5 (rup) -> 3
  TEST_FP_INT_OP_D_HEX(68, fcvt.lu.d, FFLAG_NX, 0x0000000000000003, 0x4004000000000000, rup);
  # fcvt.lu.d 2.5 (rmm) -> 3
  TEST_FP_INT_OP_D_HEX(69, fcvt.lu.d, FFLAG_NX, 0x0000000000000003, 0x4004000000000000, rmm);
  # fcvt.lu.d -2.5 (rne) -> 0
  TEST_FP_INT_OP_D_HEX(70, fcvt.lu.d, FFLAG_NV, 0x0000000000000000, 0xc004000000000000, rne);
  # fcvt.lu.d -2.5 (rtz) -> 0
  TEST_FP_INT_OP_D_HEX(71, fcvt.lu.d, FFLAG_NV, 0x0000000000000000, 0xc004000000000000, rtz);
  # fcvt.lu.d -2.5 (rdn) -> 0
  TEST_FP_INT_OP_D_HEX(72, fcvt.lu.d, FFLAG_NV, 0x0000000000000000, 0xc004000000000000, rdn);
  # fcvt.lu.d -2.5 (rup) -> 0
  TEST_FP_INT_OP_D_HEX(73, fcvt.lu.d, FFLAG_NV, 0x0000000000000000, 0xc004000000000000, rup);
  # fcvt.lu.d -2.5 (rmm) -> 0
  TEST_FP_INT_OP_D_HEX(74, fcvt.lu.d, FFLAG_NV, 0x0000000000000000, 0xc004000000000000, rmm);
  # fcvt.lu.d 1.1 (rne) -> 1
  TEST_FP_INT_OP_D_HEX(75, fcvt.lu.d, FFLAG_NX, 0x0000000000000001, 0x3ff199999999999a, rne);
  # fcvt.lu.d -0.9 (rtz) -> 0
  TEST_FP_INT_OP_D_HEX(76, fcvt.lu.d, FFLAG_NX, 0x0000000000000000, 0xbfeccccccccccccd, rtz);
  # fcvt.lu.d -0.9 (rne) -> 0
  TEST_FP_INT_OP_D_HEX(77, fcvt.lu.d, FFLAG_NV, 0x0000000000000000, 0xbfeccccccccccccd, rne);
  # fcvt.lu.d -1.0 (rtz) -> 0
  TEST_FP_INT_OP_D_HEX(78, fcvt.lu.d, FFLAG_NV, 0x0000000000000000, 0xbff0000000000000, rtz);
  # fcvt.lu.d 3000000000.0 (rtz) -> 3000000000
  TEST_FP_INT_OP_D_HEX(79, fcvt.lu.d, 0, 0x00000000b2d05e00, 0x41e65a0bc0000000, rtz);
  # fcvt.lu.d -3000000000.0 (rtz) -> 0
  TEST_FP_INT_OP_D_HEX(80, fcvt.lu.d, FFLAG_NV, 0x0000000000000000, 0xc1e65a0bc0000000, rtz);
  # fcvt.lu.d 1e+19 (rtz) -> 10000000000000000000
  TEST_FP_INT_OP_D_HEX(81, fcvt.lu.d, 0, 0x8ac7230489e80000, 0x43e158e460913d00, rtz);
  # fcvt.lu.d 1e+20 (rtz) -> 18446744073709551615
  TEST_FP_INT_OP_D_HEX(82, fcvt.lu.d, FFLAG_NV, 0xffffffffffffffff, 0x4415af1d78b58c40, rtz);
  # fcvt.lu.d -1e+20 (rtz) -> 0
  TEST_FP_INT_OP_D_HEX(83, fcvt.lu.d, FFLAG_NV, 0x0000000000000000, 0xc415af1d78b58c40, rtz);
  # NaN converts to the largest value
  TEST_FP_INTERNAL(84, FFLAG_NV, fld, .dword, ld, .dword, 0xffffffffffffffff, 0x7ff8000000000000, 0, 0, fcvt.lu.d a0, f0, rtz);
  # +inf converts to the largest value
  TEST_FP_INTERNAL(85, FFLAG_NV, fld, .dword, ld, .dword, 0xffffffffffffffff, 0x7ff0000000000000, 0, 0, fcvt.lu.d a0, f0, rtz);

RVTEST_CODE_END
