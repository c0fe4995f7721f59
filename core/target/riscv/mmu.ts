import { GuestException } from '../../exec/guest-exception';
import { Access, AddressTranslation } from '../../memory/softmmu';
import { RiscvCpu } from './cpu';
import { EXC } from './spec';

const ACCESS_FAULT = [EXC.loadAccessFault, EXC.storeAccessFault, EXC.instructionAccessFault];
/** RV64 physical addresses have 56 bits. */
const PHYS_LIMIT = 1n << 56n;

/**
 * RISC-V address translation for the softmmu. So far `satp` only accepts Bare
 * (its WARL rule ignores other modes), so virtual = physical in every mode;
 * Sv39/Sv48 page walks plug in here.
 */
export class RiscvAddressTranslation implements AddressTranslation {
  constructor(
    /** The hart that owns an env (for satp, privilege, mstatus and PMP). */
    readonly cpuOf: (env: number) => RiscvCpu,
  ) {}

  translate(_env: number, vaddr: bigint, access: Access, _mmuIdx: number): bigint {
    if (vaddr >= PHYS_LIMIT) throw this.accessFault(access, vaddr);
    return vaddr;
  }

  accessFault(access: Access, vaddr: bigint): GuestException {
    return new GuestException(ACCESS_FAULT[access], vaddr);
  }
}
