import { RiscvMachine } from '../../../core/machine/riscv-machine';

/** `info jit`: the translation cache summary ({@link RiscvMachine.jitInfo}) as QEMU-style lines. */
export function formatJitInfo(m: RiscvMachine): string {
  const j = m.jitInfo();
  const s = m.stats();
  const f1 = (v: number) => v.toFixed(1);
  const rows: [string, string][] = [
    ['TB count', `${j.blocks} (${j.compiledBlocks} compiled to WebAssembly)`],
    ['TB avg target size', `${f1(j.avgGuestInsns)} guest insns (max ${j.maxGuestInsns})`],
    ['TB avg IR ops', `${f1(j.avgIrOps)} -> ${f1(j.avgIrOpsOptimized)} after passes`],
    ['TB avg host size', `${f1(j.avgHostBytes)} bytes`],
    ['TB cross page', `${j.crossPageBlocks}`],
    ['TB direct jump count', `${j.linkedSlots.none} none, ${j.linkedSlots.one} one, ${j.linkedSlots.two} two linked slots`],
    ['TB flush count', `${j.flushes}`],
    ['TB invalidate count', `${j.invalidations}`],
    ['TLB flush count', `${j.tlbFlushes}`],
    ['translate', `${f1(j.translateMicrosPerBlock)} us/block, ${j.translateMicrosPerGuestInsn.toFixed(2)} us/guest insn`],
    ['compile', `${f1(j.compileMicrosPerBlock)} us/function`],
    ['insns retired', `${s.insnsRetired}`],
    ['chain hits', `${s.chainHits}, jump cache hits ${s.jmpCacheHits}`],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  return ['Translation buffer state:', ...rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`)].join('\n');
}
