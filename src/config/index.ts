export { resolveOptions, type ResolvedOptions, type ScanOptions, type UnknownHandling } from "./options.js";
