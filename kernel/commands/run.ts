import { ElfError } from '../../core/loader/elf';
import { SpikeMachine } from '../../core/machine/spike-machine';
import { BackendKind } from '../../core/exec/exec-engine';

const USAGE = `usage: orrery run --machine spike [--max-insns N] [--backend wasm|interp] [--no-passes] [--stats] prog.elf`;

/** Exit status when --max-insns stops a guest that did not exit. */
export const EXIT_BUDGET = 124;

/**
 * `orrery run --machine spike prog.elf`: run a bare-metal RISC-V program with
 * HTIF, print its console output on stdout, exit with its exit code.
 */
export async function runCommand(argv: string[]): Promise<number> {
  let machineName = 'spike';
  let maxInsns = Number.MAX_SAFE_INTEGER;
  let backend: BackendKind = 'wasm';
  let passes = true;
  let showStats = false;
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--machine' || a === '-M') machineName = value();
    else if (a.startsWith('--machine=')) machineName = a.slice(10);
    else if (a === '--max-insns') {
      const v = value();
      maxInsns = Number(v);
      if (!Number.isSafeInteger(maxInsns) || maxInsns <= 0) throw new UsageError(`--max-insns takes a positive whole number, not '${v}'`);
    } else if (a === '--backend') {
      const v = value();
      if (v !== 'wasm' && v !== 'interp') throw new UsageError(`--backend is wasm or interp, not '${v}'`);
      backend = v;
    } else if (a === '--no-passes') passes = false;
    else if (a === '--stats') showStats = true;
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else if (file === undefined) file = a;
    else throw new UsageError(`one program only (got '${file}' and '${a}')`);
  }
  if (machineName !== 'spike') throw new UsageError(`unknown machine '${machineName}' (available: spike)`);
  if (!file) throw new UsageError('no program given');
  const m = new SpikeMachine({
    backend,
    passes: passes ? {} : { constantFold: false, copyPropagation: false, deadCode: false, envForwarding: false },
    onConsole: (b) => process.stdout.write(b),
  });
  try {
    m.loadElf(file);
  } catch (e) {
    if (e instanceof ElfError) {
      process.stderr.write(`orrery run: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  if (!m.htif) process.stderr.write(`orrery run: warning: ${file} has no 'tohost' symbol; it cannot exit\n`);
  const r = m.runSync(maxInsns);
  if (showStats) process.stderr.write(`${JSON.stringify({ run: r, ...m.stats() }, null, 2)}\n`);
  if (r.reason === 'exit') return m.exitCode! & 0xff;
  if (r.reason === 'budget') {
    process.stderr.write(`orrery run: stopped after ${r.insns} instructions (--max-insns) at pc 0x${m.cpu.pc.toString(16)} without an exit\n`);
    return EXIT_BUDGET;
  }
  process.stderr.write(`orrery run: guest stopped (${r.reason}) at pc 0x${m.cpu.pc.toString(16)} without an exit\n`);
  return EXIT_BUDGET;
}

/** A mistake in the command line: printed with the usage, exit status 2. */
export class UsageError extends Error {
  readonly usage: string = USAGE;
}
