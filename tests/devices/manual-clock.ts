import { Clock } from '../../core/devices/device';
import { TIMEBASE_FREQUENCY } from '../../core/machine/virt-map';

/** A {@link Clock} whose time moves only when the test says so (the machine's virtual time, driven by hand). */
export class ManualClock implements Clock {
  readonly frequency: number;
  ticks = 0n;

  constructor(frequency = TIMEBASE_FREQUENCY) {
    this.frequency = frequency;
  }

  now(): bigint {
    return this.ticks;
  }

  /** Move time forward by `ticks`. */
  advance(ticks: bigint): void {
    this.ticks += ticks;
  }
}
