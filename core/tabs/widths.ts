/**
 * Column widths from content: each column as wide as its header (wrapped to at most HEADER_LINES lines, as the
 * header wrap shows it) and its values as their number format prints them ("$1,234,567", "35%"), within caps.
 * Only a bounded sample of each block's rows is read (the first and last rows and an even stride between), so a
 * 1,000,000-row tab costs as much as a 600-row one.
 */
import { parseA1, type Block, type Format, type SpecCell } from "./spec";

/** What a builder may say about its widths: caps for every column, and columns it sizes itself (deliberately). */
export interface WidthRule {
  /** Narrowest and widest a column gets, in characters of width (widths of "0"). */
  readonly min: number;
  readonly max: number;
  /** Per-column caps that differ, e.g. a wrapped reasons column allowed wider than the rest. */
  readonly caps?: readonly { readonly col: number; readonly min?: number; readonly max?: number }[];
}

/** The caps every tab gets unless its builder says otherwise. */
export const DEFAULT_WIDTH_RULE: WidthRule = { min: 6, max: 40 };
/** Lines a wrapped cell (a header) may take before its column widens. */
export const HEADER_LINES = 2;
/** Rows read from each end of a block, and at most this many more between them, at an even stride. */
export const SAMPLE_ENDS = 150;
export const SAMPLE_MIDDLE = 300;
/** A column is this much wider than its widest text: the cell's margins and a gap, so a right-aligned number
 * does not run into the text of the next column. */
export const PADDING = 2;
/**
 * Characters of text a width (of "0") holds: in Calibri plain text averages about 1.2 (fitRowHeights' estimate),
 * but LibreOffice without Calibri's metrics draws DejaVu Sans, about 1 character a width, bold about 0.9; columns
 * are sized for the wider face, so neither cuts a word.
 */
export const PLAIN_CHARS_PER_WIDTH = 1;
export const BOLD_CHARS_PER_WIDTH = 0.9;

/** Row indexes of a block of `n` rows that are read: all of a small block, else both ends and a stride between. */
export function sampleRows(n: number): number[] {
  if (n <= 2 * SAMPLE_ENDS + SAMPLE_MIDDLE) return Array.from({ length: n }, (_, i) => i);
  const rows: number[] = [];
  for (let i = 0; i < SAMPLE_ENDS; i++) rows.push(i);
  const span = n - 2 * SAMPLE_ENDS;
  for (let k = 0; k < SAMPLE_MIDDLE; k++) rows.push(SAMPLE_ENDS + Math.floor((k * span) / SAMPLE_MIDDLE));
  for (let i = n - SAMPLE_ENDS; i < n; i++) rows.push(i);
  return rows;
}

const grouped = (x: number, decimals: number): string => x.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

/**
 * A number as a number format shows it, for the formats the tabs use ("$#,##0", "#,##0.0", "0%", "0.0%", "0.00",
 * "yyyy-mm"…); "General" (no format) shows up to 11 characters, as spreadsheets do.
 */
