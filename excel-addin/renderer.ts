/**
 * Renders a sheet spec into a new worksheet through Excel.run calls:
 *  - the new sheet's name never collides ("Whitespace (2)"); the source sheet is never touched;
 *  - values, formulas and number formats go in row chunks that keep every request under Excel on the web's
 *    5 MB limit, counted in UTF-8 bytes of the JSON sent (a CJK character is 3 bytes, not 1), one
 *    context.sync() per chunk, formats per range, then one sync for everything else;
 *  - text from users' cells is written as text: a cell that would read as a formula gets the Text format first.
 */
import { jsonBytes } from "./bytes";
import { addExcelCharts } from "./excel-charts";
import type { ExcelContext, ExcelWorksheet } from "./excel-surface";
import { columnLetter, isFormula, looksLikeFormula, parseA1, uniqueSheetName, type Block, type ConditionalFormat, type PrintSetup, type SheetSpec, type SpecCell } from "../core/tabs/spec";
import { pageHeaderFooter, printTitleRows } from "../core/tabs/print";

/** Excel on the web rejects requests over 5 MB (5,242,880 bytes); stay well below it (the request envelope). */
export const REQUEST_BUDGET_BYTES = 3_500_000;

export interface RenderStats {
  sheetName: string;
  syncs: number;
  largestRequestBytes: number;
  /** What the tab's charts could not show in Excel, as sentences (none when everything was drawn). */
  chartNotes: string[];
}

export { uniqueSheetName };

type CellOut = string | number | boolean;

/** Per-cell number formats of a rectangle from the spec's number-format ranges ("General" elsewhere, "@" for text that looks like a formula). */
function numberFormatsFor(spec: SheetSpec, row: number, col: number, cells: SpecCell[][]): string[][] | null {
  const rows = cells.length;
  const cols = cells[0].length;
  let out: string[][] | null = null;
  const ensure = (): string[][] => (out ??= Array.from({ length: rows }, () => new Array<string>(cols).fill("General")));
  for (const f of spec.formats) {
    if (!f.numberFormat) continue;
    const r = parseA1(f.range);
    const r0 = Math.max(r.row, row);
    const r1 = Math.min(r.row + r.rows, row + rows);
    const c0 = Math.max(r.col, col);
    const c1 = Math.min(r.col + r.cols, col + cols);
    if (r0 >= r1 || c0 >= c1) continue;
    const grid = ensure();
    for (let i = r0; i < r1; i++) for (let j = c0; j < c1; j++) grid[i - row][j - col] = f.numberFormat;
  }
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const c = cells[i][j];
      if (typeof c === "string" && looksLikeFormula(c)) ensure()[i][j] = "@";
    }
  }
  return out;
}

function toOut(c: SpecCell): CellOut {
  if (c === null) return "";
  if (isFormula(c)) return c.f;
  return c;
}

interface Chunk {
  row: number;
  col: number;
  cells: SpecCell[][];
  /** What goes to Excel, built once while sizing the chunk. */
  out: CellOut[][];
  formats: string[][] | null;
  bytes: number;
}

/** Splits a block into row chunks whose payload (values + number formats) stays under the budget. */
export function chunkBlock(spec: SheetSpec, block: Block, budget = REQUEST_BUDGET_BYTES): Chunk[] {
  const chunks: Chunk[] = [];
  const sample = block.cells.slice(0, Math.min(200, block.cells.length));
  const sampleFormats = numberFormatsFor(spec, block.row, block.col, sample);
  const perRow = Math.max(1, (jsonBytes(sample.map((r) => r.map(toOut))) + (sampleFormats ? jsonBytes(sampleFormats) : 0)) / sample.length);
  let rowsPerChunk = Math.max(1, Math.floor((budget * 0.8) / perRow));
  for (let start = 0; start < block.cells.length; ) {
    const cells = block.cells.slice(start, start + rowsPerChunk);
    const formats = numberFormatsFor(spec, block.row + start, block.col, cells);
    const out = cells.map((r) => r.map(toOut));
    const bytes = jsonBytes(out) + (formats ? jsonBytes(formats) : 0);
    if (bytes > budget && cells.length > 1) {
      rowsPerChunk = Math.max(1, Math.floor(cells.length / 2));
      continue;
    }
    chunks.push({ row: block.row + start, col: block.col, cells, out, formats, bytes });
    start += cells.length;
  }
  return chunks;
}

function addConditionalFormat(sheet: ExcelWorksheet, cf: ConditionalFormat): void {
  const range = sheet.getRange(cf.range);
  if (cf.type === "colorScale") {
    const added = range.conditionalFormats.add("ColorScale");
    const criteria: Excel.ConditionalColorScaleCriteria = {
      minimum: { type: "LowestValue", color: cf.min },
      maximum: { type: "HighestValue", color: cf.max },
    };
    if (cf.mid) criteria.midpoint = { formula: "50", type: "Percentile", color: cf.mid };
    added.colorScale.criteria = criteria;
  } else {
    // exact text match: a cell-value rule equal to the text
    const added = range.conditionalFormats.add("CellValue");
    added.cellValue.format.fill.color = cf.fill;
    added.cellValue.format.font.color = cf.fontColor;
    added.cellValue.rule = { formula1: `="${cf.text.replace(/"/g, '""')}"`, operator: "EqualTo" };
  }
}

