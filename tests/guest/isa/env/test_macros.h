/*
 * Test-case macros for Orrery's ISA tests, written from the RISC-V ISA manual.
 *
 * Register convention: sources a0/a1 (and a2), destination a4, expected value
 * t6. Loads and stores use a0 as the base, a1 as the stored value and a4 as
 * the loaded value (the misaligned-access handler in rv64mi relies on this).
 * Every case sets TESTNUM first, so a failure exit code names the case.
 */
#ifndef ORRERY_ISA_TEST_MACROS_H
#define ORRERY_ISA_TEST_MACROS_H

#include "test_env.h"

#define TEST_CASE(testnum, testreg, correctval, code...)                \
test_ ## testnum:                                                       \
        li TESTNUM, testnum;                                            \
        code;                                                           \
        li t6, correctval;                                              \
        bne testreg, t6, fail

/* ---- register-register ---- */

#define TEST_RR_OP(testnum, inst, result, val1, val2)                   \
        TEST_CASE(testnum, a4, result,                                  \
          li a0, val1; li a1, val2; inst a4, a0, a1)

#define TEST_RR_SRC1_EQ_DEST(testnum, inst, result, val1, val2)         \
        TEST_CASE(testnum, a0, result,                                  \
          li a0, val1; li a1, val2; inst a0, a0, a1)

#define TEST_RR_SRC2_EQ_DEST(testnum, inst, result, val1, val2)         \
        TEST_CASE(testnum, a1, result,                                  \
          li a0, val1; li a1, val2; inst a1, a0, a1)

#define TEST_RR_SRC12_EQ_DEST(testnum, inst, result, val1)              \
        TEST_CASE(testnum, a0, result, li a0, val1; inst a0, a0, a0)

/* The result is discarded: x0 must still read as zero afterwards. */
#define TEST_RR_ZERODEST(testnum, inst, val1, val2)                     \
        TEST_CASE(testnum, x0, 0,                                       \
          li a0, val1; li a1, val2; inst x0, a0, a1)

#define TEST_RR_ZEROSRC1(testnum, inst, result, val)                    \
        TEST_CASE(testnum, a4, result, li a1, val; inst a4, x0, a1)

#define TEST_RR_ZEROSRC2(testnum, inst, result, val)                    \
        TEST_CASE(testnum, a4, result, li a0, val; inst a4, a0, x0)

/* ---- register-immediate ---- */

#define TEST_IMM_OP(testnum, inst, result, val1, imm)                   \
        TEST_CASE(testnum, a4, result, li a0, val1; inst a4, a0, imm)

#define TEST_IMM_SRC1_EQ_DEST(testnum, inst, result, val1, imm)         \
        TEST_CASE(testnum, a0, result, li a0, val1; inst a0, a0, imm)

#define TEST_IMM_ZERODEST(testnum, inst, val1, imm)                     \
        TEST_CASE(testnum, x0, 0, li a0, val1; inst x0, a0, imm)

#define TEST_IMM_ZEROSRC1(testnum, inst, result, imm)                   \
        TEST_CASE(testnum, a4, result, inst a4, x0, imm)

/* ---- loads and stores ---- */

#define TEST_LD_OP(testnum, inst, result, offset, base)                 \
        TEST_CASE(testnum, a4, result, la a0, base; inst a4, offset(a0))

#define TEST_LD_ZERODEST(testnum, inst, offset, base)                   \
        TEST_CASE(testnum, x0, 0, la a0, base; inst x0, offset(a0))

#define TEST_ST_OP(testnum, load_inst, store_inst, result, offset, base) \
        TEST_CASE(testnum, a4, result,                                  \
          la a0, base; li a1, result;                                   \
          store_inst a1, offset(a0); load_inst a4, offset(a0))

/* ---- branches: taken cases are checked forwards and backwards ---- */

#define TEST_BR2_OP_TAKEN(testnum, inst, val1, val2)                    \
test_ ## testnum:                                                       \
        li TESTNUM, testnum;                                            \
        li a0, val1; li a1, val2;                                       \
        inst a0, a1, 2f;                                                \
        j fail;                                                         \
1:      j 3f;                                                           \
2:      inst a0, a1, 1b;                                                \
        j fail;                                                         \
3:

