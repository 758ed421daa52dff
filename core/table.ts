import { valueError } from "./errors";
import { fieldOf, normalizeHeader, type Field } from "./headers";
import { isBlank, toText, type CellValue, type Grid } from "./values";

/** A user's table: its header texts and data rows, with the sheet row number of each data row for messages. */
export interface Table {
  readonly fn: string;
  readonly headers: string[];
  readonly rows: CellValue[][];
  /** 1-based row number within the range the user passed, for error messages ("row 14"). */
  readonly rowNumbers: number[];
  /** Whether the first row of `data` was the header row (so outputs start with a header cell). */
  readonly headerInData: boolean;
  /** Normalized header → column index (first occurrence wins). */
  readonly index: Map<string, number>;
  /** Canonical field → column index. */
  readonly fields: Map<Field, number>;
}

/** A host argument that must be a range: scalars become a 1×1 range. */
export function asGrid(fn: string, arg: string, v: unknown): Grid {
  if (v === null || v === undefined) throw valueError(fn, `${arg} is required`);
  if (!Array.isArray(v)) return [[v as CellValue]];
  if (v.length === 0) return [];
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

/**
 * Builds a Table from `data` (with the header row first) or from `data` plus a separate `headers` row,
 * the form that lets `=XSELL_SCORE(B2:L2, B$1:L$1)` be filled down.
 */
export function readTable(fn: string, data: unknown, headers?: unknown): Table {
  const grid = asGrid(fn, "data", data);
  let headerRow: CellValue[];
  let rows: CellValue[][];
  let headerInData: boolean;
  let firstRowNumber: number;
  if (isOmitted(headers) && !(Array.isArray(headers) && headers.length > 0 && Array.isArray(headers[0]) && headers[0].length > 1)) {
    if (grid.length === 0) throw valueError(fn, "data is empty; expected a header row and at least one account row");
    headerRow = grid[0];
    rows = grid.slice(1);
    headerInData = true;
    firstRowNumber = 2;
  } else {
    const h = asGrid(fn, "headers", headers);
    if (h.length !== 1) throw valueError(fn, `headers must be a single row, got ${h.length} rows`);
    headerRow = h[0];
    rows = grid;
    headerInData = false;
    firstRowNumber = 1;
    const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
    if (rows.length > 0 && width !== headerRow.length) {
      throw valueError(fn, `headers has ${headerRow.length} columns but data has ${width}; pass ranges of the same width`);
    }
  }
  const headerTexts = headerRow.map((v) => toText(v));
  if (headerTexts.every((t) => t === "")) throw valueError(fn, "the header row is empty; expected column names such as Account, Licenses, NPS");
  const index = new Map<string, number>();
  const fields = new Map<Field, number>();
  headerTexts.forEach((t, i) => {
    const key = normalizeHeader(t);
    if (key && !index.has(key)) index.set(key, i);
    const f = fieldOf(t);
    if (f && !fields.has(f)) fields.set(f, i);
  });
  return {
    fn,
    headers: headerTexts,
    rows,
    rowNumbers: rows.map((_, i) => i + firstRowNumber),
    headerInData,
    index,
    fields,
  };
}

/** Finds a column by canonical field or by its literal header; undefined when absent. */
export function findColumn(table: Table, name: string): number | undefined {
  const field = fieldOf(name);
  if (field && table.fields.has(field)) return table.fields.get(field);
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
