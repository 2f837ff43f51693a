import type { LoadedPolicy } from "@open-policy-agent/opa-wasm";
import { toError } from "../model/errors.js";
import { PER_RULE_ABOVE_BYTES, evaluatePerRule, ruleEntrypoints } from "./per-rule.js";
import type { RawFinding } from "./raw-finding.js";

/**
 * The SDK's `loadPolicySync`: how a runtime reaches it differs (Node through the CommonJS entry,
 * a browser through its ES module build), so the caller hands it in.
 */
export type PolicyLoader = (module: WebAssembly.Module, memory: WebAssembly.MemoryDescriptor) => LoadedPolicy;

const ENTRYPOINT = "acs/main/report";

/** Memory settings of a policy instance. */
export interface EngineMemoryOptions {
  /**
   * Pages (64 KiB) the instance starts with: by default all it may have. OPA's allocator grows
   * memory a page at a time, and each of those thousands of grows costs the host a garbage
   * collection (a 3 MB input took 5 s of CPU instead of 1 s); reserved pages cost no RSS until used.
   */
  initialPages?: number;
  /** Hard cap: an input needing more fails with an error instead of eating the host's memory. */
  maximumPages?: number;
  /** After an evaluation has used more than this many bytes, the instance is replaced by a fresh one. */
  recycleAboveBytes?: number;
  /**
   * Policy inputs of at least this many bytes (as JSON) are evaluated rule by rule (0: always);
   * by default only an input whose one evaluation runs out of memory is.
   */
  perRuleAboveBytes?: number;
}

const DEFAULT_MEMORY: Required<EngineMemoryOptions> = {
  initialPages: 16384, // 1 GiB, the maximum
  maximumPages: 16384,
  recycleAboveBytes: 256 * 1024 * 1024,
  perRuleAboveBytes: PER_RULE_ABOVE_BYTES,
};

interface Report {
  schema_version: number;
  findings: RawFinding[];
}

/**
 * The compiled rule pack. Compiles the WebAssembly module once; each instance evaluates one
 * input at a time (the SDK is synchronous and not re-entrant). Memory only grows in WebAssembly,
 * so after a large input the instance is thrown away and a fresh one made from the same module.
 */
export class PolicyEngine {
  private policy: LoadedPolicy;
  private data: object = {};
  private readonly memory: Required<EngineMemoryOptions>;
  private readonly rules: ReadonlyMap<string, number>;

  private constructor(
    private readonly module: WebAssembly.Module,
    private readonly loader: PolicyLoader,
    memory: EngineMemoryOptions,
  ) {
    this.memory = { ...DEFAULT_MEMORY, ...memory };
    this.policy = this.instantiate();
    this.rules = ruleEntrypoints(this.policy);
  }

  /**
   * An engine for a compiled policy module, instantiated with the runtime's `loader`.
   * @internal (its WebAssembly types stay out of the published declarations)
   */
  static create(module: WebAssembly.Module, loader: PolicyLoader, memory: EngineMemoryOptions = {}): PolicyEngine {
    return new PolicyEngine(module, loader, memory);
  }

  /**
   * The compiled module, for handing to worker threads (it is structured-cloneable).
   * @internal
   */
  get compiledModule(): WebAssembly.Module {
    return this.module;
  }

  /** Bytes of WebAssembly memory the current instance holds (used or only reserved). */
  get memoryBytes(): number {
    return this.policy.mem.buffer.byteLength;
  }

  /** Bytes of that memory in use after the last evaluation: how far OPA's heap reached (it frees little). */
  get usedBytes(): number {
    const heapPointer = (this.policy.wasmInstance as WebAssembly.Instance).exports["opa_heap_ptr_get"] as () => number;
    return heapPointer();
  }

  /** Sets the document rules read as `data` (rule parameters); kept for every later evaluation. */
  setData(data: object): void {
    this.data = data;
    try {
      this.policy.setData(data);
    } catch (e) {
      throw toError(e);
    }
  }

  /**
   * Evaluates every rule against one normalized template. Throws an `Error` when the module fails
   * or gives no report (an undefined result is never read as "no findings").
   */
  evaluate(input: object): RawFinding[] {
    const bytes = new TextEncoder().encode(JSON.stringify(input));
    // The SDK copies an ArrayBuffer straight into wasm memory; a view on a larger buffer would leak bytes.
    if (bytes.byteLength >= this.memory.perRuleAboveBytes && this.rules.size > 0) return this.evaluateRules(bytes);
    const buffer = bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
    let results: Array<{ result?: Report }>;
    try {
      results = this.policy.evaluate(buffer, ENTRYPOINT) as Array<{ result?: Report }>;
    } catch (e) {
      this.recycle();
      // Out of memory in one evaluation of every rule: rule by rule needs only the largest rule's.
      if (this.rules.size > 0 && /opa_malloc/.test(toError(e).message)) return this.evaluateRules(bytes);
      throw new Error(`policy evaluation failed: ${toError(e).message}`);
    }
    if (this.usedBytes > this.memory.recycleAboveBytes) this.recycle();
    const report = results[0]?.result;
    if (!report || !Array.isArray(report.findings)) {
      throw new Error("policy evaluation gave no report: the input was not read as a template");
    }
    return sortRawFindings(report.findings);
  }

  private evaluateRules(input: Uint8Array): RawFinding[] {
    try {
      const { findings, peakHeapBytes } = evaluatePerRule(this.policy, input, this.rules);
      if (peakHeapBytes > this.memory.recycleAboveBytes) this.recycle();
      return sortRawFindings(findings);
    } catch (e) {
      this.recycle();
      throw new Error(`policy evaluation failed: ${toError(e).message}`);
    }
  }

  private instantiate(): LoadedPolicy {
    const wanted = { initial: Math.min(this.memory.initialPages, this.memory.maximumPages), maximum: this.memory.maximumPages };
    try {
      return this.loader(this.module, wanted);
    } catch (e) {
      throw new Error(`cannot instantiate the policy module: ${toError(e).message}`);
    }
  }

  private recycle(): void {
    this.policy = this.instantiate();
    if (Object.keys(this.data).length > 0) this.policy.setData(this.data);
  }
}

// WebAssembly iterates sets and objects in hash order, so findings are put in a fixed order here.
// Each sort key is computed once (a comparator that built keys would do it n log n times).
function sortRawFindings(findings: RawFinding[]): RawFinding[] {
  return findings
    .map((f) => ({ f, key: JSON.stringify([f.subject.kind, f.subject.index, f.rule_id, f.path, f.message]) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ f }) => f);
}
