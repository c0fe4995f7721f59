import { SpikeMachine } from '../../../core/machine/spike-machine';
import { VirtMachine } from '../../../core/machine/virt-machine';
import { listBenchWorkloads } from '../../support/guest';

/** A Spike machine with a benchmark workload loaded (not run yet). */
export function benchMachine(name = 'crc32', options: ConstructorParameters<typeof SpikeMachine>[0] = {}): SpikeMachine {
  const w = listBenchWorkloads().find((x) => x.name === name);
  if (!w) throw new Error(`no bench workload ${name} in images/bench/workloads.json`);
  const m = new SpikeMachine({ onConsole: () => {}, ...options });
  m.loadElf(w.elf);
  return m;
}

/** A virt machine with no boot images: devices and device tree only. */
export function bareVirtMachine(): VirtMachine {
  return new VirtMachine({ ramSize: 16 * 1024 * 1024 });
}
