export { Scanner, scanRoots, type ScanInput } from "./scanner.js";
export { collectFiles, type CollectError } from "./collect.js";
