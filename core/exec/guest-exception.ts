/**
 * A guest exception raised by a helper or the softmmu while a block runs.
 *
 * Thrown as a JavaScript exception through generated code (WebAssembly frames
 * unwind) or the interpreter, and caught by the execution loop, which reads
 * `env.faultPc`/`env.faultUnretired` for the precise state and asks the
 * target to take the trap. Deliberately not an `Error`: no stack is captured,
 * because guests raise exceptions often (page faults, ecalls).
 */
export class GuestException {
  constructor(
    /** Target-defined exception cause (RISC-V: the `mcause` code). */
    readonly cause: number,
    /** Target-defined trap value (RISC-V: the `mtval` value). */
    readonly tval: bigint = 0n,
  ) {}
}

/** Thrown by a helper to leave generated code at once and return to the loop (e.g. after `wfi`). */
export class ExitRequest {
  static readonly instance = new ExitRequest();
}
