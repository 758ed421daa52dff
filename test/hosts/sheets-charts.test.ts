/**
 * The Sheets renderer's charts in the fake services (typed from @types/google-apps-script): per tab, each
 * chart's type, title, the ranges it reads (header cell included where the name sits above its values) and the
 * series names Sheets would show, the cells its categories cover, and how a bridge and error bars are drawn.
 * The last test builds a tab through the bundle users get (dist/sheets/xsell.js).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderSpecToSheets } from "../../sheets-addon/src/renderer";
import { adjacentBlocks, SHEETS_CHART_TYPES } from "../../sheets-addon/src/sheets-charts";
import { buildTab, CHART_KINDS, TAB_KINDS, parseA1, type TabKind } from "../../core/tabs";
import { COLORS, SpecBuilder } from "../../core/tabs/spec";
import { dayFromYmd } from "../../core/values";
import { FakeAppsScript, type FakeSheetsSheet } from "../fakes/apps-script";
import { CHART_CASES, PRODUCTS } from "./chart-cases";
import { sample } from "./excel-shape";
import { loadSheetsBundle, sheetsShape } from "./sheets-vm";

const inputs = {
  accounts: sample("accounts.csv"),
  ownership: sample("ownership.csv"),
  prices: sample("prices.csv"),
  retention: sample("retention.csv"),
  subscriptions: sample("subscriptions.csv"),
  outcomes: sample("outcomes.csv"),
  asOf: dayFromYmd(2026, 11, 1),
};

const g = globalThis as Record<string, unknown>;
let app: FakeAppsScript;
beforeAll(() => {
  app = new FakeAppsScript({ timeZone: "UTC" });
  const globals = app.globals();
  g.SpreadsheetApp = globals.SpreadsheetApp;
  g.Charts = globals.Charts;
});
afterAll(() => {
  delete g.SpreadsheetApp;
  delete g.Charts;
});

function rendered(kind: TabKind) {
  const spec = buildTab(kind, inputs);
  const stats = renderSpecToSheets(app.spreadsheet as never, spec);
  return { spec, stats, sheet: app.spreadsheet.getSheetByName(stats.sheetName)! };
}

const colName = (c: number): string => (c >= 26 ? String.fromCharCode(64 + Math.floor(c / 26)) : "") + String.fromCharCode(65 + (c % 26));

/** The cells of an A1 range on the fake sheet, in reading order. */
function cells(sheet: FakeSheetsSheet, a1: string): unknown[] {
  const r = parseA1(a1);
  const out: unknown[] = [];
  for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.cols; j++) out.push(sheet.formula(r.row + i, r.col + j) ?? sheet.cell(r.row + i, r.col + j));
  return out;
}

