/**
 * Sheet specs: what a tab holds, independent of any host. Builders return them; the Excel, Sheets and xlsx
 * renderers turn them into host calls. Cells are values or formulas; text is always text (renderers make sure
 * a user's "=HYPERLINK(…)" is never evaluated).
 */
import { checkTabCells } from "../budgets";
import { BUDGETS } from "../limits";
import { headerAlignments } from "./alignment";
import { rowReader, rowsOf, wrappedLines, type RowSource } from "./rows";
import { areaWithCharts } from "./print";
import { DEFAULT_WIDTH_RULE, contentWidths, type WidthRule } from "./widths";

export { rowReader, rowsOf, VIEW_CELLS, wrappedLines, type RowSource } from "./rows";

export type SpecValue = string | number | boolean | null;

/** A formula written in A1 notation, English function names, referring only to cells of the same tab. */
export interface Formula {
  readonly f: string;
}

export type SpecCell = SpecValue | Formula;

export const isFormula = (c: SpecCell): c is Formula => c !== null && typeof c === "object";

/** A rectangle of cells whose top-left corner is at (row, col), 0-based. Rows must all have the same length. */
export interface Block {
  readonly row: number;
  readonly col: number;
  readonly cells: SpecCell[][];
}

export interface Format {
  /** A1 range within the tab, e.g. "B2:B401". */
  readonly range: string;
  readonly numberFormat?: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly fill?: string;
  readonly fontColor?: string;
  readonly fontSize?: number;
  readonly wrap?: boolean;
  readonly horizontalAlignment?: "Left" | "Center" | "Right";
  /** "Top" for rows that wrap tall, so a row's short cells line up with the first line of its wrapped ones. */
  readonly verticalAlignment?: "Top" | "Center" | "Bottom";
}

export type ConditionalFormat =
  | { readonly type: "colorScale"; readonly range: string; readonly min: string; readonly mid?: string; readonly max: string }
  | { readonly type: "textEquals"; readonly range: string; readonly text: string; readonly fill: string; readonly fontColor: string };

/**
 * A chart drawn natively by each host and bound to the tab's cells, so it moves when the numbers do.
 *  - column, bar (horizontal; the first category on top), line: categories along one axis, one value per category;
 *  - scatter: numeric x values (the categories range) with straight lines between points (a curve);
 *  - waterfall: a bridge drawn as stacked columns whose first series is the invisible base the bars stand on
 *    (every host can draw it, and a total can be marked, which Office.js's native waterfall cannot do).
 */
export const CHART_KINDS = ["column", "bar", "line", "scatter", "waterfall"] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

export interface ChartSeries {
  /** The A1 cell holding the series' name (renderers bind it where the host can, else show its text). */
  readonly name: string;
  /** A1 range of the values: one per category, in the same orientation. */
  readonly values: string;
  /** Bar or line color, "#RRGGBB"; omitted: the host's palette. */
  readonly color?: string;
  /** Error bars from ranges of distances above and below each value (hosts without custom error bars say so). */
  readonly errorBars?: { readonly plus: string; readonly minus: string };
}

export interface ChartSpec {
  readonly kind: ChartKind;
  readonly title: string;
  /** A1 range of category labels (scatter: x values). */
  readonly categories: string;
  readonly series: readonly ChartSeries[];
  /** Number format of the value axis (and the x axis of a scatter: categoryFormat). */
  readonly valueFormat: string;
  readonly categoryFormat?: string;
  readonly valueAxisTitle?: string;
  readonly categoryAxisTitle?: string;
  /** Top-left cell the chart sits over, and its size in pixels. */
  readonly anchor: string;
  readonly width: number;
  readonly height: number;
}

/**
 * A chart axis's dollars, compact ($0, $500K, $1.5M): full dollars on an axis run into each other
 * ("$1,000,000$1,500,000"). Excel and LibreOffice read the sections; Sheets' charts take ICU patterns, so its
 * renderer draws this as "short" (500K, 1.5M).
 */
export const COMPACT_DOLLARS = '[>=1000000]$0.0,,"M";[>=1000]$0,"K";$0';

/**
 * Where a chart's value axis starts: bars and columns of amounts start at 0 (a bar's length is its value; an
 * auto-scaled axis from $30,750 makes a $13 difference look twice as long); lines and curves keep the host's scale.
 */
export function valueAxisMinimum(chart: Pick<ChartSpec, "kind">): number | undefined {
  return chart.kind === "bar" || chart.kind === "column" || chart.kind === "waterfall" ? 0 : undefined;
}

