/**
 * Retention tab: the XSELL_RETENTION summary; from a subscription history, the flows, the monthly bridge and the
 * revenue cohorts beside it; then one row per account with its movement.
 */
import { valueError, XsellError } from "../errors";
import { cohortRows, flowsMetrics, movementRows } from "../history/functions";
import { cohorts } from "../history/cohorts";
import { flowsRetention, flowsWindow, movements, periodStart, type Flows, type MovementRow, type Window } from "../history/movements";
import { readHistory, type History } from "../history/read";
import { METRIC_FORMATS, retentionMetrics, retentionRows, retentionSummary } from "../retention";
import { isoFromDay, type CellValue } from "../values";
import { COLORS, SpecBuilder, a1Range, type SheetSpec, type SpecCell } from "./spec";
import { optionsFor, retentionOf, type TabInputs } from "./inputs";
import { retentionCharts } from "./tab-charts";

const FN = "Retention";

export function buildRetention(inputs: TabInputs): SheetSpec {
  const pre = inputs.precomputed;
  if (!inputs.retention && !inputs.subscriptions && !pre?.retention) throw valueError(FN, "needs the retention table (Account, Start ARR, End ARR) or a subscription history");
  const read = inputs.subscriptions ? readHistory(FN, inputs.subscriptions, optionsFor(inputs, "subscriptions")) : null;
  const flowsWin = flowsWindow(FN, "month", null, null, inputs.asOf);
  // with only a history, the snapshot side is read from it: each account × product on the window's first and last day
  const summary = pre?.retention ?? retentionSummary(FN, retentionOf(inputs) ?? snapshotFromHistory(read!, flowsWin), inputs.retention ? optionsFor(inputs, "retention") : {});
  // the history's sections from the history itself, or from aggregates computed where it lives (no cohorts then)
  const history: HistoryAggregates | null = read ? historyAggregates(read, flowsWin) : pre?.history ? { ...pre.history, cohorts: null } : null;
  const snapshotFromIt = read ? !inputs.retention : Boolean(pre?.history?.snapshotFromIt);
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
  // the summary, then (from a history) the flows, bridge and cohorts below it sharing its label column (one
  // readable width on paper), and to the right the one-row-per-account list
  if (history) historySections(b, history, flowsWin, rows.length + 2, snapshotFromIt);
  const printed = extent(b.blocks);
  const col = Math.max(3, printed.cols + 1);
  const head: SpecCell[] = ["Account", "Start ARR", "End ARR", "Change", "Movement", ...(summary.byProduct ? ["Products at start"] : [])];
  const list = summary.accounts;
  // one row per account, made when written: a million accounts are not held twice
  const accountRow = (a: (typeof list)[number]): SpecCell[] => (summary.byProduct ? [a.name, a.start, a.end, a.end - a.start, a.movement, a.productsAtStart] : [a.name, a.start, a.end, a.end - a.start, a.movement]);
  const width = head.length;
  const n = list.length;
  b.rows(0, col, width, { length: n + 1, row: (i) => (i === 0 ? [...head] : accountRow(list[i - 1])) });
  b.format({ range: a1Range(0, col, 1, width), bold: true, fill: COLORS.header, fontColor: COLORS.headerText });
  if (n > 0) {
    b.format({ range: a1Range(1, col + 1, n, 3), numberFormat: "$#,##0" });
    b.conditionalFormats.push({ type: "textEquals", range: a1Range(1, col + 4, n, 1), text: "Churn", fill: "#FDE7E9", fontColor: "#A4262C" });
    b.conditionalFormats.push({ type: "textEquals", range: a1Range(1, col + 4, n, 1), text: "Expansion", fill: "#DFF6DD", fontColor: "#107C10" });
  }
  // labels wrap, in a column up to 44 wide; the rest from their content, and a narrow gap before the account list
  b.format({ range: a1Range(1, 0, rows.length - 1, 1), wrap: true });
  b.widthRule = { ...b.widthRule, caps: [{ col: 0, max: 44 }] };
  if (col === printed.cols + 1) b.widths([3], col - 1);
  // on paper: the summary and the history sections; the account list (hundreds of rows) stays on screen, to filter
  b.print = { area: a1Range(0, 0, printed.rows, printed.cols), orientation: history ? "landscape" : "portrait", repeatRows: 0 };
  // the flows table sits under the summary, in the same label column: the charts read it from its own rows down
  retentionCharts(b, history ? { col: 0, fromRow: rows.length + 2 } : null, history ? history.unit : "ARR");
  b.freeze = { rows: 1, cols: 0 };
  b.filter = a1Range(0, col, n + 1, width);
  b.notes.push({ cell: "A2", text: "Snapshot (cohort) method: the cohort is the accounts with ARR > 0 at the start; new accounts are outside it." });
  return b.finish();
}

/** Rows and columns the blocks so far reach (from A1). */
function extent(blocks: readonly { row: number; col: number; cells: SpecCell[][] }[]): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  for (const b of blocks) {
    rows = Math.max(rows, b.row + b.cells.length);
    cols = Math.max(cols, b.col + (b.cells[0]?.length ?? 0));
  }
  return { rows, cols };
}

/** Annual amounts: a monthly history (MRR) is × 12 where the snapshot side speaks of ARR. */
const annual = (h: History): number => (h.unit === "MRR" ? 12 : 1);

