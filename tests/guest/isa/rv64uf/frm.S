# Rounding modes: each static rm field, the dynamic mode taken from frm, and
# fflags accrual across instructions. A reserved frm (5..7) used by a dynamic
# instruction is an illegal instruction.
#include "test_macros.h"

RVTEST_CODE_BEGIN

  # 1 + 2^-24 * 3 = 1.00000017881..., halfway cases below exercise every mode:
  # 0x3f800000 + 0x33c00000 (1.5 ulp) and negated.
  TEST_FP_OP2_S_RM(2, fadd.s, rne, FFLAG_NX, 1.0000002384185791015625, 1.0, 0.000000178813934326171875);
  TEST_FP_OP2_S_RM(3, fadd.s, rtz, FFLAG_NX, 1.00000011920928955078125, 1.0, 0.000000178813934326171875);
  TEST_FP_OP2_S_RM(4, fadd.s, rdn, FFLAG_NX, 1.00000011920928955078125, 1.0, 0.000000178813934326171875);
  TEST_FP_OP2_S_RM(5, fadd.s, rup, FFLAG_NX, 1.0000002384185791015625, 1.0, 0.000000178813934326171875);
  TEST_FP_OP2_S_RM(6, fadd.s, rmm, FFLAG_NX, 1.0000002384185791015625, 1.0, 0.000000178813934326171875);
  TEST_FP_OP2_S_RM(7, fadd.s, rne, FFLAG_NX, -1.0000002384185791015625, -1.0, -0.000000178813934326171875);
  TEST_FP_OP2_S_RM(8, fadd.s, rtz, FFLAG_NX, -1.00000011920928955078125, -1.0, -0.000000178813934326171875);
  TEST_FP_OP2_S_RM(9, fadd.s, rdn, FFLAG_NX, -1.0000002384185791015625, -1.0, -0.000000178813934326171875);
  TEST_FP_OP2_S_RM(10, fadd.s, rup, FFLAG_NX, -1.00000011920928955078125, -1.0, -0.000000178813934326171875);
  TEST_FP_OP2_S_RM(11, fadd.s, rmm, FFLAG_NX, -1.0000002384185791015625, -1.0, -0.000000178813934326171875);
  # a tie (exactly half an ulp): rne goes to even, rmm away from zero
  TEST_FP_OP2_S_RM(12, fadd.s, rne, FFLAG_NX, 1.0, 1.0, 0.0000000596046447753906250);
  TEST_FP_OP2_S_RM(13, fadd.s, rmm, FFLAG_NX, 1.00000011920928955078125, 1.0, 0.0000000596046447753906250);
  # x - x is -0 only when rounding down
  TEST_FP_OP2_S_RM(14, fsub.s, rdn, 0, -0.0, 1.0, 1.0);
  TEST_FP_OP2_S_RM(15, fsub.s, rup, 0, 0.0, 1.0, 1.0);
  # overflow: directed modes may give the largest finite value instead of infinity
  TEST_FP_INTERNAL(16, FFLAG_OF|FFLAG_NX, flw, .word, lw, .word, 0x7f7fffff, 0x7f7fffff, 0x7f7fffff, 0, fadd.s f3, f0, f1, rtz; fmv.x.w a0, f3);
  TEST_FP_INTERNAL(17, FFLAG_OF|FFLAG_NX, flw, .word, lw, .word, 0x7f800000, 0x7f7fffff, 0x7f7fffff, 0, fadd.s f3, f0, f1, rup; fmv.x.w a0, f3);
  TEST_FP_INTERNAL(18, FFLAG_OF|FFLAG_NX, flw, .word, lw, .word, 0x7f7fffff, 0x7f7fffff, 0x7f7fffff, 0, fadd.s f3, f0, f1, rdn; fmv.x.w a0, f3);

  # dynamic rounding: frm selects the mode for rm = dyn
  TEST_CASE(19, a4, 0x3f800001, fsrmi 1; li a0, 0x3f800000; fmv.w.x f1, a0; li a0, 0x34400000; fmv.w.x f2, a0; fadd.s f3, f1, f2, dyn; fmv.x.w a4, f3);
  TEST_CASE(20, a4, 0x3f800002, fsrmi 3; fadd.s f3, f1, f2; fmv.x.w a4, f3);
  TEST_CASE(21, a4, 0x3f800002, fsrmi 4; fadd.s f3, f1, f2; fmv.x.w a4, f3);
  TEST_CASE(22, a4, 0x3f800001, fsrmi 2; fadd.s f3, f1, f2; fmv.x.w a4, f3);
  # a static mode overrides frm
  TEST_CASE(23, a4, 0x3f800002, fsrmi 1; fadd.s f3, f1, f2, rne; fmv.x.w a4, f3);
  TEST_CASE(24, a4, 2, li a0, 0x3fc00000; fmv.w.x f1, a0; fsrmi 3; fcvt.w.s a4, f1; fsrmi 0);

  # fflags accrue (OR) until cleared
test_25:
  li TESTNUM, 25
  fsflags x0
  li a0, 0x3f800000
  fmv.w.x f1, a0
  fmv.w.x f2, zero
  fdiv.s f3, f1, f2          # DZ
  li a0, 0x34400000
  fmv.w.x f2, a0
  fadd.s f3, f1, f2          # NX
  fsqrt.s f3, f3             # NX again
  frflags a4
  li t6, FFLAG_DZ|FFLAG_NX
  bne a4, t6, fail
  li a0, 0xbf800000
  fmv.w.x f2, a0
  fsqrt.s f3, f2             # NV
  frflags a4
  li t6, FFLAG_DZ|FFLAG_NX|FFLAG_NV
  bne a4, t6, fail
  # instructions that raise nothing leave the flags as they are
  fadd.s f3, f1, f1
  fsgnj.s f3, f1, f2
  frflags a4
  bne a4, t6, fail
  fsflags x0

  # a reserved dynamic rounding mode makes the instruction illegal
test_26:
  li TESTNUM, 26
  RVTEST_TRAP_HANDLER(frm_trap)
  li a3, 0
  fsrmi 5
bad_frm_insn:
  fadd.s f3, f1, f1, dyn
  li t6, 1
  bne a3, t6, fail
  fsrmi 0
  # a static mode does not consult frm, so it works even with frm = 7
  fsrmi 7
  fadd.s f3, f1, f1, rne
  fsrmi 0
  j pass

  .align 2
frm_trap:
  csrr t0, mcause
  li t1, CAUSE_ILLEGAL_INSTRUCTION
  bne t0, t1, fail
  csrr t0, mepc
  la t1, bad_frm_insn
  bne t0, t1, fail
  li a3, 1
  addi t0, t0, 4
  csrw mepc, t0
  mret

RVTEST_CODE_END
