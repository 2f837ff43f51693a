export { Scanner, scanRoots, type ScanInput } from "./scanner.js";
export { collectFiles, fileSelector, type CollectError, type FileSelection } from "./collect.js";
export { affectedTemplates } from "./affected.js";
