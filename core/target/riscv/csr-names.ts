/**
 * CSR numbers and their names, as the privileged specification (versions
 * 1.10 to 1.12) and the unprivileged CSRs (F, V, Zkr) define them, plus
 * the extension CSRs a current GNU objdump also names (H, Sstc, Smstateen,
 * AIA, Sdtrig/debug, Smcntrpmf ...). The disassembler prints these names; an
 * unnamed CSR prints as its number (`0x7c0`).
 *
 * Some names belong to one range of privileged-spec versions only: the
 * N-extension user CSRs (`ustatus`, `uie`, ...) and `sedeleg`/`sideleg`
 * were removed in 1.12, which added `menvcfg`, `mstatush`, `mconfigptr`,
 * 64 PMP entries and others.
 */

/** Privileged-spec versions that change which CSR numbers have names. */
export type PrivSpec = '1.10' | '1.11' | '1.12';

const ORDER: Record<PrivSpec, number> = { '1.10': 0, '1.11': 1, '1.12': 2 };

/** Versions a name exists in (inclusive bounds); no bounds means every version. */
interface Span {
  readonly since?: PrivSpec;
  readonly until?: PrivSpec;
}

const SPEC = {
  '01-': { until: '1.11' },
  '-12': { since: '1.11' },
  '--2': { since: '1.12' },
} as const satisfies Record<string, Span>;

type Row = readonly [number: number, name: string, span?: Span];

/** `prefix{first}..prefix{last}` (+ suffix) at consecutive numbers from `base`. */
function family(prefix: string, first: number, last: number, base: number, suffix?: string, span?: Span): Row[];
function family(prefix: string, first: number, last: number, base: number, span?: Span): Row[];
function family(prefix: string, first: number, last: number, base: number, a?: string | Span, b?: Span): Row[] {
  const suffix = typeof a === 'string' ? a : '';
  const span = typeof a === 'string' ? b : a;
  const rows: Row[] = [];
  for (let n = first; n <= last; n++) rows.push([base + n - first, `${prefix}${n}${suffix}`, span]);
  return rows;
}

