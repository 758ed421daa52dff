/**
 * Where a tab's charts and their helper cells go, and how they find the tab's own cells: by header or label text,
 * never by a fixed position, so a builder can move its tables and the charts stay bound to the right cells.
 */
import { COLORS, a1, a1Range, columnLetter, type Block, type ChartSeries, type SpecBuilder, type SpecCell } from "./spec";

/** Chart size in pixels and the rows one chart takes (rows are about 20 px high). */
export const CHART_WIDTH = 520;
export const CHART_HEIGHT = 300;
export const CHART_ROWS = 17;

/** Bridge colors: totals in the header color, increases green, decreases red (the tabs' own palette). */
export const BRIDGE_COLORS = { total: COLORS.header, increase: "#2E9E5B", decrease: "#D13438" } as const;

/** Columns used by the builder's blocks so far. */
export function usedColumns(b: SpecBuilder): number {
  return b.blocks.reduce((m, x) => Math.max(m, x.col + (x.cells[0]?.length ?? 0)), 0);
}

/** The block whose first row holds `header` (exactly), and that column's index within it. */
export function blockWithHeader(b: SpecBuilder, header: string): { block: Block; index: number } | null {
  for (const block of b.blocks) {
    const index = block.cells[0]?.indexOf(header) ?? -1;
    if (index >= 0) return { block, index };
  }
  return null;
}

/** A1 of the header cell and of the data below it (all rows after the header), for a column found by header. */
export function columnRanges(b: SpecBuilder, header: string, rows?: number): { head: string; data: string; rows: number; row: number; col: number } | null {
  const found = blockWithHeader(b, header);
  if (!found) return null;
  const { block, index } = found;
  const n = rows ?? block.cells.length - 1;
  if (n < 1) return null;
  const col = block.col + index;
  return { head: a1(block.row, col), data: a1Range(block.row + 1, col, n, 1), rows: n, row: block.row + 1, col };
}

/**
 * The A1 cell beside the first label (in column `col`, in blocks starting at `fromRow` or below) that starts with
 * `prefix`: a summary's value cell.
 */
export function valueBesideLabel(b: SpecBuilder, col: number, prefix: string, fromRow = 0): string | null {
  for (const block of b.blocks) {
    const j = col - block.col;
    if (block.row < fromRow || j < 0 || j + 1 >= (block.cells[0]?.length ?? 0)) continue;
    for (let i = 0; i < block.cells.length; i++) {
      const v = block.cells[i][j];
      if (typeof v === "string" && v.startsWith(prefix)) return a1(block.row + i, col + 1);
    }
  }
  return null;
}

/** A titled helper table the charts read: title row, header row, rows; formats the title and header. */
export function helperTable(b: SpecBuilder, row: number, col: number, title: string, cells: SpecCell[][]): { headRow: number; firstRow: number } {
  b.block(row, col, [[title]]);
  b.format({ range: a1(row, col), bold: true, fontColor: COLORS.title });
  b.block(row + 1, col, cells);
  b.format({ range: a1Range(row + 1, col, 1, cells[0].length), bold: true, fill: COLORS.header, fontColor: COLORS.headerText, wrap: true });
  return { headRow: row + 1, firstRow: row + 2 };
}

/** One step of a bridge: a label and the cell (or formula) giving its signed amount; totals stand on zero. */
export interface BridgeStep {
  readonly label: string;
  /** A formula body without "=", e.g. "B2" or "-B7". */
  readonly amount: string;
  readonly total?: boolean;
}

/**
 * A bridge's helper cells, all live formulas: Step | Amount | Level (running total) | Base | Total | Increase |
 * Decrease. A total stands on zero at its own amount; a step floats between the level before and after it.
 * Returns the waterfall's series (the invisible base first) and its category range.
 */
export function bridgeTable(b: SpecBuilder, row: number, col: number, title: string, steps: readonly BridgeStep[], numberFormat: string): { categories: string; series: ChartSeries[]; rows: number } {
  const L = (c: number): string => columnLetter(col + c);
  const head = ["Step", "Amount", "Level", "Base", "Total", "Increase", "Decrease"];
  const { headRow, firstRow } = helperTable(b, row, col, title, [head, ...steps.map((s, i) => {
    const r = firstRow0(row) + i + 1; // 1-based row of this step
    const prev = `${L(2)}${r - 1}`;
    return [
      s.label,
      { f: `=${s.amount}` },
      { f: s.total || i === 0 ? `=${L(1)}${r}` : `=${prev}+${L(1)}${r}` },
      { f: s.total || i === 0 ? "=0" : `=MIN(${prev},${L(2)}${r})` },
      { f: s.total || i === 0 ? `=${L(1)}${r}` : "=0" },
      { f: s.total || i === 0 ? "=0" : `=MAX(${L(1)}${r},0)` },
      { f: s.total || i === 0 ? "=0" : `=MAX(-${L(1)}${r},0)` },
    ] as SpecCell[];
  })]);
  const n = steps.length;
  b.format({ range: a1Range(firstRow, col + 1, n, 6), numberFormat });
  const series = (c: number, color?: string): ChartSeries => ({ name: a1(headRow, col + c), values: a1Range(firstRow, col + c, n, 1), ...(color ? { color } : {}) });
  return {
    categories: a1Range(firstRow, col, n, 1),
    series: [series(3), series(4, BRIDGE_COLORS.total), series(5, BRIDGE_COLORS.increase), series(6, BRIDGE_COLORS.decrease)],
    rows: n + 2,
  };
}

/** The 0-based row of a helper table's first data row, given its title row: title, header, then data. */
const firstRow0 = (titleRow: number): number => titleRow + 2;
