# A tiny S-mode "kernel" for the virt machine (entered by OpenSBI at 0x80200000):
# prints a banner on the NS16550A UART, then echoes every received byte in
# brackets; 'q' powers off through the SiFive test device (exit code 0).
	.equ UART, 0x10000000
	.equ UART_LSR, 5
	.equ LSR_DR, 0x01
	.equ LSR_THRE, 0x20
	.equ TEST, 0x100000
	.equ POWEROFF, 0x5555

	.section .text.start
	.globl _start
_start:
	li	s0, UART
	la	a0, banner
	call	puts
loop:
	lbu	t0, UART_LSR(s0)
	andi	t0, t0, LSR_DR
	beqz	t0, loop
	lbu	s1, 0(s0)
	li	t1, 'q'
	beq	s1, t1, poweroff
	li	a0, '['
	call	putc
	mv	a0, s1
	call	putc
	li	a0, ']'
	call	putc
	j	loop
poweroff:
	li	t0, TEST
	li	t1, POWEROFF
	sw	t1, 0(t0)
1:	j	1b

putc:	lbu	t0, UART_LSR(s0)
	andi	t0, t0, LSR_THRE
	beqz	t0, putc
	sb	a0, 0(s0)
	ret

puts:	mv	t2, ra
	mv	t3, a0
2:	lbu	a0, 0(t3)
	beqz	a0, 3f
	call	putc
	addi	t3, t3, 1
	j	2b
3:	mv	ra, t2
	ret

	.section .rodata
banner:	.asciz "echo guest ready\n"
