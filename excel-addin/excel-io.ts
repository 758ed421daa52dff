/**
 * Reading users' tables through Excel.run: the used range of a sheet or the selection, in row chunks that keep
 * each response well under Excel on the web's 5 MB limit. Read-only: nothing here writes to the workbook.
 */
import type { CellValue } from "../core/values";

/** Cells per read request: at ~20 bytes a cell this stays near 2 MB. */
export const READ_CHUNK_CELLS = 100_000;

export interface SheetTable {
  sheetName: string;
  address: string;
  values: CellValue[][];
}

async function readRows(context: Excel.RequestContext, sheet: Excel.Worksheet, row: number, col: number, rows: number, cols: number): Promise<CellValue[][]> {
  const per = Math.max(1, Math.floor(READ_CHUNK_CELLS / Math.max(1, cols)));
  const out: CellValue[][] = [];
  for (let r = 0; r < rows; r += per) {
    const range = sheet.getRangeByIndexes(row + r, col, Math.min(per, rows - r), cols).load("values");
    await context.sync();
    for (const v of range.values) out.push(v as CellValue[]);
  }
  return out;
}

/** The used range of a worksheet (the active one when name is omitted). */
export async function readSheet(context: Excel.RequestContext, name?: string): Promise<SheetTable> {
  const sheet = name ? context.workbook.worksheets.getItem(name) : context.workbook.worksheets.getActiveWorksheet();
  sheet.load("name");
  const used = sheet.getUsedRange(true).load("rowIndex,columnIndex,rowCount,columnCount");
  await context.sync();
  const values = await readRows(context, sheet, used.rowIndex, used.columnIndex, used.rowCount, used.columnCount);
  return { sheetName: sheet.name, address: `${sheet.name}!R${used.rowIndex + 1}C${used.columnIndex + 1}:R${used.rowIndex + used.rowCount}C${used.columnIndex + used.columnCount}`, values };
}

/** The current selection (with its header row as the first row). */
export async function readSelection(context: Excel.RequestContext): Promise<SheetTable> {
  const range = context.workbook.getSelectedRange().load("rowIndex,columnIndex,rowCount,columnCount");
  const sheet = range.worksheet;
  sheet.load("name");
  await context.sync();
  const values = await readRows(context, sheet, range.rowIndex, range.columnIndex, range.rowCount, range.columnCount);
  return { sheetName: sheet.name, address: `${sheet.name} selection`, values };
}

export async function sheetNames(context: Excel.RequestContext): Promise<string[]> {
  const sheets = context.workbook.worksheets.load("items/name");
  await context.sync();
  return sheets.items.map((s) => s.name);
}
