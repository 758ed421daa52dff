/**
 * Writes sheet specs into an ExcelJS workbook: values, live formulas, number formats, fonts and fills, column
 * widths, frozen panes, filters, conditional formats and notes. Strings are always written as strings, so a
 * user's "=HYPERLINK(…)" is text in the file; only spec formulas become formulas.
 */
import ExcelJS from "exceljs";
import { isFormula, parseA1, PORTRAIT_MAX_CHARS, uniqueSheetName, type PrintSetup, type SheetSpec } from "../core/tabs/spec";
import { oddFooter, oddHeader, printTitleRows } from "../core/tabs/print";
import type { ColumnReport } from "../core/read/columns";
import { dayFromExcelSerial, dayOfDate, type CellValue } from "../core/values";

const argb = (hex: string): string => `FF${hex.replace("#", "").toUpperCase()}`;

function eachCell(ws: ExcelJS.Worksheet, a1: string, fn: (cell: ExcelJS.Cell) => void): void {
  const r = parseA1(a1);
  for (let i = 0; i < r.rows; i++) {
    const row = ws.getRow(r.row + i + 1);
    for (let j = 0; j < r.cols; j++) fn(row.getCell(r.col + j + 1));
  }
}

export function addSpecSheet(wb: ExcelJS.Workbook, spec: SheetSpec): ExcelJS.Worksheet {
  const name = uniqueSheetName(spec.name, wb.worksheets.map((w) => w.name));
  const ws = wb.addWorksheet(name, spec.freeze ? { views: [{ state: "frozen", xSplit: spec.freeze.cols, ySplit: spec.freeze.rows }] } : undefined);
  for (const b of spec.blocks) {
    b.cells.forEach((cells, i) => {
      const row = ws.getRow(b.row + i + 1);
      cells.forEach((c, j) => {
        if (c === null || c === "") return;
        row.getCell(b.col + j + 1).value = isFormula(c) ? { formula: c.f.replace(/^=/, "") } : c;
      });
    });
  }
  for (const f of spec.formats) {
    const font: Partial<ExcelJS.Font> = {};
    if (f.bold !== undefined) font.bold = f.bold;
    if (f.italic !== undefined) font.italic = f.italic;
    if (f.fontColor) font.color = { argb: argb(f.fontColor) };
    if (f.fontSize) font.size = f.fontSize;
    const hasFont = Object.keys(font).length > 0;
    eachCell(ws, f.range, (cell) => {
      if (f.numberFormat) cell.numFmt = f.numberFormat;
      if (hasFont) cell.font = { ...cell.font, ...font };
      if (f.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(f.fill) } };
      if (f.wrap !== undefined || f.horizontalAlignment) {
        cell.alignment = { ...cell.alignment, ...(f.wrap !== undefined ? { wrapText: f.wrap } : {}), ...(f.horizontalAlignment ? { horizontal: f.horizontalAlignment.toLowerCase() as "left" | "center" | "right" } : {}) };
      }
    });
  }
  for (const w of spec.columnWidths) ws.getColumn(w.col + 1).width = w.width;
  spec.conditionalFormats.forEach((cf, i) => {
    if (cf.type === "colorScale") {
      const cfvo: ExcelJS.Cvfo[] = [{ type: "min" }, ...(cf.mid ? [{ type: "percentile" as const, value: 50 }] : []), { type: "max" }];
      const color = [cf.min, ...(cf.mid ? [cf.mid] : []), cf.max].map((c) => ({ argb: argb(c) }));
      ws.addConditionalFormatting({ ref: cf.range, rules: [{ type: "colorScale", priority: i + 1, cfvo, color }] });
    } else {
      // an expression rule anchored at the range's top-left cell: both Excel and LibreOffice read it alike
      const topLeft = cf.range.split(":")[0];
      const text = cf.text.replace(/"/g, '""');
      ws.addConditionalFormatting({
        ref: cf.range,
        rules: [{ type: "expression", formulae: [`${topLeft}="${text}"`], priority: i + 1, style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(cf.fill) } }, font: { color: { argb: argb(cf.fontColor) } } } }],
      });
    }
  });
  if (spec.filter) ws.autoFilter = spec.filter;
  for (const n of spec.notes) ws.getCell(n.cell).note = n.text;
  for (const h of spec.rowHeights ?? []) ws.getRow(h.row + 1).height = h.height;
  if (spec.print) applyPrintSetup(ws, spec.print);
  return ws;
}

