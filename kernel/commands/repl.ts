import { existsSync } from 'node:fs';
import { RiscvMachine } from '../../core/machine/riscv-machine';
import { SpikeMachine } from '../../core/machine/spike-machine';
import { VirtMachine, VirtMachineOptions, defaultVirtImages } from '../../core/machine/virt-machine';
import { startRepl } from '../repl/repl-session';
import { parseMemorySize } from './boot';
import { UsageError } from './run';

const USAGE = `usage: orrery repl [-M virt|spike] [-m SIZE] [--smp N] [--bios FILE|none] [--kernel FILE] [--initrd FILE]
                  [--append CMDLINE] [--no-realtime] [--no-machine] [--boot] [PROGRAM.elf]
  An interactive TypeScript REPL with a machine in m (default: the virt machine with OpenSBI, Linux and
  BusyBox, not started; --boot boots it to its shell first) and QEMU-monitor-style commands (.help). -M spike PROGRAM.elf loads a bare-metal
  program into a Spike-like machine instead.`;

/** A mistake in the `repl` command line. */
class ReplUsageError extends UsageError {
  override readonly usage = USAGE;
}

/** What the command line asked for. */
interface ReplPlan {
  kind: 'virt' | 'spike' | 'none';
  virt: VirtMachineOptions;
  program?: string;
  ramSize?: number;
  harts?: number;
  /** Boot the machine as the REPL starts (`await boot()` typed for you). */
  boot?: boolean;
}

function parseArgs(argv: string[]): ReplPlan {
  const plan: ReplPlan = { kind: 'virt', virt: { ...defaultVirtImages(), realtimeIdle: true } };
  let kernelGiven = false;
  let initrdGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new ReplUsageError(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '-M': case '--machine': {
        const v = value();
        if (v !== 'virt' && v !== 'spike') throw new ReplUsageError(`unknown machine '${v}' (virt or spike)`);
        plan.kind = v;
        break;
      }
      case '-m': case '--memory': plan.ramSize = parseMemorySize(value()); break;
      case '--smp': {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 8) throw new ReplUsageError(`--smp takes 1 to 8 harts, not '${v}'`);
        plan.harts = n;
        break;
      }
      case '--bios': plan.virt.bios = value(); break;
      case '--kernel': plan.virt.kernel = value(); kernelGiven = true; break;
      case '--initrd': plan.virt.initrd = value(); initrdGiven = true; break;
      case '--append': plan.virt.append = value(); break;
      case '--no-realtime': plan.virt.realtimeIdle = false; break;
      case '--no-machine': plan.kind = 'none'; break;
      case '--boot': plan.boot = true; break;
      default:
        if (a.startsWith('-')) throw new ReplUsageError(`unknown option ${a}`);
        if (plan.program !== undefined) throw new ReplUsageError(`one program only (got ${plan.program} and ${a})`);
        plan.program = a;
    }
  }
  if (kernelGiven && !initrdGiven) delete plan.virt.initrd;
  if (plan.program !== undefined && plan.kind === 'virt') plan.kind = 'spike';
  if (plan.kind === 'spike' && plan.program === undefined) throw new ReplUsageError('-M spike needs a PROGRAM.elf');
  return plan;
}

/** The machine of a plan, its console going to `onConsole`; and the banner line that says what it is. */
function machineFor(plan: ReplPlan, onConsole: (b: Uint8Array) => void): { machine: RiscvMachine; what: string } {
  const size = (bytes: number) => `${bytes / (1024 * 1024)} MiB`;
  const harts = plan.harts ?? 1;
  if (plan.kind === 'spike') {
    // HTIF output stays in m.consoleText (a SpikeMachine given onConsole keeps none); the monitor prints it as it grows.
    void onConsole;
    const m = new SpikeMachine({ ramSize: plan.ramSize, harts });
    m.loadElf(plan.program!);
    return { machine: m, what: `a Spike-like machine (${size(m.mem.ramSize)}, ${harts} hart${harts > 1 ? 's' : ''}) with ${plan.program} loaded` };
  }
  const v = plan.virt;
  for (const [what, file] of [['firmware', v.bios], ['kernel', v.kernel], ['initrd', v.initrd]] as const) {
    if (typeof file === 'string' && file !== 'none' && !existsSync(file)) {
      throw new Error(`the ${what} image ${file} is missing (the default guest images are built by images/virt/build.sh); `
        + 'create a machine yourself: m = new VirtMachine({ bios: ..., kernel: ... })');
    }
  }
  const m = new VirtMachine({ ...v, ramSize: plan.ramSize, harts, onConsole });
  const parts = m.bootPlan.regions.filter((r) => r.role === 'firmware' || r.role === 'kernel' || r.role === 'initrd')
    .map((r) => r.name.replace(/^.*\//, ''));
  const names = [...new Set(parts)].join(' + ') || 'no firmware or kernel';
  return { machine: m, what: `the virt machine (${size(m.mem.ramSize)}, ${harts} hart${harts > 1 ? 's' : ''}; ${names})` };
}

/**
 * `orrery repl`: the interactive REPL (see kernel/repl/repl-session.ts) with
 * the machine the options describe in `m`. Returns 0 when the REPL exits.
 */
export async function replCommand(argv: string[]): Promise<number> {
  const plan = parseArgs(argv);
  let what = plan.kind === 'none' ? 'm is not set (--no-machine)' : 'm is not set';
  const session = startRepl({
    machine: plan.kind === 'none' ? undefined : (onConsole) => {
      const r = machineFor(plan, onConsole);
      what = `m is ${r.what}, not started`;
      return r.machine;
    },
    machineStreamsConsole: plan.kind !== 'spike',
    banner: () => `Orrery REPL: ${what}. Type .help, await boot(), await m.run() or .console`,
  });
  // As if typed at the first prompt, so the boot shows and Ctrl-C stops it like any other line.
  if (plan.boot && plan.kind === 'virt') session.server.write('await boot()\n');
  await session.closed;
  return 0;
}
