/**
 * Reads the user's tables from CSV or xlsx files (a sheet of the accounts workbook may be named instead of a
 * file). Values arrive as the core expects them: text from CSV; numbers, text, booleans, Dates from xlsx
 * (formula cells give their cached result, rich text its plain text, error cells their error text).
 */
import { isAscii } from "node:buffer";
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { extname } from "node:path";
import type ExcelJS from "exceljs";
import type { ReadOptions } from "../core/read/columns";
import type { CellValue } from "../core/values";
import { decodeBytes, decodeWindows1252, DelimitedParser, DELIMITER_NAMES, detectDelimiter, parseDelimited, type Delimiter } from "./csv";
import { CliError } from "./io";
import { scanXlsx, XLSX_LIMITS } from "./xlsx-scan";

/** The largest input file read, in bytes (a spreadsheet's own limits are well below). */
export const MAX_INPUT_BYTES = 1024 * 2 ** 20;

export interface LoadedTable {
  /** Where it came from, for messages: "accounts.csv" or "book.xlsx › Ownership". */
  label: string;
  rows: CellValue[][];
  /** The file's conventions, the defaults for columns whose values prove none: a `;` file is day-first, decimal comma. */
  conventions: Pick<ReadOptions, "dateOrder" | "decimal">;
  /** How the file was read, for the column report: "UTF-8, comma-delimited". */
  format: string;
}

/** Rows of text from a delimited file's bytes, refusing what cannot be a table. */
export function readDelimited(label: string, bytes: Uint8Array): LoadedTable {
  if (bytes.length === 0) throw new CliError(`${label} is empty (0 bytes); expected a header row and account rows`);
  const { text, encoding } = decodeBytes(bytes);
  const { rows, delimiter } = parseDelimited(text, undefined, label);
  return delimitedTable(label, rows, delimiter, encoding);
}

function delimitedTable(label: string, rows: string[][], delimiter: Delimiter, encoding: string): LoadedTable {
  let filled = 0;
  for (const r of rows) if (r.some((v) => v.trim() !== "") && ++filled > 1) break;
  if (filled === 0) throw new CliError(`${label} has no text; expected a header row and account rows`);
  if (filled === 1) throw new CliError(`${label} has a header row but no data rows`);
  // a semicolon file is what European Excel writes: day-first dates and decimal commas unless values prove otherwise
  const european = delimiter === ";" || hasDecimalCommas(rows);
  return {
    label,
    rows,
    conventions: european ? { dateOrder: "dmy", decimal: "," } : { dateOrder: "mdy", decimal: "." },
    format: `${encoding}, ${DELIMITER_NAMES[delimiter]}-delimited${european ? ", European conventions (day first, decimal comma) unless values show otherwise" : ""}`,
  };
}

/** How much of a file is read and parsed at a time. */
const CHUNK_BYTES = 8 * 2 ** 20;

/**
 * A delimited file read a chunk at a time: the text is decoded and parsed as it arrives, so only the rows (never
 * the whole file as bytes and again as text) are held. UTF-8 that turns out invalid is read again as
 * Windows-1252; UTF-16 (rare, and twice the bytes) is decoded whole.
 */
export function readDelimitedFile(path: string, label: string, onBytes?: (bytes: number) => void, maxRows?: number): LoadedTable {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    if (size === 0) throw new CliError(`${label} is empty (0 bytes); expected a header row and account rows`);
    const head = Buffer.alloc(Math.min(size, 4096));
    readSync(fd, head, 0, head.length, 0);
    const sniff = decodeBytes(head.subarray(0, head.length & ~1));
    if (sniff.encoding.startsWith("UTF-16")) return readDelimited(label, readFileSync(path));
    const bom = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    try {
      return parseStream(fd, size, bom, label, "utf-8", onBytes, maxRows);
    } catch (e) {
      if (!(e instanceof TypeError)) throw e; // invalid UTF-8: the bytes are Windows-1252
      return parseStream(fd, size, 0, label, "windows-1252", undefined, maxRows);
    }
  } finally {
    closeSync(fd);
  }
}

/** `maxRows`: the input rows budget (default BUDGETS.cliInputRows; tests lower it). */
function parseStream(fd: number, size: number, from: number, label: string, encoding: "utf-8" | "windows-1252", onBytes?: (bytes: number) => void, maxRows?: number): LoadedTable {
  const decoder = encoding === "utf-8" ? new TextDecoder("utf-8", { fatal: true }) : null;
  const buf = Buffer.alloc(Math.min(CHUNK_BYTES, Math.max(1, size)));
  let parser: DelimitedParser | null = null;
  let delimiter: Delimiter = ",";
  let pos = from;
  let ascii = true;
  while (pos < size) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, size - pos), pos);
    if (n <= 0) break;
    pos += n;
    const bytes = buf.subarray(0, n);
    // ASCII (most exports) is its own UTF-8 and Latin-1: copied as one-byte text, a twentieth of decoding's time.
    // Only until the first chunk that is not: the decoder then keeps any sequence split across chunks
    ascii = ascii && isAscii(bytes);
    const text = decoder ? (ascii ? bytes.toString("latin1", 0, n) : decoder.decode(bytes, { stream: pos < size })) : decodeWindows1252(bytes);
    if (!parser) {
      delimiter = detectDelimiter(text);
      parser = new DelimitedParser(delimiter, label, maxRows);
    }
    parser.push(text);
    onBytes?.(n);
  }
  const rows = parser ? parser.end() : [];
  return delimitedTable(label, rows, delimiter, encoding === "windows-1252" ? "Windows-1252" : from === 3 ? "UTF-8 with BOM" : "UTF-8");
}

