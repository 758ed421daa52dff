/**
 * Reading users' tables through Excel.run: the used range of a sheet (wherever it starts) or the selection, in
 * row chunks whose responses stay under Excel on the web's 5 MB limit counted in UTF-8 bytes, and the workbook's
 * date system. Read-only: nothing here writes to the workbook.
 *
 * A response's size is only known once read, so chunks adapt: a first chunk of PROBE_ROWS rows, then as many rows
 * as the budget holds at the largest bytes-per-row seen so far (plus a margin); a chunk Excel still refuses as
 * too large is split in half and read again.
 */
import { conventionsOfCulture, type Conventions } from "../core/read/locale";
import type { CellValue } from "../core/values";
import { jsonBytes } from "./bytes";
import type { ExcelContext, ExcelRange, ExcelWorksheet } from "./excel-surface";

/** Bytes one read response may carry: well under 5 MB, leaving room for the response envelope. */
export const READ_BUDGET_BYTES = 3_500_000;
/** Rows in the first chunk, before anything is known about row sizes. */
export const PROBE_ROWS = 500;
/** Headroom on the measured bytes per row: the next rows may hold longer text than the ones measured. */
const MARGIN = 1.5;

export interface SheetTable {
  sheetName: string;
  address: string;
  values: CellValue[][];
}

export interface ReadOptions {
  /** Response budget per read, in UTF-8 bytes (tests lower it). */
  budget?: number;
  /** Called after each chunk with rows read so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

const TOO_LARGE = new Set(["ResponsePayloadSizeLimitExceeded", "RequestPayloadSizeLimitExceeded"]);

/** Reads `rows` × `cols` values starting at (row, col), in UTF-8-budgeted chunks. */
export async function readRows(context: ExcelContext, sheet: ExcelWorksheet, row: number, col: number, rows: number, cols: number, options: ReadOptions = {}): Promise<CellValue[][]> {
  const budget = options.budget ?? READ_BUDGET_BYTES;
  const out: CellValue[][] = [];
  let per = Math.min(rows, PROBE_ROWS);
  let bytesPerRow = 0;
  for (let r = 0; r < rows; ) {
    const n = Math.max(1, Math.min(per, rows - r));
    const range: ExcelRange = sheet.getRangeByIndexes(row + r, col, n, cols).load("values");
    try {
      await context.sync();
    } catch (e) {
      const code = (e as { code?: string })?.code;
      if (code && TOO_LARGE.has(code) && n > 1) {
        per = Math.floor(n / 2);
        continue;
      }
      throw e;
    }
    const values = range.values as CellValue[][];
    bytesPerRow = Math.max(bytesPerRow, jsonBytes(values) / n);
    for (const v of values) out.push(v);
    r += n;
    options.onProgress?.(r, rows);
    per = Math.max(1, Math.floor(budget / (bytesPerRow * MARGIN)));
  }
  return out;
}

/** The used range of a worksheet (the active one when name is omitted). */
export async function readSheet(context: ExcelContext, name?: string, options: ReadOptions = {}): Promise<SheetTable> {
  const sheet = name ? context.workbook.worksheets.getItem(name) : context.workbook.worksheets.getActiveWorksheet();
  sheet.load("name");
  const used = sheet.getUsedRange(true).load("rowIndex,columnIndex,rowCount,columnCount");
  await context.sync();
  const values = await readRows(context, sheet, used.rowIndex, used.columnIndex, used.rowCount, used.columnCount, options);
  return { sheetName: sheet.name, address: `${sheet.name}!R${used.rowIndex + 1}C${used.columnIndex + 1}:R${used.rowIndex + used.rowCount}C${used.columnIndex + used.columnCount}`, values };
}

/** The current selection (with its header row as the first row). */
export async function readSelection(context: ExcelContext, options: ReadOptions = {}): Promise<SheetTable> {
  const range = context.workbook.getSelectedRange().load("rowIndex,columnIndex,rowCount,columnCount");
  const sheet = range.worksheet;
  sheet.load("name");
  await context.sync();
  const values = await readRows(context, sheet, range.rowIndex, range.columnIndex, range.rowCount, range.columnCount, options);
  return { sheetName: sheet.name, address: `${sheet.name} selection`, values };
}

export async function sheetNames(context: ExcelContext): Promise<string[]> {
  const sheets = context.workbook.worksheets.load("items/name");
  await context.sync();
  return sheets.items.map((s) => s.name);
}

/**
 * Whether the workbook uses the 1904 date system. Office.js has no property for it (neither @types/office-js
 * nor office.js itself carries one), so ask Excel's own DATE function, which answers in the workbook's system:
 * DATE(2000,1,1) is 36526 in the 1900 system and 35064 (1,462 days fewer) in the 1904 system. ExcelApi 1.2.
 */
export async function readDate1904(context: ExcelContext): Promise<boolean> {
  const probe = context.workbook.functions.date(2000, 1, 1).load("value");
  await context.sync();
  return probe.value === DATE_2000_1904;
}

/**
 * How the workbook's region writes decimals and dates, the default for text cells whose values prove neither
 * (`1.200`, `04/05/2026`). Culture info needs ExcelApi 1.12; older hosts read the US defaults, said in the report.
 */
export async function readCulture(context: ExcelContext, supported: boolean): Promise<Conventions> {
  if (!supported) return conventionsOfCulture(undefined, undefined);
  const culture = context.application.cultureInfo;
  culture.numberFormat.load("numberDecimalSeparator");
  culture.datetimeFormat.load("shortDatePattern");
  await context.sync();
  return conventionsOfCulture(culture.numberFormat.numberDecimalSeparator, culture.datetimeFormat.shortDatePattern);
}

export const DATE_2000_1900 = 36526;
export const DATE_2000_1904 = DATE_2000_1900 - 1462;
