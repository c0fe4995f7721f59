/* HTIF (Spike host-target interface): console output, exit, and proxied syscalls. */
#ifndef ORRERY_GUEST_HTIF_H
#define ORRERY_GUEST_HTIF_H

#include <stdint.h>
#include <stddef.h>

/* tohost encoding: device in bits 63..56, command in 55..48, payload below. */
#define HTIF_DEV_SYSCALL   0
#define HTIF_DEV_CONSOLE   1
#define HTIF_CMD_PUTCHAR   1
#define HTIF_SYS_WRITE     64 /* magic-memory syscall numbers (Linux RISC-V numbering) */
#define HTIF_SYS_EXIT      93

/** Write one character to the host console and wait for the host's acknowledge. */
void htif_putchar(int ch);

/** Stop the machine with the given exit code (tohost = code << 1 | 1). Never returns. */
void htif_exit(int code) __attribute__((noreturn));

/**
 * Proxied write(fd, buf, len) through a magic-memory syscall block; returns the
 * host's result. Hosts without syscall proxying (QEMU 7.2) never answer, so
 * programs meant to run there must use htif_putchar.
 */
int64_t htif_syscall_write(int fd, const void *buf, size_t len);

/** Called by crt0 on any trap: prints mcause/mepc/mtval and exits with TRAP_EXIT_CODE. */
void runtime_trap(uint64_t mcause, uint64_t mepc, uint64_t mtval) __attribute__((noreturn));

#endif