export interface SheetSpec {
  /** Preferred tab name; renderers append " (2)", " (3)"… when it is taken. */
  readonly name: string;
  readonly blocks: Block[];
  readonly formats: Format[];
  /** Column widths in characters. */
  readonly columnWidths: { readonly col: number; readonly width: number }[];
  readonly freeze?: { readonly rows: number; readonly cols: number };
  /** A1 range that gets an AutoFilter (header row included). */
  readonly filter?: string;
  readonly conditionalFormats: ConditionalFormat[];
  /** Cell notes (hover text) in A1 cells. */
  readonly notes: { readonly cell: string; readonly text: string }[];
  /** Native charts bound to this tab's cells. */
  readonly charts: readonly ChartSpec[];
  /** Used range size, for renderers and tests. */
  readonly rows: number;
  readonly cols: number;
  /** How the tab prints; `finish` always sets it (optional for specs written by hand in tests). */
  readonly print?: PrintSetup;
  /** Heights in points of rows whose wrapped text needs more than one line (see fitRowHeights). */
  readonly rowHeights?: readonly { readonly row: number; readonly height: number }[];
}

/**
 * How a tab prints (File → Print), as a reader of the paper copy needs it. Each renderer applies what its host
 * can; printDefaults below fills what a builder leaves open, core/tabs/print.ts words the page header.
 */
export interface PrintSetup {
  readonly orientation: "portrait" | "landscape";
  /** One page wide, as many tall as it takes: no row is ever split across pages sideways. */
  readonly fitToWidth: boolean;
  /**
   * A1 range printed: the used range unless the builder leaves a long detail list to the screen. Several ranges
   * are comma-separated ("A1:B21,K1:W60") and print one after another.
   */
  readonly area: string;
  /** Rows 1…n repeated at the top of every printed page (0: none). */
  readonly repeatRows: number;
  readonly gridlines: boolean;
  /** Page header: the title on the left, "As of <date>" on the right when there is a date. */
  readonly title: string;
  /** ISO date (yyyy-mm-dd) the report is as of; set by buildTab from the inputs. */
  readonly asOf?: string;
}

/** Excel's default column width, in characters, for columns a spec leaves alone. */
export const DEFAULT_COLUMN_WIDTH = 8.43;
/** Widest content, in characters of column width, that still prints portrait at a readable scale (≥ ~85%). */
export const PORTRAIT_MAX_CHARS = 110;

/** Total width in characters of columns [from, from + count). */
export function widthOf(spec: Pick<SheetSpec, "columnWidths">, from: number, count: number): number {
  const w = new Map(spec.columnWidths.map((c) => [c.col, c.width]));
  let sum = 0;
  for (let c = from; c < from + count; c++) sum += w.get(c) ?? DEFAULT_COLUMN_WIDTH;
  return sum;
}

/** Landscape when the widest part of a print area is too wide for portrait. */
export function orientationFor(spec: Pick<SheetSpec, "columnWidths">, area: string): PrintSetup["orientation"] {
  const widest = Math.max(...area.split(",").map((part) => {
    const r = parseA1(part);
    return widthOf(spec, r.col, r.cols);
  }));
  return widest > PORTRAIT_MAX_CHARS ? "landscape" : "portrait";
}

/**
 * The print setup a tab gets unless its builder says otherwise: the used range, one page wide, landscape when it
 * is too wide for portrait, the frozen header rows repeated on every page, no gridlines, the tab's name as title.
 */
export function printDefaults(spec: Omit<SheetSpec, "print">): PrintSetup {
  const rows = Math.max(1, spec.rows);
  const cols = Math.max(1, spec.cols);
  return {
    orientation: widthOf(spec, 0, cols) > PORTRAIT_MAX_CHARS ? "landscape" : "portrait",
    fitToWidth: true,
    area: a1Range(0, 0, rows, cols),
    repeatRows: spec.freeze?.rows ?? 0,
    gridlines: false,
    title: spec.name,
  };
}

/** Excel's default row height in points (11-point Calibri), one line of text. */
export const LINE_HEIGHT = 15;

