# wfi in S-mode (TW = 0) with an interrupt already pending but disabled
# (sstatus.SIE = 0) completes and execution continues after it.
#include "supervisor_env.h"

RVTEST_CODE_BEGIN
  li t0, MIP_SSIP
  csrs mideleg, t0
  RVTEST_ENTER_SUPERVISOR(s_handler)

test_2:
  li TESTNUM, 2
  csrci sstatus, SSTATUS_SIE
  csrs sie, SIP_SSIP
  csrs sip, SIP_SSIP
  wfi
  csrr a4, sip
  andi a4, a4, SIP_SSIP
  li t6, SIP_SSIP
  bne a4, t6, fail
  csrc sip, SIP_SSIP
  j pass

  .align 2
s_handler:
  j fail

RVTEST_CODE_END
