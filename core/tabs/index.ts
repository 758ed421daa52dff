/** Tab builders: host-neutral sheet specs for the Scorecard, Whitespace, Adjacency, Retention and Scenario tabs. */
import { guard } from "../errors";
import { buildAdjacency } from "./adjacency";
import type { TabInputs } from "./inputs";
import { tabDef, type TabKind } from "./kinds";
import { buildRetention } from "./retention";
import { buildScenario } from "./scenario";
import { buildScorecard } from "./scorecard";
import type { SheetSpec } from "./spec";
import { buildTiming } from "./timing";
import { buildWhitespace } from "./whitespace";
import { isoFromDay } from "../values";

export * from "./spec";
export * from "./inputs";
export * from "./kinds";
export * from "./print";
export { buildAdjacency, buildRetention, buildScenario, buildScorecard, buildWhitespace };
export { opportunityText, topOpportunities, type Opportunity } from "./scorecard";

const BUILDERS: Record<TabKind, (inputs: TabInputs) => SheetSpec> = {
  scorecard: buildScorecard,
  whitespace: buildWhitespace,
  adjacency: buildAdjacency,
  retention: buildRetention,
  scenario: buildScenario,
  timing: buildTiming,
};

/** Builds one tab; any failure is an XsellError naming the tab and the cause. */
export function buildTab(kind: TabKind, inputs: TabInputs): SheetSpec {
  return withAsOf(guard(tabDef(kind).title, () => BUILDERS[kind](inputs)), inputs.asOf);
}

/** The printed page header names the date the tab is as of. */
function withAsOf(spec: SheetSpec, asOf: number): SheetSpec {
  return spec.print && Number.isFinite(asOf) ? { ...spec, print: { ...spec.print, asOf: isoFromDay(asOf) } } : spec;
}
