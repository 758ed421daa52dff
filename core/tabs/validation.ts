/**
 * Validation tab: the evidence that the score and the recommendations work. Does the score rank the accounts that
 * expanded first (AUC, conversion by band, lift by decile), what points would the outcomes suggest beside the current
 * ones (checked on held-out accounts), and — given a subscription history — did last year's next-product picks
 * come true against popularity and random. Stacked top to bottom, each block titled.
 */
import { XsellError, valueError } from "../errors";
import { readHistory } from "../history/read";
import { resolveModel } from "../model";
import { backtest, backtestGrid } from "../proof/backtest";
import { fitGrid, fitModel } from "../proof/fit-model";
import { joinOutcomes, OUTCOME_NAMES } from "../proof/outcomes";
import { requireBothClasses, validationGrid } from "../proof/validate";
import type { Labeled } from "../proof/read";
import { scoreTable } from "../score";
import { isoFromDay } from "../values";
import { readPrices } from "../whitespace";
import { accountsOf, optionsFor, type TabInputs } from "./inputs";
import { CHART_HEIGHT, CHART_ROWS, CHART_WIDTH, usedColumns } from "./chart-area";
import { formatRuns, validationFormats } from "./validation-formats";
import { COLORS, SpecBuilder, a1, a1Range, columnLetter, type SheetSpec, type SpecCell } from "./spec";

const FN = "Validation";
/** The backtest looks back one year from the tab's as-of date and scores the year that followed. */
const BACKTEST_DAYS = 365;

/** Splits a function's grid at its blank rows: one block per table. */
function blocks(grid: SpecCell[][]): SpecCell[][][] {
  const out: SpecCell[][][] = [[]];
  for (const r of grid) {
    if (r.every((v) => v === "" || v === null)) out.push([]);
    else out[out.length - 1].push(r);
  }
  return out.filter((b) => b.length > 0);
}

export function buildValidation(inputs: TabInputs): SheetSpec {
  if (!inputs.accounts) throw valueError(FN, "needs the account table");
  const table = accountsOf(FN, inputs);
  const joined = joinOutcomes(FN, table, inputs.outcomes, optionsFor(inputs, "outcomes"));
  if (!joined) throw valueError(FN, `needs outcomes: a column such as ${OUTCOME_NAMES.slice(0, 3).map((n) => `"${n}"`).join(", ")} in the account table, or an outcomes table (Account, Expanded), e.g. xsell report --outcomes outcomes.csv`);
  const model = resolveModel(FN, inputs.model);
  const scored = scoreTable(table, model, inputs.asOf);
  const keep: number[] = [];
  let leftOut = 0;
  table.rows.forEach((_, i) => {
    if (Number.isNaN(scored.scores[i])) return;
    if (joined.outcome[i] === null) leftOut++;
    else keep.push(i);
  });
  const labeled: Labeled = {
    scores: Float64Array.from(keep, (i) => scored.scores[i]),
    positive: Uint8Array.from(keep, (i) => (joined.outcome[i] ? 1 : 0)),
    rows: Int32Array.from(keep),
    leftOut,
    total: keep.length + leftOut,
  };
  requireBothClasses(FN, labeled);

  const b = new SpecBuilder("Validation");
  let row = 0;
  const section = (title: string, note: string, cells: SpecCell[][]): number => {
    b.block(row, 0, [[title], [note]]);
    b.format({ range: a1Range(row, 0, 1, 1), bold: true, fontColor: COLORS.title, fontSize: 13 });
    b.format({ range: a1Range(row + 1, 0, 1, 1), italic: true, fontColor: COLORS.muted });
    const top = row + 2;
    const cols = cells.reduce((w, r) => Math.max(w, r.length), 0);
    const rect = cells.map((r) => [...r, ...Array.from({ length: cols - r.length }, () => "")]);
    b.block(top, 0, rect);
    b.format({ range: a1Range(top, 0, 1, cols), bold: true, fill: COLORS.header, fontColor: COLORS.headerText, wrap: true });
    for (const [r, n, c, numberFormat] of formatRuns(validationFormats(rect))) b.format({ range: a1Range(top + 1 + r, c, n, 1), numberFormat });
    row = top + rect.length + 2;
    return top;
  };

  const asOf = isoFromDay(inputs.asOf);
  const [summary, bands, deciles] = blocks(validationGrid(labeled, null) as SpecCell[][]);
  section(
    "Does the score predict expansion?",
    `Scores as of ${asOf} from the ${model.name} model against outcomes from ${joined.source}${joined.missing > 0 ? ` (${joined.missing} accounts without one left out)` : ""}. AUC 0.5 is chance, 1 a perfect ranking.`,
    summary,
  );
  const bandTop = section("Conversion by band", "Share of each band's accounts that expanded, with its 95% Wilson interval; lift against the overall rate.", bands);
  const decileTop = section("Lift by score decile", "Decile 1 holds the top tenth of scores; tied scores stay in one decile, so some may be empty.", deciles);

  let fitCells: SpecCell[][];
  try {
    fitCells = fitGrid(fitModel(FN, table, model, inputs.asOf, joined.outcome)) as SpecCell[][];
  } catch (e) {
    if (!(e instanceof XsellError)) throw e;
    fitCells = [["Suggested points"], [e.message.replace(/^Validation: /, "")]];
  }
  const fitTop = section(
    "Suggested points beside the current ones",
    "From a regularized logistic regression on 70% of the accounts; the other 30% judge it. Copy the first seven columns as a model table to score with them.",
    fitCells,
  );
  wrapHeldOutText(b, fitTop, fitCells);

  if (inputs.subscriptions) {
    const h = readHistory(FN, inputs.subscriptions, optionsFor(inputs, "subscriptions"));
    const from = inputs.asOf - BACKTEST_DAYS;
    let cells: SpecCell[][];
    try {
      const bt = backtest(FN, h, from, BACKTEST_DAYS, 1, (own) => (inputs.prices ? readPrices(FN, inputs.prices, own, optionsFor(inputs, "prices")) : null));
      cells = bt.accounts > 0 ? (backtestGrid(bt, isoFromDay(from)) as SpecCell[][]) : [["Backtest"], [`No account paid for a product on ${isoFromDay(from)} with a product left to recommend.`]];
    } catch (e) {
      if (!(e instanceof XsellError)) throw e;
      cells = [["Backtest"], [e.message.replace(/^Validation: /, "")]];
    }
    const method = cells.findIndex((r) => r[0] === "Method");
    section(
      "Do next-product picks come true?",
      `Ownership rewound to ${isoFromDay(from)}; each account's best next product then, against what it bought in the ${BACKTEST_DAYS} days after, beside popularity and random picks.`,
      blocks(cells.slice(0, method < 0 ? cells.length : method))[0],
    );
    const [products] = blocks(cells.slice(0, method < 0 ? cells.length : method)).slice(1);
    if (products) section("Next-product picks per product", method >= 0 ? String(cells[method][1]) : "", products);
  }
  // the charts sit right of the widest block (the suggested model), beside the tables they read
  const chartCol = columnLetter(usedColumns(b) + 1);
  const bandRows = bands.length - 2; // without the header and the All row
  b.chart({
    kind: "column",
    title: "Conversion by band",
    categories: a1Range(bandTop + 1, 0, bandRows, 1),
    series: [{ name: a1(bandTop, 3), values: a1Range(bandTop + 1, 3, bandRows, 1), color: COLORS.header }],
    valueFormat: "0%",
    valueAxisTitle: "Share that expanded",
    anchor: `${chartCol}1`,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  });
  b.chart({
    kind: "column",
    title: "Lift by score decile",
    categories: a1Range(decileTop + 1, 0, deciles.length - 1, 1),
    series: [{ name: a1(decileTop, 6), values: a1Range(decileTop + 1, 6, deciles.length - 1, 1), color: COLORS.high }],
    valueFormat: "0.0",
    valueAxisTitle: "Lift over the overall rate",
    categoryAxisTitle: "Score decile (1 = top)",
    anchor: `${chartCol}${1 + CHART_ROWS}`,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  });
  return b.finish();
}

