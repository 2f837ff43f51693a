export { locateFindings } from "./locate.js";
export { fingerprint } from "./fingerprint.js";
export { resourcePointer, resourceSubject } from "./locate.js";
export { placeTrace, propertyLabel, valueAtPath } from "./trace.js";
