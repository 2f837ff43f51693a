import type { Finding } from "../model/index.js";
import { compileGlob, type Glob } from "./glob.js";
import type { InlineSuppression } from "./inline.js";

/** A suppression kept in configuration: which findings it accepts, and why. */
export interface SuppressionRule {
  /** A rule id, or a glob of ids (`ACS-NET-*`). */
  rule: string;
  /** A glob matched against the resource's id and name (any case); all resources when absent. */
  resource?: string;
  /** A glob matched against the file path (forward slashes); all files when absent. */
  file?: string;
  /** Why the risk is accepted. Required. */
  justification: string;
  /** The last day (YYYY-MM-DD) it applies; from the next day on it is reported as expired. */
  expires?: string;
}

/** Why a finding does not count: an inline or configured suppression, or a baseline entry. */
export interface AppliedSuppression {
  kind: "inline" | "config" | "baseline";
  justification: string;
  expires?: string;
}

/** A suppression that would have applied but has expired. */
export interface ExpiredSuppression {
  kind: "inline" | "config";
  rule: string;
  expires: string;
  justification: string;
}

/** The suppressions of one scan configuration. */
export class Suppressions {
  private readonly compiled: Array<{ rule: SuppressionRule; ruleRe: Glob; resourceRe?: Glob; fileRe?: Glob }>;
  /** "Today" as YYYY-MM-DD: a suppression applies through its expiry day. */
  readonly today: string;

  constructor(
    readonly rules: readonly SuppressionRule[],
    private readonly baseline: ReadonlySet<string>,
    readonly honourInline: boolean,
    now: Date,
  ) {
    this.today = now.toISOString().slice(0, 10);
    this.compiled = rules.map((rule) => ({
      rule,
      ruleRe: compileGlob(rule.rule, true),
      ...(rule.resource ? { resourceRe: compileGlob(rule.resource, true) } : {}),
      ...(rule.file ? { fileRe: compileGlob(rule.file.replace(/\\/g, "/"), false) } : {}),
    }));
  }

  /**
   * What suppresses a finding, in order: an inline suppression, a configured one, the baseline.
   * Returns the expired ones that matched too, and the indexes of configured rules that matched.
   */
  apply(finding: Finding, inline: readonly InlineSuppression[]): { suppression?: AppliedSuppression; expired: ExpiredSuppression[]; used: number[] } {
    const expired: ExpiredSuppression[] = [];
    const used: number[] = [];
    let suppression: AppliedSuppression | undefined;
    if (this.honourInline) {
      for (const i of matchingInline(inline, finding.ruleId)) {
        const s = inline[i]!;
        if (s.expires && s.expires < this.today) expired.push({ kind: "inline", rule: s.rule, expires: s.expires, justification: s.justification });
        else suppression ??= { kind: "inline", justification: s.justification, ...(s.expires ? { expires: s.expires } : {}) };
      }
    }
    this.compiled.forEach((c, i) => {
      if (!this.matches(c, finding)) return;
      used.push(i);
      const { rule } = c;
      if (rule.expires && rule.expires < this.today)
        expired.push({ kind: "config", rule: rule.rule, expires: rule.expires, justification: rule.justification });
      else suppression ??= { kind: "config", justification: rule.justification, ...(rule.expires ? { expires: rule.expires } : {}) };
    });
    if (!suppression && this.baseline.has(finding.fingerprint)) {
      suppression = { kind: "baseline", justification: "recorded in the baseline" };
    }
    return { ...(suppression ? { suppression } : {}), expired, used };
  }

  private matches(c: Suppressions["compiled"][number], f: Finding): boolean {
    if (!c.ruleRe.test(f.ruleId)) return false;
    if (c.fileRe && !c.fileRe.test(f.file.replace(/\\/g, "/"))) return false;
    if (c.resourceRe) {
      const candidates = [f.subject.name, f.subject.id, f.subject.symbolicName].filter((x): x is string => typeof x === "string");
      if (!candidates.some((x) => c.resourceRe!.test(x))) return false;
    }
    return true;
  }
}

/** The indexes of the inline suppressions whose rule pattern matches `ruleId`. */
export function matchingInline(inline: readonly InlineSuppression[], ruleId: string): number[] {
  return inline.flatMap((s, i) => (compileGlob(s.rule, true).test(ruleId) ? [i] : []));
}
