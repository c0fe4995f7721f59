# fcvt.w/wu/l/lu.s: float to integer in every rounding mode, saturation and NaN.
# Expected results and fflags follow IEEE 754-2008 as required by the RISC-V
# F/D chapters; NaN results are the canonical NaN.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  # fcvt.w.s 2.5 (rne) -> 2
  TEST_FP_INTERNAL(2, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000002, 0x40200000, 0, 0, fcvt.w.s a0, f0, rne);
  # fcvt.w.s 2.5 (rtz) -> 2
  TEST_FP_INTERNAL(3, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000002, 0x40200000, 0, 0, fcvt.w.s a0, f0, rtz);
  # fcvt.w.s 2.5 (rdn) -> 2
  TEST_FP_INTERNAL(4, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000002, 0x40200000, 0, 0, fcvt.w.s a0, f0, rdn);
  # fcvt.w.s 2.5 (rup) -> 3
  TEST_FP_INTERNAL(5, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000003, 0x40200000, 0, 0, fcvt.w.s a0, f0, rup);
  # fcvt.w.s 2.5 (rmm) -> 3
  TEST_FP_INTERNAL(6, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000003, 0x40200000, 0, 0, fcvt.w.s a0, f0, rmm);
  # fcvt.w.s -2.5 (rne) -> -2
  TEST_FP_INTERNAL(7, FFLAG_NX, flw, .word, ld, .dword, 0xfffffffffffffffe, 0xc0200000, 0, 0, fcvt.w.s a0, f0, rne);
  # fcvt.w.s -2.5 (rtz) -> -2
  TEST_FP_INTERNAL(8, FFLAG_NX, flw, .word, ld, .dword, 0xfffffffffffffffe, 0xc0200000, 0, 0, fcvt.w.s a0, f0, rtz);
  # fcvt.w.s -2.5 (rdn) -> -3
  TEST_FP_INTERNAL(9, FFLAG_NX, flw, .word, ld, .dword, 0xfffffffffffffffd, 0xc0200000, 0, 0, fcvt.w.s a0, f0, rdn);
  # fcvt.w.s -2.5 (rup) -> -2
  TEST_FP_INTERNAL(10, FFLAG_NX, flw, .word, ld, .dword, 0xfffffffffffffffe, 0xc0200000, 0, 0, fcvt.w.s a0, f0, rup);
  # fcvt.w.s -2.5 (rmm) -> -3
  TEST_FP_INTERNAL(11, FFLAG_NX, flw, .word, ld, .dword, 0xfffffffffffffffd, 0xc0200000, 0, 0, fcvt.w.s a0, f0, rmm);
  # fcvt.w.s 1.100000023841858 (rne) -> 1
  TEST_FP_INTERNAL(12, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000001, 0x3f8ccccd, 0, 0, fcvt.w.s a0, f0, rne);
  # fcvt.w.s -0.8999999761581421 (rtz) -> 0
  TEST_FP_INTERNAL(13, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000000, 0xbf666666, 0, 0, fcvt.w.s a0, f0, rtz);
  # fcvt.w.s -0.8999999761581421 (rne) -> -1
  TEST_FP_INTERNAL(14, FFLAG_NX, flw, .word, ld, .dword, 0xffffffffffffffff, 0xbf666666, 0, 0, fcvt.w.s a0, f0, rne);
  # fcvt.w.s -1.0 (rtz) -> -1
  TEST_FP_INTERNAL(15, 0, flw, .word, ld, .dword, 0xffffffffffffffff, 0xbf800000, 0, 0, fcvt.w.s a0, f0, rtz);
  # fcvt.w.s 3000000000.0 (rtz) -> 2147483647
  TEST_FP_INTERNAL(16, FFLAG_NV, flw, .word, ld, .dword, 0x000000007fffffff, 0x4f32d05e, 0, 0, fcvt.w.s a0, f0, rtz);
  # fcvt.w.s -3000000000.0 (rtz) -> -2147483648
  TEST_FP_INTERNAL(17, FFLAG_NV, flw, .word, ld, .dword, 0xffffffff80000000, 0xcf32d05e, 0, 0, fcvt.w.s a0, f0, rtz);
  # fcvt.w.s 9.999999980506448e+18 (rtz) -> 2147483647
  TEST_FP_INTERNAL(18, FFLAG_NV, flw, .word, ld, .dword, 0x000000007fffffff, 0x5f0ac723, 0, 0, fcvt.w.s a0, f0, rtz);
  # fcvt.w.s 1.0000000200408773e+20 (rtz) -> 2147483647
  TEST_FP_INTERNAL(19, FFLAG_NV, flw, .word, ld, .dword, 0x000000007fffffff, 0x60ad78ec, 0, 0, fcvt.w.s a0, f0, rtz);
  # fcvt.w.s -1.0000000200408773e+20 (rtz) -> -2147483648
  TEST_FP_INTERNAL(20, FFLAG_NV, flw, .word, ld, .dword, 0xffffffff80000000, 0xe0ad78ec, 0, 0, fcvt.w.s a0, f0, rtz);
  # NaN converts to the largest value
  TEST_FP_INTERNAL(21, FFLAG_NV, flw, .word, ld, .dword, 0x000000007fffffff, 0x7fc00000, 0, 0, fcvt.w.s a0, f0, rtz);
  # +inf converts to the largest value
  TEST_FP_INTERNAL(22, FFLAG_NV, flw, .word, ld, .dword, 0x000000007fffffff, 0x7f800000, 0, 0, fcvt.w.s a0, f0, rtz);
  # fcvt.wu.s 2.5 (rne) -> 2
  TEST_FP_INTERNAL(23, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000002, 0x40200000, 0, 0, fcvt.wu.s a0, f0, rne);
  # fcvt.wu.s 2.5 (rtz) -> 2
  TEST_FP_INTERNAL(24, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000002, 0x40200000, 0, 0, fcvt.wu.s a0, f0, rtz);
  # fcvt.wu.s 2.5 (rdn) -> 2
  TEST_FP_INTERNAL(25, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000002, 0x40200000, 0, 0, fcvt.wu.s a0, f0, rdn);
  # fcvt.wu.s 2.5 (rup) -> 3
  TEST_FP_INTERNAL(26, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000003, 0x40200000, 0, 0, fcvt.wu.s a0, f0, rup);
  # fcvt.wu.s 2.5 (rmm) -> 3
  TEST_FP_INTERNAL(27, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000003, 0x40200000, 0, 0, fcvt.wu.s a0, f0, rmm);
  # fcvt.wu.s -2.5 (rne) -> 0
  TEST_FP_INTERNAL(28, FFLAG_NV, flw, .word, ld, .dword, 0x0000000000000000, 0xc0200000, 0, 0, fcvt.wu.s a0, f0, rne);
  # fcvt.wu.s -2.5 (rtz) -> 0
  TEST_FP_INTERNAL(29, FFLAG_NV, flw, .word, ld, .dword, 0x0000000000000000, 0xc0200000, 0, 0, fcvt.wu.s a0, f0, rtz);
  # fcvt.wu.s -2.5 (rdn) -> 0
  TEST_FP_INTERNAL(30, FFLAG_NV, flw, .word, ld, .dword, 0x0000000000000000, 0xc0200000, 0, 0, fcvt.wu.s a0, f0, rdn);
  # fcvt.wu.s -2.5 (rup) -> 0
  TEST_FP_INTERNAL(31, FFLAG_NV, flw, .word, ld, .dword, 0x0000000000000000, 0xc0200000, 0, 0, fcvt.wu.s a0, f0, rup);
  # fcvt.wu.s -2.5 (rmm) -> 0
  TEST_FP_INTERNAL(32, FFLAG_NV, flw, .word, ld, .dword, 0x0000000000000000, 0xc0200000, 0, 0, fcvt.wu.s a0, f0, rmm);
  # fcvt.wu.s 1.100000023841858 (rne) -> 1
  TEST_FP_INTERNAL(33, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000001, 0x3f8ccccd, 0, 0, fcvt.wu.s a0, f0, rne);
  # fcvt.wu.s -0.8999999761581421 (rtz) -> 0
  TEST_FP_INTERNAL(34, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000000, 0xbf666666, 0, 0, fcvt.wu.s a0, f0, rtz);
  # fcvt.wu.s -0.8999999761581421 (rne) -> 0
  TEST_FP_INTERNAL(35, FFLAG_NV, flw, .word, ld, .dword, 0x0000000000000000, 0xbf666666, 0, 0, fcvt.wu.s a0, f0, rne);
  # fcvt.wu.s -1.0 (rtz) -> 0
  TEST_FP_INTERNAL(36, FFLAG_NV, flw, .word, ld, .dword, 0x0000000000000000, 0xbf800000, 0, 0, fcvt.wu.s a0, f0, rtz);
  # fcvt.wu.s 3000000000.0 (rtz) -> 3000000000
  TEST_FP_INTERNAL(37, 0, flw, .word, ld, .dword, 0xffffffffb2d05e00, 0x4f32d05e, 0, 0, fcvt.wu.s a0, f0, rtz);
  # fcvt.wu.s -3000000000.0 (rtz) -> 0
  TEST_FP_INTERNAL(38, FFLAG_NV, flw, .word, ld, .dword, 0x0000000000000000, 0xcf32d05e, 0, 0, fcvt.wu.s a0, f0, rtz);
  # fcvt.wu.s 9.999999980506448e+18 (rtz) -> 4294967295
  TEST_FP_INTERNAL(39, FFLAG_NV, flw, .word, ld, .dword, 0xffffffffffffffff, 0x5f0ac723, 0, 0, fcvt.wu.s a0, f0, rtz);
  # fcvt.wu.s 1.0000000200408773e+20 (rtz) -> 4294967295
  TEST_FP_INTERNAL(40, FFLAG_NV, flw, .word, ld, .dword, 0xffffffffffffffff, 0x60ad78ec, 0, 0, fcvt.wu.s a0, f0, rtz);
  # fcvt.wu.s -1.0000000200408773e+20 (rtz) -> 0
  TEST_FP_INTERNAL(41, FFLAG_NV, flw, .word, ld, .dword, 0x0000000000000000, 0xe0ad78ec, 0, 0, fcvt.wu.s a0, f0, rtz);
  # NaN converts to the largest value
  TEST_FP_INTERNAL(42, FFLAG_NV, flw, .word, ld, .dword, 0xffffffffffffffff, 0x7fc00000, 0, 0, fcvt.wu.s a0, f0, rtz);
  # +inf converts to the largest value
  TEST_FP_INTERNAL(43, FFLAG_NV, flw, .word, ld, .dword, 0xffffffffffffffff, 0x7f800000, 0, 0, fcvt.wu.s a0, f0, rtz);
  # fcvt.l.s 2.5 (rne) -> 2
  TEST_FP_INTERNAL(44, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000002, 0x40200000, 0, 0, fcvt.l.s a0, f0, rne);
  # fcvt.l.s 2.5 (rtz) -> 2
  TEST_FP_INTERNAL(45, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000002, 0x40200000, 0, 0, fcvt.l.s a0, f0, rtz);
  # fcvt.l.s 2.5 (rdn) -> 2
  TEST_FP_INTERNAL(46, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000002, 0x40200000, 0, 0, fcvt.l.s a0, f0, rdn);
  # fcvt.l.s 2.5 (rup) -> 3
  TEST_FP_INTERNAL(47, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000003, 0x40200000, 0, 0, fcvt.l.s a0, f0, rup);
  # fcvt.l.s 2.5 (rmm) -> 3
  TEST_FP_INTERNAL(48, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000003, 0x40200000, 0, 0, fcvt.l.s a0, f0, rmm);
  # fcvt.l.s -2.5 (rne) -> -2
  TEST_FP_INTERNAL(49, FFLAG_NX, flw, .word, ld, .dword, 0xfffffffffffffffe, 0xc0200000, 0, 0, fcvt.l.s a0, f0, rne);
  # fcvt.l.s -2.5 (rtz) -> -2
  TEST_FP_INTERNAL(50, FFLAG_NX, flw, .word, ld, .dword, 0xfffffffffffffffe, 0xc0200000, 0, 0, fcvt.l.s a0, f0, rtz);
  # fcvt.l.s -2.5 (rdn) -> -3
  TEST_FP_INTERNAL(51, FFLAG_NX, flw, .word, ld, .dword, 0xfffffffffffffffd, 0xc0200000, 0, 0, fcvt.l.s a0, f0, rdn);
  # fcvt.l.s -2.5 (rup) -> -2
  TEST_FP_INTERNAL(52, FFLAG_NX, flw, .word, ld, .dword, 0xfffffffffffffffe, 0xc0200000, 0, 0, fcvt.l.s a0, f0, rup);
  # fcvt.l.s -2.5 (rmm) -> -3
  TEST_FP_INTERNAL(53, FFLAG_NX, flw, .word, ld, .dword, 0xfffffffffffffffd, 0xc0200000, 0, 0, fcvt.l.s a0, f0, rmm);
  # fcvt.l.s 1.100000023841858 (rne) -> 1
  TEST_FP_INTERNAL(54, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000001, 0x3f8ccccd, 0, 0, fcvt.l.s a0, f0, rne);
  # fcvt.l.s -0.8999999761581421 (rtz) -> 0
  TEST_FP_INTERNAL(55, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000000, 0xbf666666, 0, 0, fcvt.l.s a0, f0, rtz);
  # fcvt.l.s -0.8999999761581421 (rne) -> -1
  TEST_FP_INTERNAL(56, FFLAG_NX, flw, .word, ld, .dword, 0xffffffffffffffff, 0xbf666666, 0, 0, fcvt.l.s a0, f0, rne);
  # fcvt.l.s -1.0 (rtz) -> -1
  TEST_FP_INTERNAL(57, 0, flw, .word, ld, .dword, 0xffffffffffffffff, 0xbf800000, 0, 0, fcvt.l.s a0, f0, rtz);
  # fcvt.l.s 3000000000.0 (rtz) -> 3000000000
  TEST_FP_INTERNAL(58, 0, flw, .word, ld, .dword, 0x00000000b2d05e00, 0x4f32d05e, 0, 0, fcvt.l.s a0, f0, rtz);
  # fcvt.l.s -3000000000.0 (rtz) -> -3000000000
  TEST_FP_INTERNAL(59, 0, flw, .word, ld, .dword, 0xffffffff4d2fa200, 0xcf32d05e, 0, 0, fcvt.l.s a0, f0, rtz);
  # fcvt.l.s 9.999999980506448e+18 (rtz) -> 9223372036854775807
  TEST_FP_INTERNAL(60, FFLAG_NV, flw, .word, ld, .dword, 0x7fffffffffffffff, 0x5f0ac723, 0, 0, fcvt.l.s a0, f0, rtz);
  # fcvt.l.s 1.0000000200408773e+20 (rtz) -> 9223372036854775807
  TEST_FP_INTERNAL(61, FFLAG_NV, flw, .word, ld, .dword, 0x7fffffffffffffff, 0x60ad78ec, 0, 0, fcvt.l.s a0, f0, rtz);
  # fcvt.l.s -1.0000000200408773e+20 (rtz) -> -9223372036854775808
  TEST_FP_INTERNAL(62, FFLAG_NV, flw, .word, ld, .dword, 0x8000000000000000, 0xe0ad78ec, 0, 0, fcvt.l.s a0, f0, rtz);
  # NaN converts to the largest value
  TEST_FP_INTERNAL(63, FFLAG_NV, flw, .word, ld, .dword, 0x7fffffffffffffff, 0x7fc00000, 0, 0, fcvt.l.s a0, f0, rtz);
  # +inf converts to the largest value
  TEST_FP_INTERNAL(64, FFLAG_NV, flw, .word, ld, .dword, 0x7fffffffffffffff, 0x7f800000, 0, 0, fcvt.l.s a0, f0, rtz);
  # fcvt.lu.s 2.5 (rne) -> 2
  TEST_FP_INTERNAL(65, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000002, 0x40200000, 0, 0, fcvt.lu.s a0, f0, rne);
  # fcvt.lu.s 2.5 (rtz) -> 2
  TEST_FP_INTERNAL(66, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000002, 0x40200000, 0, 0, fcvt.lu.s a0, f0, rtz);
  # fcvt.lu.s 2.5 (rdn) -> 2
  TEST_FP_INTERNAL(67, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000002, 0x40200000, 0, 0, fcvt.lu.s a0, f0, rdn);
  # fcvt.lu.s 2.5 (rup) -> 3
  TEST_FP_INTERNAL(68, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000003, 0x40200000, 0, 0, fcvt.lu.s a0, f0, rup);
  # fcvt.lu.s 2.5 (rmm) -> 3
  TEST_FP_INTERNAL(69, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000003, 0x40200000, 0, 0, fcvt.lu.s a0, f0, rmm);
  # fcvt.lu.s -2.5 (rne) -> 0
  TEST_FP_INTERNAL(70, FFLAG_NV, flw, .word, ld, .dword, 0x0000000000000000, 0xc0200000, 0, 0, fcvt.lu.s a0, f0, rne);
  # fcvt.lu.s -2.5 (rtz) -> 0
  TEST_FP_INTERNAL(71, FFLAG_NV, flw, .word, ld, .dword, 0x0000000000000000, 0xc0200000, 0, 0, fcvt.lu.s a0, f0, rtz);
  # fcvt.lu.s -2.5 (rdn) -> 0
  TEST_FP_INTERNAL(72, FFLAG_NV, flw, .word, ld, .dword, 0x0000000000000000, 0xc0200000, 0, 0, fcvt.lu.s a0, f0, rdn);
  # fcvt.lu.s -2.5 (rup) -> 0
  TEST_FP_INTERNAL(73, FFLAG_NV, flw, .word, ld, .dword, 0x0000000000000000, 0xc0200000, 0, 0, fcvt.lu.s a0, f0, rup);
  # fcvt.lu.s -2.5 (rmm) -> 0
  TEST_FP_INTERNAL(74, FFLAG_NV, flw, .word, ld, .dword, 0x0000000000000000, 0xc0200000, 0, 0, fcvt.lu.s a0, f0, rmm);
  # fcvt.lu.s 1.100000023841858 (rne) -> 1
  TEST_FP_INTERNAL(75, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000001, 0x3f8ccccd, 0, 0, fcvt.lu.s a0, f0, rne);
  # fcvt.lu.s -0.8999999761581421 (rtz) -> 0
  TEST_FP_INTERNAL(76, FFLAG_NX, flw, .word, ld, .dword, 0x0000000000000000, 0xbf666666, 0, 0, fcvt.lu.s a0, f0, rtz);
  # fcvt.lu.s -0.8999999761581421 (rne) -> 0
  TEST_FP_INTERNAL(77, FFLAG_NV, flw, .word, ld, .dword, 0x0000000000000000, 0xbf666666, 0, 0, fcvt.lu.s a0, f0, rne);
  # fcvt.lu.s -1.0 (rtz) -> 0
  TEST_FP_INTERNAL(78, FFLAG_NV, flw, .word, ld, .dword, 0x0000000000000000, 0xbf800000, 0, 0, fcvt.lu.s a0, f0, rtz);
  # fcvt.lu.s 3000000000.0 (rtz) -> 3000000000
  TEST_FP_INTERNAL(79, 0, flw, .word, ld, .dword, 0x00000000b2d05e00, 0x4f32d05e, 0, 0, fcvt.lu.s a0, f0, rtz);
  # fcvt.lu.s -3000000000.0 (rtz) -> 0
  TEST_FP_INTERNAL(80, FFLAG_NV, flw, .word, ld, .dword, 0x0000000000000000, 0xcf32d05e, 0, 0, fcvt.lu.s a0, f0, rtz);
  # fcvt.lu.s 9.999999980506448e+18 (rtz) -> 9999999980506447872
  TEST_FP_INTERNAL(81, 0, flw, .word, ld, .dword, 0x8ac7230000000000, 0x5f0ac723, 0, 0, fcvt.lu.s a0, f0, rtz);
  # fcvt.lu.s 1.0000000200408773e+20 (rtz) -> 18446744073709551615
  TEST_FP_INTERNAL(82, FFLAG_NV, flw, .word, ld, .dword, 0xffffffffffffffff, 0x60ad78ec, 0, 0, fcvt.lu.s a0, f0, rtz);
  # fcvt.lu.s -1.0000000200408773e+20 (rtz) -> 0
  TEST_FP_INTERNAL(83, FFLAG_NV, flw, .word, ld, .dword, 0x0000000000000000, 0xe0ad78ec, 0, 0, fcvt.lu.s a0, f0, rtz);
  # NaN converts to the largest value
  TEST_FP_INTERNAL(84, FFLAG_NV, flw, .word, ld, .dword, 0xffffffffffffffff, 0x7fc00000, 0, 0, fcvt.lu.s a0, f0, rtz);
  # +inf converts to the largest value
  TEST_FP_INTERNAL(85, FFLAG_NV, flw, .word, ld, .dword, 0xffffffffffffffff, 0x7f800000, 0, 0, fcvt.lu.s a0, f0, rtz);

RVTEST_CODE_END
