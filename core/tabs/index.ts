/** The tabs: the registry (kinds.ts), the builders by kind (builders.ts) and buildTab, which every host calls. */
import { checkTabExtent } from "../budgets";
import { guard } from "../errors";
import { BUILDERS } from "./builders";
import type { TabInputs } from "./inputs";
import { tabDef, type TabKind } from "./kinds";
import type { SheetSpec } from "./spec";
import { isoFromDay } from "../values";

export * from "./spec";
export * from "./inputs";
export * from "./kinds";
export * from "./print";
export { buildAdjacency } from "./adjacency";
export { buildRetention } from "./retention";
export { buildScenario } from "./scenario";
export { buildScorecard, opportunityText, topOpportunities, type Opportunity } from "./scorecard";
export { buildWhitespace } from "./whitespace";

/** Builds one tab, within its destination's size; any failure is an XsellError naming the tab and the cause. */
export function buildTab(kind: TabKind, inputs: TabInputs): SheetSpec {
  const spec = guard(tabDef(kind).title, () => {
    const built = BUILDERS[kind](inputs);
    checkTabExtent(built.name, built.blocks, built.rows, inputs.destination);
    return built;
  });
  return withAsOf(spec, inputs.asOf);
}

/** The printed page header names the date the tab is as of. */
function withAsOf(spec: SheetSpec, asOf: number): SheetSpec {
  return spec.print && Number.isFinite(asOf) ? { ...spec, print: { ...spec.print, asOf: isoFromDay(asOf) } } : spec;
}