/**
 * Whether the file writes numbers like `0,66` or `1.234,5`, or dates like `31.12.2025` (Central European Excel):
 * then `1.500` in a column that proves nothing is 1500, not 1.5.
 */
function hasDecimalCommas(rows: string[][]): boolean {
  let n = 0;
  for (const row of rows.slice(1, 200)) for (const v of row) if (/^-?\d{1,3}(\.\d{3})*,\d{1,2}$|^-?0,\d+$|^\d{1,2}\.\d{1,2}\.\d{4}$/.test(v.trim()) && ++n >= 3) return true;
  return false;
}

function excelCell(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v; // ExcelJS dates are UTC midnights, the core's convention for Date objects
  if (typeof v === "object") {
    if ("result" in v) return excelCell((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ("richText" in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join("");
    if ("error" in v) return (v as ExcelJS.CellErrorValue).error;
    if ("text" in v) return String((v as ExcelJS.CellHyperlinkValue).text);
    return "";
  }
  return v as CellValue;
}

const books = new Map<string, Promise<ExcelJS.Workbook>>();

function openBook(path: string): Promise<ExcelJS.Workbook> {
  let p = books.get(path);
  if (!p) {
    // the budgets are checked on the package as it inflates, before ExcelJS materialises every sheet of it;
    // ExcelJS is loaded when a workbook is read, not on every run: it takes a second or more to load
    p = scanXlsx(path).then(() => import("exceljs")).then(({ default: ExcelJS }) => {
      const wb = new ExcelJS.Workbook();
      return wb.xlsx.readFile(path).then(
      () => wb,
      (e: unknown) => {
        throw new CliError(`cannot read ${path}: not a readable .xlsx workbook (${e instanceof Error ? e.message.split("\n")[0] : String(e)})`);
      },
      );
    });
    books.set(path, p);
  }
  return p;
}

/** The most cells a sheet is read into (rows that hold a value × their width): beyond it, the sheet is refused. */
export const MAX_SHEET_CELLS = XLSX_LIMITS.cells;

/**
 * A sheet's cells, reading only the cells that exist: a sheet with values at A1, XFD1 and A1048576 is three cells,
 * not the 17 billion its dimensions imply. Rows with no value in between are one shared empty row.
 */
function sheetRows(ws: ExcelJS.Worksheet, label: string): CellValue[][] {
  const rows: CellValue[][] = [];
  const EMPTY: CellValue[] = [];
  let cells = 0;
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const out: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      out[c - 1] = excelCell(cell.value);
    });
    for (let c = 0; c < out.length; c++) if (out[c] === undefined) out[c] = "";
    cells += out.length;
    if (cells > MAX_SHEET_CELLS) throw new CliError(`${label} holds more than ${MAX_SHEET_CELLS.toLocaleString("en-US")} cells in its rows; split it, or use the warehouse path`);
    rows[n - 1] = out;
  });
  for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = EMPTY;
  return rows;
}

/** A CSV or xlsx file; `sheet` picks a worksheet of an xlsx (default: the first). */
export async function readTableFile(path: string, sheet?: string, onBytes?: (bytes: number) => void): Promise<LoadedTable> {
  if (!existsSync(path)) throw new CliError(`cannot read ${path}: no such file`);
  const st = statSync(path);
  // regular files only: a folder, a device (/dev/zero) or a FIFO would fail late, read forever or block
  if (st.isDirectory()) throw new CliError(`cannot read ${path}: it is a folder, not a file`);
  if (!st.isFile()) throw new CliError(`cannot read ${path}: it is not a regular file (a device, a pipe or a socket)`);
  if (st.size > MAX_INPUT_BYTES) throw new CliError(`cannot read ${path}: it is ${(st.size / 2 ** 20).toFixed(0)} MB; inputs up to ${MAX_INPUT_BYTES / 2 ** 20} MB are read (a larger table belongs in a warehouse)`);
  const ext = extname(path).toLowerCase();
  if (ext === ".csv" || ext === ".tsv" || ext === ".txt") return readDelimitedFile(path, path, onBytes);
  if (ext === ".xlsx" || ext === ".xlsm") {
    const wb = await openBook(path);
    const ws = sheet ? wb.worksheets.find((w) => w.name.toLowerCase() === sheet.toLowerCase()) : wb.worksheets[0];
    if (!ws) throw new CliError(`cannot read sheet "${sheet}" of ${path}: it has ${wb.worksheets.map((w) => `"${w.name}"`).join(", ") || "no sheets"}`);
    const label = `${path} › ${ws.name}`;
    const rows = sheetRows(ws, label);
    const filled = rows.filter((r) => r.some((v) => v !== "" && v !== null && v !== undefined)).length;
    if (filled === 0) throw new CliError(`${label} is empty; expected a header row and account rows`);
    if (filled === 1) throw new CliError(`${label} has a header row but no data rows`);
    return { label, rows, conventions: {}, format: "Excel workbook" };
  }
  throw new CliError(`cannot read ${path}: expected a .csv, .tsv, .txt or .xlsx file`);
}

/**
 * An --ownership/--retention/--prices value: a file, or the name of a sheet in the accounts workbook.
 */
export async function readTableRef(value: string, accountsPath: string, onBytes?: (bytes: number) => void): Promise<LoadedTable> {
  if (existsSync(value)) return readTableFile(value, undefined, onBytes);
  const ext = extname(accountsPath).toLowerCase();
  if (ext === ".xlsx" || ext === ".xlsm") return readTableFile(accountsPath, value);
  throw new CliError(`cannot read ${value}: no such file (a sheet name only works when the accounts input is an .xlsx workbook)`);
}
