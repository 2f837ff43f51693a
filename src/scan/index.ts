export { Scanner } from "./scanner.js";
export { collectFiles, type CollectError } from "./collect.js";
