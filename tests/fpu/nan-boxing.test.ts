import { describe, expect, it } from 'vitest';
import { boxF32, unboxF32 } from '../../core/fpu/softfloat';

describe('NaN-boxing of binary32 in 64-bit registers', () => {
  it('boxing fills the upper 32 bits with ones', () => {
    expect(boxF32(0x3f800000)).toBe(0xffffffff3f800000n);
    expect(boxF32(0x80000000)).toBe(0xffffffff80000000n);
  });

  it('a properly boxed value unboxes to its low 32 bits', () => {
    expect(unboxF32(0xffffffff3f800000n)).toBe(0x3f800000);
    expect(unboxF32(BigInt.asIntN(64, 0xffffffffbf800000n))).toBe(0xbf800000);
  });

  it('a value that is not properly boxed reads as the canonical NaN', () => {
    expect(unboxF32(0x000000003f800000n)).toBe(0x7fc00000);
    expect(unboxF32(0xfffffffe3f800000n)).toBe(0x7fc00000);
    expect(unboxF32(0x3ff0000000000000n)).toBe(0x7fc00000);
  });
});