/** The worksheet members print setup needs: both ExcelJS's Worksheet and its streaming WorksheetWriter have them. */
type Printable = Pick<ExcelJS.Worksheet, "pageSetup" | "headerFooter">;

/**
 * Orientation, one page wide (fitToHeight 0: as many pages tall as it takes), the print area, repeated header rows,
 * no gridlines, and the page header and footer (an empty area: the used range, no print area written). ExcelJS writes the print area as `$` + each corner, so a corner
 * is given as "A$1" to come out absolute ("$A$1"); a relative print area is one LibreOffice ignores.
 */
export function applyPrintSetup(ws: Printable, print: PrintSetup): void {
  const absoluteRows = (range: string): string => range.replace(/([A-Z]+)(\d+)/g, "$1$$$2");
  Object.assign(ws.pageSetup, {
    orientation: print.orientation,
    fitToPage: print.fitToWidth,
    fitToWidth: 1,
    fitToHeight: 0,
    // several areas ("A1:B21,K1:W60") are ExcelJS's "&&"-joined list
    printArea: print.area ? print.area.split(",").map(absoluteRows).join("&&") : undefined,
    showGridLines: print.gridlines,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
  });
  const titles = printTitleRows(print);
  if (titles) ws.pageSetup.printTitlesRow = titles.replace(/\$/g, "");
  Object.assign(ws.headerFooter, { oddHeader: oddHeader(print), oddFooter: oddFooter(print) });
}

/**
 * A copy of an input table, as read: numbers as numbers, dates as dates (the columns the report reads as dates
 * get a date format), a width per column from its header and values. Error objects have no place in a file.
 */
export function addDataSheet(wb: ExcelJS.Workbook, name: string, rows: CellValue[][], columns: readonly ColumnReport[] = []): ExcelJS.Worksheet {
  // hidden (right-click a tab → Unhide): printing the workbook prints the report, not thousands of input rows
  const ws = wb.addWorksheet(uniqueSheetName(name, wb.worksheets.map((w) => w.name)), { views: [{ state: "frozen", ySplit: 1 }], state: "hidden" });
  const dateCols = new Set(columns.filter((c) => c.readAs.startsWith("dates")).map((c) => c.index));
  const widths: number[] = [];
  rows.forEach((r, i) => {
    const row = ws.getRow(i + 1);
    r.forEach((v, j) => {
      if (v === null || v === undefined || v === "") return;
      if (typeof v === "object" && !(v instanceof Date)) return;
      const cell = row.getCell(j + 1);
      if (v instanceof Date || (i > 0 && dateCols.has(j) && typeof v === "number")) {
        // ExcelJS writes Dates as UTC instants; the core's Dates and serials are UTC calendar days
        cell.value = v instanceof Date ? new Date(dayOfDate(v) * 86400000) : new Date(dayFromExcelSerial(v) * 86400000);
        cell.numFmt = "yyyy-mm-dd";
        widths[j] = Math.max(widths[j] ?? 0, 10);
      } else {
        cell.value = v as ExcelJS.CellValue;
        if (i < 200) widths[j] = Math.max(widths[j] ?? 0, String(v).length);
      }
    });
  });
  widths.forEach((w, j) => {
    ws.getColumn(j + 1).width = Math.min(50, Math.max(8, w + 2));
  });
  ws.getRow(1).font = { bold: true };
  const wide = widths.reduce((sum, w) => sum + Math.min(50, Math.max(8, (w ?? 0) + 2)), 0) > PORTRAIT_MAX_CHARS;
  // no print area: LibreOffice prints a hidden sheet that has one
  applyPrintSetup(ws, { orientation: wide ? "landscape" : "portrait", fitToWidth: true, area: "", repeatRows: 1, gridlines: true, title: ws.name });
  return ws;
}