describe("Sheets charts", () => {
  it.each(TAB_KINDS)("%s: type, title, series names Sheets shows, and the ranges they read", (kind) => {
    const { spec, sheet } = rendered(kind);
    const want = CHART_CASES[kind];
    const charts = sheet.getCharts().map((c) => c.record);
    expect(charts.map((c) => c.options.title)).toEqual(want.map((w) => w.title));
    want.forEach((w, k) => {
      const got = charts[k];
      const c = spec.charts[k];
      expect(got.type).toBe({ column: "COLUMN", bar: "BAR", line: "LINE", scatter: "SCATTER", waterfall: "COLUMN" }[w.kind]);
      const [cat, ...blocks] = got.ranges;
      // side-by-side series come as one block: one column (or row, transposed) per series
      const series = blocks.flatMap((b) => {
        const r = parseA1(b);
        return got.transpose
          ? Array.from({ length: r.rows }, (_, i) => `${b.split(":")[0].replace(/\d+$/, String(r.row + 1 + i))}:${b.split(":")[1].replace(/\d+$/, String(r.row + 1 + i))}`)
          : Array.from({ length: r.cols }, (_, j) => `${colName(r.col + j)}${r.row + 1}:${colName(r.col + j)}${r.row + r.rows}`);
      });
      expect(series.length).toBe(c.series.length);
      // the names: header cells in the ranges when numHeaders is 1, else labels given per series
      const names = got.numHeaders === 1 ? series.map((r) => cells(sheet, r)[0]) : series.map((_, i) => (got.options.series as Record<number, { labelInLegend: string }>)[i].labelInLegend);
      expect(names).toEqual(w.names);
      // each range, without its header, is the spec's
      const data = (r: string): string => {
        if (got.numHeaders === 0) return r;
        const p = parseA1(r);
        return got.transpose ? `${r.split(":")[0].replace(/^[A-Z]+/, (l) => String.fromCharCode(l.charCodeAt(0) + 1))}:${r.split(":")[1]}` : `${r.split(":")[0].replace(/\d+$/, String(p.row + 2))}:${r.split(":")[1]}`;
      };
      expect(series.map(data)).toEqual(c.series.map((s) => s.values));
      expect(data(cat)).toBe(c.categories);
      if (w.categories) expect(cells(sheet, c.categories)).toEqual(w.categories);
      const at = parseA1(c.anchor);
      expect(got.position).toEqual([at.row + 1, at.col + 1, 0, 0]);
      expect([got.options.width, got.options.height]).toEqual([c.width, c.height]);
      // compact dollars are Excel sections, which Sheets' ICU patterns cannot read: "short" (500K, 1.5M) there
      expect(got.options[w.kind === "bar" ? "hAxis.format" : "vAxis.format"]).toBe(c.valueFormat.includes('"M"') ? "short" : c.valueFormat);
      // bars and columns of amounts start at 0 (an auto-scaled axis makes small differences look large)
      expect(got.options[w.kind === "bar" ? "hAxis.viewWindow.min" : "vAxis.viewWindow.min"]).toBe(w.kind === "line" || w.kind === "scatter" ? undefined : 0);
    });
  });

  it("reads a series laid out as a row: transposed, the cells of the row above as categories", () => {
    const b = new SpecBuilder("Row series");
    b.block(0, 0, [["", "North", "South", "East"], ["Total", 5, 7, 2]]);
    b.chart({ kind: "bar", title: "By region", categories: "B1:D1", series: [{ name: "A2", values: "B2:D2", color: COLORS.header }], valueFormat: "0", anchor: "F1", width: 480, height: 288 });
    const stats = renderSpecToSheets(app.spreadsheet as never, b.finish());
    const sheet = app.spreadsheet.getSheetByName(stats.sheetName)!;
    const [chart] = sheet.getCharts().map((c) => c.record);
    expect(chart.transpose).toBe(true);
    expect(chart.ranges.map((r: string) => cells(sheet, r))).toEqual([["", "North", "South", "East"], ["Total", 5, 7, 2]]);
  });

  it("reads the Whitespace product totals from their helper table, largest first, each a live reference to the Total row", () => {
    const { sheet } = rendered("whitespace");
    const [byProduct] = sheet.getCharts().map((c) => c.record);
    expect(byProduct.transpose).toBe(false);
    // the sample has 400 accounts: the Total row is row 402, the products in columns B:I in the ownership's order
    expect(PRODUCTS.slice(4, 6)).toEqual(["Marketing Automation", "Data Warehouse"]); // columns F and G
    expect(byProduct.ranges.map((r: string) => cells(sheet, r))).toEqual([
      ["Product", "Data Warehouse", "Marketing Automation", "Analytics", "CPQ", "Sales Intelligence", "CRM", "Service Desk", "Knowledge Base"],
      ["Total", "=G402", "=F402", "=E402", "=H402", "=I402", "=D402", "=B402", "=C402"],
    ]);
  });

  it("asks for one range per block of side-by-side series", () => {
    expect(adjacentBlocks(["AM3:AM9", "AN3:AN9", "AO3:AO9", "AP3:AP9"], false)).toEqual(["AM3:AP9"]);
    expect(adjacentBlocks(["F34:F37", "C34:C37"], false)).toEqual(["F34:F37", "C34:C37"]);
    expect(adjacentBlocks(["B2:B5", "C3:C6"], false)).toEqual(["B2:B5", "C3:C6"]);
    expect(adjacentBlocks(["B2:I2", "B3:I3"], true)).toEqual(["B2:I3"]);
  });

  it("stacks a bridge on a transparent base that stays out of the legend", () => {
    const { sheet } = rendered("retention");
    const bridge = sheet.getCharts()[0].record;
    expect(bridge.options.isStacked).toBe(true);
    expect(bridge.options.series).toMatchObject({ 0: { color: "transparent", visibleInLegend: false }, 1: { color: "#0F766E" }, 2: { color: "#2E9E5B" }, 3: { color: "#D13438" } });
    expect(bridge.options.legend).toEqual({ position: "none" });
  });

  it("says where the lift intervals are, since Sheets charts cannot read error bars from cells", () => {
    expect(rendered("adjacency").stats.chartNotes).toEqual(['The chart "Top product pairs by lift, with 95% intervals" has no error bars in Sheets (its charts cannot read them from cells); the intervals are in the table it charts.']);
    expect(rendered("timing").stats.chartNotes).toEqual([]);
  });

  it("has a Sheets chart type for every chart kind, and refuses a kind it does not know rather than drop the chart", () => {
    for (const k of CHART_KINDS) expect(SHEETS_CHART_TYPES[k]).toBeTruthy();
    const spec = buildTab("scenario", inputs);
    expect(() => renderSpecToSheets(app.spreadsheet as never, { ...spec, charts: [{ ...spec.charts[0], kind: "pie" as never }] })).toThrow('Sheets cannot draw a pie chart ("ARR with and without cross-sell")');
  });

  it("the built bundle draws the charts when the sidebar builds a tab", () => {
    const bundleApp = new FakeAppsScript({ timeZone: "Asia/Tokyo" });
    bundleApp.spreadsheet.addSheet("Accounts", sheetsShape("accounts.csv", "Asia/Tokyo"));
    bundleApp.spreadsheet.addSheet("Ownership", sheetsShape("ownership.csv", "Asia/Tokyo"));
    bundleApp.spreadsheet.addSheet("Prices", sheetsShape("prices.csv", "Asia/Tokyo"));
    const gs = loadSheetsBundle(bundleApp);
    const res = gs.xsellBuildTab({ tab: "whitespace", ownership: "Ownership", prices: "Prices", asOf: "2026-11-01" }) as { sheetName: string; chartNotes: string[] };
    const charts = bundleApp.spreadsheet.getSheetByName(res.sheetName)!.getCharts().map((c) => c.record);
    expect(charts.map((c) => [c.type, c.options.title])).toEqual(CHART_CASES.whitespace.map((w) => ["BAR", w.title]));
    expect(res.chartNotes).toEqual([]);
  });
});
