export { locateFindings } from "./locate.js";
export { fingerprint } from "./fingerprint.js";
