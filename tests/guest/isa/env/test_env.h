/*
 * Environment for Orrery's ISA tests: a bare M-mode machine with HTIF.
 *
 * Each test starts at 0x80000000 in M-mode. TESTNUM (gp) holds the number of
 * the case being checked. Pass writes tohost = 1 (exit code 0); failure writes
 * tohost = TESTNUM << 1 | 1. A trap the test did not ask for exits with
 * TESTNUM + UNEXPECTED_TRAP_BASE, so test numbers stay in 1..127 (QEMU passes
 * only the low 8 bits of the exit code to the shell).
 *
 * A test that expects traps installs its own handler with RVTEST_TRAP_HANDLER.
 */
#ifndef ORRERY_ISA_TEST_ENV_H
#define ORRERY_ISA_TEST_ENV_H

#define TESTNUM gp
#define UNEXPECTED_TRAP_BASE 128

/* CSR fields (privileged spec names) */
#define MSTATUS_MIE        0x00000008
#define MSTATUS_MPIE       0x00000080
#define MSTATUS_MPP        0x00001800
#define MSTATUS_MPP_S      0x00000800
#define MSTATUS_FS         0x00006000
#define MSTATUS_FS_INITIAL 0x00002000
#define MSTATUS_MPRV       0x00020000

#define CAUSE_MISALIGNED_FETCH  0
#define CAUSE_FETCH_ACCESS      1
#define CAUSE_ILLEGAL_INSTRUCTION 2
#define CAUSE_BREAKPOINT        3
#define CAUSE_MISALIGNED_LOAD   4
#define CAUSE_LOAD_ACCESS       5
#define CAUSE_MISALIGNED_STORE  6
#define CAUSE_STORE_ACCESS      7
#define CAUSE_USER_ECALL        8
#define CAUSE_SUPERVISOR_ECALL  9
#define CAUSE_MACHINE_ECALL     11

#define PMPCFG_NAPOT_RWX   0x1f  /* A=NAPOT, X, W, R */

/* fflags bits */
#define FFLAG_NX 0x01
#define FFLAG_UF 0x02
#define FFLAG_OF 0x04
#define FFLAG_DZ 0x08
#define FFLAG_NV 0x10

/* frm encodings */
#define FRM_RNE 0
#define FRM_RTZ 1
#define FRM_RDN 2
#define FRM_RUP 3
#define FRM_RMM 4

#define RVTEST_CODE_BEGIN                                               \
        .section .text.init, "ax", @progbits;                           \
        .globl _start;                                                  \
_start:                                                                 \
        la t0, rvtest_unexpected_trap;                                  \
        csrw mtvec, t0;                                                 \
        li t0, MSTATUS_FS_INITIAL;                                      \
        csrs mstatus, t0;                                               \
        csrwi fcsr, 0;                                                  \
        li TESTNUM, 0;                                                  \
        j rvtest_body;                                                  \
        .align 2;                                                       \
rvtest_unexpected_trap:                                                 \
        addi TESTNUM, TESTNUM, UNEXPECTED_TRAP_BASE;                    \
        j fail;                                                         \
        .text;                                                          \
rvtest_body:

/* Install `label` as the M-mode trap vector (direct mode). The label must be
 * 4-byte aligned: mtvec ignores a base with reserved mode bits, so check. */
#define RVTEST_TRAP_HANDLER(label)                                      \
        la t0, label;                                                   \
        csrw mtvec, t0;                                                 \
        csrr t1, mtvec;                                                 \
        bne t0, t1, fail

#define RVTEST_PASS                                                     \
        fence;                                                          \
        li t0, 1;                                                       \
1:      sd t0, tohost, t1;                                              \
        j 1b

#define RVTEST_FAIL                                                     \
        fence;                                                          \
        slli t0, TESTNUM, 1;                                            \
        ori t0, t0, 1;                                                  \
1:      sd t0, tohost, t1;                                              \
        j 1b

/* Ends the test body: falling through passes; `fail` is the shared exit. */
#define RVTEST_CODE_END                                                 \
pass:   RVTEST_PASS;                                                    \
fail:   RVTEST_FAIL;                                                    \
        .pushsection .tohost, "aw", @progbits;                          \
        .align 6; .globl tohost; tohost: .dword 0; .size tohost, 8;     \
        .align 6; .globl fromhost; fromhost: .dword 0; .size fromhost, 8; \
        .popsection

#define RVTEST_DATA_BEGIN .data; .align 4
#define RVTEST_DATA_END

#endif
