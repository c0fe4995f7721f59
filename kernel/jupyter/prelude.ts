/**
 * What every notebook cell sees without an import: each export here is a
 * global of the cell (`new SpikeMachine()`), and the whole module is
 * `orrery` (`orrery.parseElf(...)`, types as `orrery.RunResult`). The kernel
 * imports the compiled `dist/` form, so keep its declarations readable by
 * tslab's TypeScript 5.0.
 */
export { RiscvMachine, guestInsnText } from '../../core/machine/riscv-machine';
export type { RiscvMachineOptions, RunResult, BlockView } from '../../core/machine/riscv-machine';
export { SpikeMachine } from '../../core/machine/spike-machine';
export type { SpikeMachineOptions } from '../../core/machine/spike-machine';
export { parseElf, ElfError } from '../../core/loader/elf';
export type { ElfFile, ElfSegment, ElfSection, ElfSymbol } from '../../core/loader/elf';
export { requestInterrupt, interruptGeneration, interruptRequestedSince } from '../../core/exec/run-control';
export { runAsync } from '../../stdlib/run';
export type { AsyncRunResult, RunAsyncOptions } from '../../stdlib/run';
export { display, updateDisplay, bundleOf, mimeBundle, toMimeBundle } from '../../stdlib/display';
export type { MimeBundle, RichDisplayable } from '../../stdlib/display';
export { VirtMachine, defaultVirtImages, defaultUbootImage } from '../../core/machine/virt-machine';
export type { VirtMachineOptions, DriveOptions, VirtDevices } from '../../core/machine/virt-machine';
export * from '../../stdlib/index';
export { Snapshot, diff, SnapshotError } from '../../core/snapshot/index';
