import catalogDocument from "../../generated/catalog.json" with { type: "json" };
import { parseCatalog, type RuleCatalog } from "../catalog/index.js";

/** The rule catalog built beside the compiled policy, bundled: a page fetches only the policy. */
export const catalog: RuleCatalog = parseCatalog(catalogDocument, "generated/catalog.json");
