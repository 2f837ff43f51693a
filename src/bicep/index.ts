export { BicepSupport, type PreparedBicep } from "./support.js";
export { BICEP_FILE, BICEPPARAM_FILE, pairedBicepParamFiles, scanOncePerTemplate } from "./pairing.js";
export type { BicepMapper } from "./mapper.js";
export type { RelatedPlace } from "./source-map.js";
export type { BicepCompile, BicepCompileResult, BicepOptions } from "../config/bicep-options.js";
