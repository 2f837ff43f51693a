import { ExpansionFault, checkPolicyInput, expandTemplate, toPolicyInput, type JsonObject } from "../arm/index.js";
import { rulesById, type RuleCatalog, type RuleMeta } from "../catalog/index.js";
import { resolveOptions, type InlineSuppression, type ResolvedOptions, type ScanOptions, type SchemaCompiler } from "../config/index.js";
import { PolicyEngine, type EngineMemoryOptions, type PolicyLoader } from "../engine/index.js";
import { buildReport, isFailing, judge, runConfiguration } from "../judge/index.js";
import { locateFindings } from "../locate/index.js";
import { InputError } from "../model/index.js";
import type { FileResult, Finding, Notice, RunConfiguration, ScanReport, TraceStep, TraceTiming } from "../model/index.js";
import { collectEvidence, runEvidence } from "../evidence/index.js";
import type { SourceFile } from "../reader/index.js";
import { capNotices, errorResult, partError, sortFindings } from "./file-results.js";

/** The compiled rule pack: the policy module (or its bytes), its catalog, and how this runtime instantiates it. */
export interface CompiledPolicy {
  wasm: Uint8Array | WebAssembly.Module;
  catalog: RuleCatalog;
  loader: PolicyLoader;
  memory?: EngineMemoryOptions;
}

/**
 * Where the findings of a template compiled from another source (Bicep) belong: it moves them to
 * the source's lines, adds the source's own suppressions, and has notices of its own.
 */
export interface SourceMapping {
  /** The file whose findings `remap` moves: their places in its compiled text are not looked up. */
  readonly remappedFile: string;
  remap(findings: readonly Finding[], parameterFile: SourceFile | undefined): void;
  suppressionsFor(f: Finding): InlineSuppression[];
  directiveNotices(rules: ReadonlyMap<string, RuleMeta>): Notice[];
  /** Moves provenance steps of the last remapped run to the source's lines. */
  placeTrace(steps: TraceStep[]): void;
  /** The text of a source file (for excerpts of evidence). */
  sourceText(path: string): string | undefined;
}

/** What one template's scan may add to the pipeline's options. */
export interface TemplateInput {
  /** Template parameter values, over the options' `templateParameters`; taken literally. */
  parameters?: Record<string, unknown>;
  /** A template linked by `relativePath` from `from`, or undefined when it is not followed. */
  readLinked?: (from: string, relativePath: string) => SourceFile | undefined;
  /** The source a compiled template came from, and the notices its compilation gave. */
  mapping?: SourceMapping;
  notices?: readonly Notice[];
}

/**
 * The pure scanning core: expand → evaluate → locate → judge, for templates already read, and the
 * run's report. It never touches files, the network or the process; the policy is handed in.
 */
export class Pipeline {
  readonly catalog: RuleCatalog;
  readonly rules: ReadonlyMap<string, RuleMeta>;
  readonly options: ResolvedOptions;
  /** The run's rule selection and configuration, as every report carries it. */
  readonly run: RunConfiguration;
  readonly engine: PolicyEngine;
  private readonly debug: boolean;
  /** Record a verdict per rule and applicable resource (`ScanOptions.evidence`). */
  private readonly evidence: boolean;
  private readonly traces: TraceTiming;

  constructor(policy: CompiledPolicy | { engine: PolicyEngine; catalog: RuleCatalog }, options: ScanOptions = {}, compileSchema?: SchemaCompiler) {
    this.catalog = policy.catalog;
    this.rules = rulesById(this.catalog);
    this.options = resolveOptions(options, this.rules, compileSchema);
    this.run = runConfiguration(this.catalog, this.options);
    this.debug = options.debug ?? false;
    this.evidence = options.evidence ?? false;
    this.traces = options.traces ?? "on-read";
    if ("engine" in policy) {
      this.engine = policy.engine;
    } else {
      // (DOM's typings accept only bytes over an ArrayBuffer; a SharedArrayBuffer's work as well)
      const module = policy.wasm instanceof WebAssembly.Module ? policy.wasm : new WebAssembly.Module(policy.wasm as Uint8Array<ArrayBuffer>);
      this.engine = PolicyEngine.create(module, policy.loader, policy.memory);
    }
    this.engine.setData(this.options.policyData);
  }

