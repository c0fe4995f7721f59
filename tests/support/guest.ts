/**
 * Guest programs for the Spike-like machine: building them, finding them, and
 * running them under the QEMU reference.
 *
 * Sources live in `tests/guest/` (ISA tests, C tests, the bare-metal runtime)
 * and `images/bench/` (benchmark workloads with committed ELFs); `make -C
 * tests/guest` builds everything into `build/guest/`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Repository root. */
export const REPO_DIR = path.resolve(__dirname, '..', '..');
/** Where `make -C tests/guest` puts its output (git-ignored). */
export const GUEST_BUILD_DIR = path.join(REPO_DIR, 'build', 'guest');
/** Guest sources: ISA tests, C tests, runtime, Makefile. */
export const GUEST_SOURCE_DIR = path.join(REPO_DIR, 'tests', 'guest');
/** Benchmark workloads and their manifest. */
export const BENCH_DIR = path.join(REPO_DIR, 'images', 'bench');

/** The external tools the guest build and the reference runs need, with their Debian packages. */
export const GUEST_TOOLS = {
  riscvGcc: { command: 'riscv64-linux-gnu-gcc', debianPackage: 'gcc-riscv64-linux-gnu' },
  hostGcc: { command: 'gcc', debianPackage: 'gcc' },
  make: { command: 'make', debianPackage: 'make' },
  qemuSystem: { command: 'qemu-system-riscv64', debianPackage: 'qemu-system-misc' },
} as const;

/** ISA test groups, named like the public riscv-tests. */
export const ISA_GROUPS = ['rv64ui', 'rv64um', 'rv64ua', 'rv64uf', 'rv64ud', 'rv64uc', 'rv64mi'] as const;

/** One ISA test program: `tests/guest/isa/<group>/<name>.S` built to `elf`. */
export interface IsaTest {
  group: string;
  name: string;
  elf: string;
}

/** One C test program: the RISC-V ELF and the same source built for the host. */
export interface GuestCProgram {
  name: string;
  elf: string;
  native: string;
}

/** One benchmark workload, as listed in `images/bench/workloads.json`. */
export interface BenchWorkload {
  name: string;
  /** Absolute path of the committed ELF. */
  elf: string;
  /** Absolute path of the host build (exists after buildGuest()). */
  native: string;
  kind: 'int' | 'fp';
  description: string;
  /** Expected `checksum:` value, 16 hex digits. */
  checksum: string;
  /** Instructions retired, measured under QEMU with -icount. */
  instret: number;
}

/** Result of running a guest under QEMU's spike machine. */
export interface QemuRun {
  /** Process exit status: the HTIF exit code (tohost >> 1) truncated to 8 bits by the OS. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Throws a clear error naming the Debian package when `tool` is not installed. */
export function requireTool(tool: { command: string; debianPackage: string }): void {
  const probe = spawnSync(tool.command, ['--version'], { stdio: 'ignore' });
  const missing = (probe.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
  if (missing) {
    throw new Error(
      `${tool.command} is not installed: install the Debian package ${tool.debianPackage} ` +
        `(apt-get install ${tool.debianPackage})`,
    );
  }
}

const LOCK_DIR = path.join(REPO_DIR, 'build', '.guest-build.lock');
const LOCK_STALE_MS = 10 * 60_000;
const LOCK_POLL_MS = 200;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Test files in parallel forks may build at the same time; make must not race itself. */
function withBuildLock<T>(body: () => T): T {
  mkdirSync(path.dirname(LOCK_DIR), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      try {
        if (Date.now() - statSync(LOCK_DIR).mtimeMs > LOCK_STALE_MS) rmdirSync(LOCK_DIR);
      } catch {
        // another process removed it first
      }
      sleepSync(LOCK_POLL_MS);
    }
  }
  try {
    return body();
  } finally {
    rmdirSync(LOCK_DIR);
  }
}

/**
 * Builds every guest program (ISA tests, C tests and their native builds, the
 * native benchmark builds) with `make -C tests/guest -j2` and returns the build
 * directory. Incremental: a second call is cheap. Throws naming the Debian
 * package when the cross compiler, gcc or make is missing.
 */
export function buildGuest(): string {
  requireTool(GUEST_TOOLS.make);
  requireTool(GUEST_TOOLS.riscvGcc);
  requireTool(GUEST_TOOLS.hostGcc);
  return withBuildLock(() => {
    const r = spawnSync('make', ['-C', GUEST_SOURCE_DIR, '-j2', '-s', 'all'], { encoding: 'utf8' });
    if (r.error) throw r.error;
    if (r.status !== 0) {
      throw new Error(`make -C tests/guest failed (exit ${r.status}):\n${r.stderr}${r.stdout}`);
    }
    return GUEST_BUILD_DIR;
  });
}

function sourcesIn(dir: string, extension: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(extension))
    .map((f) => f.slice(0, -extension.length))
    .sort();
}

/**
 * Every ISA test, from the sources in `tests/guest/isa/<group>/*.S` (so the
 * list does not depend on what happens to be built); `elf` is where
 * buildGuest() puts the program.
 */
