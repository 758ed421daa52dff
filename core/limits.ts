/**
 * What one call may read and write, stated once (README and SECURITY.md list the same figures, and a test checks
 * that they do). Each is checked before the work it bounds starts (core/budgets.ts), and exceeding one is one
 * plain sentence naming the function, the table and the limit: never a hang, an out-of-memory abort or a host's
 * own error. No imports: errors.ts and the renderers read it too.
 */
export const BUDGETS = {
  /** Data rows per table: Excel's sheet height (1,048,576 rows) below a header row. */
  rows: 1_048_576,
  /**
   * Data rows per input file of the CLI (a file is not a sheet: a long ownership table of a million accounts is
   * about 3 million rows). Ten million rows is where the in-memory engine's working set (the parsed rows, about
   * 100 bytes each, plus what is computed from them) would pass the 2 GB a million-account report promises; past
   * it, retention and subscription histories are read by `--engine duckdb`.
   */
  cliInputRows: 10_000_000,
  /** Columns per table and per tab: Excel's sheet width (XFD). */
  columns: 16_384,
  /** Distinct products in an ownership table: far beyond any catalog; more is a SKU or serial column. */
  products: 100_000,
  /** Cells one call returns or one tab holds in a host's workbook: Google Sheets' limit for a whole spreadsheet. */
  outputCells: 10_000_000,
  /**
   * Rows of one tab in the .xlsx file the CLI writes: an Excel sheet's height (with `columns`, its width), since the
   * file is opened in Excel, not held in a spreadsheet under Sheets' cells limit.
   */
  xlsxTabRows: 1_048_576,
  /** Characters one call returns or one tab holds, over all its text cells (200 MB as UTF-16). */
  outputChars: 100_000_000,
  /**
   * Products co-owned by one account, paired, over all accounts (Σ owned² / 2): the work of finding forced bundles
   * from co-owned pairs. Far beyond real ownership (a million accounts owning 30 products each is 450 million).
   */
  pairVisits: 500_000_000,
  /** Characters in one cell: Excel's limit (Sheets allows 50,000); longer text is cut, with a note. */
  cellChars: 32_767,
} as const;

/**
 * Where a tab goes: a host's live workbook (Excel or Sheets: at most `outputCells` cells a tab) or the .xlsx file
 * the CLI writes (at most an Excel sheet, `xlsxTabRows` × `columns`).
 */
export type TabDestination = "host" | "xlsx";

export const fmtCount = (n: number): string => n.toLocaleString("en-US");

/** The note that ends a cut cell. */
export const cutNote = (length: number): string => ` … [cut: ${fmtCount(length)} characters, a cell holds ${fmtCount(BUDGETS.cellChars)}]`;

/** Text within a cell's limit: cut with the note at its end when longer (the note counts toward the limit). */
export function capCellText(s: string): string {
  if (s.length <= BUDGETS.cellChars) return s;
  const note = cutNote(s.length);
  let keep = BUDGETS.cellChars - note.length;
  // never split a surrogate pair
  const c = s.charCodeAt(keep - 1);
  if (c >= 0xd800 && c <= 0xdbff) keep--;
  return s.slice(0, keep) + note;
}
