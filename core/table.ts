import { valueError } from "./errors";
import { checkTableSize } from "./budgets";
import { fieldOf, normalizeHeader, type Field } from "./headers";
import { readColumns, type ColumnReport, type ReadOptions } from "./read/columns";
import { StringIndex } from "./string-index";
import { isBlank, toText, type CellValue, type Grid } from "./values";

/** What reading a table found beyond its columns: where the header was, what was skipped, what repeats. */
export interface TableReport {
  readonly columns: ColumnReport[];
  /** 1-based row of the header within the range (rows above it were a title and are skipped). */
  readonly headerRow: number;
  /** Trailing rows that were not accounts (report footers such as "Grand Totals"), 1-based. */
  readonly footerRows: number[];
  /** Rows whose account repeats an earlier row's (1-based, the later occurrences). */
  readonly duplicates: { readonly count: number; readonly rows: number[] };
  /** Rows with data but no account name. */
  readonly blankNames: { readonly count: number; readonly rows: number[] };
  /** Table-level sentences (header found below a title, footers ignored, which column joins). */
  readonly notes: string[];
}

/** A user's table: its header texts and data rows, with the sheet row number of each data row for messages. */
export interface Table {
  readonly fn: string;
  readonly headers: string[];
  /** Data rows with text converted per column (numbers, dates as serials); footer rows emptied. */
  readonly rows: CellValue[][];
  /** 1-based row number within the range the user passed, for error messages ("row 14"). */
  readonly rowNumbers: number[];
  /** Whether the first row of `data` was the header row (so outputs start with a header cell). */
  readonly headerInData: boolean;
  /** Rows of the range above the header row (a title), which outputs leave blank to stay aligned. */
  readonly leadingRows: number;
  /** Normalized header → column index (first occurrence wins). */
  readonly index: Map<string, number>;
  /** Canonical field → column index. */
  readonly fields: Map<Field, number>;
  /** The column accounts are joined on: Account ID when there is one, else Account; undefined when neither. */
  readonly keyColumn: number | undefined;
  readonly report: TableReport;
}

/** A host argument that must be a range: scalars become a 1×1 range. `maxRows`: the rows budget (ReadOptions.maxRows). */
export function asGrid(fn: string, arg: string, v: unknown, maxRows?: number): Grid {
  if (v === null || v === undefined) throw valueError(fn, `${arg} is required`);
  if (!Array.isArray(v)) return [[v as CellValue]];
  if (v.length === 0) return [];
  checkTableSize(fn, arg, v.length, Array.isArray(v[0]) ? v[0].length : v.length, maxRows);
  return v.map((row, i) => {
    if (!Array.isArray(row)) {
      if (i === 0 && v.every((x) => !Array.isArray(x))) return [row as CellValue];
      throw valueError(fn, `${arg} must be a range`);
    }
    return row as CellValue[];
  }) as Grid;
}

/** A host's "omitted optional argument": null from Excel, undefined from Sheets, or an empty cell. */
export function isOmitted(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === "string" && v.trim() === "") return true;
  if (Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) && v[0].length === 1) return isOmitted(v[0][0]);
  return false;
}

/** Reads a scalar argument that may arrive as a 1×1 range. */
export function scalarArg(v: unknown): CellValue {
  if (Array.isArray(v)) {
    const first = v[0];
    return (Array.isArray(first) ? first[0] : first) as CellValue;
  }
  return v as CellValue;
}

/** The first of the top rows that looks like a header: two or more cells, one of them a known field. */
function headerRowIndex(grid: Grid): number {
  const limit = Math.min(grid.length, 12);
  for (let r = 0; r < limit; r++) {
    let filled = 0;
    let known = false;
    for (const v of grid[r]) {
      if (isBlank(v)) continue;
      filled++;
      if (!known && typeof v === "string" && fieldOf(v)) known = true;
    }
    if (filled >= 2 && known) return r;
  }
  return 0;
}

const FOOTER_WORDS = /total|records|confidential|copyright|generated|©|filtered by|report|rows? returned/i;

/**
 * A report's totals line, by its label alone: "Total", "Grand Total", "Grand Totals (40 records)", "Subtotal:".
 * Exact, so that an account named "Total Wine & More" is still an account.
 */
const TOTALS_LABEL = /^(grand\s+)?(sub-?)?totals?:?(\s*\(\s*[\d,.]+\s+(records?|rows?|accounts?)\s*\))?$/i;

/** Whether a row is a totals line: its first filled cell is a totals label (its other cells are sums). */
function isTotalsRow(row: readonly CellValue[]): boolean {
  for (const v of row) if (!isBlank(v)) return typeof v === "string" && TOTALS_LABEL.test(v.trim());
  return false;
}

/**
 * Trailing rows under a table at least three columns wide that are a report's footer: lines holding at most one
 * cell, and totals lines (which hold sums in the table's columns: read as an account, they would be one).
 */
