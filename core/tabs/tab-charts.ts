/**
 * Each tab's charts, bound to its own cells: builders call these last, and each finds the cells it charts by
 * their header or label. Helper cells (counts per band, the bridge's base and bars) are live formulas, so the
 * charts move when the tab's numbers do.
 */
import { BRIDGE_COLORS, CHART_HEIGHT, CHART_ROWS, CHART_WIDTH, bridgeTable, columnRanges, helperTable, usedColumns, valueBesideLabel, type BridgeStep } from "./chart-area";
import { COLORS, COMPACT_DOLLARS, a1, a1Range, columnLetter, parseA1, type SpecBuilder, type SpecCell } from "./spec";
import { BUDGETS } from "../limits";
import { formattedText, PADDING, textWidth } from "./widths";

const size = { width: CHART_WIDTH, height: CHART_HEIGHT };
/** Default-width columns (64 px) a chart takes, with a gap: where the next chart beside it starts. */
const SIDE_BY_SIDE_COLUMNS = Math.ceil(CHART_WIDTH / 64) + 1;
const abs = (range: string): string => range.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");

/** Scorecard: accounts per band and the score histogram, from COUNTIF(S) over the Score and Band columns. */
export function scorecardCharts(b: SpecBuilder): void {
  const score = columnRanges(b, "Score");
  const band = columnRanges(b, "Band");
  if (!score || !band) return;
  const col = usedColumns(b) + 1;
  const bands = ["High", "Qualified", "Nurture", "Low"];
  const t1 = helperTable(b, 0, col, "Accounts per band", [["Band", "Accounts"], ...bands.map((x): SpecCell[] => [x, { f: `=COUNTIF(${abs(band.data)},"${x}")` }])]);
  b.format({ range: a1Range(t1.firstRow, col + 1, bands.length, 1), numberFormat: "#,##0" });
  const bins: [number, number][] = Array.from({ length: 10 }, (_, i) => [i * 10, i === 9 ? 100 : i * 10 + 9]);
  const top2 = t1.firstRow + bands.length + 1;
  const s = abs(score.data);
  const t2 = helperTable(b, top2, col, "Score distribution", [
    ["Score", "Accounts"],
    ...bins.map(([lo, hi]): SpecCell[] => [`${lo}–${hi}`, { f: `=COUNTIFS(${s},">=${lo}",${s},"${hi === 100 ? "<=100" : `<${hi + 1}`}")` }]),
  ]);
  b.format({ range: a1Range(t2.firstRow, col + 1, bins.length, 1), numberFormat: "#,##0" });
  const chartCol = columnLetter(col + 3);
  b.chart({
    kind: "column",
    title: "Accounts per band",
    categories: a1Range(t1.firstRow, col, bands.length, 1),
    series: [{ name: a1(t1.headRow, col + 1), values: a1Range(t1.firstRow, col + 1, bands.length, 1), color: COLORS.header }],
    valueFormat: "#,##0",
    valueAxisTitle: "Accounts",
    // below the repeated header row and side by side: the Scorecard's rows wrap tall, so both print on one page
    anchor: `${chartCol}2`,
    ...size,
  });
  b.chart({
    kind: "column",
    title: "Score distribution",
    categories: a1Range(t2.firstRow, col, bins.length, 1),
    series: [{ name: a1(t2.headRow, col + 1), values: a1Range(t2.firstRow, col + 1, bins.length, 1), color: COLORS.header }],
    valueFormat: "#,##0",
    valueAxisTitle: "Accounts",
    categoryAxisTitle: "Expansion-readiness score",
    anchor: `${columnLetter(col + 3 + SIDE_BY_SIDE_COLUMNS)}2`,
    ...size,
  });
}

/** Products the whitespace bar chart shows at most: more bars cannot be read (its helper table lists every product). */
const CHARTED_PRODUCTS = 20;

/**
 * Whitespace: the per-product totals as bars, largest first (a helper table lists the products by their total at
 * build time, each a live reference to its cell of the Total row), and the top accounts by their total. A grid
 * of some 16,000 products leaves no columns beside it in a sheet: then there are no charts.
 */
