import { test } from "uvu";
import * as assert from "uvu/assert";
import type { PolicyEngine } from "../../src/engine/index.js";
import { loadEngine } from "../../src/node/index.js";

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

test.run();
