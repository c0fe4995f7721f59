#include "htif.h"
#include "csr.h"
#include "printf.h"

/* Hosts locate the mailbox by these symbol names; each must be exactly 8 bytes. */
volatile uint64_t tohost __attribute__((section(".tohost"), aligned(64)));
volatile uint64_t fromhost __attribute__((section(".tohost"), aligned(64)));

static volatile uint64_t magic_mem[8] __attribute__((aligned(64)));

static uint64_t htif_request(uint64_t device, uint64_t cmd, uint64_t payload)
{
  while (tohost != 0)
    ;
  tohost = (device << 56) | (cmd << 48) | payload;
  uint64_t response;
  while ((response = fromhost) == 0)
    ;
  fromhost = 0;
  return response;
}

void htif_putchar(int ch)
{
  htif_request(HTIF_DEV_CONSOLE, HTIF_CMD_PUTCHAR, (uint8_t)ch);
}

void htif_exit(int code)
{
  for (;;)
    tohost = ((uint64_t)(uint32_t)code << 1) | 1;
}

int64_t htif_syscall_write(int fd, const void *buf, size_t len)
{
  magic_mem[0] = HTIF_SYS_WRITE;
  magic_mem[1] = (uint64_t)fd;
  magic_mem[2] = (uint64_t)(uintptr_t)buf;
  magic_mem[3] = len;
  __sync_synchronize();
  htif_request(HTIF_DEV_SYSCALL, 0, (uint64_t)(uintptr_t)magic_mem);
  __sync_synchronize();
  return (int64_t)magic_mem[0];
}

void runtime_trap(uint64_t mcause, uint64_t mepc, uint64_t mtval)
{
  printf("trap: mcause=%lx mepc=%lx mtval=%lx\n", mcause, mepc, mtval);
  htif_exit(TRAP_EXIT_CODE);
}