function footerStart(rows: CellValue[][], width: number): number {
  if (width < 3) return rows.length;
  let start = rows.length;
  for (let r = rows.length - 1; r >= 0; r--) {
    let filled = 0;
    for (const v of rows[r]) if (!isBlank(v) && ++filled > 1) break;
    if (filled > 1 && !isTotalsRow(rows[r])) break;
    start = r;
  }
  // a footer is set off by a blank line or says what it is; an account with a name and nothing else is not one,
  // and trailing blank rows alone are left as they are (outputs stay aligned)
  let said = false;
  let spaced = false;
  for (let r = start; r < rows.length; r++) {
    if (isBlankRow(rows[r])) spaced = true;
    else if (rows[r].some((v) => typeof v === "string" && FOOTER_WORDS.test(v))) said = true;
  }
  const text = rows.slice(start).some((row) => !isBlankRow(row));
  // (a totals line says what it is: its label is one of the footer words)
  return text && (said || spaced) ? start : rows.length;
}

function firstRows(rows: number[]): number[] {
  return rows.slice(0, 5);
}

/**
 * Repeated accounts and rows with data but no name: counted when the report is first read (the CLI, the panes,
 * XSELL_COLUMNS), not on every XSELL_SCORE call, which never shows them.
 */
function accountFindings(rows: CellValue[][], rowNumbers: number[], nameCol: number | undefined, keyColumn: number | undefined, tableNotes: string[]): Pick<TableReport, "duplicates" | "blankNames"> {
  const duplicates: number[] = [];
  const blankNames: number[] = [];
  if (nameCol !== undefined && keyColumn !== undefined) {
    const seen = new StringIndex(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (isBlankRow(row)) continue;
      const key = toText(row[keyColumn]);
      if (toText(row[nameCol]) === "" && key === "") {
        blankNames.push(rowNumbers[r]);
        continue;
      }
      if (key === "") continue;
      const before = seen.size;
      seen.add(key);
      if (seen.size === before) duplicates.push(rowNumbers[r]);
    }
    if (duplicates.length > 0) tableNotes.push(`${duplicates.length} row${duplicates.length === 1 ? " repeats an account" : "s repeat an account"} listed above (row ${firstRows(duplicates).join(", ")}${duplicates.length > 5 ? ", …" : ""}); each row is scored as it stands`);
    if (blankNames.length > 0) tableNotes.push(`${blankNames.length} row${blankNames.length === 1 ? " has" : "s have"} data but no account name (row ${firstRows(blankNames).join(", ")}${blankNames.length > 5 ? ", …" : ""}); left off the Scorecard`);
  }
  return { duplicates: { count: duplicates.length, rows: duplicates }, blankNames: { count: blankNames.length, rows: blankNames } };
}

/**
 * Builds a Table from `data` (with the header row first) or from `data` plus a separate `headers` row,
 * the form that lets `=XSELL_SCORE(B2:L2, B$1:L$1)` be filled down. Every path that reads a user's table
 * (functions, tabs, panes, the CLI) comes through here.
 */
