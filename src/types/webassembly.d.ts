// Node has the WebAssembly global, but TypeScript types it only in lib.dom, whose browser globals
// this package must not see. This is the subset the engine uses.
declare namespace WebAssembly {
  interface MemoryDescriptor {
    initial: number;
    maximum?: number;
  }
  class Memory {
    constructor(descriptor: MemoryDescriptor);
    readonly buffer: ArrayBuffer;
  }
  class Module {
    constructor(bytes: ArrayBuffer | ArrayBufferView);
  }
  class Instance {
    readonly exports: Record<string, unknown>;
  }
  function compile(bytes: ArrayBuffer | ArrayBufferView): Promise<Module>;
  interface WebAssemblyInstantiatedSource {
    instance: Instance;
    module: Module;
  }
}
