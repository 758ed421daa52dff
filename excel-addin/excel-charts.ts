/**
 * A spec's charts as Office.js charts (ExcelApi 1.7–1.8, within the 1.9 the manifests declare): each series bound
 * to its ranges with setValues/setXAxisValues, so the chart moves with the tab's numbers. A bridge ("waterfall") is
 * stacked columns whose first series (the base) has no fill: Office.js has the Waterfall type (ExcelApi 1.9) but
 * no way to mark a point as a total, so Opening and Closing would be drawn as increases. Series names are text
 * (Office.js cannot bind a name to a cell), and custom error bars cannot be bound to ranges (ChartErrorBars has
 * no custom values), so a chart that has them says where its intervals are.
 */
import type { ExcelChartType, ExcelWorksheet } from "./excel-surface";
import { parseA1, specText, valueAxisMinimum, type ChartKind, type SheetSpec } from "../core/tabs/spec";

export const EXCEL_CHART_TYPES: Record<ChartKind, ExcelChartType> = {
  column: "ColumnClustered",
  bar: "BarClustered",
  line: "LineMarkers",
  scatter: "XYScatterLinesNoMarkers",
  waterfall: "ColumnStacked",
};

/** Points per pixel at 96 dpi: chart sizes are points in Office.js. */
const PT_PER_PX = 0.75;

/** Adds the spec's charts to `sheet` (queued; the caller syncs). Returns what the charts could not show, as sentences. */
export function addExcelCharts(sheet: ExcelWorksheet, spec: SheetSpec): string[] {
  const notes: string[] = [];
  for (const c of spec.charts) {
    const type = EXCEL_CHART_TYPES[c.kind];
    if (!type) throw new Error(`Excel cannot draw a ${String(c.kind)} chart ("${c.title}")`);
    const first = parseA1(c.series[0].values);
    const chart = sheet.charts.add(type, sheet.getRange(c.series[0].values), first.rows === 1 && first.cols > 1 ? "Rows" : "Columns");
    chart.name = c.title;
    chart.title.text = c.title;
    const lines = c.kind === "line" || c.kind === "scatter";
    c.series.forEach((s, i) => {
      const name = specText(spec, s.name);
      const series = i === 0 ? chart.series.getItemAt(0) : chart.series.add(name);
      if (i === 0) series.name = name;
      series.setValues(sheet.getRange(s.values));
      series.setXAxisValues(sheet.getRange(c.categories));
      if (c.kind === "waterfall" && i === 0) series.format.fill.clear();
      else if (s.color && lines) series.format.line.color = s.color;
      else if (s.color) series.format.fill.setSolidColor(s.color);
      if (s.errorBars) notes.push(`The chart "${c.title}" has no error bars in Excel (Office.js cannot bind them to cells); the intervals are in the table it charts.`);
    });
    const { valueAxis, categoryAxis } = chart.axes;
    valueAxis.numberFormat = c.valueFormat;
    const min = valueAxisMinimum(c);
    if (min !== undefined) valueAxis.minimum = min;
    if (c.categoryFormat) categoryAxis.numberFormat = c.categoryFormat;
    if (c.valueAxisTitle) valueAxis.title.text = c.valueAxisTitle;
    if (c.categoryAxisTitle) categoryAxis.title.text = c.categoryAxisTitle;
    if (c.kind === "bar") {
      // the first category on top, with the value axis kept at the bottom
      categoryAxis.reversePlotOrder = true;
      categoryAxis.position = "Maximum";
    }
    const legend = c.kind !== "waterfall" && c.series.length > 1;
    chart.legend.visible = legend;
    if (legend) chart.legend.position = "Bottom";
    chart.setPosition(c.anchor);
    chart.width = Math.round(c.width * PT_PER_PX);
    chart.height = Math.round(c.height * PT_PER_PX);
  }
  return notes;
}