#define TEST_BR2_OP_NOTTAKEN(testnum, inst, val1, val2)                 \
test_ ## testnum:                                                       \
        li TESTNUM, testnum;                                            \
        li a0, val1; li a1, val2;                                       \
        inst a0, a1, 1f;                                                \
        j 2f;                                                           \
1:      j fail;                                                         \
2:

/* ---- floating point ----
 * Inputs go to f0..f2 from a per-case data block; `code` leaves its result
 * in a0, which is compared with the expected value; fflags raised by the
 * case (cleared just before `code`) are compared with `flags`. */

#define TEST_FP_INTERNAL(testnum, flags, ld_in, in_dir, ld_res, res_dir, result, val1, val2, val3, code...) \
test_ ## testnum:                                                       \
        li TESTNUM, testnum;                                            \
        la a0, test_ ## testnum ## _data;                               \
        ld_in f0, 0(a0); ld_in f1, 8(a0); ld_in f2, 16(a0);             \
        ld_res a3, 24(a0);                                              \
        fsflags x0;                                                     \
        code;                                                           \
        fsflags a1, x0;                                                 \
        li a2, flags;                                                   \
        bne a0, a3, fail;                                               \
        bne a1, a2, fail;                                               \
        .pushsection .data;                                             \
        .align 3;                                                       \
test_ ## testnum ## _data:                                              \
        in_dir val1; .align 3; in_dir val2; .align 3; in_dir val3;      \
        .align 3; res_dir result;                                       \
        .popsection

#define TEST_FP_OP1_S(testnum, inst, flags, result, val1)               \
        TEST_FP_INTERNAL(testnum, flags, flw, .float, lw, .float, result, val1, 0.0, 0.0, \
          inst f3, f0; fmv.x.w a0, f3)
#define TEST_FP_OP1_D(testnum, inst, flags, result, val1)               \
        TEST_FP_INTERNAL(testnum, flags, fld, .double, ld, .double, result, val1, 0.0, 0.0, \
          inst f3, f0; fmv.x.d a0, f3)
#define TEST_FP_OP2_S(testnum, inst, flags, result, val1, val2)         \
        TEST_FP_INTERNAL(testnum, flags, flw, .float, lw, .float, result, val1, val2, 0.0, \
          inst f3, f0, f1; fmv.x.w a0, f3)
#define TEST_FP_OP2_D(testnum, inst, flags, result, val1, val2)         \
        TEST_FP_INTERNAL(testnum, flags, fld, .double, ld, .double, result, val1, val2, 0.0, \
          inst f3, f0, f1; fmv.x.d a0, f3)
#define TEST_FP_OP3_S(testnum, inst, flags, result, val1, val2, val3)   \
        TEST_FP_INTERNAL(testnum, flags, flw, .float, lw, .float, result, val1, val2, val3, \
          inst f3, f0, f1, f2; fmv.x.w a0, f3)
#define TEST_FP_OP3_D(testnum, inst, flags, result, val1, val2, val3)   \
        TEST_FP_INTERNAL(testnum, flags, fld, .double, ld, .double, result, val1, val2, val3, \
          inst f3, f0, f1, f2; fmv.x.d a0, f3)

/* Static rounding mode in the instruction (rne, rtz, rdn, rup, rmm, dyn). */
#define TEST_FP_OP2_S_RM(testnum, inst, rm, flags, result, val1, val2)  \
        TEST_FP_INTERNAL(testnum, flags, flw, .float, lw, .float, result, val1, val2, 0.0, \
          inst f3, f0, f1, rm; fmv.x.w a0, f3)
#define TEST_FP_OP2_D_RM(testnum, inst, rm, flags, result, val1, val2)  \
        TEST_FP_INTERNAL(testnum, flags, fld, .double, ld, .double, result, val1, val2, 0.0, \
          inst f3, f0, f1, rm; fmv.x.d a0, f3)

/* Raw bit patterns for NaNs, infinities and subnormals. */
#define TEST_FP_OP2_S_HEX(testnum, inst, flags, result, val1, val2)     \
        TEST_FP_INTERNAL(testnum, flags, flw, .word, lw, .word, result, val1, val2, 0, \
          inst f3, f0, f1; fmv.x.w a0, f3)
