/**
 * A decoded RISC-V instruction: the contract between the decoder, the
 * disassembler and the translator.
 *
 * Compressed (RVC) instructions decode to the base instruction they expand
 * to (`c.addi sp,-16` → `op: 'addi'`), with `len: 2` and the RVC name kept in
 * `cname`, so the translator has one function per base instruction.
 */
export interface Insn {
  /** Base mnemonic exactly as in the ISA manual, lower case: 'addi', 'lr.w', 'fmadd.d', 'csrrwi', 'fence.i'. */
  readonly op: string;
  /** Destination register number (x or f file depending on op), 0 when unused. */
  readonly rd: number;
  /** First source register number, 0 when unused. */
  readonly rs1: number;
  /** Second source register number, 0 when unused. */
  readonly rs2: number;
  /** Third source register (R4-type fused multiply-add), 0 when unused. */
  readonly rs3: number;
  /**
   * The immediate, sign-extended and already scaled as the instruction uses it
   * (branch/jump offsets in bytes, `lui`/`auipc` as `imm << 12` sign-extended
   * to 32 bits, shift amounts for shifts, the zimm for `csrr*i`). 0 when unused.
   */
  readonly imm: number;
  /** CSR number for Zicsr instructions, otherwise 0. */
  readonly csr: number;
  /** Rounding-mode field (funct3) of floating-point instructions, otherwise 0. */
  readonly rm: number;
  /** Acquire bit of A-extension instructions. */
  readonly aq: boolean;
  /** Release bit of A-extension instructions. */
  readonly rl: boolean;
  /** `fence` predecessor set (4 bits: i,o,r,w), otherwise 0. */
  readonly pred: number;
  /** `fence` successor set (4 bits: i,o,r,w), otherwise 0. */
  readonly succ: number;
  /** Instruction length in bytes. */
  readonly len: 2 | 4;
  /** The raw instruction bits (16 or 32 bits, as an unsigned number). */
  readonly raw: number;
  /** For compressed instructions, the RVC mnemonic ('c.addi16sp'); otherwise undefined. */
  readonly cname?: string;
}
