import { GuestAccess } from '../../../core/exec/guest-access';
import { GuestException } from '../../../core/exec/guest-exception';
import { BlockExit, InterpContext, interpretBlock } from '../../../core/backend/interp/interpreter';
import { IrBlock } from '../../../core/ir/ir';

/** Where the test hart's env starts in the test memory. */
export const TEST_ENV = 0x100;
/** Guest-physical window of the fake RAM. */
export const TEST_RAM_BASE = 0x80000000n;
export const TEST_RAM_SIZE = 0x1000;
/** RISC-V load/store access-fault causes, raised outside the fake RAM. */
export const LOAD_ACCESS_FAULT = 5;
export const STORE_ACCESS_FAULT = 7;

/**
 * A small machine for running IR: one memory holding the env, and a guest
 * RAM window behind a fake softmmu that faults outside it.
 */
export class TestMachine {
  readonly memory = new ArrayBuffer(0x2000);
  readonly view = new DataView(this.memory);
  readonly ram = new Uint8Array(TEST_RAM_SIZE);
  readonly accesses: string[] = [];
  readonly access: GuestAccess = {
    load: (_env, addr, size, signed, mmuIdx) => {
      const off = this.ramOffset(addr, size, LOAD_ACCESS_FAULT);
      let v = 0n;
      for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(this.ram[off + i]);
      this.accesses.push(`load${size * 8} ${addr.toString(16)} mmu${mmuIdx}`);
      return signed ? BigInt.asIntN(size * 8, v) : v;
    },
    store: (_env, addr, value, size, mmuIdx) => {
      const off = this.ramOffset(addr, size, STORE_ACCESS_FAULT);
      for (let i = 0; i < size; i++) this.ram[off + i] = Number((value >> BigInt(8 * i)) & 0xffn);
      this.accesses.push(`store${size * 8} ${addr.toString(16)} mmu${mmuIdx}`);
    },
  };
  readonly ctx: InterpContext = { view: this.view, env: TEST_ENV, access: this.access };

  private ramOffset(addr: bigint, size: number, cause: number): number {
    const off = BigInt.asUintN(64, addr) - TEST_RAM_BASE;
    if (off < 0n || off + BigInt(size) > BigInt(TEST_RAM_SIZE)) throw new GuestException(cause, addr);
    return Number(off);
  }

  run(block: IrBlock): BlockExit {
    return interpretBlock(block, this.ctx);
  }

  getI64(offset: number): bigint { return this.view.getBigInt64(TEST_ENV + offset, true); }
  setI64(offset: number, v: bigint): void { this.view.setBigInt64(TEST_ENV + offset, v, true); }
  getI32(offset: number): number { return this.view.getInt32(TEST_ENV + offset, true); }
  setI32(offset: number, v: number): void { this.view.setInt32(TEST_ENV + offset, v, true); }

  /** The env bytes from `from` to `to`, as hex, for comparing two runs. */
  envHex(from: number, to: number): string {
    return Buffer.from(this.memory, TEST_ENV + from, to - from).toString('hex');
  }
}
