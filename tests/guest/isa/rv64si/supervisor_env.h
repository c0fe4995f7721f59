/*
 * Supervisor-mode tests (in the style of riscv-tests rv64si): the program
 * starts in M-mode as every ISA test does, then RVTEST_ENTER_SUPERVISOR opens
 * PMP to S/U, delegates the exceptions S-mode can handle to `handler`
 * (stvec) and continues at the next instruction in S-mode. Traps that are not
 * delegated still reach the M-mode "unexpected trap" vector.
 */
#ifndef ORRERY_SUPERVISOR_ENV_H
#define ORRERY_SUPERVISOR_ENV_H

#include "test_macros.h"

#define SSTATUS_SIE  0x00000002
#define SSTATUS_SPP  0x00000100
#define SSTATUS_SUM  0x00040000
#define SSTATUS_MXR  0x00080000
#define SIP_SSIP     0x00000002
#define MIP_SSIP     0x00000002

#define CAUSE_FETCH_PAGE_FAULT 12
#define CAUSE_LOAD_PAGE_FAULT  13
#define CAUSE_STORE_PAGE_FAULT 15

#define SATP_MODE_SV39 (8 << 60)
#define SATP_MODE_SV48 (9 << 60)
#define SATP_MODE_SV57 (10 << 60)
#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_U 0x10
#define PTE_A 0x40
#define PTE_D 0x80

/* Misaligned/access/illegal/breakpoint/U-ecall/page faults go to S-mode. */
#define DELEGATED_EXCEPTIONS 0xb1ff

#define RVTEST_ENTER_SUPERVISOR(handler)                                \
        li t0, -1;                                                      \
        csrw pmpaddr0, t0;                                              \
        li t0, PMPCFG_NAPOT_RWX;                                        \
        csrw pmpcfg0, t0;                                               \
        la t0, handler;                                                 \
        csrw stvec, t0;                                                 \
        li t0, DELEGATED_EXCEPTIONS;                                    \
        csrw medeleg, t0;                                               \
        li t0, MSTATUS_MPP;                                             \
        csrc mstatus, t0;                                               \
        li t0, MSTATUS_MPP_S;                                           \
        csrs mstatus, t0;                                               \
        la t0, 9f;                                                      \
        csrw mepc, t0;                                                  \
        mret;                                                           \
9:

/*
 * Sv39 address space for the paging tests: 0x80000000 is identity-mapped by
 * one gigapage (S-only, RWX, A and D set: code, data, tohost and the page
 * tables themselves), and VA 0x40000000 + n * 4 KiB is entry n of a level-0
 * table, filled with SV39_MAP. satp is set in M-mode, before
 * RVTEST_ENTER_SUPERVISOR. Needs SV39_TABLES in the program.
 */
#define SV39_VA_BASE 0x40000000
#define RVTEST_SV39_SETUP                                               \
        la t0, sv39_root;                                               \
        li t1, ((0x80000000 >> 12) << 10) | PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D; \
        sd t1, 16(t0);                                                  \
        la t1, sv39_l1;                                                 \
        srli t2, t1, 12;                                                \
        slli t2, t2, 10;                                                \
        ori t2, t2, PTE_V;                                              \
        sd t2, 8(t0);                                                   \
        la t2, sv39_l0;                                                 \
        srli t2, t2, 12;                                                \
        slli t2, t2, 10;                                                \
        ori t2, t2, PTE_V;                                              \
        sd t2, 0(t1);                                                   \
        srli t0, t0, 12;                                                \
        li t1, SATP_MODE_SV39;                                          \
        or t0, t0, t1;                                                  \
        csrw satp, t0;                                                  \
        sfence.vma

/* Map VA SV39_VA_BASE + index * 4 KiB to the page at `label` with PTE bits `flags`. */
#define SV39_MAP(index, label, flags)                                   \
        la t0, sv39_l0;                                                 \
        la t1, label;                                                   \
        srli t1, t1, 12;                                                \
        slli t1, t1, 10;                                                \
        ori t1, t1, flags;                                              \
        sd t1, (index * 8)(t0);                                         \
        sfence.vma

#define SV39_TABLES                                                     \
        .pushsection .bss;                                              \
        .align 12;                                                      \
sv39_root: .skip 4096;                                                  \
sv39_l1: .skip 4096;                                                    \
sv39_l0: .skip 4096;                                                    \
        .popsection

/*
 * S-mode handler for tests that expect faults: records scause in s2 and
 * stval in s3, then resumes after the faulting instruction (16- or 32-bit),
 * or at ra for an instruction page fault (the test jumped there with jalr).
 */
#define RVTEST_RECORDING_S_HANDLER(label)                               \
        .align 2;                                                       \
label:                                                                  \
        csrr s2, scause;                                                \
        csrr s3, stval;                                                 \
        li t1, CAUSE_FETCH_PAGE_FAULT;                                  \
        bne s2, t1, 1f;                                                 \
        csrw sepc, ra;                                                  \
        sret;                                                           \
1:      csrr t0, sepc;                                                  \
        lhu t1, 0(t0);                                                  \
        andi t1, t1, 3;                                                 \
        addi t0, t0, 2;                                                 \
        li t2, 3;                                                       \
        bne t1, t2, 2f;                                                 \
        addi t0, t0, 2;                                                 \
2:      csrw sepc, t0;                                                  \
        sret

#endif
