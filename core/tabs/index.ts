/** Tab builders: host-neutral sheet specs for the Scorecard, Whitespace, Adjacency, Retention and Scenario tabs. */
import { guard } from "../errors";
import { buildAdjacency } from "./adjacency";
import type { TabInputs, TabKind } from "./inputs";
import { buildRetention } from "./retention";
import { buildScenario } from "./scenario";
import { buildScorecard } from "./scorecard";
import type { SheetSpec } from "./spec";
import { buildWhitespace } from "./whitespace";

export * from "./spec";
export * from "./inputs";
export { buildAdjacency, buildRetention, buildScenario, buildScorecard, buildWhitespace };
export { opportunityText, topOpportunities, type Opportunity } from "./scorecard";

const BUILDERS: Record<TabKind, (inputs: TabInputs) => SheetSpec> = {
  scorecard: buildScorecard,
  whitespace: buildWhitespace,
  adjacency: buildAdjacency,
  retention: buildRetention,
  scenario: buildScenario,
};

/** Builds one tab; any failure is an XsellError naming the tab and the cause. */
export function buildTab(kind: TabKind, inputs: TabInputs): SheetSpec {
  const name = kind[0].toUpperCase() + kind.slice(1);
  return guard(name, () => BUILDERS[kind](inputs));
}
