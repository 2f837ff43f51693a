import { createHash } from "node:crypto";
import { posix } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { fromBase64, sha1, sha256, toBase64, toHex, utf8Bytes, utf8Text, normalizePosix } from "../../src/portable/index.js";

// The pure implementations must give Node's bytes: fingerprints, ARM's guid() and report ids depend on them.

function randomBytes(seed: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed * 2654435761 + 1;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const LENGTHS = [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 70_000];

test("sha256 and sha1 agree with node:crypto at every padding boundary", () => {
  for (const [i, n] of LENGTHS.entries()) {
    const bytes = randomBytes(i, n);
    assert.is(toHex(sha256(bytes)), createHash("sha256").update(bytes).digest("hex"), `sha256 of ${n} bytes`);
    assert.is(toHex(sha1(bytes)), createHash("sha1").update(bytes).digest("hex"), `sha1 of ${n} bytes`);
  }
  const text = "ACS-IAM-001\u0000infra/main.json\u0000résource ☃ \u{1F600}";
  assert.is(toHex(sha256(text)), createHash("sha256").update(text, "utf8").digest("hex"));
});

test("base64 and UTF-8 agree with Buffer", () => {
  for (const [i, n] of LENGTHS.entries()) {
    const bytes = randomBytes(i + 100, n);
    const encoded = Buffer.from(bytes).toString("base64");
    assert.is(toBase64(bytes), encoded, `encode ${n} bytes`);
    assert.equal([...fromBase64(encoded)], [...bytes], `decode ${n} bytes`);
    assert.is(utf8Text(bytes), Buffer.from(bytes).toString("utf8"), `decode ${n} bytes as UTF-8`);
  }
  for (const s of ["", "YQ", "YWI", "Y", "YW Jj\nZA==", "\uFEFFa", "a\uD800b"]) {
    assert.equal([...fromBase64(s)], [...Buffer.from(s, "base64")], `decode ${JSON.stringify(s)}`);
    assert.equal([...utf8Bytes(s)], [...Buffer.from(s, "utf8")], `encode ${JSON.stringify(s)}`);
  }
  assert.is(utf8Text(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61])), Buffer.from([0xef, 0xbb, 0xbf, 0x61]).toString("utf8"), "a BOM stays");
});

test("normalizePosix is posix.normalize", () => {
  const cases = [
    "",
    ".",
    "./",
    "/",
    "//",
    "a",
    "a/",
    "a//b",
    "./a/./b/",
    "a/..",
    "a/../",
    "../a/..",
    "../../x",
    "/../a",
    "/a/b/../../..",
    "a/b/../../../c/",
    "x/./../y/.",
    "//a//b/",
  ];
  for (const p of cases) assert.is(normalizePosix(p), posix.normalize(p), JSON.stringify(p));
});

test("on Node, fingerprints hash with node:crypto and give the portable SHA-256's bytes", async () => {
  const { sha256OfText } = await import("../../src/portable/index.js");
  await import("../../src/node/index.js");
  const texts = ["", "ACS-IAM-001\u0000infra/main.json\u0000/subscriptions/x\u0000/properties/disableLocalAuth", "résource ☃ \u{1F600}".repeat(40)];
  for (const text of texts) {
    const native = sha256OfText(text);
    assert.ok(native instanceof Uint8Array);
    assert.is(toHex(native), toHex(sha256(text)), `sha256 of ${JSON.stringify(text.slice(0, 20))}`);
  }
});

test.run();