/** `text` cut at word boundaries into lines of at most `width` characters (a longer word keeps a line to itself). */
export function linesOf(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/**
 * Row heights for wrapped text: hosts grow a row to fit when text is typed, but not always when a file is opened
 * (LibreOffice keeps the default height, and a header reads "Automation" for "Marketing Automation"). Every cell
 * under a wrap format counts, its lines estimated from the column width (a width is counted in widths of "0": a
 * line holds about 20% more characters of plain text, and about as many bold); only rows that need more than one
 * line get a height.
 */
export function fitRowHeights(spec: Omit<SheetSpec, "print" | "rowHeights">): { row: number; height: number }[] {
  const widths = new Map(spec.columnWidths.map((c) => [c.col, c.width]));
  const rows = spec.blocks.reduce((n, b) => Math.max(n, b.row + b.cells.length), 0);
  const lines = new Int32Array(rows);
  for (const f of spec.formats) {
    if (!f.wrap) continue;
    const r = parseA1(f.range);
    const bold = spec.formats.some((g) => g.bold && g.range === f.range) || f.bold;
    // the text of a cell is the last block's that holds text there (blocks seldom overlap; when they do, a cell is
    // measured once, from the last block)
    const over = spec.blocks.filter((b) => b.row < r.row + r.rows && b.row + b.cells.length > r.row && b.col < r.col + r.cols && b.col + (b.cells[0]?.length ?? 0) > r.col);
    const seen = over.length > 1 ? new Set<number>() : null;
    for (let k = over.length - 1; k >= 0; k--) {
      const b = over[k];
      const rowsOfBlock = rowReader(b.cells);
      const top = Math.max(r.row, b.row);
      const bottom = Math.min(r.row + r.rows, b.row + rowsOfBlock.length);
      const left = Math.max(r.col, b.col);
      const right = Math.min(r.col + r.cols, b.col + b.cells[0].length);
      const w = new Float64Array(right - left).map((_, j) => (widths.get(left + j) ?? DEFAULT_COLUMN_WIDTH) * (bold ? 1 : 1.2));
      for (let i = top; i < bottom; i++) {
        const cells = rowsOfBlock.row(i - b.row);
        for (let j = left; j < right; j++) {
          const text = cells[j - b.col];
          if (typeof text !== "string" || text === "") continue;
          if (seen) {
            const key = i * 16384 + j;
            if (seen.has(key)) continue;
            seen.add(key);
          }
          const n = wrappedLines(text, w[j - left]);
          if (n > lines[i]) lines[i] = n;
        }
      }
    }
  }
  const out: { row: number; height: number }[] = [];
  for (let i = 0; i < rows; i++) if (lines[i] > 1) out.push({ row: i, height: lines[i] * LINE_HEIGHT });
  return out;
}

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetter(col: number): string {
  let s = "";
  let n = col + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

/** "B2:D10" for a rectangle given by its top-left corner and size. */
export function a1Range(row: number, col: number, rows: number, cols: number): string {
  return rows === 1 && cols === 1 ? a1(row, col) : `${a1(row, col)}:${a1(row + rows - 1, col + cols - 1)}`;
}

/** Parses "B2:D10" or "B2" into 0-based bounds. */
export function parseA1(range: string): { row: number; col: number; rows: number; cols: number } {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(range);
  if (!m) throw new Error(`not an A1 range: ${range}`);
  const col = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const r1 = Number(m[2]) - 1;
  const c1 = col(m[1]);
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  const c2 = m[3] ? col(m[3]) : c1;
  return { row: r1, col: c1, rows: r2 - r1 + 1, cols: c2 - c1 + 1 };
}

/** The text of a spec's cell at an A1 address (a chart series' name where the host takes text, not a cell). */
export function specText(spec: Pick<SheetSpec, "blocks">, cell: string): string {
  const { row, col } = parseA1(cell);
  let v: SpecCell = null;
  for (const b of spec.blocks) {
    const r = row - b.row;
    const c = col - b.col;
    if (r >= 0 && r < b.cells.length && c >= 0 && c < b.cells[r].length) v = b.cells[r][c];
  }
  return v === null || isFormula(v) ? "" : String(v);
}

/** Text a spreadsheet would read as a formula or sign: renderers must write it as text. */
export function looksLikeFormula(s: string): boolean {
  return /^[=+\-@]/.test(s);
}

/** Excel allows 31 characters in a sheet name; Google Sheets 100. */
export const EXCEL_SHEET_NAME_MAX = 31;

/**
 * "Whitespace" → "Whitespace (2)" when taken (names compare case-insensitively, as both hosts compare them),
 * with the characters Excel forbids replaced, within `max` characters.
 */
export function uniqueSheetName(wanted: string, existing: string[], max = EXCEL_SHEET_NAME_MAX): string {
  const clean = wanted.replace(/[:\\/?*[\]]/g, " ").replace(/^'+|'+$/g, "").trim().slice(0, max) || "XSELL";
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  if (!taken.has(clean.toLowerCase())) return clean;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = `${clean.slice(0, max - suffix.length)}${suffix}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** Starts an empty spec; builders add blocks and formats, then `finish` computes its size. */
export class SpecBuilder {
  readonly blocks: Block[] = [];
  readonly formats: Format[] = [];
  readonly columnWidths: { col: number; width: number }[] = [];
  readonly conditionalFormats: ConditionalFormat[] = [];
  readonly notes: { cell: string; text: string }[] = [];
  readonly charts: ChartSpec[] = [];
  freeze?: { rows: number; cols: number };
  filter?: string;
  /** Caps for the widths finish() gives every column from its content (core/tabs/widths.ts). */
  widthRule: WidthRule = DEFAULT_WIDTH_RULE;
  /** What the builder decides about printing; the rest comes from printDefaults in finish(). */
  print: Partial<PrintSetup> = {};
  constructor(readonly name: string) {}

  block(row: number, col: number, cells: SpecCell[][]): this {
    if (cells.length === 0) return this;
    const width = cells[0].length;
    for (const r of cells) if (r.length !== width) throw new Error(`block at ${a1(row, col)} is ragged`);
    this.blocks.push({ row, col, cells });
    return this;
  }

  /** A block whose rows a source makes (see rowsOf): a large tab is written without being held. */
  rows(row: number, col: number, width: number, source: RowSource): this {
    if (source.length === 0) return this;
    this.blocks.push({ row, col, cells: rowsOf(source, width) });
    return this;
  }

  chart(c: ChartSpec): this {
    this.charts.push(c);
    return this;
  }

  format(f: Format): this {
    this.formats.push(f);
    return this;
  }

  /**
   * Columns the builder sizes itself, deliberately (a gap beside a chart, a matrix sized for paper); every other
   * column gets its width from its content in finish().
   */
  widths(widths: number[], from = 0): this {
    widths.forEach((width, i) => this.columnWidths.push({ col: from + i, width }));
    return this;
  }

  /** The spec, its cells checked once for every builder (core/budgets.ts checkTabCells: non-finite, cell text, size). */
  finish(): SheetSpec {
    let rows = 0;
    let cols = 0;
    for (const b of this.blocks) {
      rows = Math.max(rows, b.row + b.cells.length);
      cols = Math.max(cols, b.col + (b.cells[0]?.length ?? 0));
    }
    for (const cell of checkTabCells(this.name, this.blocks, cols).slice(0, 20)) this.notes.push({ cell: a1(cell[0], cell[1]), text: `This text was cut to ${BUDGETS.cellChars.toLocaleString("en-US")} characters, the most a cell holds.` });
    // the builder's own widths, the rest from content (core/tabs/widths.ts)
    const fixed = new Set(this.columnWidths.map((c) => c.col));
    const columnWidths = [...contentWidths(this.blocks, this.formats, cols, this.widthRule, fixed), ...this.columnWidths].sort((a, b) => a.col - b.col);
    // headers aligned like their numbers, numbers before text centered (core/tabs/alignment.ts); the builder's own formats after, so they win
    const formats = [...headerAlignments(this.blocks, this.formats), ...this.formats];
    const spec = { name: this.name, blocks: this.blocks, formats, columnWidths, freeze: this.freeze, filter: this.filter, conditionalFormats: this.conditionalFormats, notes: this.notes, charts: this.charts, rows, cols };
    const print = { ...printDefaults(spec), ...this.print };
    // a builder that narrows the area without choosing an orientation gets the one the area's width calls for
    if (this.print.area && !this.print.orientation) print.orientation = orientationFor(spec, print.area);
    const withCharts = areaWithCharts(spec, print.area);
    if (withCharts !== print.area && !this.print.orientation) print.orientation = orientationFor(spec, withCharts);
    print.area = withCharts;
    return { ...spec, rowHeights: fitRowHeights(spec), print };
  }
}

export const COLORS = {
  header: "#0F766E",
  headerText: "#FFFFFF",
  title: "#0F766E",
  muted: "#605E5C",
  owned: "#EDEBE9",
  ownedText: "#8A8886",
  low: "#F8696B",
  mid: "#FFEB84",
  high: "#63BE7B",
  white: "#FFFFFF",
  inputFill: "#FFF4CE",
} as const;