export function whitespaceCharts(b: SpecBuilder, products: readonly string[], productTotals: ArrayLike<number>, accounts: number, priced: boolean): void {
  const P = products.length;
  const col = usedColumns(b) + 1;
  if (P < 1 || accounts < 1 || col + 3 >= BUDGETS.columns) return;
  const totalCol = P + 1;
  const totalRow = accounts + 1;
  const what = priced ? "expected ARR" : "expected products";
  const largestFirst = Array.from({ length: P }, (_, p) => p).sort((x, y) => productTotals[y] - productTotals[x] || x - y);
  const t = helperTable(b, 0, col, "Whitespace by product, largest first", [
    ["Product", "Total"],
    ...largestFirst.map((p): SpecCell[] => [products[p], { f: `=${a1(totalRow, p + 1)}` }]),
  ]);
  const totalFormat = priced ? "$#,##0" : "#,##0.0";
  b.format({ range: a1Range(t.firstRow, col + 1, P, 1), numberFormat: totalFormat });
  // sized by the largest total, known here (a reference has no width of its own to measure)
  const widest = Math.max(textWidth("Total", true), textWidth(formattedText(productTotals[largestFirst[0]], totalFormat), false));
  b.widths([widest + PADDING], col + 1);
  const charted = Math.min(P, CHARTED_PRODUCTS);
  const chartCol = columnLetter(col + 3);
  b.chart({
    kind: "bar",
    title: P > charted ? `Top ${charted} products by whitespace (${what})` : `Whitespace by product (${what})`,
    categories: a1Range(t.firstRow, col, charted, 1),
    series: [{ name: a1(t.headRow, col + 1), values: a1Range(t.firstRow, col + 1, charted, 1), color: COLORS.header }],
    valueFormat: priced ? COMPACT_DOLLARS : "0.0",
    anchor: `${chartCol}1`,
    ...size,
  });
  const top = Math.min(10, accounts);
  b.chart({
    kind: "bar",
    title: `Top ${top} accounts by whitespace (${what})`,
    categories: a1Range(1, 0, top, 1),
    series: [{ name: a1(0, totalCol), values: a1Range(1, totalCol, top, 1), color: COLORS.high }],
    valueFormat: priced ? COMPACT_DOLLARS : "0.0",
    anchor: `${chartCol}${1 + CHART_ROWS}`,
    ...size,
  });
}

export interface LiftPair {
  readonly from: string;
  readonly to: string;
  readonly lift: number;
  readonly low: number;
  readonly high: number;
}

export const LIFT_HEAD = ["Pair (owned → next)", "Lift", "95% low", "95% high", "Below", "Above"];
export const liftPairName = (p: LiftPair): string => `${p.from} → ${p.to}`;

/**
 * Adjacency: the top pairs by lift as bars, their 95% intervals as error bars (distances as live formulas); the
 * table, its note (one line a row) and the chart under them, in the table's columns so they print with it.
 */
export function adjacencyCharts(b: SpecBuilder, row: number, pairs: readonly LiftPair[], note: readonly string[]): void {
  if (pairs.length === 0) return;
  const { headRow, firstRow } = helperTable(b, row, 0, "Top pairs by lift", [
    LIFT_HEAD,
    ...pairs.map((p, i): SpecCell[] => {
      const r = row + 3 + i;
      return [liftPairName(p), p.lift, p.low, p.high, { f: `=B${r}-C${r}` }, { f: `=D${r}-B${r}` }];
    }),
  ]);
  const n = pairs.length;
  b.block(firstRow + n, 0, note.map((line) => [line]));
  b.format({ range: a1Range(firstRow + n, 0, note.length, 1), italic: true, fontColor: COLORS.muted });
  b.format({ range: a1Range(firstRow, 1, n, 5), numberFormat: "0.00" });
  b.chart({
    kind: "bar",
    title: "Top product pairs by lift, with 95% intervals",
    categories: a1Range(firstRow, 0, n, 1),
    series: [{ name: a1(headRow, 1), values: a1Range(firstRow, 1, n, 1), color: COLORS.header, errorBars: { plus: a1Range(firstRow, 5, n, 1), minus: a1Range(firstRow, 4, n, 1) } }],
    valueFormat: "0.0",
    valueAxisTitle: "Lift (1 = no better than chance)",
    anchor: a1(firstRow + n + note.length + 1, 0),
    ...size,
  });
}

