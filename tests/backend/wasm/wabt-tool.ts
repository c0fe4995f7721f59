/** Test support: wabt (npm devDependency) parsing WAT to a binary, with every feature Orrery uses. */
import wabtInit from 'wabt';

const FEATURES = {
  mutable_globals: true,
  sat_float_to_int: true,
  sign_extension: true,
  multi_value: true,
  tail_call: true,
  bulk_memory: true,
  reference_types: true,
};

let wabt: Awaited<ReturnType<typeof wabtInit>> | undefined;

/** Assembles `text` with wabt's wat2wasm; throws wabt's diagnostics on invalid text. */
export async function wat2wasm(text: string, options: { validate?: boolean } = {}): Promise<Uint8Array<ArrayBuffer>> {
  wabt ??= await wabtInit();
  const mod = wabt.parseWat('orrery.wat', text, FEATURES);
  try {
    mod.resolveNames();
    if (options.validate ?? true) mod.validate();
    // Copy out of wabt's heap into a plain ArrayBuffer-backed array.
    return new Uint8Array(mod.toBinary({ canonicalize_lebs: true, write_debug_names: true }).buffer);
  } finally {
    mod.destroy();
  }
}

/** Disassembles `bytes` with wabt's wasm2wat, using the name section. */
export async function wasm2wat(bytes: Uint8Array): Promise<string> {
  wabt ??= await wabtInit();
  const mod = wabt.readWasm(bytes, { readDebugNames: true, ...FEATURES });
  try {
    mod.applyNames();
    return mod.toText({ foldExprs: false, inlineExport: false });
  } finally {
    mod.destroy();
  }
}
