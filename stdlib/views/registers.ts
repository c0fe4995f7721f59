import { RiscvMachine } from '../../core/machine/riscv-machine';
import { F_ABI, X_ABI } from '../../core/target/riscv/cpu-layout';
import { PRIV } from '../../core/target/riscv/spec';
import { mimeBundle, MimeBundle } from '../display';
import { hex64 } from './number-format';
import { hartOf } from './page-walk';
import { escapeHtml, TABLE_STYLE } from './table';

/** One register as the view shows it. */
export interface RegisterRow {
  /** `pc`, an ABI name (`a0`), an FP name (`fa0`) or a CSR name (`mstatus`). */
  name: string;
  /** Architectural name when it differs (`x10`, `f10`). */
  alias?: string;
  group: 'pc' | 'x' | 'f' | 'csr';
  value: bigint;
  /** Value at the previous call of {@link registers} for this hart, if there was one. */
  previous?: bigint;
  /** Changed since the previous call. */
  changed: boolean;
}

/** Options of {@link registers}. */
export interface RegistersOptions {
  /** Hart (default 0). */
  hart?: number;
  /** Include the floating-point registers (default false). */
  fp?: boolean;
}

/** Registers per line in the text form (as QEMU's `info registers` lays them out). */
const TEXT_COLUMNS = 4;
const PRIV_NAME: Record<number, string> = { [PRIV.U]: 'U', [PRIV.S]: 'S', [PRIV.M]: 'M' };

/** Previous values per machine and hart, so a view can mark what changed since the last look. */
const lastSeen = new WeakMap<RiscvMachine, Map<number, Map<string, bigint>>>();

/** Registers and CSRs of one hart at one moment, with the ones changed since the previous look marked. */
export class RegistersView {
  constructor(
    /** All registers as plain rows. */
    readonly rows: RegisterRow[],
    readonly hart: number,
    /** Privilege level: 'M', 'S' or 'U'. */
    readonly priv: string,
  ) {}

  /** Rows that changed since the previous call. */
  get changed(): RegisterRow[] {
    return this.rows.filter((r) => r.changed);
  }

  /** A register's value by name (`a0`, `x10`, `pc`, `mstatus`); throws for an unknown name. */
  get(name: string): bigint {
    const r = this.rows.find((row) => row.name === name || row.alias === name);
    if (!r) throw new RangeError(`no register '${name}' in this view (try an ABI name like a0, x10, pc or a CSR like mstatus)`);
    return r.value;
  }

  private title(): string {
    const n = this.changed.length;
    return `hart ${this.hart}, ${this.priv}-mode${n ? `, ${n} changed (*)` : ''}`;
  }

  toString(): string {
    const out = [this.title()];
    for (const group of ['pc', 'x', 'f', 'csr'] as const) {
      const rows = this.rows.filter((r) => r.group === group);
      if (rows.length === 0) continue;
      const width = Math.max(...rows.map((r) => label(r).length));
      for (let i = 0; i < rows.length; i += TEXT_COLUMNS) {
        out.push(rows.slice(i, i + TEXT_COLUMNS)
          .map((r) => `${label(r).padStart(width)} ${hex64(r.value)}${r.changed ? '*' : ' '}`).join('  ').trimEnd());
      }
    }
    return out.join('\n');
  }

  [mimeBundle](): MimeBundle {
    const sections = (['pc', 'x', 'f', 'csr'] as const).map((group) => {
      const rows = this.rows.filter((r) => r.group === group);
      if (rows.length === 0) return '';
      const lines: string[] = [];
      for (let i = 0; i < rows.length; i += TEXT_COLUMNS) {
        lines.push(`<tr>${rows.slice(i, i + TEXT_COLUMNS).map((r) => {
          const style = `${TABLE_STYLE.td}${r.changed ? `;${TABLE_STYLE.highlight}` : ''}`;
          const tip = r.changed && r.previous !== undefined ? ` title="was ${hex64(r.previous)}"` : '';
          return `<td style="${TABLE_STYLE.td};color:#555">${escapeHtml(label(r))}</td><td style="${style}"${tip}>${hex64(r.value)}</td>`;
        }).join('')}</tr>`);
      }
      return lines.join('');
    }).join('');
    const html = `<table style="${TABLE_STYLE.table}"><caption style="${TABLE_STYLE.caption}">${escapeHtml(this.title())}</caption>`
      + `<tbody>${sections}</tbody></table>`;
    return { 'text/plain': this.toString(), 'text/html': html };
  }
}

function label(r: RegisterRow): string {
  return r.alias ? `${r.alias}/${r.name}` : r.name;
}

/**
 * The registers and CSRs of hart `hart` (default 0). Values that changed
 * since the previous `registers(m)` call for the same machine and hart are
 * marked (`*` in text, highlighted in HTML), so stepping and looking shows
 * what each instruction did:
 *
 * ```ts
 * m.step(); registers(m)
 * ```
 */
export function registers(m: RiscvMachine, options: RegistersOptions = {}): RegistersView {
  const hart = options.hart ?? 0;
  const cpu = hartOf(m, hart);
  const rows: Omit<RegisterRow, 'changed'>[] = [{ name: 'pc', group: 'pc', value: cpu.pc }];
  X_ABI.forEach((name, i) => { if (i > 0) rows.push({ name, alias: `x${i}`, group: 'x', value: cpu.x(i) }); });
  if (options.fp) F_ABI.forEach((name, i) => rows.push({ name, alias: `f${i}`, group: 'f', value: cpu.f(i) }));
  rows.push({ name: 'priv', group: 'csr', value: BigInt(cpu.priv) });
  for (const [name, value] of Object.entries(cpu.csr)) {
    if (typeof value === 'bigint') rows.push({ name, group: 'csr', value });
  }
  rows.push({ name: 'mip(lines)', group: 'csr', value: cpu.mip() });
  rows.push({ name: 'fflags', group: 'csr', value: BigInt(cpu.fflags) }, { name: 'frm', group: 'csr', value: BigInt(cpu.frm) });
  // PMP entries: only the configured ones, or the view drowns in zeros.
  cpu.csr.pmpcfg.forEach((v, i) => { if (v !== 0n) rows.push({ name: `pmpcfg${i}`, group: 'csr', value: v }); });
  cpu.csr.pmpaddr.forEach((v, i) => { if (v !== 0n) rows.push({ name: `pmpaddr${i}`, group: 'csr', value: v }); });
  rows.push({ name: 'instret', group: 'csr', value: cpu.retired() });

  let perHart = lastSeen.get(m);
  if (!perHart) lastSeen.set(m, (perHart = new Map()));
  const before = perHart.get(hart);
  const now = new Map<string, bigint>();
  const out: RegisterRow[] = rows.map((r) => {
    now.set(r.name, r.value);
    const previous = before?.get(r.name);
    // The retired count changes at every step: marking it would hide the interesting changes.
    const changed = previous !== undefined && previous !== r.value && r.name !== 'instret';
    return { ...r, ...(previous !== undefined ? { previous } : {}), changed };
  });
  perHart.set(hart, now);
  return new RegistersView(out, hart, PRIV_NAME[cpu.priv]);
}
