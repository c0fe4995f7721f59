# Reserved compressed encodings are illegal instructions: mcause = 2,
# mepc = the 2-byte instruction, mtval = its 16 bits (or 0).
#include "test_macros.h"

#define TEST_RVC_RESERVED(n, bits)                                      \
test_ ## n:                                                             \
        li TESTNUM, n;                                                  \
        li s1, 0;                                                       \
        la s2, 1f;                                                      \
        li s3, bits;                                                    \
1:      .2byte bits;                                                    \
        li t6, 1;                                                       \
        bne s1, t6, fail

RVTEST_CODE_BEGIN
  RVTEST_TRAP_HANDLER(rvc_handler)

  TEST_RVC_RESERVED(2, 0x0000);   # all zeros (c.addi4spn with nzuimm = 0, rd' = x8)
  TEST_RVC_RESERVED(3, 0x0004);   # c.addi4spn nzuimm = 0, rd' = x9
  TEST_RVC_RESERVED(4, 0x4002);   # c.lwsp rd = x0
  TEST_RVC_RESERVED(5, 0x6002);   # c.ldsp rd = x0
  TEST_RVC_RESERVED(6, 0x8002);   # c.jr rs1 = x0
  TEST_RVC_RESERVED(7, 0x6081);   # c.lui rd = x1, imm = 0
  TEST_RVC_RESERVED(8, 0x6101);   # c.addi16sp imm = 0
  TEST_RVC_RESERVED(9, 0x2001);   # c.addiw rd = x0

  j pass

  .align 2
rvc_handler:
  csrr t0, mcause
  li t1, CAUSE_ILLEGAL_INSTRUCTION
  bne t0, t1, fail
  csrr t0, mepc
  bne t0, s2, fail
  csrr t0, mtval
  beqz t0, 1f
  bne t0, s3, fail
1:
  addi s1, s1, 1
  TRAP_SKIP_INSTRUCTION
  mret

RVTEST_CODE_END
