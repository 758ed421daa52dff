/**
 * Renders a sheet spec through SpreadsheetApp: a new sheet whose name never collides, one setValues per block
 * (formulas included: Sheets reads a string starting with "=" as a formula), number formats and fonts per range,
 * conditional-format rules set in one call, and user text protected with a leading apostrophe so Sheets stores
 * "=HYPERLINK(…)" as the text it is. The source sheet is never written.
 */
import { addSheetsCharts } from "./sheets-charts";
import { a1Range, isFormula, looksLikeFormula, parseA1, uniqueSheetName, type SheetSpec, type SpecCell } from "../../core/tabs/spec";

/** Google Sheets allows 100 characters in a sheet name. */
const SHEETS_NAME_MAX = 100;

export interface SheetsRenderStats {
  sheetName: string;
  /** Range objects asked for (getRange calls): the measure of how chatty a render is. */
  rangeCalls: number;
  /** What the tab's charts could not show in Sheets, as sentences (none when everything was drawn). */
  chartNotes: string[];
}

function cellOut(c: SpecCell): string | number | boolean {
  if (c === null) return "";
  if (isFormula(c)) return c.f;
  if (typeof c === "string" && looksLikeFormula(c)) return `'${c}`;
  return c;
}

/**
 * Rows whose wrapped text needs more lines, in runs of equal height (pixels: points × 4/3). Printing: Apps Script
 * has no page-setup API (orientation, fit to width, print area, page header are chosen in File → Print), so of
 * the spec's print setup Sheets gets only what the sheet itself carries: the frozen header rows, which its print
 * dialog repeats on every page.
 */
function setRowHeights(sheet: GoogleAppsScript.Spreadsheet.Sheet, spec: SheetSpec): void {
  const hs = spec.rowHeights ?? [];
  for (let i = 0; i < hs.length; ) {
    let j = i + 1;
    while (j < hs.length && hs[j].row === hs[j - 1].row + 1 && hs[j].height === hs[i].height) j++;
    sheet.setRowHeights(hs[i].row + 1, j - i, Math.round((hs[i].height * 4) / 3));
    i = j;
  }
}

/**
 * Notes that show a formula name it as Sheets spells it (XSELL.ADJACENCY( → XSELL_ADJACENCY(). Several notes go in
 * one setNotes call over the rectangle that holds them when it is not mostly empty (a tab with a note per flagged
 * cell stays one range call); scattered notes go one by one.
 */