/** Widest the held-out check's Value column gets: its sentences (the verdict, the method) wrap inside it. */
export const HELD_OUT_VALUE_WIDTH = 28;

/**
 * The held-out check's sentences (the verdict, the method) sit in its Value column, the table's last but two: left
 * unwrapped they run past the print area's right edge and are cut on paper. They wrap in a capped column instead.
 */
function wrapHeldOutText(b: SpecBuilder, top: number, cells: readonly SpecCell[][]): void {
  const col = cells[0].indexOf("Held-out check") + 1;
  if (col <= 0) return;
  let any = false;
  cells.forEach((r, i) => {
    if (i === 0 || typeof r[col] !== "string" || r[col] === "") return;
    b.format({ range: a1(top + i, col), wrap: true, verticalAlignment: "Top" });
    any = true;
  });
  if (any) b.widthRule = { ...b.widthRule, caps: [...(b.widthRule.caps ?? []), { col, max: HELD_OUT_VALUE_WIDTH }] };
}

/** The Validation tab's headline, read from its cells by label (as a summary line or a pane would show it). */
export interface ValidationHeadline {
  readonly auc: readonly [number, number, number];
  /** Hit rate@1 (or @k) of next product, popularity and random, when the tab has a backtest. */
  readonly hitRate?: { readonly label: string; readonly model: number; readonly popularity: number; readonly random: number };
}

export function validationHeadline(spec: SheetSpec): ValidationHeadline | null {
  const rows = spec.blocks.flatMap((b) => b.cells);
  const auc = rows.find((r) => r[0] === "AUC");
  if (!auc || typeof auc[1] !== "number") return null;
  const hit = rows.find((r) => typeof r[0] === "string" && r[0].startsWith("Hit rate@"));
  return {
    auc: [auc[1], auc[2] as number, auc[3] as number],
    ...(hit ? { hitRate: { label: String(hit[0]), model: hit[1] as number, popularity: hit[2] as number, random: hit[3] as number } } : {}),
  };
}
