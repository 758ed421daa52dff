/**
 * One builder per tab of the registry (kinds.ts), by kind: the compiler refuses a registry entry without one.
 * Adding a tab is its entry in kinds.ts and its builder here; every host and the CLI follow from those two.
 */
import { buildAdjacency } from "./adjacency";
import type { TabInputs } from "./inputs";
import type { TabKind } from "./kinds";
import { buildRetention } from "./retention";
import { buildScenario } from "./scenario";
import { buildScorecard } from "./scorecard";
import type { SheetSpec } from "./spec";
import { buildTiming } from "./timing";
import { buildValidation } from "./validation";
import { buildWhitespace } from "./whitespace";

export const BUILDERS: { readonly [K in TabKind]: (inputs: TabInputs) => SheetSpec } = {
  scorecard: buildScorecard,
  whitespace: buildWhitespace,
  adjacency: buildAdjacency,
  retention: buildRetention,
  scenario: buildScenario,
  timing: buildTiming,
  validation: buildValidation,
};