export function readTable(fn: string, data: unknown, headers?: unknown, options: ReadOptions = {}): Table {
  const grid = asGrid(fn, "data", data, options.maxRows);
  let headerRow: CellValue[];
  let rows: CellValue[][];
  let headerInData: boolean;
  let firstRowNumber: number;
  let leadingRows = 0;
  if (isOmitted(headers) && !(Array.isArray(headers) && headers.length > 0 && Array.isArray(headers[0]) && headers[0].length > 1)) {
    if (grid.length === 0) throw valueError(fn, "data is empty; expected a header row and at least one account row");
    leadingRows = headerRowIndex(grid);
    headerRow = grid[leadingRows];
    rows = grid.slice(leadingRows + 1);
    headerInData = true;
    firstRowNumber = leadingRows + 2;
  } else {
    const h = asGrid(fn, "headers", headers);
    if (h.length !== 1) throw valueError(fn, `headers must be a single row, got ${h.length} rows`);
    headerRow = h[0];
    rows = grid.slice();
    headerInData = false;
    firstRowNumber = 1;
    const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
    if (rows.length > 0 && width !== headerRow.length) {
      throw valueError(fn, `headers has ${headerRow.length} columns but data has ${width}; pass ranges of the same width`);
    }
  }
  const headerTexts = headerRow.map((v) => toText(v));
  if (headerTexts.every((t) => t === "")) throw valueError(fn, "the header row is empty; expected column names such as Account, Licenses, NPS");
  const rowNumbers = rows.map((_, i) => i + firstRowNumber);
  const tableNotes: string[] = [];
  if (leadingRows > 0) tableNotes.push(`header row found at row ${leadingRows + 1}; ${leadingRows === 1 ? "row 1 above it was" : `rows 1–${leadingRows} above it were`} skipped as a title`);
  const footerRows: number[] = [];
  if (headerInData) {
    const start = footerStart(rows, headerTexts.length);
    for (let r = start; r < rows.length; r++) {
      if (!isBlankRow(rows[r])) footerRows.push(rowNumbers[r]);
      rows[r] = [];
    }
    if (footerRows.length > 0) tableNotes.push(`${footerRows.length === 1 ? "1 line" : `${footerRows.length} lines`} under the table ignored as a footer (row ${footerRows.join(", ")})`);
  }
  // columns are read over the rows that hold something: a sheet whose far cells (A1048576, XFD1) exist is read as
  // the few rows it has, not as rows × columns of nothing
  let live = 0;
  for (let r = 0; r < rows.length; r++) if (rows[r].length > 0) live++;
  const sparse = live < rows.length;
  // the index of live rows only when some are empty (a list of every row's index is 24 MB at 3 million rows)
  const liveIdx: number[] = [];
  if (sparse) for (let r = 0; r < rows.length; r++) if (rows[r].length > 0) liveIdx.push(r);
  const liveRows = sparse ? liveIdx.map((r) => rows[r]) : rows;
  const { fields: columnFields, report: columns } = readColumns(fn, headerTexts, liveRows, sparse ? liveIdx.map((r) => rowNumbers[r]) : rowNumbers, options);
  if (sparse) liveIdx.forEach((r, k) => (rows[r] = liveRows[k]));
  const ragged: number[] = [];
  for (let r = 0; r < rows.length && ragged.length < 1000; r++) {
    const row = rows[r];
    for (let c = headerTexts.length; c < row.length; c++) {
      if (!isBlank(row[c])) {
        ragged.push(rowNumbers[r]);
        break;
      }
    }
  }
  if (ragged.length > 0) tableNotes.push(`${ragged.length === 1 ? "1 row has" : `${ragged.length} rows have`} values beyond the last header (row ${firstRows(ragged).join(", ")}${ragged.length > 5 ? ", …" : ""}); those cells are ignored`);
  const index = new Map<string, number>();
  const fields = new Map<Field, number>();
  headerTexts.forEach((t, i) => {
    const key = normalizeHeader(t);
    if (key && !index.has(key)) index.set(key, i);
    const f = columnFields[i];
    if (f && !fields.has(f)) fields.set(f, i);
  });
  const idCol = fields.get("Account ID");
  if (!fields.has("Account") && idCol !== undefined) {
    fields.set("Account", idCol);
    tableNotes.push(`no account name column: accounts are named by "${headerTexts[idCol]}"`);
  } else if (idCol !== undefined) {
    tableNotes.push(`accounts are named by "${headerTexts[fields.get("Account")!]}" and joined to other tables by "${headerTexts[idCol]}" when those carry IDs too`);
  }
  const keyColumn = idCol ?? fields.get("Account");
  let report: TableReport | undefined;
  return {
    fn,
    headers: headerTexts,
    rows,
    rowNumbers,
    headerInData,
    leadingRows,
    index,
    fields,
    keyColumn,
    get report(): TableReport {
      if (!report) {
        // one row per account is expected only where there is no Product column (ownership lists an account per product)
        const found = accountFindings(rows, rowNumbers, fields.get("Account"), fields.has("Product") ? undefined : keyColumn, tableNotes);
        report = { columns, headerRow: headerInData ? leadingRows + 1 : 0, footerRows, ...found, notes: tableNotes };
      }
      return report;
    },
  };
}

/** Whether `v` is a table already read (a caller that read it once hands it on instead of its grid). */
export function isTable(v: unknown): v is Table {
  return typeof v === "object" && v !== null && !Array.isArray(v) && "rowNumbers" in v && "headers" in v && "fields" in v;
}

/** Finds a column by canonical field or by its literal header; undefined when absent. */
export function findColumn(table: Table, name: string): number | undefined {
  const field = fieldOf(name);
  // a known field is only ever the column read as it: a header ignored or mapped away is not found by name
  if (field) return table.fields.get(field);
  return table.index.get(normalizeHeader(name));
}

/** Like findColumn but a missing column is an error listing what was expected and what was found. */
export function requireColumn(table: Table, name: string, purpose = ""): number {
  const col = findColumn(table, name);
  if (col !== undefined) return col;
  const found = table.headers.filter((h) => h !== "").map((h) => `"${h}"`);
  const shown = found.length > 12 ? `${found.slice(0, 12).join(", ")}, …` : found.join(", ");
  throw valueError(table.fn, `no column "${name}"${purpose ? ` (${purpose})` : ""}; found ${shown || "no column names"}`);
}

/** A data row with nothing in it (kept so outputs stay aligned row for row with the table). */
export function isBlankRow(row: CellValue[]): boolean {
  for (const v of row) if (!isBlank(v)) return false;
  return true;
}

/** The cell at `row`, `col` (undefined past a ragged row's end). */
export function cell(row: CellValue[], col: number | undefined): CellValue {
  return col === undefined ? undefined : row[col];
}
