/**
 * The Excel renderer's charts in the fake host (checked against @types/office-js): per tab, each chart's type,
 * title, series names, the ranges its values and categories are bound to (those the spec names, on the new
 * sheet), what its category cells hold, and how a bridge, a bar chart and error bars are drawn.
 */
import { describe, expect, it } from "vitest";
import { addExcelCharts, EXCEL_CHART_TYPES } from "../../excel-addin/excel-charts";
import { renderSpec } from "../../excel-addin/renderer";
import { buildTab, CHART_KINDS, TAB_KINDS, parseA1, type ChartSpec, type TabKind } from "../../core/tabs";
import { dayFromYmd } from "../../core/values";
import { FakeWorkbook, fakeContext } from "../fakes/excel-host";
import { CHART_CASES } from "./chart-cases";
import { sample } from "./excel-shape";

const inputs = {
  accounts: sample("accounts.csv"),
  ownership: sample("ownership.csv"),
  prices: sample("prices.csv"),
  retention: sample("retention.csv"),
  subscriptions: sample("subscriptions.csv"),
  outcomes: sample("outcomes.csv"),
  asOf: dayFromYmd(2026, 11, 1),
};

async function rendered(kind: TabKind) {
  const wb = new FakeWorkbook();
  wb.addSheet("Accounts", [["Account"], ["Acme"]]);
  const spec = buildTab(kind, inputs);
  const stats = await renderSpec(fakeContext(wb), spec, { notes: false });
  return { spec, stats, sheet: wb.sheet(stats.sheetName) };
}

describe("Excel charts", () => {
  it.each(TAB_KINDS)("%s: type, title, series names and the ranges they are bound to", async (kind) => {
    const { spec, sheet } = await rendered(kind);
    const want = CHART_CASES[kind];
    expect(sheet.charts.map((c) => c.title)).toEqual(want.map((w) => w.title));
    want.forEach((w, k) => {
      const got = sheet.charts[k];
      const c: ChartSpec = spec.charts[k];
      expect(c.kind).toBe(w.kind);
      expect(got.type).toBe({ column: "ColumnClustered", bar: "BarClustered", line: "LineMarkers", scatter: "XYScatterLinesNoMarkers", waterfall: "ColumnStacked" }[w.kind]);
      expect(got.series.map((s) => s.name)).toEqual(w.names);
      expect(got.series.map((s) => s.values)).toEqual(c.series.map((s) => s.values));
      expect(got.series.map((s) => s.xValues)).toEqual(c.series.map(() => c.categories));
      expect(got.anchor).toBe(c.anchor);
      expect([got.width, got.height]).toEqual([390, 225]);
      expect(got.valueAxis.numberFormat).toBe(c.valueFormat);
      // bars and columns of amounts start at 0 (an auto-scaled axis makes small differences look large)
      expect(got.valueAxis.minimum).toBe(w.kind === "line" || w.kind === "scatter" ? undefined : 0);
      if (w.categories) {
        const r = parseA1(c.categories);
        const cells = Array.from({ length: r.rows * r.cols }, (_, i) => (r.rows === 1 ? sheet.cell(r.row, r.col + i) : sheet.cell(r.row + i, r.col)));
        expect(cells).toEqual(w.categories);
      }
      // every value cell the chart reads holds a number or a formula on the rendered sheet
      const v = parseA1(c.series[0].values);
      for (let i = 0; i < v.rows; i++) for (let j = 0; j < v.cols; j++) expect(typeof sheet.cell(v.row + i, v.col + j) === "number" || sheet.formula(v.row + i, v.col + j) !== undefined).toBe(true);
    });
  });

  it("draws a bridge as stacked columns on a base without fill, with no legend", async () => {
    const { sheet } = await rendered("retention");
    const bridge = sheet.charts[0];
    expect(bridge.series[0].fillCleared).toBe(true);
    expect(bridge.series.slice(1).map((s) => s.fill)).toEqual(["#0F766E", "#2E9E5B", "#D13438"]);
    expect(bridge.legend.visible).toBe(false);
    expect(sheet.charts[2].legend).toEqual({ visible: true, position: "Bottom" });
  });

  it("lists a bar chart's first category on top with the value axis at the bottom", async () => {
    const { sheet } = await rendered("whitespace");
    for (const c of sheet.charts) expect(c.categoryAxis).toMatchObject({ reversePlotOrder: true, position: "Maximum" });
  });

  it("says where the lift intervals are, since Office.js cannot bind error bars to cells", async () => {
    const { stats } = await rendered("adjacency");
    expect(stats.chartNotes).toEqual(['The chart "Top product pairs by lift, with 95% intervals" has no error bars in Excel (Office.js cannot bind them to cells); the intervals are in the table it charts.']);
    expect((await rendered("scorecard")).stats.chartNotes).toEqual([]);
  });

  it("has an Excel chart type for every chart kind, and refuses a kind it does not know rather than drop the chart", async () => {
    for (const k of CHART_KINDS) expect(EXCEL_CHART_TYPES[k]).toBeTruthy();
    const spec = { ...buildTab("scenario", inputs) };
    const bogus = { ...spec, charts: [{ ...spec.charts[0], kind: "pie" as never }] };
    const wb = new FakeWorkbook();
    wb.addSheet("S");
    const ctx = fakeContext(wb);
    expect(() => addExcelCharts(ctx.workbook.worksheets.getItem("S"), bogus)).toThrow('Excel cannot draw a pie chart ("ARR with and without cross-sell")');
  });

  it("rejects a series bound to a block rather than one row or column, as Excel does", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S", [[1, 2], [3, 4]]);
    const ctx = fakeContext(wb);
    const s = ctx.workbook.worksheets.getItem("S");
    s.charts.add("ColumnClustered", s.getRange("A1:A2")).series.getItemAt(0).setValues(s.getRange("A1:B2"));
    await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
  });
});
