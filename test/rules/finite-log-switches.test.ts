import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Finding } from "../../src/model/index.js";
import { cli, repoPath } from "../helpers.js";

// Logs switched on or off by a parameter with allowed values: the LOG rules cannot decide before
// deployment, and their unknowns name the values for which the logs are not kept.

test("ACS-LOG-001 and ACS-LOG-002 name the values of logLevel for which they fail", async () => {
  const r = await cli("scan", repoPath("fixtures/fidelity/log-level-allowed-values.json"), "--format", "json");
  const findings = (JSON.parse(r.stdout) as { findings: Finding[] }).findings.filter((f) => f.ruleId.startsWith("ACS-LOG-"));
  assert.equal(
    findings.map((f) => [f.ruleId, f.status, f.message]),
    [
      [
        "ACS-LOG-001",
        "unknown",
        "no diagnostic setting of this service sends enabled logs covering allLogs to a destination when logLevel is 'audit' or 'none'",
      ],
      ["ACS-LOG-002", "unknown", "no diagnostic setting sends this service's logs to a Log Analytics workspace when logLevel is 'none'"],
    ],
  );
});

test.run();
