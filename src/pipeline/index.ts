export { Pipeline, type CompiledPolicy, type SourceMapping, type TemplateInput } from "./pipeline.js";
export { scan, scanSources, type Source } from "./scan.js";
export { errorResult, mergeRuns } from "./file-results.js";
export { templateObjectText } from "./template-object.js";