#define TEST_FP_OP2_D_HEX(testnum, inst, flags, result, val1, val2)     \
        TEST_FP_INTERNAL(testnum, flags, fld, .dword, ld, .dword, result, val1, val2, 0, \
          inst f3, f0, f1; fmv.x.d a0, f3)
#define TEST_FP_OP1_S_HEX(testnum, inst, flags, result, val1)           \
        TEST_FP_INTERNAL(testnum, flags, flw, .word, lw, .word, result, val1, 0, 0, \
          inst f3, f0; fmv.x.w a0, f3)
#define TEST_FP_OP1_D_HEX(testnum, inst, flags, result, val1)           \
        TEST_FP_INTERNAL(testnum, flags, fld, .dword, ld, .dword, result, val1, 0, 0, \
          inst f3, f0; fmv.x.d a0, f3)

/* Comparisons: integer result in a0. */
#define TEST_FP_CMP_OP_S(testnum, inst, flags, result, val1, val2)      \
        TEST_FP_INTERNAL(testnum, flags, flw, .float, ld, .dword, result, val1, val2, 0.0, \
          inst a0, f0, f1)
#define TEST_FP_CMP_OP_D(testnum, inst, flags, result, val1, val2)      \
        TEST_FP_INTERNAL(testnum, flags, fld, .double, ld, .dword, result, val1, val2, 0.0, \
          inst a0, f0, f1)
#define TEST_FP_CMP_OP_S_HEX(testnum, inst, flags, result, val1, val2)  \
        TEST_FP_INTERNAL(testnum, flags, flw, .word, ld, .dword, result, val1, val2, 0, \
          inst a0, f0, f1)
#define TEST_FP_CMP_OP_D_HEX(testnum, inst, flags, result, val1, val2)  \
        TEST_FP_INTERNAL(testnum, flags, fld, .dword, ld, .dword, result, val1, val2, 0, \
          inst a0, f0, f1)

/* Float to integer with an explicit rounding mode. */
#define TEST_FP_INT_OP_S(testnum, inst, flags, result, val1, rm)        \
        TEST_FP_INTERNAL(testnum, flags, flw, .float, ld, .dword, result, val1, 0.0, 0.0, \
          inst a0, f0, rm)
#define TEST_FP_INT_OP_D(testnum, inst, flags, result, val1, rm)        \
        TEST_FP_INTERNAL(testnum, flags, fld, .double, ld, .dword, result, val1, 0.0, 0.0, \
          inst a0, f0, rm)
#define TEST_FP_INT_OP_D_HEX(testnum, inst, flags, result, val1, rm)    \
        TEST_FP_INTERNAL(testnum, flags, fld, .dword, ld, .dword, result, val1, 0, 0, \
          inst a0, f0, rm)

/* Integer to float: the source integer is loaded from the data block; the
 * expected result is given as raw bits. */
#define TEST_INT_FP_OP_S(testnum, inst, flags, result, val1)            \
        TEST_FP_INTERNAL(testnum, flags, fld, .dword, lw, .word, result, val1, 0, 0, \
          ld a4, 0(a0); inst f3, a4; fmv.x.w a0, f3)
#define TEST_INT_FP_OP_D(testnum, inst, flags, result, val1)            \
        TEST_FP_INTERNAL(testnum, flags, fld, .dword, ld, .dword, result, val1, 0, 0, \
          ld a4, 0(a0); inst f3, a4; fmv.x.d a0, f3)

#define TEST_FCLASS_S(testnum, result, bits)                            \
        TEST_CASE(testnum, a0, result,                                  \
          li a0, bits; fmv.w.x f0, a0; fclass.s a0, f0)
#define TEST_FCLASS_D(testnum, result, bits)                            \
        TEST_CASE(testnum, a0, result,                                  \
          li a0, bits; fmv.d.x f0, a0; fclass.d a0, f0)

/* ---- traps ----
 * In a trap handler: move mepc past the trapping instruction, whose length
 * (2 or 4 bytes) is read from its low bits. Uses t0..t2. */
#define TRAP_SKIP_INSTRUCTION                                           \
        csrr t0, mepc;                                                  \
        lhu t1, 0(t0);                                                  \
        andi t1, t1, 3;                                                 \
        li t2, 3;                                                       \
        addi t0, t0, 2;                                                 \
        bne t1, t2, 99f;                                                \
        addi t0, t0, 2;                                                 \
99:     csrw mepc, t0

#endif
