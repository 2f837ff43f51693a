import { execFileSync } from "node:child_process";
import { appendFileSync, chmodSync, cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { delimiter, join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { BicepSupport } from "../../src/bicep/support.js";
import { createScanner, loadConfig, type Finding } from "../../src/index.js";
import { cliIn, repoPath } from "../helpers.js";
import { tempDir } from "../../scripts/temp-dir.js";

const fixtures = repoPath("fixtures/bicep");
const stub = join(fixtures, "bin", "bicep");

/** A copy of a fixture folder (tests write logs and edits beside the sources). */
function copy(name: string): string {
  const dir = tempDir("acs-bicep-");
  cpSync(join(fixtures, name), join(dir, name), { recursive: true });
  return join(dir, name);
}

const where = (f: Finding) => `${f.file.split(/[\\/]/).slice(-2).join("/")}:${f.range.start.line}:${f.range.start.column}`;
const find = (findings: readonly Finding[], rule: string) =>
  findings
    .filter((f) => f.ruleId === rule)
    .map(where)
    .sort();

/** Runs with PATH set to `dirs` only (plus node's own directory, for the stub's #!/usr/bin/env node). */
function withPath<T>(dirs: string[], run: () => T): T {
  const saved = process.env["PATH"];
  process.env["PATH"] = [...dirs, join(process.execPath, "..")].join(delimiter);
  try {
    return run();
  } finally {
    process.env["PATH"] = saved;
  }
}

test("a tree of .bicep modules: findings at the Bicep lines, through local modules two levels deep", () => {
  const dir = copy("modules");
  const log = join(dir, "..", "compiles.log");
  process.env["BICEP_STUB_LOG"] = log;
  const scanner = createScanner({ bicep: { path: stub } });
  const result = scanner.scanFile(join(dir, "main.bicep"));
  delete process.env["BICEP_STUB_LOG"];
  assert.is(result.error, undefined);
  // disableLocalAuth: disableLocalAuth in modules/comms.bicep, its value passed by main.bicep
  const iam = result.findings.find((f) => f.ruleId === "ACS-IAM-001")!;
  assert.is(where(iam), "modules/comms.bicep:11:5");
  assert.ok(iam.exact);
  assert.equal(
    iam.related?.map((r) => `${r.file.split(/[\\/]/).pop()}:${r.range.start.line}:${r.range.start.column}`),
    ["main.bicep:19:5"],
  );
  // the loop of nested children in email.bicep, and a parent: child in sender.bicep (a module of a module)
  assert.equal(find(result.findings, "ACS-DATA-003"), [
    "modules/email.bicep:16:7",
    "modules/email.bicep:16:7",
    "modules/sender.bicep:14:5",
    "modules/sender.bicep:14:5",
  ]);
  // an absent property points at the declaration
  assert.equal(find(result.findings, "ACS-IAM-002"), ["modules/comms.bicep:6:1"]);
  for (const f of result.findings) {
    const line = readFileSync(f.file, "utf8").split("\n")[f.range.start.line - 1]!;
    assert.ok(/^\s*(resource |[\w']+:)/.test(line), `${where(f)} is a declaration or a property: ${line}`);
  }
  // compiled once, with the documented command line
  assert.equal(
    readFileSync(log, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l)),
    [["build", join(dir, "main.bicep"), "--stdout", "--no-restore"]],
  );
});

test("languageVersion 2.0: symbolic names, nested children of an existing parent, parent:, conditions", () => {
  const scanner = createScanner({ bicep: { path: stub } });
  const result = scanner.scanFile(join(fixtures, "symbolic", "main.bicep"), { parameterFiles: [] });
  assert.is(result.error, undefined);
  assert.equal(find(result.findings, "ACS-IAM-001"), [], "the default (true) passes");
  assert.equal(find(result.findings, "ACS-DATA-003"), ["symbolic/main.bicep:45:7", "symbolic/main.bicep:57:5", "symbolic/main.bicep:68:5"]);
  assert.equal(find(result.findings, "ACS-IAM-002"), []);
  assert.equal(find(result.findings, "ACS-LOG-001"), ["symbolic/main.bicep:23:1"]);
});

test(".bicepparam: its values drive the scan, and a finding they cause points at them", () => {
  const scanner = createScanner({ bicep: { path: stub } });
  for (const file of ["main.bicepparam", "main.bicep"]) {
    const result = scanner.scanFile(join(fixtures, "symbolic", file));
    assert.is(result.error, undefined);
    const iam = result.findings.find((f) => f.ruleId === "ACS-IAM-001")!;
    assert.is(where(iam), "symbolic/main.bicep:32:5", file);
    assert.equal(
      iam.related?.map((r) => `${r.file.split(/[\\/]/).pop()}:${r.range.start.line}:${r.range.start.column}`),
      ["main.bicepparam:3:26"],
    );
    assert.equal(
      iam.parameterSets?.map((p) => p.split(/[\\/]/).pop()),
      ["main.bicepparam"],
    );
  }
});

test("registry modules point at the module statement, with the argument that set the value", () => {
  const result = createScanner({ bicep: { path: stub } }).scanFile(join(fixtures, "registry", "main.bicep"));
  const iam = result.findings.find((f) => f.ruleId === "ACS-IAM-001")!;
  assert.is(where(iam), "registry/main.bicep:3:1");
  assert.not.ok(iam.exact);
  assert.equal(
    iam.related?.map((r) => r.range.start.line),
    [8],
  );
});

test("a JSON parameter file pairs with main.bicep by name (main.parameters.json) and is named as the value's origin", () => {
  const dir = copy("symbolic");
  rmSync(join(dir, "main.bicepparam"));
  writeFileSync(
    join(dir, "main.parameters.json"),
    JSON.stringify(
      {
        $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
        contentVersion: "1.0.0.0",
        parameters: { disableLocalAuth: { value: false } },
      },
      null,
      2,
    ),
  );
  const result = createScanner({ bicep: { path: stub } }).scanFile(join(dir, "main.bicep"));
  const iam = result.findings.find((f) => f.ruleId === "ACS-IAM-001")!;
  assert.is(where(iam), "symbolic/main.bicep:32:5");
  assert.equal(
    iam.related?.map((r) => `${r.file.split(/[\\/]/).pop()}:${r.range.start.line}`),
    ["main.parameters.json:6"],
  );
  const report = createScanner({ bicep: { path: stub } }).scanPaths([join(fixtures, "symbolic")]);
  assert.equal(
    report.files.map((r) => `${r.kind} ${r.file.split(/[\\/]/).pop()}`),
    ["template main.bicep", "parameters main.bicepparam.json", "template shared.bicep"],
    "the .bicepparam and the compiled JSON are not scanned on their own",
  );
});

test("suppressions in Bicep comments: applied with justification, expired, invalid and unused ones reported", () => {
  const scanner = createScanner({ bicep: { path: stub }, now: new Date("2026-06-01") });
  const result = scanner.scanFile(join(fixtures, "symbolic", "main.bicep"), { parameterFiles: [] });
  const tracking = result.findings.filter((f) => f.ruleId === "ACS-DATA-003");
  assert.equal(
    tracking.map((f) => f.suppression?.justification ?? null),
    ["marketing measures opens on this domain only", null, null],
  );
  const kinds = result.notices.map((n) => `${n.kind}: ${n.message}`);
  assert.ok(
    kinds.some((k) => k.startsWith("suppression-expired") && k.includes("2020-01-31")),
    kinds.join("\n"),
  );
  assert.ok(
    kinds.some((k) => k.startsWith("suppression-invalid") && k.includes("main.bicep:67") && k.includes("no justification")),
    kinds.join("\n"),
  );
  assert.ok(
    kinds.some((k) => k.startsWith("suppression-unused") && k.includes("main.bicep:72") && k.includes("ACS-NET-002")),
    kinds.join("\n"),
  );
});

test("a Bicep disable-next-line naming no rule says so, with the id it likely means, as metadata suppressions do", () => {
  const dir = copy("symbolic");
  const main = join(dir, "main.bicep");
  writeFileSync(main, readFileSync(main, "utf8").replace("disable-next-line ACS-NET-002:", "disable-next-line ACS-NET-02:"));
  appendFileSync(main, "// acs-baseline-disable-next-line ACS-NOPE-*: no such rules\n");
  const result = createScanner({ bicep: { path: stub } }).scanFile(main, { parameterFiles: [] });
  const about = (rule: string) => result.notices.filter((n) => n.message.includes(`suppression of ${rule} `)).map((n) => `${n.kind}: ${n.message}`);
  assert.equal(about("ACS-NET-02"), [
    `suppression-invalid: ${main}:72: the suppression of ACS-NET-02 names no rule of acs-baseline (did you mean ACS-NET-002?), so it suppresses nothing`,
  ]);
  assert.equal(about("ACS-NOPE-*"), [
    `suppression-invalid: ${main}:${readFileSync(main, "utf8").split("\n").length - 1}: the suppression of ACS-NOPE-* names no rule of acs-baseline, so it suppresses nothing`,
  ]);
});

test("compiled JSON beside its .bicep is reported at the Bicep lines, once per template in a tree", () => {
  const scanner = createScanner({ bicep: { path: join(fixtures, "missing-compiler") } });
  const json = scanner.scanFile(join(fixtures, "modules", "main.json"));
  assert.is(json.error, undefined);
  assert.equal(find(json.findings, "ACS-IAM-001"), ["modules/comms.bicep:11:5"]);
  const keep = createScanner({ bicep: { compiledJson: "json" } }).scanFile(join(fixtures, "modules", "main.json"));
  assert.equal(
    find(keep.findings, "ACS-IAM-001").map((w) => w.replace(/:\d+:\d+$/, "")),
    ["modules/main.json"],
  );
  // the same fingerprints whichever of the two is scanned
  const compiled = createScanner({ bicep: { path: stub } }).scanFile(join(fixtures, "modules", "main.bicep"));
  assert.equal(compiled.findings.map((f) => f.fingerprint).sort(), json.findings.map((f) => f.fingerprint).sort());
  // a tree with both: each template once
  const report = createScanner({ bicep: { path: stub } }).scanPaths([join(fixtures, "modules")]);
  assert.equal(
    report.files.map((r) => r.file.split(/[\\/]/).slice(-2).join("/")),
    ["modules/main.bicep", "modules/comms.bicep", "modules/email.bicep", "modules/sender.bicep"],
  );
  const iam = report.findings.filter((f) => f.ruleId === "ACS-IAM-001" && f.status === "fail");
  assert.is(iam.length, 1);
});

test("no compiler: a per-file error saying how to get one; the committed compiled JSON is used when there is one", () => {
  const dir = copy("modules");
  const result = withPath([dir], () => createScanner().scanPaths([join(dir, "modules", "comms.bicep"), join(dir, "main.bicep")]));
  const [comms, main] = result.files;
  rmSync(join(dir, "modules", "comms.json"));
  const noJson = withPath([dir], () => createScanner().scanFile(join(dir, "modules", "comms.bicep")));
  assert.match(noJson.error!.message, /no Bicep compiler found: install the Bicep CLI .* or name it with --bicep <path>/);
  assert.is(comms!.error, undefined);
  assert.ok(comms!.notices.some((n) => /no Bicep compiler found, so the committed comms\.json/.test(n.message)));
  assert.is(main!.error, undefined);
});

test("compile errors list the Bicep diagnostics; an unrestored registry module says to run bicep restore", () => {
  const scanner = createScanner({ bicep: { path: stub } });
  const broken = scanner.scanFile(join(fixtures, "errors", "broken.bicep"));
  assert.is(broken.kind, "error");
  assert.match(broken.error!.message, /Bicep compilation failed with 1 error: .*broken\.bicep:3:12 BCP018: Expected the ":" character at this location\./);
  assert.not.match(broken.error!.message, /Warning|BCP081/);
  assert.equal([broken.error!.line, broken.error!.column], [3, 12]);
  const registry = scanner.scanFile(join(fixtures, "errors", "registry.bicep"));
  assert.match(registry.error!.message, /run 'bicep restore .*registry\.bicep' first/);
  assert.match(
    registry.error!.message,
    /BCP190: The artifact with reference "br:mcr\.microsoft\.com\/bicep\/avm\/res\/communication\/communication-service:0\.4\.2" has not been restored\./,
  );
});

test("compile time: 120 s unless configured; a compile within the time is accepted, one past it refused", () => {
  // A compile cannot be made to take exactly 120 s in a test: the default is asserted as the time
  // the runner is given, and the runner is shown to accept a 1 s compile within a configured time
  // and to refuse it past one.
  assert.is(new BicepSupport().compileTimeoutMs, 120_000);
  assert.is(new BicepSupport({ timeoutMs: 500 }).compileTimeoutMs, 500);
  const dir = tempDir("acs-bicep-slow-");
  const slow = join(dir, "bicep");
  writeFileSync(slow, `#!/bin/sh\nsleep 1\nexec ${JSON.stringify(stub)} "$@"\n`);
  chmodSync(slow, 0o755);
  const compile = (timeoutMs: number) => createScanner({ bicep: { path: slow, timeoutMs } }).scanFile(join(fixtures, "modules", "modules", "comms.bicep"));
  assert.is(compile(60_000).error, undefined);
  assert.match(compile(500).error!.message, /the Bicep compiler did not finish within 0\.5 s/);
});

test("compile errors: the first 10 diagnostics are quoted, the rest counted", () => {
  const dir = tempDir("acs-bicep-errors-");
  const failing = (n: number) => {
    const cli = join(dir, `bicep-${n}`);
    writeFileSync(cli, `#!/bin/sh\nfor i in $(seq 1 ${n}); do echo "$2(1,$i) : Error BCP018: error $i" >&2; done\nexit 1\n`);
    chmodSync(cli, 0o755);
    return createScanner({ bicep: { path: cli } }).scanFile(join(fixtures, "modules", "modules", "comms.bicep")).error!.message;
  };
  const at = failing(10);
  assert.match(at, /failed with 10 errors: .*BCP018: error 10$/);
  const past = failing(11);
  assert.match(past, /failed with 11 errors: .*BCP018: error 10; and 1 more$/);
  assert.not.match(past, "error 11");
});

test("configuration: bicep.timeoutSeconds from 1 to 3600", () => {
  const dir = tempDir("acs-bicep-timeout-");
  const load = (seconds: number) => {
    writeFileSync(join(dir, "c.yaml"), `bicep:\n  timeoutSeconds: ${seconds}\n`);
    return loadConfig(join(dir, "c.yaml"), new Map()).options.bicep?.timeoutMs;
  };
  assert.is(load(1), 1000);
  assert.is(load(3600), 3_600_000);
  assert.throws(() => load(0), /timeoutSeconds/);
  assert.throws(() => load(3601), /timeoutSeconds/);
});

test("the compiler's output is accepted at 16 MiB and refused one byte past it", () => {
  const dir = tempDir("acs-bicep-big-");
  const json = '{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","contentVersion":"1.0.0.0","resources":[]}';
  const run = (bytes: number) => {
    const big = join(dir, `bicep-${bytes}`);
    writeFileSync(big, `#!/bin/sh\nprintf '%s' '${json}'\nhead -c ${bytes - json.length} /dev/zero | tr '\\0' ' '\n`);
    chmodSync(big, 0o755);
    return createScanner({ bicep: { path: big } }).scanFile(join(fixtures, "modules", "modules", "comms.bicep"));
  };
  const at = run(16 * 1024 * 1024);
  assert.is(at.error, undefined);
  assert.match(run(16 * 1024 * 1024 + 1).error!.message, /the Bicep compiler printed more than 16 MiB/);
});

test("the compiler's diagnostics are accepted at 1 MiB and refused one byte past it", () => {
  const dir = tempDir("acs-bicep-noisy-");
  const run = (bytes: number) => {
    const noisy = join(dir, `bicep-${bytes}`);
    writeFileSync(noisy, `#!/bin/sh\nhead -c ${bytes} /dev/zero | tr '\\0' 'w' >&2\nexec ${JSON.stringify(stub)} "$@"\n`);
    chmodSync(noisy, 0o755);
    return createScanner({ bicep: { path: noisy } }).scanFile(join(fixtures, "modules", "modules", "comms.bicep"));
  };
  assert.is(run(1024 * 1024).error, undefined);
  assert.match(run(1024 * 1024 + 1).error!.message, /the Bicep compiler printed more than 1 MiB of diagnostics/);
});

test("library: a compile function hands over JSON and unsaved source text", () => {
  const file = join(fixtures, "modules", "modules", "comms.bicep");
  const edited = "// one more line at the top\n" + readFileSync(file, "utf8");
  const requests: string[] = [];
  const scanner = createScanner({
    bicep: {
      compile: ({ file: f, command }) => {
        requests.push(`${command} ${f}`);
        return { json: readFileSync(f.replace(/\.bicep$/, ".json"), "utf8"), sources: { [f]: edited } };
      },
    },
  });
  const result = scanner.scanContent(file, edited, { parameters: { name: "acs", disableLocalAuth: false } });
  assert.equal(requests, [`build ${file}`]);
  assert.equal(find(result.findings, "ACS-IAM-001"), ["modules/comms.bicep:12:5"], "the edited text's line");
});

test("source this parser cannot follow: findings at the top of the file with a notice, never at JSON lines", () => {
  const file = join(fixtures, "modules", "modules", "comms.bicep");
  const odd = readFileSync(file, "utf8") + "\nvar x = " + "'".repeat(3) + "never closed\n";
  const scanner = createScanner({
    bicep: { compile: ({ file: f }) => ({ json: readFileSync(f.replace(/\.bicep$/, ".json"), "utf8"), sources: { [f]: odd } }) },
  });
  const result = scanner.scanContent(file, odd, { parameters: { name: "acs", disableLocalAuth: false } });
  assert.ok(result.findings.length > 0);
  for (const f of result.findings) assert.is(`${f.range.start.line}:${f.range.start.column}`, "1:1");
  assert.ok(
    result.notices.some((n) => /cannot be followed here \(unterminated multi-line string\)/.test(n.message)),
    result.notices.map((n) => n.message).join("\n"),
  );
});

test("fingerprints stay when unrelated lines move", () => {
  const dir = copy("modules");
  const scan = () => createScanner({ bicep: { path: stub } }).scanFile(join(dir, "main.bicep")).findings;
  const before = scan();
  appendFileSync(join(dir, "modules", "comms.bicep"), "\n");
  writeFileSync(join(dir, "modules", "comms.bicep"), "// moved down\n\n" + readFileSync(join(dir, "modules", "comms.bicep"), "utf8"));
  const after = scan();
  assert.equal(after.map((f) => f.fingerprint).sort(), before.map((f) => f.fingerprint).sort());
  assert.is(find(after, "ACS-IAM-001")[0], "modules/comms.bicep:13:5");
});

test("CLI: --bicep, bicep on PATH, exit codes, and SARIF with Bicep locations that passes the GitHub rules", async () => {
  const dir = copy("modules");
  const r = await cliIn(dir, "", "scan", ".", "--bicep", stub, "--no-config", "--format", "sarif");
  assert.is(r.code, 1, r.stderr);
  const sarif = JSON.parse(r.stdout);
  const uris = new Set(
    sarif.runs[0].results.map(
      (x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => x.locations[0]!.physicalLocation.artifactLocation.uri,
    ),
  );
  assert.equal([...uris].sort(), ["modules/comms.bicep", "modules/email.bicep", "modules/sender.bicep"]);
  const related = sarif.runs[0].results.find((x: { ruleId: string; relatedLocations?: unknown[] }) => x.ruleId === "ACS-IAM-001" && x.relatedLocations);
  assert.is(related.relatedLocations[0].physicalLocation.artifactLocation.uri, "main.bicep");
  const out = tempDir("acs-bicep-sarif-");
  writeFileSync(join(out, "scan.sarif"), r.stdout);
  const multitool = createRequire(import.meta.url)("@microsoft/sarif-multitool") as string;
  execFileSync(multitool, ["validate", "--rule-kind", "Sarif;Gh", "--output", join(out, "validation.sarif"), join(out, "scan.sarif")], { stdio: "pipe" });
  const errors = JSON.parse(readFileSync(join(out, "validation.sarif"), "utf8")).runs[0].results.filter(
    (x: { level?: string }) => (x.level ?? "warning") === "error",
  );
  assert.equal(errors, []);
  const onPath = await withPath([join(fixtures, "bin")], () => cliIn(dir, "", "scan", "main.bicep", "--no-config"));
  assert.is(onPath.code, 1);
  assert.match(onPath.stdout, "modules/comms.bicep:11:5  high     fail     ACS-IAM-001");
  assert.match(onPath.stdout, "← module comms input disableLocalAuth = false  main.bicep:19:5", "where the value comes from, one line per step");
  const broken = await cliIn(fixtures, "", "scan", "errors/broken.bicep", "modules/modules/comms.bicep", "--bicep", stub, "--no-config");
  assert.is(broken.code, 2);
  assert.match(broken.stdout, "errors/broken.bicep:3:12: Bicep compilation failed");
  assert.match(broken.stdout, "ACS-IAM-002", "the other file is still scanned");
});

test("configuration: bicep.path relative to the configuration file", async () => {
  const dir = copy("modules");
  writeFileSync(join(dir, ".acs-baseline.yaml"), `bicep:\n  path: ${stub}\n  timeoutSeconds: 60\n`);
  const r = await cliIn(dir, "", "scan", "modules/comms.bicep");
  assert.is(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, "modules/comms.bicep:6:1");
  writeFileSync(join(dir, ".acs-baseline.yaml"), "bicep:\n  compiler: bicep\n");
  const bad = await cliIn(dir, "", "scan", "modules/comms.bicep");
  assert.is(bad.code, 2);
  assert.match(bad.stderr, "bicep.compiler: is not a known setting");
});

test("a .bicepparam that is not a regular file is an error of that file, read without blocking", () => {
  const dir = copy("symbolic");
  rmSync(join(dir, "main.bicepparam"));
  execFileSync("mkfifo", [join(dir, "main.bicepparam")]);
  const result = createScanner({ bicep: { path: stub } }).scanFile(join(dir, "main.bicep"), { parameterFiles: [join(dir, "main.bicepparam")] });
  assert.match(result.error?.message ?? "", /FIFO, not a regular file/);
});

test("a FIFO among the .bicepparam files beside a template is never waited on when pairing", () => {
  const dir = copy("symbolic");
  execFileSync("mkfifo", [join(dir, "other.bicepparam")]);
  const result = createScanner({ bicep: { path: stub } }).scanFile(join(dir, "main.bicep"));
  assert.is(result.error, undefined);
  assert.equal(
    result.findings.find((f) => f.ruleId === "ACS-IAM-001")?.parameterSets?.map((p) => p.split(/[\\/]/).pop()),
    ["main.bicepparam"],
  );
});

test.run();
