export { Scanner, scanRoots, type ScanInput } from "./scanner.js";
export { collectFiles, type CollectError, type FileSelection } from "./collect.js";