/** Every named CSR, by number. */
const ROWS: readonly Row[] = [
  [0x000, 'ustatus', SPEC['01-']], [0x001, 'fflags'], [0x002, 'frm'], [0x003, 'fcsr'],
  [0x004, 'uie', SPEC['01-']], [0x005, 'utvec', SPEC['01-']], [0x008, 'vstart'], [0x009, 'vxsat'],
  [0x00a, 'vxrm'], [0x00f, 'vcsr'], [0x015, 'seed'], [0x040, 'uscratch', SPEC['01-']],
  [0x041, 'uepc', SPEC['01-']], [0x042, 'ucause', SPEC['01-']], [0x043, 'utval', SPEC['01-']],
  [0x044, 'uip', SPEC['01-']], [0x100, 'sstatus'], [0x102, 'sedeleg', SPEC['01-']],
  [0x103, 'sideleg', SPEC['01-']], [0x104, 'sie'], [0x105, 'stvec'], [0x106, 'scounteren'],
  [0x10a, 'senvcfg', SPEC['--2']],
  ...family('sstateen', 0, 3, 0x10c),
  [0x114, 'sieh'], [0x140, 'sscratch'], [0x141, 'sepc'], [0x142, 'scause'], [0x143, 'stval'], [0x144, 'sip'],
  [0x14d, 'stimecmp'], [0x150, 'siselect'], [0x151, 'sireg'], [0x154, 'siph'], [0x15c, 'stopei'],
  [0x15d, 'stimecmph'], [0x180, 'satp'], [0x200, 'vsstatus'], [0x204, 'vsie'], [0x205, 'vstvec'],
  [0x214, 'vsieh'], [0x240, 'vsscratch'], [0x241, 'vsepc'], [0x242, 'vscause'], [0x243, 'vstval'],
  [0x244, 'vsip'], [0x24d, 'vstimecmp'], [0x250, 'vsiselect'], [0x251, 'vsireg'], [0x254, 'vsiph'],
  [0x25c, 'vstopei'], [0x25d, 'vstimecmph'], [0x280, 'vsatp'], [0x300, 'mstatus'], [0x301, 'misa'],
  [0x302, 'medeleg'], [0x303, 'mideleg'], [0x304, 'mie'], [0x305, 'mtvec'], [0x306, 'mcounteren'],
  [0x308, 'mvien'], [0x309, 'mvip'], [0x30a, 'menvcfg', SPEC['--2']],
  ...family('mstateen', 0, 3, 0x30c),
  [0x310, 'mstatush', SPEC['--2']], [0x313, 'midelegh'], [0x314, 'mieh'], [0x318, 'mvienh'], [0x319, 'mviph'],
  [0x31a, 'menvcfgh', SPEC['--2']],
  ...family('mstateen', 0, 3, 0x31c, 'h'),
  [0x320, 'mcountinhibit', SPEC['-12']],
  ...family('mhpmevent', 3, 31, 0x323),
  [0x340, 'mscratch'], [0x341, 'mepc'], [0x342, 'mcause'], [0x343, 'mtval'], [0x344, 'mip'],
  [0x34a, 'mtinst', SPEC['--2']], [0x34b, 'mtval2', SPEC['--2']], [0x350, 'miselect'], [0x351, 'mireg'],
  [0x354, 'miph'], [0x35c, 'mtopei'],
  ...family('pmpcfg', 0, 3, 0x3a0),
  ...family('pmpcfg', 4, 15, 0x3a4, SPEC['--2']),
  ...family('pmpaddr', 0, 15, 0x3b0),
  ...family('pmpaddr', 16, 63, 0x3c0, SPEC['--2']),
  [0x5a8, 'scontext'], [0x600, 'hstatus'], [0x602, 'hedeleg'], [0x603, 'hideleg'], [0x604, 'hie'],
  [0x605, 'htimedelta'], [0x606, 'hcounteren'], [0x607, 'hgeie'], [0x608, 'hvien'], [0x609, 'hvictl'],
  [0x60a, 'henvcfg'],
  ...family('hstateen', 0, 3, 0x60c),
  [0x613, 'hidelegh'], [0x615, 'htimedeltah'], [0x618, 'hvienh'], [0x61a, 'henvcfgh'],
  ...family('hstateen', 0, 3, 0x61c, 'h'),
  [0x643, 'htval'], [0x644, 'hip'], [0x645, 'hvip'],
  ...family('hviprio', 1, 2, 0x646),
  [0x64a, 'htinst'], [0x655, 'hviph'],
  ...family('hviprio', 1, 2, 0x656, 'h'),
  [0x680, 'hgatp'], [0x6a8, 'hcontext'],
  ...family('mhpmevent', 3, 31, 0x723, 'h'),
  [0x747, 'mseccfg', SPEC['--2']], [0x757, 'mseccfgh', SPEC['--2']], [0x7a0, 'tselect'],
  ...family('tdata', 1, 3, 0x7a1),
  [0x7a4, 'tinfo'], [0x7a5, 'tcontrol'], [0x7a8, 'mcontext'], [0x7aa, 'mscontext'], [0x7b0, 'dcsr'],
  [0x7b1, 'dpc'],
  ...family('dscratch', 0, 1, 0x7b2),
  [0xb00, 'mcycle'], [0xb02, 'minstret'],
  ...family('mhpmcounter', 3, 31, 0xb03),
  [0xb80, 'mcycleh'], [0xb82, 'minstreth'],
  ...family('mhpmcounter', 3, 31, 0xb83, 'h'),
  [0xc00, 'cycle'], [0xc01, 'time'], [0xc02, 'instret'],
  ...family('hpmcounter', 3, 31, 0xc03),
  [0xc20, 'vl'], [0xc21, 'vtype'], [0xc22, 'vlenb'], [0xc80, 'cycleh'], [0xc81, 'timeh'], [0xc82, 'instreth'],
  ...family('hpmcounter', 3, 31, 0xc83, 'h'),
  [0xda0, 'scountovf'], [0xdb0, 'stopi'], [0xe12, 'hgeip'], [0xeb0, 'vstopi'], [0xf11, 'mvendorid'],
  [0xf12, 'marchid'], [0xf13, 'mimpid'], [0xf14, 'mhartid'], [0xf15, 'mconfigptr', SPEC['--2']],
  [0xfb0, 'mtopi'],
];

const byNumber = new Map<number, Row[]>();
const byName = new Map<string, number>();
for (const row of ROWS) {
  const list = byNumber.get(row[0]) ?? [];
  list.push(row);
  byNumber.set(row[0], list);
  byName.set(row[1], row[0]);
}

function inSpan(span: Span | undefined, priv: PrivSpec): boolean {
  if (span === undefined) return true;
  if (span.since !== undefined && ORDER[priv] < ORDER[span.since]) return false;
  if (span.until !== undefined && ORDER[priv] > ORDER[span.until]) return false;
  return true;
}

/**
 * The name of CSR `csr` under privileged spec `priv` (default 1.12, the
 * version GNU tools assume when an ELF file does not record one), or
 * `undefined` when the number has no name.
 *
 * @example csrName(0x300) // 'mstatus'
 */
export function csrName(csr: number, priv: PrivSpec = '1.12'): string | undefined {
  const rows = byNumber.get(csr);
  if (rows === undefined) return undefined;
  for (const row of rows) if (inSpan(row[2], priv)) return row[1];
  return undefined;
}

/**
 * The number of the CSR called `name` (any spec version), or `undefined`.
 *
 * @example csrNumber('mtvec') // 0x305
 */
export function csrNumber(name: string): number | undefined {
  return byName.get(name);
}