/** Account × product amounts on the window's first and last day, as the snapshot method's table. */
function snapshotFromHistory(h: History, w: Window): CellValue[][] {
  const startDay = periodStart(w.kind, w.first);
  const endDay = Math.min(periodStart(w.kind, w.last + 1), w.asOf);
  const P = h.products.length;
  const at = (day: number): Float64Array => {
    const out = new Float64Array(h.accounts.length * P);
    for (let i = 0; i < h.amount.length; i++) if (h.start[i] <= day && day < h.end[i]) out[h.account[i] * P + h.product[i]] += h.amount[i] * annual(h);
    return out;
  };
  const s = at(startDay);
  const e = at(endDay);
  const grid: CellValue[][] = [["Account", "Product", "Start ARR", "End ARR"]];
  for (let a = 0; a < h.accounts.length; a++) {
    for (let p = 0; p < P; p++) {
      const k = a * P + p;
      if (s[k] > 0 || e[k] > 0) grid.push([h.accounts[a], h.products[p], s[k], e[k]]);
    }
  }
  return grid;
}

/**
 * From a subscription history, beside the snapshot: NRR/GRR by flows over the trailing twelve months (ChartMogul's
 * method), the month-by-month movements bridge of that window, and the quarterly revenue cohort triangle.
 */
/** What the history sections show: flows (or why there are none), the bridge, and the cohort triangle when computed. */
interface HistoryAggregates {
  readonly unit: "ARR" | "MRR";
  readonly flows: Flows | string;
  readonly movements: readonly MovementRow[];
  readonly cohorts: CellValue[][] | null;
}

function historyAggregates(h: History, w: Window): HistoryAggregates {
  let flows: Flows | string;
  try {
    flows = flowsRetention("Retention", h, w);
  } catch (e) {
    if (!(e instanceof XsellError)) throw e;
    flows = e.message;
  }
  return { unit: h.unit, flows, movements: movements(h, w), cohorts: cohortRows(cohorts("Retention", h, "quarter", w.asOf), h.unit, "revenue") };
}

function historySections(b: SpecBuilder, h: HistoryAggregates, w: Window, firstRow: number, snapshotFromIt: boolean): void {
  const col = 0;
  let row = firstRow;
  const title = (text: string, note: string): void => {
    b.block(row, col, [[text], [note]]);
    b.format({ range: a1Range(row, col, 1, 1), bold: true, fontColor: COLORS.title, fontSize: 13 });
    b.format({ range: a1Range(row + 1, col, 1, 1), italic: true, fontColor: COLORS.muted });
    row += 2;
  };
  const header = (cols: number): void => {
    b.format({ range: a1Range(row, col, 1, cols), bold: true, fill: COLORS.header, fontColor: COLORS.headerText, wrap: true });
  };
  const money = "$#,##0";
  let note = `Flows: expansion, contraction and churn summed month by month over the window; new business and reactivation are excluded. The snapshot above compares each account's start and end only${snapshotFromIt ? " (here read from the same history on the window's first and last day, monthly amounts × 12)" : ""}.`;
  title(`Retention by flows, ${h.unit}`, note);
  const flows = typeof h.flows === "string" ? null : h.flows;
  if (typeof h.flows === "string") {
    b.block(row, col, [[h.flows]]);
    row += 2;
  }
  if (flows) {
    const metrics = flowsMetrics(flows, h.unit, "month");
    header(2);
    b.block(row, col, [["Measure", "Value"], ...metrics.map((m) => [m.label, m.value])]);
    b.format({ range: a1Range(row + 1, col, metrics.length, 1), wrap: true });
    metrics.forEach((m, k) => {
      b.format({ range: a1Range(row + 1 + k, col + 1, 1, 1), numberFormat: METRIC_FORMATS[m.kind] });
      if (m.key) b.format({ range: a1Range(row + 1 + k, col, 1, 2), bold: true });
    });
    row += metrics.length + 3;
  }
  note = `One row per month of the window: Opening + New + Reactivation + Expansion − Contraction − Churn = Closing (amounts in ${h.unit}).`;
  title("Movements by month", note);
  const bridge = movementRows(h.movements) as SpecCell[][];
  header(bridge[0].length);
  b.block(row, col, bridge);
  const n = bridge.length - 1;
  if (n > 0) {
    b.format({ range: a1Range(row + 1, col, n, 1), numberFormat: "yyyy-mm-dd" });
    b.format({ range: a1Range(row + 1, col + 1, n, 7), numberFormat: money });
    b.format({ range: a1Range(row + 1, col + 8, n, 5), numberFormat: "#,##0" });
  }
  row += bridge.length + 2;
  if (!h.cohorts) return;
  title("Revenue cohorts by quarter", `Rows: the quarter of an account's first paid day (quarters in which no account started paying are left out); columns: quarters since; cells: revenue then ÷ revenue at the start (net of expansion and returns). As of ${isoFromDay(w.asOf)}.`);
  // a cohort of no accounts (0 accounts, $0) has nothing to show: left out
  const all = h.cohorts as SpecCell[][];
  const tri = [all[0], ...all.slice(1).filter((r) => r[1] !== 0)];
  header(tri[0].length);
  b.block(row, col, tri);
  const m = tri.length - 1;
  const k = tri[0].length - 3;
  if (m > 0) {
    b.format({ range: a1Range(row + 1, col, m, 1), numberFormat: "yyyy-mm-dd" });
    b.format({ range: a1Range(row + 1, col + 2, m, 1), numberFormat: money });
    if (k > 0) {
      b.format({ range: a1Range(row + 1, col + 3, m, k), numberFormat: "0%" });
      // white to green: more revenue kept reads as better; red-to-green put 100% (all of it kept) in the low, red end
      // of a range that runs past 300%
      b.conditionalFormats.push({ type: "colorScale", range: a1Range(row + 1, col + 3, m, k), min: COLORS.white, max: COLORS.high });
    }
  }
}
