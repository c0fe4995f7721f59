/**
 * An interrupt line: level-triggered, driven by one device (or by hand from a
 * notebook). The machine wires lines to an interrupt controller input or to a
 * hart's `mip` bit; devices never see what is on the other end.
 */
export interface IrqLine {
  /** Drive the line high (`true`) or low (`false`). Setting the same level again is harmless. */
  set(level: boolean): void;
  /** Current level. */
  readonly level: boolean;
}

/** A line that calls `onChange` when its level changes. */
export class WiredIrqLine implements IrqLine {
  private current = false;

  constructor(
    /** Name for inspection (`plic.10`, `hart0.mtip`). */
    readonly name: string,
    private readonly onChange: (level: boolean) => void,
  ) {}

  get level(): boolean {
    return this.current;
  }

  set(level: boolean): void {
    if (level === this.current) return;
    this.current = level;
    this.onChange(level);
  }
}
