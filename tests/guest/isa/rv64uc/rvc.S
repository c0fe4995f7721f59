# RV64C: every compressed instruction, each checked against the effect of its
# 32-bit expansion (ISA manual, "C" chapter). Immediates are scaled and
# sign- or zero-extended as the encoding specifies.
#include "test_macros.h"

RVTEST_CODE_BEGIN
  .option rvc
  la sp, stack_area

  # ---- stack-pointer based ----
  TEST_CASE(2, a0, 0, la a4, stack_area; c.addi4spn a0, sp, 1020; addi a0, a0, -1020; sub a0, a0, a4);
  TEST_CASE(3, t1, 496, mv t0, sp; c.addi16sp sp, 496; sub t1, sp, t0; c.addi16sp sp, -496; bne sp, t0, fail);
  TEST_CASE(4, a4, 0xfffffffffedcba99, li a1, 0xfedcba99; c.swsp a1, 12(sp); c.lwsp a4, 12(sp));
  TEST_CASE(5, a4, 0x0123456789abcdef, li a1, 0x0123456789abcdef; c.sdsp a1, 504(sp); c.ldsp a4, 504(sp));
  TEST_CASE(6, a4, 0x400921fb54442d18, li a1, 0x400921fb54442d18; fmv.d.x f9, a1; c.fsdsp f9, 16(sp); c.fldsp f4, 16(sp); fmv.x.d a4, f4);

  # ---- register based loads and stores (x8..x15, f8..f15) ----
  TEST_CASE(7, a5, 0xffffffff80000001, la s0, stack_area; li a1, 0x80000001; c.sw a1, 124(s0); c.lw a5, 124(s0));
  TEST_CASE(8, a5, 0x8000000000000001, li a1, 0x8000000000000001; c.sd a1, 248(s0); c.ld a5, 248(s0));
  TEST_CASE(9, a5, 0xc00921fb54442d18, li a1, 0xc00921fb54442d18; fmv.d.x fs1, a1; c.fsd fs1, 240(s0); c.fld fa5, 240(s0); fmv.x.d a5, fa5);

  # ---- integer constants and register-immediate ----
  TEST_CASE(10, a4, 0xffffffffffffffe0, c.li a4, -32);
  TEST_CASE(11, a4, 31, c.li a4, 31);
  TEST_CASE(12, a4, 0xfffffffffffe0000, c.lui a4, 0xfffe0);
  TEST_CASE(13, a4, 0x000000000001f000, c.lui a4, 0x1f);
  TEST_CASE(14, a4, 0x0000000000000000, li a4, 32; c.addi a4, -32);
  TEST_CASE(15, a4, 0x0000000000000001, li a4, 0x7fffffff; c.addiw a4, 1; li t0, 0xffffffff80000000; sub a4, a4, t0; addi a4, a4, 1);
  TEST_CASE(16, a4, 0xffffffff80000000, li a4, 0x7fffffff; c.addiw a4, 1);
  TEST_CASE(17, a4, 0x0000000012345678, li a4, 0xabcdef0012345678; c.addiw a4, 0);
  TEST_CASE(18, a4, 0x8000000000000000, li a4, 1; c.slli a4, 63);
  TEST_CASE(19, a5, 0x0000000000000001, li a5, 0x8000000000000000; c.srli a5, 63);
  TEST_CASE(20, a5, 0xffffffffffffffff, li a5, 0x8000000000000000; c.srai a5, 63);
  TEST_CASE(21, a5, 0x0000000000000010, li a5, 0x0123456789abcdff; c.srli a5, 32; c.srli a5, 1; c.andi a5, 0x10);
  TEST_CASE(22, a5, 0x0123456789abcde0, li a5, 0x0123456789abcdef; c.andi a5, -32);
  c.nop

  # ---- register-register ----
  TEST_CASE(23, a4, 0x0000000000000007, li a1, 7; c.mv a4, a1);
  TEST_CASE(24, a4, 0x0000000100000000, li a4, 0xffffffff; li a1, 1; c.add a4, a1);
  TEST_CASE(25, a4, 0xffffffffffffffff, li a4, 0; li a5, 1; c.sub a4, a5);
  TEST_CASE(26, a4, 0x00000000000000ff, li a4, 0x0f; li a5, 0xf0; c.xor a4, a5);
  TEST_CASE(27, a4, 0x00000000000000ff, li a4, 0x0f; li a5, 0xf0; c.or a4, a5);
  TEST_CASE(28, a4, 0x0000000000000000, li a4, 0x0f; li a5, 0xf0; c.and a4, a5);
  TEST_CASE(29, a4, 0xffffffff80000000, li a4, 0x7fffffff; li a5, 1; c.addw a4, a5);
  TEST_CASE(30, a4, 0x000000007fffffff, li a4, 0x80000000; li a5, 1; c.subw a4, a5);
  TEST_CASE(31, a4, 0xfffffffffffffffe, li a4, 0x1fffffffe; li a5, 0x100000000; c.subw a4, a5);

  # ---- control transfer ----
test_32:
  li TESTNUM, 32
  c.j 1f
  j fail
1:
  li a4, 0
  c.beqz a4, 2f
  j fail
2:
  li a4, 1
  c.beqz a4, fail
  c.bnez a4, 3f
  j fail
3:
  li a4, 0
  c.bnez a4, fail

test_33:
  li TESTNUM, 33
  la a1, 1f
  c.jr a1
  j fail
1:
  la a1, 2f
  li ra, 0
  c.jalr a1
3:
  j 4f
2:
  # link register is the address after the 2-byte c.jalr
  la t0, 3b
  bne ra, t0, fail
  ret
4:

  # branch backwards with a compressed branch
test_34:
  li TESTNUM, 34
  li a4, 3
1:
  c.addi a4, -1
  c.bnez a4, 1b

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .align 4
stack_area:
  .skip 1040
RVTEST_DATA_END