function writeNotes(spec: SheetSpec, range: (a1: string) => GoogleAppsScript.Spreadsheet.Range): void {
  const notes = spec.notes.map((n) => ({ at: parseA1(n.cell), text: n.text.replace(/\bXSELL\.([A-Z][A-Z0-9_]*)\(/g, "XSELL_$1(") }));
  if (notes.length === 0) return;
  const r1 = Math.min(...notes.map((n) => n.at.row));
  const c1 = Math.min(...notes.map((n) => n.at.col));
  const r2 = Math.max(...notes.map((n) => n.at.row + n.at.rows - 1));
  const c2 = Math.max(...notes.map((n) => n.at.col + n.at.cols - 1));
  const area = (r2 - r1 + 1) * (c2 - c1 + 1);
  if (notes.length < 3 || area > 20 * notes.length) {
    for (const n of notes) range(a1Range(n.at.row, n.at.col, n.at.rows, n.at.cols)).setNote(n.text);
    return;
  }
  const grid = Array.from({ length: r2 - r1 + 1 }, () => new Array<string>(c2 - c1 + 1).fill(""));
  for (const n of notes) grid[n.at.row - r1][n.at.col - c1] = n.text;
  range(a1Range(r1, c1, r2 - r1 + 1, c2 - c1 + 1)).setNotes(grid);
}

export function renderSpecToSheets(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, spec: SheetSpec): SheetsRenderStats {
  const stats: SheetsRenderStats = { sheetName: "", rangeCalls: 0, chartNotes: [] };
  const range = (sheet: GoogleAppsScript.Spreadsheet.Sheet, a1: string): GoogleAppsScript.Spreadsheet.Range => {
    stats.rangeCalls++;
    return sheet.getRange(a1);
  };
  stats.sheetName = uniqueSheetName(spec.name, ss.getSheets().map((s) => s.getName()), SHEETS_NAME_MAX);
  const sheet = ss.insertSheet(stats.sheetName, ss.getNumSheets());
  // the grid must reach every chart's anchor cell too (Sheets refuses a position outside it)
  const anchors = spec.charts.map((c) => parseA1(c.anchor));
  const rows = Math.max(1, spec.rows, ...anchors.map((a) => a.row + 1));
  const cols = Math.max(1, spec.cols, ...anchors.map((a) => a.col + 1));
  if (sheet.getMaxRows() < rows) sheet.insertRowsAfter(sheet.getMaxRows(), rows - sheet.getMaxRows());
  if (sheet.getMaxColumns() < cols) sheet.insertColumnsAfter(sheet.getMaxColumns(), cols - sheet.getMaxColumns());

  for (const b of spec.blocks) {
    stats.rangeCalls++;
    sheet.getRange(b.row + 1, b.col + 1, b.cells.length, b.cells[0].length).setValues(b.cells.map((r) => r.map(cellOut)));
  }
  for (const f of spec.formats) {
    const r = range(sheet, f.range);
    if (f.numberFormat) r.setNumberFormat(f.numberFormat);
    if (f.bold !== undefined) r.setFontWeight(f.bold ? "bold" : "normal");
    if (f.italic !== undefined) r.setFontStyle(f.italic ? "italic" : "normal");
    if (f.fontColor) r.setFontColor(f.fontColor);
    if (f.fontSize) r.setFontSize(f.fontSize);
    if (f.fill) r.setBackground(f.fill);
    if (f.wrap !== undefined) r.setWrap(f.wrap);
    if (f.horizontalAlignment) r.setHorizontalAlignment(f.horizontalAlignment.toLowerCase() as "left" | "center" | "right");
    if (f.verticalAlignment) r.setVerticalAlignment(f.verticalAlignment === "Center" ? "middle" : f.verticalAlignment === "Top" ? "top" : "bottom");
  }
  // runs of equal widths in one call each
  const widths = [...spec.columnWidths].sort((a, b) => a.col - b.col);
  for (let i = 0; i < widths.length; ) {
    let j = i + 1;
    while (j < widths.length && widths[j].col === widths[j - 1].col + 1 && widths[j].width === widths[i].width) j++;
    sheet.setColumnWidths(widths[i].col + 1, j - i, Math.round(widths[i].width * 7.5));
    i = j;
  }
  if (spec.conditionalFormats.length > 0) {
    const rules = spec.conditionalFormats.map((cf) => {
      const builder = SpreadsheetApp.newConditionalFormatRule().setRanges([range(sheet, cf.range)]);
      if (cf.type === "colorScale") {
        builder.setGradientMinpoint(cf.min);
        if (cf.mid) builder.setGradientMidpointWithValue(cf.mid, SpreadsheetApp.InterpolationType.PERCENTILE, "50");
        builder.setGradientMaxpoint(cf.max);
      } else {
        builder.whenTextEqualTo(cf.text).setBackground(cf.fill).setFontColor(cf.fontColor);
      }
      return builder.build();
    });
    sheet.setConditionalFormatRules(rules);
  }
  if (spec.freeze) {
    if (spec.freeze.rows > 0) sheet.setFrozenRows(spec.freeze.rows);
    if (spec.freeze.cols > 0) sheet.setFrozenColumns(spec.freeze.cols);
  }
  setRowHeights(sheet, spec);
  if (spec.filter) range(sheet, spec.filter).createFilter();
  writeNotes(spec, (a1) => range(sheet, a1));
  stats.chartNotes = addSheetsCharts(sheet, spec, (a1) => range(sheet, a1));
  ss.setActiveSheet(sheet);
  return stats;
}