/**
 * Retention: the ARR bridge (Opening → New, Cross-sell, Upsell, −Contraction, −Churn → Closing) from the snapshot
 * summary in columns A:B; with a history, its bridge by flows (New, Reactivation, Expansion) and NRR/GRR by month.
 */
export function retentionCharts(b: SpecBuilder, flowsAt: { col: number; fromRow: number } | null, unit: string): void {
  const col = usedColumns(b) + 1;
  // two charts a row: three stacked would take two printed pages
  const at = (i: number): string => `${columnLetter(col + 8 + (i % 2) * SIDE_BY_SIDE_COLUMNS)}${1 + Math.floor(i / 2) * CHART_ROWS}`;
  const v = (prefix: string, at = 0, fromRow = 0): string | null => valueBesideLabel(b, at, prefix, fromRow);
  const start = v("Starting ARR");
  const end = v("Ending ARR (total)");
  const newArr = v("New ARR");
  const cross = v("  of which cross-sell");
  const up = v("  of which upsell");
  const expansion = v("Expansion ARR");
  const contraction = v("Contraction ARR");
  const churn = v("Churned ARR");
  let row = 0;
  let chart = 0;
  if (start && end && newArr && expansion && contraction && churn) {
    const split = cross && up && typeof cellValue(b, cross) === "number";
    const steps: BridgeStep[] = [
      { label: "Opening ARR", amount: start, total: true },
      { label: "New", amount: newArr },
      ...(split ? [{ label: "Cross-sell", amount: cross! }, { label: "Upsell", amount: up! }] : [{ label: "Expansion", amount: expansion }]),
      { label: "Contraction", amount: `-${contraction}` },
      { label: "Churn", amount: `-${churn}` },
      { label: "Closing ARR", amount: end, total: true },
    ];
    const t = bridgeTable(b, row, col, "ARR bridge (snapshot)", steps, "$#,##0");
    b.chart({ kind: "waterfall", title: "ARR bridge: opening to closing", categories: t.categories, series: t.series, valueFormat: COMPACT_DOLLARS, anchor: at(chart++), ...size });
    row += t.rows + 1;
  }
  if (flowsAt === null) return;
  const f = (prefix: string): string | null => v(prefix, flowsAt.col, flowsAt.fromRow);
  const open = f(`Opening ${unit}`);
  const close = f(`Closing ${unit}`);
  const fNew = f(`New ${unit}`);
  const react = f(`Reactivation ${unit}`);
  const exp = f(`Expansion ${unit}`);
  const con = f(`Contraction ${unit}`);
  const ch = f(`Churned ${unit}`);
  if (open && close && fNew && react && exp && con && ch) {
    const steps: BridgeStep[] = [
      { label: `Opening ${unit}`, amount: open, total: true },
      { label: "New", amount: fNew },
      { label: "Reactivation", amount: react },
      { label: "Expansion", amount: exp },
      { label: "Contraction", amount: `-${con}` },
      { label: "Churn", amount: `-${ch}` },
      { label: `Closing ${unit}`, amount: close, total: true },
    ];
    const t = bridgeTable(b, row, col, `${unit} bridge by flows, trailing 12 months`, steps, "$#,##0");
    b.chart({ kind: "waterfall", title: `${unit} bridge by flows, trailing 12 months`, categories: t.categories, series: t.series, valueFormat: COMPACT_DOLLARS, anchor: at(chart++), ...size });
    row += t.rows + 1;
  }
  // NRR and GRR month by month, from the movements table: (opening + expansion − contraction − churn) ÷ opening
  const period = columnRanges(b, "Period");
  const cols = ["Opening", "Expansion", "Contraction", "Churn"].map((h) => columnRanges(b, h));
  if (!period || cols.some((c) => !c || c.row !== period.row)) return;
  const [o, e, c, k] = cols.map((x) => columnLetter(x!.col));
  const rows: SpecCell[][] = [["Month", "NRR", "GRR"]];
  for (let i = 0; i < period.rows; i++) {
    const r = period.row + i + 1;
    rows.push([{ f: `=${columnLetter(period.col)}${r}` }, { f: `=IF(${o}${r}=0,"",(${o}${r}+${e}${r}-${c}${r}-${k}${r})/${o}${r})` }, { f: `=IF(${o}${r}=0,"",(${o}${r}-${c}${r}-${k}${r})/${o}${r})` }]);
  }
  const t = helperTable(b, row, col, "Retention by month (flows)", rows);
  b.format({ range: a1Range(t.firstRow, col, period.rows, 1), numberFormat: "yyyy-mm" });
  b.format({ range: a1Range(t.firstRow, col + 1, period.rows, 2), numberFormat: "0.0%" });
  b.chart({
    kind: "line",
    title: "NRR and GRR by month (flows)",
    categories: a1Range(t.firstRow, col, period.rows, 1),
    categoryFormat: "yyyy-mm",
    series: [
      { name: a1(t.headRow, col + 1), values: a1Range(t.firstRow, col + 1, period.rows, 1), color: BRIDGE_COLORS.increase },
      { name: a1(t.headRow, col + 2), values: a1Range(t.firstRow, col + 2, period.rows, 1), color: COLORS.header },
    ],
    valueFormat: "0%",
    anchor: at(chart),
    ...size,
  });
}