/** Rows whose wrapped text needs more than one line, in runs of equal height ("5:9"), one request each. */
function applyRowHeights(sheet: ExcelWorksheet, spec: SheetSpec): void {
  const hs = spec.rowHeights ?? [];
  for (let i = 0; i < hs.length; ) {
    let j = i + 1;
    while (j < hs.length && hs[j].row === hs[j - 1].row + 1 && hs[j].height === hs[i].height) j++;
    sheet.getRange(`${hs[i].row + 1}:${hs[j - 1].row + 1}`).format.rowHeight = hs[i].height;
    i = j;
  }
}

/** Orientation, one page wide, print area, repeated header rows, no gridlines, page header and footer. */
function applyPrintSetup(sheet: ExcelWorksheet, print: PrintSetup): void {
  const layout = sheet.pageLayout;
  layout.orientation = print.orientation === "landscape" ? "Landscape" : "Portrait";
  // verticalFitToPages 0: as many pages tall as it takes (Excel's "Fit All Columns on One Page")
  if (print.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  layout.printGridlines = print.gridlines;
  layout.centerHorizontally = true;
  if (print.area) layout.setPrintArea(print.area);
  const titles = printTitleRows(print);
  if (titles) layout.setPrintTitleRows(titles);
  const hf = pageHeaderFooter(print);
  const page = layout.headersFooters.defaultForAllPages;
  page.leftHeader = hf.leftHeader;
  page.rightHeader = hf.rightHeader;
  page.centerFooter = hf.centerFooter;
}

export interface RenderOptions {
  /** Reports written chunks. */
  onProgress?: (done: number, total: number) => void;
  budget?: number;
  /** Whether the host has the notes API (ExcelApi 1.18); by default asked of Office.js. */
  notes?: boolean;
}

function notesSupported(): boolean {
  return typeof Office !== "undefined" && Boolean(Office.context?.requirements?.isSetSupported("ExcelApi", "1.18"));
}

/** Writes `spec` to a new worksheet; returns the name given to it and how many syncs it took. */
export async function renderSpec(context: ExcelContext, spec: SheetSpec, options: RenderOptions = {}): Promise<RenderStats> {
  const { onProgress, budget = REQUEST_BUDGET_BYTES, notes = notesSupported() } = options;
  const stats: RenderStats = { sheetName: "", syncs: 0, largestRequestBytes: 0, chartNotes: [] };
  const sync = async (bytes: number): Promise<void> => {
    stats.largestRequestBytes = Math.max(stats.largestRequestBytes, bytes);
    await context.sync();
    stats.syncs++;
  };
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await sync(0);
  stats.sheetName = uniqueSheetName(spec.name, sheets.items.map((s) => s.name));
  const sheet = sheets.add(stats.sheetName);

  const chunks = spec.blocks.flatMap((b) => chunkBlock(spec, b, budget));
  let pending = 0;
  for (let i = 0; i < chunks.length; i++) {
    const c = chunks[i];
    const range = sheet.getRangeByIndexes(c.row, c.col, c.cells.length, c.cells[0].length);
    if (pending > 0 && pending + c.bytes > budget) {
      await sync(pending);
      pending = 0;
    }
    // number formats first, so text that looks like a formula lands in a Text cell and stays text
    if (c.formats) range.numberFormat = c.formats;
    if (c.cells.some((r) => r.some(isFormula))) range.formulas = c.out;
    else range.values = c.out;
    pending += c.bytes;
    onProgress?.(i + 1, chunks.length);
  }

  for (const f of spec.formats) {
    const range = sheet.getRange(f.range);
    if (f.bold !== undefined) range.format.font.bold = f.bold;
    if (f.italic !== undefined) range.format.font.italic = f.italic;
    if (f.fontColor) range.format.font.color = f.fontColor;
    if (f.fontSize) range.format.font.size = f.fontSize;
    if (f.fill) range.format.fill.color = f.fill;
    if (f.wrap !== undefined) range.format.wrapText = f.wrap;
    if (f.horizontalAlignment) range.format.horizontalAlignment = f.horizontalAlignment;
    if (f.verticalAlignment) range.format.verticalAlignment = f.verticalAlignment;
  }
  for (const w of spec.columnWidths) sheet.getRange(`${columnLetter(w.col)}:${columnLetter(w.col)}`).format.columnWidth = Math.round(w.width * 6);
  for (const cf of spec.conditionalFormats) addConditionalFormat(sheet, cf);
  if (spec.freeze) {
    const { rows, cols } = spec.freeze;
    if (rows > 0 && cols > 0) sheet.freezePanes.freezeAt(`A1:${columnLetter(cols - 1)}${rows}`);
    else if (rows > 0) sheet.freezePanes.freezeRows(rows);
    else if (cols > 0) sheet.freezePanes.freezeColumns(cols);
  }
  if (spec.filter) sheet.autoFilter.apply(spec.filter);
  if (spec.notes.length > 0 && notes) {
    for (const n of spec.notes) sheet.notes.add(n.cell, n.text);
  }
  applyRowHeights(sheet, spec);
  if (spec.print) applyPrintSetup(sheet, spec.print);
  stats.chartNotes = addExcelCharts(sheet, spec);
  sheet.activate();
  await sync(pending + jsonBytes(spec.formats) + jsonBytes(spec.conditionalFormats) + jsonBytes(spec.notes) + jsonBytes(spec.charts));
  return stats;
}