export function listIsaTests(buildDir: string = GUEST_BUILD_DIR): IsaTest[] {
  return ISA_GROUPS.flatMap((group) =>
    sourcesIn(path.join(GUEST_SOURCE_DIR, 'isa', group), '.S').map((name) => ({
      group,
      name,
      elf: path.join(buildDir, 'isa', group, `${name}.elf`),
    })),
  );
}

/** Groups whose bodies also run as "-v-" variants: U-mode under Sv39 (tests/guest/runtime/vm/). */
export const VM_ISA_GROUPS = ['rv64ui', 'rv64um', 'rv64ua', 'rv64uf', 'rv64ud', 'rv64uc'] as const;

/**
 * Every "-v-" variant: the rv64u* test bodies run in U-mode at virtual
 * addresses, with pages mapped on demand by an M-mode handler. Tests that
 * install an M-mode trap handler (RVTEST_TRAP_HANDLER) have none, as in the
 * Makefile. `elf` is `build/guest/isa-v/<group>-v-<name>.elf`.
 */
export function listVmIsaTests(buildDir: string = GUEST_BUILD_DIR): IsaTest[] {
  return VM_ISA_GROUPS.flatMap((group) =>
    sourcesIn(path.join(GUEST_SOURCE_DIR, 'isa', group), '.S')
      .filter((name) => !readFileSync(path.join(GUEST_SOURCE_DIR, 'isa', group, `${name}.S`), 'utf8').includes('RVTEST_TRAP_HANDLER'))
      .map((name) => ({ group, name, elf: path.join(buildDir, 'isa-v', `${group}-v-${name}.elf`) })),
  );
}

/**
 * The supervisor-mode ISA tests (`tests/guest/isa/rv64si/`, in the style of
 * riscv-tests rv64si): each enters S-mode from M-mode and exits through HTIF
 * like the others. Kept out of {@link listIsaTests} so each has its own test file.
 */
export function listSupervisorIsaTests(buildDir: string = GUEST_BUILD_DIR): IsaTest[] {
  return sourcesIn(path.join(GUEST_SOURCE_DIR, 'isa', 'rv64si'), '.S').map((name) => ({
    group: 'rv64si',
    name,
    elf: path.join(buildDir, 'isa', 'rv64si', `${name}.elf`),
  }));
}

/** The C test programs in `tests/guest/c/`, with their RISC-V and native builds. */
export function listGuestCPrograms(buildDir: string = GUEST_BUILD_DIR): GuestCProgram[] {
  return sourcesIn(path.join(GUEST_SOURCE_DIR, 'c'), '.c').map((name) => ({
    name,
    elf: path.join(buildDir, 'c', `${name}.elf`),
    native: path.join(buildDir, 'c', 'native', name),
  }));
}

/** The benchmark workloads from `images/bench/workloads.json`, with absolute paths. */
export function listBenchWorkloads(buildDir: string = GUEST_BUILD_DIR): BenchWorkload[] {
  const manifest = JSON.parse(readFileSync(path.join(BENCH_DIR, 'workloads.json'), 'utf8')) as {
    workloads: (Omit<BenchWorkload, 'native'> & { source: string })[];
  };
  return manifest.workloads.map((w) => ({
    name: w.name,
    elf: path.join(REPO_DIR, w.elf),
    native: path.join(buildDir, 'bench-native', w.name),
    kind: w.kind,
    description: w.description,
    checksum: w.checksum,
    instret: w.instret,
  }));
}

/** Extracts the `checksum: <hex>` line a benchmark prints, or undefined. */
export function parseChecksum(output: string): string | undefined {
  return /^checksum: ([0-9a-f]+)$/m.exec(output)?.[1];
}

/**
 * Runs `elf` on `qemu-system-riscv64 -M spike -bios none`, the reference for
 * every guest program; the HTIF console is returned as `stdout`. Extra QEMU
 * arguments (e.g. `-icount shift=0` to make minstret count instructions) go in
 * `extraArgs`.
 */
export async function runQemuSpike(elf: string, timeoutMs: number, extraArgs: string[] = []): Promise<QemuRun> {
  requireTool(GUEST_TOOLS.qemuSystem);
  // The console goes to a file: QEMU's stdio backend writes without blocking
  // and silently drops console characters when a pipe reader falls behind.
  const dir = mkdtempSync(path.join(tmpdir(), 'orrery-qemu-'));
  const consoleFile = path.join(dir, 'console.txt');
  try {
    const result = await new Promise<Omit<QemuRun, 'stdout'>>((resolve, reject) => {
      const child = spawn(
        GUEST_TOOLS.qemuSystem.command,
        ['-M', 'spike', '-bios', 'none', '-display', 'none', '-monitor', 'none',
          '-serial', `file:${consoleFile}`, ...extraArgs, '-kernel', elf],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, timeoutMs);
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ exitCode: code, stderr, timedOut });
      });
    });
    const stdout = existsSync(consoleFile) ? readFileSync(consoleFile, 'utf8') : '';
    return { ...result, stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a host executable (a native build) and returns its stdout; throws on a nonzero exit. */
export function runNative(executable: string, timeoutMs = 60_000): string {
  const r = spawnSync(executable, [], { encoding: 'utf8', timeout: timeoutMs });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${executable} exited with ${r.status}: ${r.stderr}`);
  return r.stdout;
}
