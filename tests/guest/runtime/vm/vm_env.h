/*
 * The "-v-" environment (as in riscv-tests' env/v): the same ISA test bodies
 * run in U-mode under Sv39, at virtual addresses different from their physical
 * ones, with pages mapped on demand by the M-mode trap handler in vm_boot.S.
 *
 * Force-included (gcc -include) before the test source: it pulls in the
 * M-mode test_env.h for the shared names, then replaces the entry and exit
 * macros. test_macros.h's own #include "test_env.h" is then a no-op.
 */
#ifndef ORRERY_VM_ENV_H
#define ORRERY_VM_ENV_H

#include "../../isa/env/test_env.h"

/* Set by the Makefile (VM_USER_VA), which also hands it to the linker. */
#ifndef VM_USER_VA
#error "VM_USER_VA must be defined (the virtual address of the user image)"
#endif
/* One level-0 page table maps this much, 4 KiB at a time. */
#define VM_USER_SIZE 0x200000

#define SATP_MODE_SV39 (8 << 60)
#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_U 0x10
#define PTE_A 0x40
#define PTE_D 0x80

#define CAUSE_FETCH_PAGE_FAULT 12
#define CAUSE_LOAD_PAGE_FAULT  13
#define CAUSE_STORE_PAGE_FAULT 15

#undef RVTEST_CODE_BEGIN
#undef RVTEST_TRAP_HANDLER
#undef RVTEST_PASS
#undef RVTEST_FAIL
#undef RVTEST_CODE_END

/* The user image starts here (vm_boot.S enters it with mret). */
#define RVTEST_CODE_BEGIN                                               \
        .text;                                                          \
        .globl rvtest_user_entry;                                       \
rvtest_user_entry:

/* U-mode cannot own the trap vector: such tests have no -v- variant. */
#define RVTEST_TRAP_HANDLER(label)                                      \
        .error "RVTEST_TRAP_HANDLER needs M-mode: no -v- variant of this test"

/* The exit code goes to the M-mode handler through ecall (a0 = tohost value). */
#define RVTEST_PASS                                                     \
        fence;                                                          \
        li a0, 1;                                                       \
        ecall

#define RVTEST_FAIL                                                     \
        fence;                                                          \
        slli a0, TESTNUM, 1;                                            \
        ori a0, a0, 1;                                                  \
        ecall

#define RVTEST_CODE_END                                                 \
pass:   RVTEST_PASS;                                                    \
fail:   RVTEST_FAIL

#endif
