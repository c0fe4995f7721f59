/*
 * M-mode side of the "-v-" environment: PMP open to U-mode, an Sv39 address
 * space whose user pages are mapped on demand, then mret into the test body
 * in U-mode at VM_USER_VA. The trap handler maps a user page on its first
 * page fault (leaving A and D for the hardware to set), turns a U-mode ecall
 * into a tohost write, and reports any other trap as unexpected.
 */
  .section .text.init, "ax", @progbits
  .globl _start
_start:
  lla t0, vm_trap
  csrw mtvec, t0
  /* S/U accesses need a PMP entry (QEMU refuses mret to U without one). */
  li t0, -1
  csrw pmpaddr0, t0
  li t0, PMPCFG_NAPOT_RWX
  csrw pmpcfg0, t0

  /* root[VPN2] -> l1, l1[VPN1] -> l0; l0 fills on demand */
  lla t0, vm_root
  lla t1, vm_l1
  li t3, ((VM_USER_VA >> 30) & 0x1ff) * 8
  add t3, t0, t3
  srli t2, t1, 12
  slli t2, t2, 10
  ori t2, t2, PTE_V
  sd t2, 0(t3)
  lla t0, vm_l0
  li t3, ((VM_USER_VA >> 21) & 0x1ff) * 8
  add t3, t1, t3
  srli t2, t0, 12
  slli t2, t2, 10
  ori t2, t2, PTE_V
  sd t2, 0(t3)

  lla t0, vm_root
  srli t0, t0, 12
  li t1, SATP_MODE_SV39
  or t0, t0, t1
  csrw satp, t0
  sfence.vma

  lla t0, vm_save
  csrw mscratch, t0
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, MSTATUS_FS_INITIAL
  csrs mstatus, t0
  csrwi fcsr, 0
  lla t0, vm_user_entry
  ld t0, 0(t0)
  csrw mepc, t0
  li TESTNUM, 0
  mret

  .align 3
vm_user_entry:
  .dword rvtest_user_entry

  .align 2
vm_trap:
  csrrw t0, mscratch, t0
  sd t1, 0(t0)
  sd t2, 8(t0)
  sd t3, 16(t0)
  csrr t1, mcause
  li t2, CAUSE_USER_ECALL
  beq t1, t2, vm_exit
  li t2, CAUSE_FETCH_PAGE_FAULT
  beq t1, t2, vm_page_fault
  li t2, CAUSE_LOAD_PAGE_FAULT
  beq t1, t2, vm_page_fault
  li t2, CAUSE_STORE_PAGE_FAULT
  beq t1, t2, vm_page_fault
  j vm_unexpected

vm_page_fault:
  csrr t1, mtval
  li t2, VM_USER_VA
  sub t1, t1, t2
  li t2, VM_USER_SIZE
  bgeu t1, t2, vm_unexpected
  srli t1, t1, 12
  lla t3, vm_l0
  slli t2, t1, 3
  add t3, t3, t2
  /* a fault on a page already mapped is a real one */
  ld t2, 0(t3)
  bnez t2, vm_unexpected
  lla t2, __user_phys
  srli t2, t2, 12
  add t2, t2, t1
  slli t2, t2, 10
  ori t2, t2, PTE_V | PTE_R | PTE_W | PTE_X | PTE_U
  sd t2, 0(t3)
  sfence.vma
  ld t1, 0(t0)
  ld t2, 8(t0)
  ld t3, 16(t0)
  csrrw t0, mscratch, t0
  mret

vm_exit:
  lla t1, tohost
1:
  sd a0, 0(t1)
  j 1b

vm_unexpected:
  addi a0, TESTNUM, UNEXPECTED_TRAP_BASE
  slli a0, a0, 1
  ori a0, a0, 1
  j vm_exit

  .section .tohost, "aw", @progbits
  .align 6; .globl tohost; tohost: .dword 0; .size tohost, 8
  .align 6; .globl fromhost; fromhost: .dword 0; .size fromhost, 8

  .section .vm.bss, "aw", @nobits
  .align 12
vm_root: .skip 4096
vm_l1:   .skip 4096
vm_l0:   .skip 4096
vm_save: .skip 64