export function formattedText(x: number, numberFormat?: string): string {
  const f = numberFormat ?? "General";
  if (/^[yd]/.test(f)) return f.replace(/"/g, "");
  const decimals = (/\.(0+)/.exec(f)?.[1] ?? "").length;
  const percent = f.includes("%");
  const v = percent ? x * 100 : x;
  if (f === "General") {
    const s = String(Math.round(x * 1e9) / 1e9);
    return s.length > 11 ? x.toPrecision(6) : s;
  }
  const body = f.includes(",") ? grouped(Math.abs(v), decimals) : Math.abs(v).toFixed(decimals);
  const prefix = f.startsWith("$") ? "$" : "";
  return `${v < 0 ? "-" : ""}${prefix}${body}${percent ? "%" : ""}`;
}

/** Width a text needs: its characters at PLAIN_CHARS_PER_WIDTH, or BOLD_CHARS_PER_WIDTH when bold. */
export function textWidth(text: string, bold: boolean): number {
  return Math.ceil(text.length / (bold ? BOLD_CHARS_PER_WIDTH : PLAIN_CHARS_PER_WIDTH));
}

/** The narrowest width at which `text` wraps into at most `lines` lines (never narrower than its longest word). */
export function wrappedWidth(text: string, bold: boolean, lines = HEADER_LINES): number {
  const words = text.split(/\s+/).filter(Boolean);
  const longest = Math.max(0, ...words.map((w) => w.length));
  for (let chars = longest; chars <= text.length; chars++) {
    if (greedyLines(words, chars) <= lines) return textWidth("x".repeat(chars), bold);
  }
  return textWidth(text, bold);
}

function greedyLines(words: readonly string[], per: number): number {
  let lines = 1;
  let used = 0;
  for (const w of words) {
    if (used === 0) used = w.length;
    else if (used + 1 + w.length <= per) used += 1 + w.length;
    else {
      lines++;
      used = w.length;
    }
  }
  return lines;
}

interface ColumnFormats {
  readonly row: number;
  readonly rows: number;
  readonly f: Format;
}

/**
 * Widths in characters for columns 0…cols−1 from the blocks' sampled cells. A row whose only text is its first
 * cell (a title or a sentence over empty cells), every single-column block (lines of text) and plain text ending
 * its row (neither bold nor wrapped: a source or an explanation) spill to the right by design and are not
 * measured; a wrapped cell counts at the width it wraps into HEADER_LINES lines; a
 * SUM formula counts as the mean of the numbers sampled in its range times the range's cells (a total is wider
 * than its parts); other formulas add nothing (their column's numbers speak for them). Columns in `fixed` are
 * left out (their builder sizes them), and so are empty ones (the host's default width).
 */
export function contentWidths(blocks: readonly Block[], formats: readonly Format[], cols: number, rule: WidthRule = DEFAULT_WIDTH_RULE, fixed: ReadonlySet<number> = new Set()): { col: number; width: number }[] {
  const byCol: ColumnFormats[][] = Array.from({ length: cols }, () => []);
  for (const f of formats) {
    const r = parseA1(f.range);
    for (let c = r.col; c < Math.min(cols, r.col + r.cols); c++) byCol[c].push({ row: r.row, rows: r.rows, f });
  }
  const need = new Array<number>(cols).fill(0);
  const numbers = Array.from({ length: cols }, () => ({ sum: 0, count: 0 }));
  const formulas: { row: number; col: number; f: string }[] = [];
  const style = (row: number, col: number): { numberFormat?: string; bold: boolean; wrap: boolean } => {
    let numberFormat: string | undefined;
    let bold = false;
    let wrap = false;
    for (const x of byCol[col]) {
      if (row < x.row || row >= x.row + x.rows) continue;
      if (x.f.numberFormat) numberFormat = x.f.numberFormat;
      bold ||= !!x.f.bold;
      wrap ||= !!x.f.wrap;
    }
    return { numberFormat, bold, wrap };
  };
  for (const b of blocks) {
    const width = b.cells[0]?.length ?? 0;
    if (width < 2) continue;
    for (const i of sampleRows(b.cells.length)) {
      const r = b.cells[i];
      let last = width - 1;
      while (last >= 0 && (r[last] === null || r[last] === "")) last--;
      if (last <= 0) continue;
      for (let j = 0; j < width; j++) {
        const col = b.col + j;
        const cell: SpecCell = r[j];
        if (col >= cols || fixed.has(col) || cell === null || cell === "") continue;
        if (typeof cell === "object") {
          formulas.push({ row: b.row + i, col, f: cell.f });
          continue;
        }
        const s = style(b.row + i, col);
        let w: number;
        if (typeof cell === "number") {
          const n = numbers[col];
          n.sum += Math.abs(cell);
          n.count++;
          w = textWidth(formattedText(cell, s.numberFormat), s.bold);
        } else {
          // plain text ending its row (a source, an explanation) spills into the empty cells beside it
          if (j === last && !s.wrap && !s.bold) continue;
          w = s.wrap ? wrappedWidth(String(cell), s.bold) : textWidth(String(cell), s.bold);
        }
        need[col] = Math.max(need[col], w);
      }
    }
  }
  for (const x of formulas) {
    const s = style(x.row, x.col);
    need[x.col] = Math.max(need[x.col], textWidth(formulaText(x.f, numbers, s.numberFormat, cols), s.bold));
  }
  const caps = new Map((rule.caps ?? []).map((c) => [c.col, c]));
  const out: { col: number; width: number }[] = [];
  for (let c = 0; c < cols; c++) {
    // an empty column keeps the host's default width: charts are placed over such columns by their default size
    if (fixed.has(c) || need[c] === 0) continue;
    const min = caps.get(c)?.min ?? rule.min;
    const max = caps.get(c)?.max ?? rule.max;
    out.push({ col: c, width: Math.min(max, Math.max(min, need[c] + PADDING)) });
  }
  return out;
}

/** A formula's value as it would print, estimated (see contentWidths); "" when there is no estimate. */
function formulaText(f: string, numbers: readonly { sum: number; count: number }[], numberFormat: string | undefined, cols: number): string {
  const sum = /^=SUM\(([A-Z]+\d+:[A-Z]+\d+)\)$/.exec(f);
  if (sum) {
    const r = parseA1(sum[1]);
    let total = 0;
    let count = 0;
    for (let c = r.col; c < Math.min(cols, r.col + r.cols); c++) [total, count] = [total + numbers[c].sum, count + numbers[c].count];
    if (count > 0) return formattedText((total / count) * r.rows * r.cols, numberFormat);
  }
  return "";
}
