import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import type { LoadedPolicy } from "@open-policy-agent/opa-wasm";
import { PolicyEngine, type PolicyLoader } from "../../src/engine/index.js";
import { Scanner } from "../../src/index.js";
import { DEFAULT_POLICY_URL, loadEngine, nodePolicyLoader } from "../../src/node/index.js";
import { repoPath } from "../helpers.js";

const acs = (props: object, api = "2025-05-01") => ({
  index: 0,
  type: "Microsoft.Communication/communicationServices",
  typeLower: "microsoft.communication/communicationservices",
  apiVersion: api,
  existing: false,
  condition: true,
  properties: props,
});

const engine = loadEngine();

/** ACS-IAM-001's findings only: the other rules judge the same inputs too. */
const localAuth = (e: PolicyEngine, input: object) => e.evaluate(input).filter((f) => f.rule_id === "ACS-IAM-001");

test("evaluates the compiled rule pack and returns structured findings", () => {
  const findings = localAuth(engine, { resources: [acs({ disableLocalAuth: false })] });
  assert.equal(findings, [
    {
      rule_id: "ACS-IAM-001",
      status: "fail",
      subject: { kind: "resource", index: 0 },
      path: ["properties", "disableLocalAuth"],
      message: { id: "enabled", args: {} },
    },
  ]);
});

test("an input compliant with a rule gives no findings of it", () => {
  assert.equal(localAuth(engine, { resources: [acs({ disableLocalAuth: true })] }), []);
});

test("findings come back in a fixed order", () => {
  const input = { resources: [acs({}), { ...acs({}), index: 1 }] };
  const a = engine.evaluate(input);
  assert.ok(a.length > 2);
  assert.equal(engine.evaluate(input), a);
  const keys = a.map((f) => JSON.stringify([f.subject.kind, f.subject.index, f.rule_id, f.path, f.message]));
  assert.equal(keys, [...keys].sort());
});

test("an input the module does not read as an object is an error, not a clean pass", () => {
  assert.throws(() => engine.evaluate([] as unknown as object), /gave no report/);
});

test("reuses one instance across evaluations and stays usable after recycling", () => {
  const small = loadEngine(undefined, { recycleAboveBytes: 1 });
  const before = small.usedBytes;
  for (let i = 0; i < 5; i++) {
    assert.is(localAuth(small, { resources: [acs({})] }).length, 1);
    assert.is(small.usedBytes, before, "a fresh instance replaces the used one");
  }
});

test("memory is reserved up front: a large input never grows it", () => {
  const e = loadEngine(undefined, { recycleAboveBytes: 2 ** 31 }); // keep the used instance to look at
  const reserved = e.memoryBytes;
  const before = e.usedBytes;
  const input = { resources: Array.from({ length: 3000 }, (_, i) => ({ ...acs({ pad: "x".repeat(100) }), index: i })) };
  assert.is(localAuth(e, input).length, 3000);
  assert.ok(e.usedBytes > before + 50 * 2 ** 20, "the evaluation used tens of MiB");
  assert.is(e.memoryBytes, reserved);
});

test("an input over the memory cap fails with an Error and the engine recovers", () => {
  const capped = loadEngine(undefined, { initialPages: 20, maximumPages: 24 });
  const huge = { resources: Array.from({ length: 20_000 }, (_, i) => ({ ...acs({ pad: "x".repeat(100) }), index: i })) };
  assert.throws(
    () => capped.evaluate(huge),
    (e: unknown) => e instanceof Error && /policy evaluation failed|memory/i.test(e.message),
  );
  assert.is(localAuth(capped, { resources: [acs({})] }).length, 1);
});

test("recycling gives back memory a large input grew: without it the instance keeps its peak", () => {
  const initialPages = 64; // 4 MiB, so that a large input must grow the memory
  const grown = (recycleAboveBytes: number) => {
    const e = loadEngine(undefined, { initialPages, maximumPages: 16384, recycleAboveBytes });
    const input = { resources: Array.from({ length: 500 }, (_, i) => ({ ...acs({ pad: "x".repeat(100) }), index: i })) };
    assert.is(localAuth(e, input).length, 500);
    return e.memoryBytes;
  };
  assert.ok(grown(2 ** 31) > 2 * initialPages * 65536, "kept: the instance that grew");
  assert.is(grown(2 * 2 ** 20), initialPages * 65536, "recycled: a fresh instance of the initial size");
});

test("memory: the whole 1 GiB is usable, not a byte more; past it a file gets an error in our words and the engine recovers", () => {
  // Filling 1 GiB for real takes a 1 GiB allocation and minutes, so each instance's heap starts
  // `room` bytes below the end of its memory instead (as if an evaluation had used the rest). The
  // engine's memory request, OPA's allocator, WebAssembly's maximum, the rule-by-rule fallback,
  // the recycling and the message are the real ones; the scan goes through the real pipeline.
  const asked: WebAssembly.MemoryDescriptor[] = [];
  const made: LoadedPolicy[] = [];
  let room: number | undefined;
  const loader: PolicyLoader = (module, memory) => {
    asked.push(memory);
    const policy = nodePolicyLoader(module, memory);
    const state = policy as unknown as { dataHeapPtr: number };
    let natural = state.dataHeapPtr;
    const leaveRoom = () => (state.dataHeapPtr = room === undefined ? natural : memory.maximum! * 65536 - room);
    const [setData, evaluate] = [policy.setData.bind(policy), policy.evaluate.bind(policy)];
    policy.setData = (data) => (setData(data), (natural = state.dataHeapPtr), leaveRoom());
    policy.evaluate = (input, entrypoint) => (leaveRoom(), evaluate(input, entrypoint));
    leaveRoom();
    made.push(policy);
    return policy;
  };
  const engine = PolicyEngine.create(new WebAssembly.Module(readFileSync(DEFAULT_POLICY_URL)), loader);
  assert.equal(asked[0], { initial: 16384, maximum: 16384 }, "the default: all of 1 GiB reserved, and no more allowed");
  assert.is(engine.memoryBytes, 2 ** 30);
  assert.throws(() => (made[0]!.mem as unknown as { grow(pages: number): number }).grow(1), RangeError, "one page past 1 GiB is refused");
  const scanner = new Scanner({}, engine);
  const template = readFileSync(repoPath("fixtures/rules/ACS-IAM-001/fail-false.json"), "utf8");
  const scan = (bytes: number | undefined) => ((room = bytes), scanner.scanText(template, "t.json"));
  const unlimited = scan(undefined);
  assert.ok(unlimited.findings.some((f) => f.ruleId === "ACS-IAM-001"));
  // The least room the scan needs: with it, the evaluation's heap reaches the last byte of 1 GiB.
  let low = 1;
  let high = 4 * 2 ** 20;
  assert.is(scan(high).error, undefined);
  while (low < high) {
    const mid = (low + high) >> 1;
    if (scan(mid).error === undefined) high = mid;
    else low = mid + 1;
  }
  assert.equal(scan(low).findings, unlimited.findings, "at the value: the same findings");
  const past = scan(low - 1);
  assert.equal(past.findings, [], "no findings from a template that was not judged");
  assert.match(past.error!.message, /^evaluating the rules( \(rule [a-z_/]+\))? needs more than the policy engine's 1 GiB of memory; the template is refused$/);
  assert.ok(
    asked.every((m) => m.initial === 16384 && m.maximum === 16384),
    "every fresh instance is 1 GiB too",
  );
  assert.equal(scan(undefined).findings, unlimited.findings, "the engine recovers");
});

test.run();
