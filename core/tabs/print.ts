/**
 * Page headers and footers in Excel's header codes (&L left, &C centre, &R right, &P page, &N pages), shared by
 * the xlsx writer and the Excel renderer so both files print alike. A literal "&" in a title is written "&&".
 */
import { DEFAULT_COLUMN_WIDTH, PORTRAIT_MAX_CHARS, a1Range, parseA1, widthOf, type PrintSetup, type SheetSpec } from "./spec";

const literal = (text: string): string => text.replace(/&/g, "&&");

export interface PageHeaderFooter {
  /** The tab's title, bold. */
  readonly leftHeader: string;
  /** "As of 2026-11-01", or empty. */
  readonly rightHeader: string;
  /** "Page 2 of 5". */
  readonly centerFooter: string;
}

export function pageHeaderFooter(print: PrintSetup): PageHeaderFooter {
  return {
    leftHeader: `&"-,Bold"${literal(print.title)}`,
    rightHeader: print.asOf ? `As of ${literal(print.asOf)}` : "",
    centerFooter: "Page &P of &N",
  };
}

/** The same header as one OOXML oddHeader string (the xlsx writer's form). */
export function oddHeader(print: PrintSetup): string {
  const h = pageHeaderFooter(print);
  return `&L${h.leftHeader}${h.rightHeader ? `&R${h.rightHeader}` : ""}`;
}

export function oddFooter(print: PrintSetup): string {
  return `&C${pageHeaderFooter(print).centerFooter}`;
}

/** "1:1" → the rows to repeat as Excel addresses them ("$1:$1"), or null when none. */
export function printTitleRows(print: PrintSetup): string | null {
  return print.repeatRows > 0 ? `$1:$${print.repeatRows}` : null;
}

/** Pixels of a column `width` characters wide (Excel: 7 px a character plus 5 px of padding), and of a default row. */
const columnPx = (width: number): number => Math.round(width * 7 + 5);
const ROW_PX = 20;
/** Rows of a table short enough to print on one landscape page with its charts beside it. */
const SHORT_TABLE_ROWS = 45;

/** The cells a tab's charts sit over, as one box (0-based), or null when it has none. */
export function chartBox(spec: Pick<SheetSpec, "charts" | "columnWidths">): { row: number; col: number; rows: number; cols: number } | null {
  if (spec.charts.length === 0) return null;
  const widths = new Map(spec.columnWidths.map((c) => [c.col, c.width]));
  let top = Infinity, left = Infinity, bottom = 0, right = 0;
  for (const c of spec.charts) {
    const at = parseA1(c.anchor);
    let cols = 0;
    for (let px = 0; px < c.width; cols++) px += columnPx(widths.get(at.col + cols) ?? DEFAULT_COLUMN_WIDTH);
    top = Math.min(top, at.row);
    left = Math.min(left, at.col);
    bottom = Math.max(bottom, at.row + Math.ceil(c.height / ROW_PX) + 1);
    right = Math.max(right, at.col + cols);
  }
  return { row: top, col: left, rows: bottom - top, cols: right - left };
}

/**
 * The print area with the tab's charts on paper: charts beside a short first part (a table of about a page) widen
 * it, charts within the printed columns and below it extend it down; charts anywhere else print as their own part,
 * first, so the paper copy leads with its pictures as the screen does.
 */
export function areaWithCharts(spec: Pick<SheetSpec, "charts" | "columnWidths">, area: string): string {
  const box = chartBox(spec);
  if (!box || !area) return area;
  const parts = area.split(",").map(parseA1);
  const inside = (p: typeof box, q: typeof box): boolean => q.col >= p.col && q.col + q.cols <= p.col + p.cols && q.row >= p.row;
  if (parts.some((p) => inside(p, box) && box.row + box.rows <= p.row + p.rows)) return area;
  const first = parts[0];
  // a short table (about a landscape page) takes its charts in beside or below it while the two fit one page
  const left = Math.min(first.col, box.col);
  const right = Math.max(first.col + first.cols, box.col + box.cols);
  const top = Math.min(first.row, box.row);
  const bottom = Math.max(first.row + first.rows, box.row + box.rows);
  if (bottom - top <= SHORT_TABLE_ROWS && widthOf(spec, left, right - left) <= 2 * PORTRAIT_MAX_CHARS) {
    parts[0] = { row: top, col: left, rows: bottom - top, cols: right - left };
    return parts.map((p) => a1Range(p.row, p.col, p.rows, p.cols)).join(",");
  }
  if (inside(first, box)) {
    parts[0] = { ...first, rows: Math.max(first.rows, box.row + box.rows - first.row) };
    return parts.map((p) => a1Range(p.row, p.col, p.rows, p.cols)).join(",");
  }
  return [a1Range(box.row, box.col, box.rows, box.cols), area].join(",");
}

/**
 * Accounts a long list prints: a QBR reads the best of them, not a dump of every row (the whole list stays on
 * screen, sorted and filtered). The page header says how many of how many are printed.
 */
export const PRINTED_ACCOUNTS = 30;

/** "Scorecard — all 1,200 accounts charted; the top 30 by score listed" (short: it shares the header with the date), or the tab's name. */
export function printedListTitle(tab: string, printed: number, total: number, order = ""): string {
  // true on every page it heads: the charts (and totals) are of all the accounts, the list of the top ones
  return printed >= total ? tab : `${tab} — all ${total.toLocaleString("en-US")} accounts charted; the top ${printed.toLocaleString("en-US")}${order} listed`;
}
