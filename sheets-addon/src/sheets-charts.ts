/**
 * A spec's charts as Sheets embedded charts (EmbeddedChartBuilder), bound to the new tab's ranges. Where a
 * series' name cell sits right above its values (or left of a row of values), the header is part of the range and
 * Sheets reads the name from the cell; otherwise the name is given as a label. A bridge is a stacked column chart
 * whose base series is transparent. Sheets' chart options have no error bars bound to cells (only constant or
 * percent), so a chart that has them says where its intervals are.
 */
import { COMPACT_DOLLARS, parseA1, specText, valueAxisMinimum, type ChartKind, type ChartSpec, type SheetSpec } from "../../core/tabs/spec";

type ChartTypeName = "COLUMN" | "BAR" | "LINE" | "SCATTER";

export const SHEETS_CHART_TYPES: Record<ChartKind, ChartTypeName> = {
  column: "COLUMN",
  bar: "BAR",
  line: "LINE",
  scatter: "SCATTER",
  waterfall: "COLUMN",
};

/** "B3:B9" one row up (or one column left): the range with its header cell. */
function withHeader(range: string, transpose: boolean): string {
  const r = parseA1(range);
  const row = transpose ? r.row : r.row - 1;
  const col = transpose ? r.col - 1 : r.col;
  const end = (n: number, c: number) => `${colName(c)}${n + 1}`;
  return `${end(row, col)}:${end(r.row + r.rows - 1, r.col + r.cols - 1)}`;
}

function colName(col: number): string {
  let s = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Whether every series' name cell is its header (above a column of values, or left of a row). */
function headersInPlace(c: ChartSpec, transpose: boolean): boolean {
  const cat = parseA1(c.categories);
  if ((transpose ? cat.col : cat.row) === 0) return false;
  return c.series.every((s) => {
    const v = parseA1(s.values);
    const n = parseA1(s.name);
    return transpose ? n.row === v.row && n.col === v.col - 1 : n.col === v.col && n.row === v.row - 1;
  });
}

/**
 * Series ranges side by side (columns next to each other over the same rows, or rows under each other when
 * transposed) merged into one block each: one Range call instead of several (Apps Script bills each).
 */
export function adjacentBlocks(ranges: readonly string[], transpose: boolean): string[] {
  const out: { row: number; col: number; rows: number; cols: number }[] = [];
  for (const r of ranges.map(parseA1)) {
    const last = out[out.length - 1];
    if (last && !transpose && r.row === last.row && r.rows === last.rows && r.cols === 1 && r.col === last.col + last.cols) last.cols++;
    else if (last && transpose && r.col === last.col && r.cols === last.cols && r.rows === 1 && r.row === last.row + last.rows) last.rows++;
    else out.push({ ...r });
  }
  return out.map((b) => `${colName(b.col)}${b.row + 1}:${colName(b.col + b.cols - 1)}${b.row + b.rows}`);
}

/** An axis format as Sheets' charts read it: ICU patterns, so compact dollars (Excel sections) become "short". */
export const sheetsAxisFormat = (format: string): string => (format === COMPACT_DOLLARS ? "short" : format);

/** Adds the spec's charts to `sheet`. Returns what the charts could not show, as sentences. */
export function addSheetsCharts(sheet: GoogleAppsScript.Spreadsheet.Sheet, spec: SheetSpec, range: (a1: string) => GoogleAppsScript.Spreadsheet.Range): string[] {
  const notes: string[] = [];
  for (const c of spec.charts) {
    const type = SHEETS_CHART_TYPES[c.kind];
    if (!type) throw new Error(`Sheets cannot draw a ${String(c.kind)} chart ("${c.title}")`);
    const v = parseA1(c.series[0].values);
    const transpose = v.rows === 1 && v.cols > 1;
    const headers = headersInPlace(c, transpose);
    const builder = sheet.newChart().setChartType(Charts.ChartType[type]);
    builder.addRange(range(headers ? withHeader(c.categories, transpose) : c.categories));
    for (const block of adjacentBlocks(c.series.map((s) => s.values), transpose)) builder.addRange(range(headers ? withHeader(block, transpose) : block));
    builder.setNumHeaders(headers ? 1 : 0).setTransposeRowsAndColumns(transpose);
    const bar = c.kind === "bar";
    const valueAxis = bar ? "hAxis" : "vAxis";
    const categoryAxis = bar ? "vAxis" : "hAxis";
    const series: Record<number, Record<string, unknown>> = {};
    c.series.forEach((s, i) => {
      const opts: Record<string, unknown> = {};
      if (c.kind === "waterfall" && i === 0) Object.assign(opts, { color: "transparent", visibleInLegend: false });
      else if (s.color) opts.color = s.color;
      if (!headers) opts.labelInLegend = specText(spec, s.name);
      if (c.kind === "scatter") Object.assign(opts, { pointSize: 0, lineWidth: 2, ...(i > 0 ? { lineDashStyle: [4, 4] } : {}) });
      series[i] = opts;
      if (s.errorBars) notes.push(`The chart "${c.title}" has no error bars in Sheets (its charts cannot read them from cells); the intervals are in the table it charts.`);
    });
    builder
      .setOption("title", c.title)
      .setOption(`${valueAxis}.format`, sheetsAxisFormat(c.valueFormat))
      .setOption("series", series)
      .setOption("legend", { position: c.kind !== "waterfall" && c.series.length > 1 ? "bottom" : "none" })
      .setOption("width", c.width)
      .setOption("height", c.height);
    if (c.kind === "waterfall") builder.setOption("isStacked", true);
    const min = valueAxisMinimum(c);
    if (min !== undefined) builder.setOption(`${valueAxis}.viewWindow.min`, min);
    if (c.categoryFormat) builder.setOption(`${categoryAxis}.format`, sheetsAxisFormat(c.categoryFormat));
    if (c.valueAxisTitle) builder.setOption(`${valueAxis}.title`, c.valueAxisTitle);
    if (c.categoryAxisTitle) builder.setOption(`${categoryAxis}.title`, c.categoryAxisTitle);
    const at = parseA1(c.anchor);
    builder.setPosition(at.row + 1, at.col + 1, 0, 0);
    sheet.insertChart(builder.build());
  }
  return notes;
}
