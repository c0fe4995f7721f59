/**
 * Type declarations for the WebAssembly JavaScript API that Node provides at
 * run time but `@types/node` 20 does not declare (it lives in TypeScript's DOM
 * library, which a Node project should not pull in). Only what Orrery uses.
 */
declare global {
  namespace WebAssembly {
    type ImportValue = Function | Global | Memory | Table | number | bigint;
    type ModuleImports = Record<string, ImportValue>;
    type Imports = Record<string, ModuleImports>;
    type Exports = Record<string, Function | Global | Memory | Table>;
    interface MemoryDescriptor { initial: number; maximum?: number; shared?: boolean }
    interface TableDescriptor { element: 'anyfunc' | 'funcref' | 'externref'; initial: number; maximum?: number }
    interface GlobalDescriptor { value: 'i32' | 'i64' | 'f32' | 'f64'; mutable?: boolean }
    interface ModuleExportDescriptor { name: string; kind: string }
    interface ModuleImportDescriptor { module: string; name: string; kind: string }
    class Memory {
      constructor(descriptor: MemoryDescriptor);
      readonly buffer: ArrayBuffer;
      grow(delta: number): number;
    }
    class Table {
      constructor(descriptor: TableDescriptor, value?: unknown);
      readonly length: number;
      get(index: number): Function | null;
      set(index: number, value: Function | null): void;
      grow(delta: number, value?: unknown): number;
    }
    class Global {
      constructor(descriptor: GlobalDescriptor, value?: number | bigint);
      value: number | bigint;
    }
    class Module {
      constructor(bytes: BufferSource);
      static exports(module: Module): ModuleExportDescriptor[];
      static imports(module: Module): ModuleImportDescriptor[];
    }
    class Instance {
      constructor(module: Module, imports?: Imports);
      readonly exports: Exports;
    }
    class CompileError extends Error {}
    class LinkError extends Error {}
    class RuntimeError extends Error {}
    function validate(bytes: BufferSource): boolean;
    function compile(bytes: BufferSource): Promise<Module>;
    function instantiate(bytes: BufferSource, imports?: Imports): Promise<{ module: Module; instance: Instance }>;
    function instantiate(module: Module, imports?: Imports): Promise<Instance>;
  }
  type BufferSource = ArrayBufferView | ArrayBuffer;
}

export {};
