// On Node, identities are hashed with node:crypto (same bytes as the portable SHA-256).
import "./native-hash.js";
export {
  cannotRead,
  insideRoots,
  lexicallyInside,
  withinRoots,
  readRegularFile,
  readRegularFileAsync,
  readRegularFilePrefix,
  readRegularText,
  readRegularTextIfAny,
} from "./read-file.js";
export { fsFault } from "./fs-fault.js";
export { directoryIndex, type DirectoryIndexCache } from "./directory-index.js";
export { DEFAULT_CATALOG_URL, DEFAULT_POLICY_URL, loadCatalog, loadEngine, nodePolicyLoader } from "./policy-files.js";
export { nodeSchemaCompiler } from "./schema-compiler.js";
export { findConfig, loadConfig, CONFIG_NAMES, MAX_ALIAS_COUNT, MAX_CONFIG_BYTES, type LoadedConfig } from "./config-file.js";
export { readBaseline } from "./baseline-file.js";
export { displayPaths } from "./display-paths.js";
export { renderOnNode, type NodeRenderOptions } from "./render.js";
export { onPath, trustedPath } from "./program-path.js";
