import { createHash } from "node:crypto";
import { useNativeSha256 } from "../portable/index.js";

// Fingerprints hash every finding's identity; node:crypto gives the same bytes as the portable
// SHA-256 (test/portable) at a fraction of its CPU time.
useNativeSha256((text) => createHash("sha256").update(text, "utf8").digest());
