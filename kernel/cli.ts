import { benchCommand } from './commands/bench';
import { disasmCommand } from './commands/disasm';
import { runCommand, UsageError } from './commands/run';

const HELP = `orrery — a RISC-V full-system emulator whose every moving part is a live object

usage: orrery <command> [options]

commands:
  boot [options]                 boot the virt machine (OpenSBI + Linux + BusyBox) on this terminal
  run --machine spike prog.elf   run a bare-metal program (HTIF console and exit code)
  disasm prog.elf                disassemble an ELF's code sections (objdump-compatible)
  repl [options] [prog.elf]      interactive TypeScript REPL with the machine in m and monitor commands (.help)
  bench                          run the benchmark workloads (and QEMU side by side if installed)
  kernel install [--user|--sys|--prefix DIR]   register the Jupyter kernel "Orrery (TypeScript)"
  help                           this text
`;

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  run: async () => runCommand,
  boot: async () => require('./commands/boot').bootCommand,
  disasm: async () => disasmCommand,
  bench: async () => benchCommand,
  kernel: async () => require('./commands/kernel').kernelCommand,
  repl: async () => require('./commands/repl').replCommand,
};

/** The `orrery` command line. Returns the process exit status. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(HELP);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`orrery: unknown command '${name}'\n${HELP}`);
    return 2;
  }
  try {
    return await (await load())(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`orrery ${name}: ${e.message}\n${e.usage}\n`);
      return 2;
    }
    throw e;
  }
}
