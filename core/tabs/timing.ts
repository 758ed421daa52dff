/**
 * Timing tab, from subscription history: how long accounts take to buy a second product (the Kaplan–Meier
 * summary and curve), which product follows which (the purchase-order matrix), and whether cross-sold products
 * stick as well as first products (GRR and logo retention at 12 months). Stacked top to bottom, each block titled.
 */
import { valueError } from "../errors";
import { readHistory } from "../history/read";
import { productRetention, productRetentionGrid, sequence, sequenceGrid, timeToSecond, timeToSecondGrid } from "../history/timing";
import { isoFromDay } from "../values";
import { optionsFor, type TabInputs } from "./inputs";
import { COLORS, SpecBuilder, a1Range, type SheetSpec, type SpecCell } from "./spec";
import { timingCharts } from "./tab-charts";

const FN = "Timing";

export function buildTiming(inputs: TabInputs): SheetSpec {
  if (!inputs.subscriptions) throw valueError(FN, "needs the subscription history (Account, Product, ARR or MRR, Start Date, End Date)");
  const h = readHistory(FN, inputs.subscriptions, optionsFor(inputs, "subscriptions"));
  const b = new SpecBuilder("Timing");
  let row = 0;
  const section = (title: string, note: string, cells: SpecCell[][], format: (top: number, rows: number, cols: number) => void): void => {
    b.block(row, 0, [[title], [note]]);
    b.format({ range: a1Range(row, 0, 1, 1), bold: true, fontColor: COLORS.title, fontSize: 13 });
    b.format({ range: a1Range(row + 1, 0, 1, 1), italic: true, fontColor: COLORS.muted });
    const top = row + 2;
    const cols = cells.reduce((w, r) => Math.max(w, r.length), 0);
    b.block(top, 0, cells);
    b.format({ range: a1Range(top, 0, 1, cols), bold: true, fill: COLORS.header, fontColor: COLORS.headerText, wrap: true });
    format(top, cells.length, cols);
    row = top + cells.length + 2;
  };

  const groups = timeToSecond(h, inputs.asOf, { kind: "all" });
  const ttsGrid = groups.length > 0 ? (timeToSecondGrid(groups) as SpecCell[][]) : [["No account had a paid subscription on or before the as-of date."]];
  // the function's grid is the summary, a blank row, then the curve: the summary leads the tab, the long curve ends it
  const blank = ttsGrid.findIndex((r) => r.every((v) => v === "" || v === null || v === undefined));
  const summary = blank > 0 ? ttsGrid.slice(0, blank) : ttsGrid;
  const curve = blank > 0 ? ttsGrid.slice(blank + 1) : [];
  section(
    "Time to second product",
    `Kaplan–Meier estimate from each account's first product to its second, as of ${isoFromDay(inputs.asOf)}; accounts without one are counted until churn or the as-of date. The curve is at the bottom of the tab.`,
    summary,
    (top, rows) => {
      if (rows > 1) b.format({ range: a1Range(top + 1, 9, rows - 1, 3), numberFormat: "0%" });
    },
  );
  const seq = sequence(h, null, false);
  section(
    "Which product follows which",
    "Of accounts whose earlier product is the row, the share that later bought the column product (products started the same day are not a sequence).",
    sequenceGrid(seq, "share") as SpecCell[][],
    (top, rows, cols) => {
      if (rows > 1 && cols > 1) {
        b.format({ range: a1Range(top + 1, 1, rows - 1, cols - 1), numberFormat: "0%", horizontalAlignment: "Center" });
        b.conditionalFormats.push({ type: "colorScale", range: a1Range(top + 1, 1, rows - 1, cols - 1), min: COLORS.white, mid: COLORS.mid, max: COLORS.high });
      }
    },
  );
  const pr = productRetention(h, inputs.asOf, 12);
  section(
    "Do cross-sold products stick?",
    "Per product, GRR and logo retention 12 months after it started: as an account's first product versus cross-sold later.",
    productRetentionGrid(pr) as SpecCell[][],
    (top, rows) => {
      if (rows > 1) b.format({ range: a1Range(top + 1, 2, rows - 1, 2), numberFormat: "0%" }).format({ range: a1Range(top + 1, 5, rows - 1, 2), numberFormat: "0%" });
    },
  );
  // on paper the summaries; the curve's hundreds of rows stay on screen (and in its chart)
  b.print = { area: a1Range(0, 0, row - 2, 12) };
  if (curve.length > 0) {
    section(
      "Time to second product: the curve",
      "Days since the first product; share bought = 1 − survival, with its 95% band (Greenwood, log-log).",
      curve,
      (top, rows) => {
        if (rows > 1) b.format({ range: a1Range(top + 1, 5, rows - 1, 4), numberFormat: "0.0%" });
      },
    );
  }
  timingCharts(b);
  if (h.notes.length > 0) b.notes.push({ cell: "A1", text: `Subscription rows left out: ${h.notes.join("; ")}.` });
  return b.finish();
}