  /** One expansion, evaluation, location and judging of a template with one parameter file (or none). */
  scanTemplate(source: SourceFile, parameterFile: SourceFile | undefined, input: TemplateInput = {}): FileResult {
    const file = source.path;
    const sources = new Map<string, SourceFile>([[file, source]]);
    if (parameterFile) sources.set(parameterFile.path, parameterFile);
    const { mapping } = input;
    let stage = "expanding the template";
    try {
      const expanded = expandTemplate(file, source.value as JsonObject, {
        context: this.options.context,
        parameters: { ...this.options.templateParameters, ...input.parameters },
        ...(parameterFile ? { parameterFile: { file: parameterFile.path, value: parameterFile.value } } : {}),
        loadLinkedTemplate: (from, relativePath) => {
          const linked = input.readLinked?.(from, relativePath);
          if (!linked) return undefined;
          sources.set(linked.path, linked);
          return linked.kind === "template" ? { file: linked.path, value: linked.value } : undefined;
        },
      });
      stage = "building the input of the rules";
      const policyInput = toPolicyInput(expanded);
      checkPolicyInput(policyInput);
      stage = "evaluating the rules";
      const raw = this.engine.evaluate(policyInput);
      stage = "locating the findings";
      const located = locateFindings(raw, expanded, sources, this.rules, mapping?.remappedFile, this.traces);
      mapping?.remap(located, parameterFile);
      stage = "judging the findings";
      // (every resource: inline suppressions are checked on those without findings too)
      const resources = expanded.resources.map((r, index) => ({ index, metadata: r.metadata, file: r.source.file, pointer: r.source.pointer }));
      const resourceOf = (i: number) => {
        const subject = raw[i]!.subject;
        return subject.kind === "resource" ? resources[subject.index] : undefined;
      };
      const subjects = new Map(located.map((f, i) => [f, raw[i]!.subject]));
      const judged = judge(located, resourceOf, this.options, this.rules, mapping && ((f) => mapping.suppressionsFor(f)), resources);
      const notices = capNotices(
        [
          ...(input.notices ?? []),
          ...expanded.notices.map((n): Notice => ({ kind: "expansion", file: n.file, message: n.message, pointer: n.pointer })),
          ...judged.notices,
          ...(mapping?.directiveNotices(this.rules) ?? []),
        ],
        file,
      );
      const result: FileResult = { file, kind: "template", findings: sortFindings(judged.findings), notices, matchedSuppressions: judged.matched };
      if (this.evidence) {
        stage = "collecting the evidence";
        const textOf = (f: string) => mapping?.sourceText(f) ?? sources.get(f)?.text;
        const place = (steps: TraceStep[]) => mapping?.placeTrace(steps);
        const findings = judged.findings.map((f) => ({ finding: f, subject: subjects.get(f)! }));
        result.evidence = collectEvidence({ expanded, findings, rules: this.enabledRules(), sources, place, textOf });
      }
      // (as for a whole-file fault, the lines of a Bicep source's compiled JSON are not shown)
      if (expanded.errors.length > 0) result.errors = expanded.errors.map((e) => partError(e, mapping ? new Map() : sources, parameterFile));
      return result;
    } catch (e) {
      if (e instanceof ExpansionFault) {
        // (the compiled JSON of a Bicep source is never shown, so its lines are not either)
        const at = e.pointer === undefined || mapping ? undefined : source.locate([e.pointer]).get(e.pointer);
        const position = at ? source.lineIndex.position(at.keyStart) : undefined;
        const withSet = parameterFile ? ` (with parameter file ${parameterFile.path})` : "";
        const what = stage === "expanding the template" ? "expanded" : "scanned"; // the policy input's limits
        return this.errorResult(file, new InputError(file, `template cannot be ${what}${withSet}: ${e.message}`, position));
      }
      return this.errorResult(file, e, stage);
    }
  }

  /** The result of a file that could not be scanned (see `errorResult`), with a stack trace when debugging. */
  errorResult(file: string, e: unknown, stage?: string): FileResult {
    return errorResult(file, e, stage, this.debug);
  }

  /** True when a finding makes the run fail under this run's threshold and unknown handling. */
  isFailing(f: Finding): boolean {
    return isFailing(f, this.run);
  }

  /** The run's report from per-file results. */
  report(results: readonly FileResult[]): ScanReport {
    const report = buildReport(results, this.options, this.run);
    if (this.evidence) report.evidence = runEvidence(results, this.enabledRules());
    return report;
  }

  /** The rules this run evaluates. */
  private enabledRules(): RuleMeta[] {
    return this.catalog.rules.filter((r) => this.options.isEnabled(r));
  }
}
