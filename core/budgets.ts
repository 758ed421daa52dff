/** The budget checks (the figures are in core/limits.ts). */
import { nonFiniteError, valueError } from "./errors";
import { BUDGETS, capCellText, fmtCount as fmt, type TabDestination } from "./limits";

export { BUDGETS, type TabDestination } from "./limits";

/**
 * Refuses a table taller or wider than a sheet, before anything is read from it. `maxRows` is the caller's rows
 * budget: a sheet's height for a host's range, BUDGETS.cliInputRows for a file the CLI read.
 */
export function checkTableSize(fn: string, what: string, rows: number, columns: number, maxRows: number = BUDGETS.rows): void {
  if (rows > maxRows + 1) {
    const why = maxRows === BUDGETS.rows ? "per table (an Excel sheet's height): split it or total it first" : "per file in memory: split it or total it first, or read ownership, retention and subscriptions with --engine duckdb";
    throw valueError(fn, `${what} has ${fmt(rows - 1)} data rows; XSELL reads at most ${fmt(maxRows)} ${why}`);
  }
  if (columns > BUDGETS.columns) throw valueError(fn, `${what} has ${fmt(columns)} columns; XSELL reads at most ${fmt(BUDGETS.columns)} (an Excel sheet's width)`);
}

/** Refuses the product that would pass the budget of distinct products, naming its row. */
export function tooManyProducts(fn: string, where: string): never {
  throw valueError(fn, `ownership has more than ${fmt(BUDGETS.products)} distinct products (${where}); a Product column of SKUs or serial numbers? Use the product or product family column`);
}

/**
 * Refuses an output of rows × cols cells past a sheet's width or the destination's budget, before it is computed:
 * a host's result or tab holds at most BUDGETS.outputCells cells, a tab of the CLI's .xlsx at most an Excel sheet's
 * rows. `what` says what the rows and columns are ("10,000 products × 10,000 products").
 */
export function checkOutputSize(fn: string, rows: number, cols: number, what: string, advice: string, destination: TabDestination = "host"): void {
  if (cols > BUDGETS.columns) throw valueError(fn, `${what}: ${fmt(cols)} columns, more than the ${fmt(BUDGETS.columns)} an Excel sheet has; ${advice}`);
  if (destination === "xlsx") {
    if (rows > BUDGETS.xlsxTabRows) throw valueError(fn, `${what}: ${fmt(rows)} rows, more than the ${fmt(BUDGETS.xlsxTabRows)} an Excel sheet has; ${advice}`);
  } else if (rows * cols > BUDGETS.outputCells) throw valueError(fn, `${what}: ${fmt(rows * cols)} cells, more than the ${fmt(BUDGETS.outputCells)} one result may hold; ${advice}`);
}

/**
 * The size safety net every tab passes (core/tabs/index.ts buildTab), for its destination: a host's tab holds at
 * most BUDGETS.outputCells cells, a tab of the CLI's .xlsx at most an Excel sheet's rows.
 */
export function checkTabExtent(tab: string, blocks: readonly { cells: unknown[][] }[], rows: number, destination: TabDestination = "host"): void {
  if (destination === "xlsx") {
    if (rows > BUDGETS.xlsxTabRows) throw valueError(tab, `the tab would hold ${fmt(rows)} rows, more than the ${fmt(BUDGETS.xlsxTabRows)} an Excel sheet has`);
    return;
  }
  let cells = 0;
  for (const b of blocks) cells += b.cells.length * (b.cells[0]?.length ?? 0);
  if (cells > BUDGETS.outputCells) throw valueError(tab, `the tab would hold ${fmt(cells)} cells, more than the ${fmt(BUDGETS.outputCells)} one tab may hold`);
}


/** On a block's rows made when read (core/tabs/spec.ts rowsOf): row i before its long text is cut, for the check to note the cut. */
export const RAW_ROW = Symbol("raw row");

/**
 * A tab's cells, checked once for every builder (SpecBuilder.finish): a NaN or Infinity refuses the tab with the
 * sentence the functions give (never "Infinity" in a cell or <v>Infinity</v> in a file), text past a cell's
 * limit is cut in place, and a tab wider than a sheet is refused rather than failing in a host (its height or
 * cells are checked for its destination by checkTabExtent). Returns the [row, col] of each cut cell, for notes.
 */
export function checkTabCells(tab: string, blocks: readonly { row: number; col: number; cells: unknown[][] }[], cols: number): [number, number][] {
  if (cols > BUDGETS.columns) throw valueError(tab, `the tab needs ${fmt(cols)} columns, more than the ${fmt(BUDGETS.columns)} an Excel sheet has`);
  const cut: [number, number][] = [];
  for (const b of blocks) {
    const raw = (b.cells as unknown as { [RAW_ROW]?: (i: number) => unknown[] })[RAW_ROW];
    for (let i = 0, n = b.cells.length; i < n; i++) {
      const r = raw ? raw(i) : b.cells[i];
      for (let j = 0; j < r.length; j++) {
        const v = r[j];
        if (typeof v === "number" && !Number.isFinite(v)) throw nonFiniteError(tab, v);
        if (typeof v === "string" && v.length > BUDGETS.cellChars) {
          r[j] = capCellText(v);
          cut.push([b.row + i, b.col + j]);
        }
      }
    }
  }
  return cut;
}
