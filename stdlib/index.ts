/**
 * What a user scripts with, in one module: rich display, asynchronous runs,
 * views of machine state (HTML for notebooks, text for the REPL), device
 * reflection, run recordings and charts. The notebook prelude re-exports it.
 */
export { display, updateDisplay, bundleOf, mimeBundle, toMimeBundle, isRichDisplayable, setDisplaySink } from './display';
export type { MimeBundle, RichDisplayable, DisplaySink } from './display';
export { runAsync } from './run';
export type { AsyncRunResult, RunAsyncOptions, SliceableMachine } from './run';

export { registers, RegistersView } from './views/registers';
export type { RegisterRow, RegistersOptions } from './views/registers';
export { disasm, DisasmView } from './views/disasm';
export type { DisasmLine, DisasmOptions } from './views/disasm';
export { hexdump, HexdumpView } from './views/hexdump';
export type { HexdumpLine, HexdumpOptions } from './views/hexdump';
export { blockView, TranslatedBlockView } from './views/block-view';
export type { BlockStage, BlockViewOptions } from './views/block-view';
export { tbTable, tbRows, TbTableView } from './views/tb-table';
export type { TbRow, TbSortKey, TbTableOptions } from './views/tb-table';
export { deviceTree, DeviceTreeView, dtsValue } from './views/device-tree';
export type { DeviceTreeRow } from './views/device-tree';
export { pageWalk, walkPageTable, PageWalkView, pteFlags } from './views/page-walk';
export type { PageWalk, PageWalkStep, PageWalkOptions, WalkAccess } from './views/page-walk';
export { readGuestMemory } from './views/guest-memory';
export type { GuestBytes, GuestReadOptions } from './views/guest-memory';
export { textTable, htmlTable, escapeHtml } from './views/table';
export type { Column } from './views/table';

export { devices, device, DeviceView, DevicesView, IrqLineView } from './devices';
export type { Devices, DeviceRegisterRow } from './devices';

export { Recorder, Recording, record } from './recorder';
export type { RecordingRow, RecorderOptions } from './recorder';

export { chart, Chart, renderSvg, compileVegaLite, VEGA_LITE_SCHEMA } from './charts/chart';
export type { ChartSpec, ChartRow } from './charts/chart';
export { blockSizeChart, hottestBlocksChart, translationVsExecutionChart } from './charts/block-charts';
export type { BlockSizeRow, HotBlockRow, TimeSplitRow } from './charts/block-charts';
export { mipsChart, trapTimelineChart, tlbChart } from './charts/run-charts';
export type { MipsRow, TrapRow, TlbRow } from './charts/run-charts';

export { assemble, asm, asmWith, asmInto, AsmError, AssembledProgram, loadImmediate, DEFAULT_ADDRESS } from './asm/index';
export type { AssembleOptions, AsmDiagnostic, ListingRow } from './asm/index';
