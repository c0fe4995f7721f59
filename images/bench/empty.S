/* The smallest HTIF program: exit 0 at once. `orrery bench` times it under
 * QEMU to subtract QEMU's start-up from the workloads' times. */
  .section .text.init, "ax"
  .globl _start
_start:
  li t0, 1              /* exit code 0: tohost = (0 << 1) | 1 */
  la t1, tohost
1:
  sd t0, 0(t1)
  j 1b

  .section .tohost, "aw", @progbits
  .balign 64
  .globl tohost
tohost: .dword 0
  .size tohost, 8
  .balign 64
  .globl fromhost
fromhost: .dword 0
  .size fromhost, 8
