/** Retention tab: the XSELL_RETENTION summary and one row per account with its movement. */
import { valueError } from "../errors";
import { METRIC_FORMATS, retentionMetrics, retentionRows, retentionSummary } from "../retention";
import { COLORS, SpecBuilder, a1Range, type SheetSpec, type SpecCell } from "./spec";
import { optionsFor, type TabInputs } from "./inputs";

const FN = "Retention";

export function buildRetention(inputs: TabInputs): SheetSpec {
  if (!inputs.retention) throw valueError(FN, "needs the retention table (Account, Start ARR, End ARR)");
  const summary = retentionSummary(FN, inputs.retention, optionsFor(inputs, "retention"));
  const rows = retentionRows(summary) as SpecCell[][];
  const b = new SpecBuilder("Retention");
  b.block(0, 0, rows);
  b.format({ range: a1Range(0, 0, 1, 2), bold: true, fill: COLORS.header, fontColor: COLORS.headerText });
  // each metric's format comes with it from where it is computed (a label is never parsed for one)
  retentionMetrics(summary).forEach((m, k) => {
    const i = k + 1;
    b.format({ range: a1Range(i, 1, 1, 1), numberFormat: METRIC_FORMATS[m.kind] });
    if (m.key) b.format({ range: a1Range(i, 0, 1, 2), bold: true });
  });
  const col = 3;
  const accounts: SpecCell[][] = [["Account", "Start ARR", "End ARR", "Change", "Movement", ...(summary.byProduct ? ["Products at start"] : [])]];
  for (const a of summary.accounts) {
    accounts.push([a.name, a.start, a.end, a.end - a.start, a.movement, ...(summary.byProduct ? [a.productsAtStart] : [])]);
  }
  const width = accounts[0].length;
  const n = accounts.length - 1;
  b.block(0, col, accounts);
  b.format({ range: a1Range(0, col, 1, width), bold: true, fill: COLORS.header, fontColor: COLORS.headerText });
  if (n > 0) {
    b.format({ range: a1Range(1, col + 1, n, 3), numberFormat: "$#,##0" });
    b.conditionalFormats.push({ type: "textEquals", range: a1Range(1, col + 4, n, 1), text: "Churn", fill: "#FDE7E9", fontColor: "#A4262C" });
    b.conditionalFormats.push({ type: "textEquals", range: a1Range(1, col + 4, n, 1), text: "Expansion", fill: "#DFF6DD", fontColor: "#107C10" });
  }
  b.widths([62, 16, 3, 28, 13, 13, 12, 13, 10]);
  b.freeze = { rows: 1, cols: 0 };
  b.filter = a1Range(0, col, n + 1, width);
  b.notes.push({ cell: "A2", text: "Snapshot (cohort) method: the cohort is the accounts with ARR > 0 at the start; new accounts are outside it." });
  return b.finish();
}