/** Timing: the time-to-second-product curve (share bought by days since the first product) with its 95% band. */
export function timingCharts(b: SpecBuilder): void {
  const days = columnRanges(b, "Days");
  const share = columnRanges(b, "Share bought");
  const low = columnRanges(b, "Share 95% low");
  const high = columnRanges(b, "Share 95% high");
  if (!days || !share || !low || !high || share.row !== days.row) return;
  // the summary block also has a "Share 95% low" header: take the curve's, on the Days row
  const curveCol = (h: string): number => b.blocks.find((x) => x.row === days.row - 1)!.cells[0].indexOf(h);
  const n = days.rows;
  const at = (h: string, color: string) => ({ name: a1(days.row - 1, curveCol(h)), values: a1Range(days.row, curveCol(h), n, 1), color });
  b.chart({
    kind: "scatter",
    title: "Time to a second product",
    valueAxisTitle: "Share that bought a second product",
    categories: days.data,
    categoryFormat: "#,##0",
    categoryAxisTitle: "Days since the first product",
    series: [at("Share bought", COLORS.header), at("Share 95% low", "#A19F9D"), at("Share 95% high", "#A19F9D")],
    valueFormat: "0%",
    anchor: `${columnLetter(usedColumns(b) + 1)}1`,
    ...size,
  });
}

/** Scenario: ARR with and without cross-sell over the projection years. */
export function scenarioCharts(b: SpecBuilder): void {
  const year = columnRanges(b, "Year");
  const without = columnRanges(b, "ARR without cross-sell");
  const withX = columnRanges(b, "ARR with cross-sell");
  if (!year || !without || !withX) return;
  b.chart({
    kind: "line",
    title: "ARR with and without cross-sell",
    categories: year.data,
    categoryAxisTitle: "Year",
    series: [
      { name: withX.head, values: withX.data, color: COLORS.header },
      { name: without.head, values: without.data, color: "#A19F9D" },
    ],
    valueFormat: COMPACT_DOLLARS,
    anchor: `${columnLetter(usedColumns(b) + 1)}3`,
    ...size,
  });
}

function cellValue(b: SpecBuilder, cell: string): SpecCell {
  const { row, col } = parseA1(cell);
  let v: SpecCell = null;
  for (const x of b.blocks) {
    const r = row - x.row;
    const c = col - x.col;
    if (r >= 0 && r < x.cells.length && c >= 0 && c < x.cells[r].length) v = x.cells[r][c];
  }
  return v;
}
