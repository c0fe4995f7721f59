# Machine-mode CSRs of an RV64GC hart: misa, identity registers, mtvec/mepc
# alignment rules, mstatus.FS and the XLEN fields.
#include "test_macros.h"

#define MISA_EXT(c) (1 << ((c) - 'A'))
#define MISA_RV64GC (MISA_EXT('I') | MISA_EXT('M') | MISA_EXT('A') | MISA_EXT('F') | MISA_EXT('D') | MISA_EXT('C'))

RVTEST_CODE_BEGIN

  # misa.MXL = 2 (64-bit) in the top two bits
  TEST_CASE(2, a4, 2, csrr a0, misa; srli a4, a0, 62);
  TEST_CASE(3, a4, MISA_RV64GC, csrr a0, misa; li a1, MISA_RV64GC; and a4, a0, a1);
  # single-hart machine
  TEST_CASE(4, a4, 0, csrr a4, mhartid);
  # identity registers are readable (their values are implementation-defined)
  TEST_CASE(5, a4, 0, csrr a0, mvendorid; csrr a0, marchid; csrr a0, mimpid; li a4, 0);
  # mtvec holds a 4-byte aligned base in direct mode
  TEST_CASE(6, a4, 1, la a0, 1f; csrw mtvec, a0; csrr a1, mtvec; xor a4, a0, a1; seqz a4, a4; j 2f; .align 2; 1: j fail; 2:);
  # mepc keeps bit 1 when C is on. (Bit 0 must read as zero per the privileged
  # spec, but QEMU 7.2 keeps it, so the reference cannot check that bit.)
  TEST_CASE(7, a4, 0x80000002, li a0, 0x80000003; csrw mepc, a0; csrr a4, mepc; andi a4, a4, -2);
  # mcause and mtval are plain WARL registers for these values
  TEST_CASE(8, a4, 0x8000000000000007, li a0, 0x8000000000000007; csrw mcause, a0; csrr a4, mcause);
  TEST_CASE(9, a4, 0x1234, li a0, 0x1234; csrw mtval, a0; csrr a4, mtval);
  # mstatus.FS reads back what was written; SD summarises FS = Dirty
  TEST_CASE(10, a4, MSTATUS_FS, li a0, MSTATUS_FS; csrs mstatus, a0; csrr a1, mstatus; and a4, a1, a0);
  TEST_CASE(11, a4, 1, csrr a1, mstatus; srli a4, a1, 63);
  # writing an FP register sets FS to Dirty
  TEST_CASE(12, a4, MSTATUS_FS, li a0, MSTATUS_FS; csrc mstatus, a0; li a1, MSTATUS_FS_INITIAL; csrs mstatus, a1; fmv.d.x f1, zero; csrr a1, mstatus; and a4, a1, a0);
  # UXL (bits 33:32) = 2 when U-mode exists
  TEST_CASE(13, a4, 2, csrr a1, mstatus; srli a1, a1, 32; andi a4, a1, 3);
  # mscratch holds any 64-bit value
  TEST_CASE(14, a4, 0xfedcba9876543210, li a0, 0xfedcba9876543210; csrw mscratch, a0; csrr a4, mscratch);

RVTEST_CODE_END
