/**
 * Reading what the proof functions are given: a column of scores and a column of outcomes, row for row. An outcome
 * is TRUE/FALSE, Yes/No, 1/0 or an amount (> 0 = expanded). Rows where either is blank are left out and counted.
 */
import { valueError } from "../errors";
import { asGrid } from "../table";
import { isMissing, showValue, toNumber, yesNoWord, type CellValue } from "../values";

/** An outcome cell: true (expanded), false, or null when blank or an error value. Other text is refused. */
export function readOutcome(fn: string, v: CellValue, where: string): boolean | null {
  if (isMissing(v)) return null;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw valueError(fn, `${where}: ${showValue(v)} is not an outcome`);
    return v > 0;
  }
  if (typeof v === "string") {
    const w = yesNoWord(v);
    if (w !== null) return w;
    const n = toNumber(v);
    if (n.ok) return n.value > 0;
  }
  throw valueError(fn, `${where}: ${showValue(v)} is not an outcome; expected TRUE/FALSE, Yes/No, 1/0 or an expansion amount (> 0 = expanded)`);
}

/** Whether a column's first cell is a header: text that is not a value of the column. */
function isHeaderCell(v: CellValue, isValue: (v: CellValue) => boolean): boolean {
  return typeof v === "string" && v.trim() !== "" && !isValue(v);
}

const isOutcomeText = (v: CellValue): boolean => typeof v === "string" && (yesNoWord(v) !== null || toNumber(v).ok);
const isNumberText = (v: CellValue): boolean => toNumber(v).ok;

/** One column of a range argument, its header cell (if any) dropped; `offset` is 1 when a header was dropped. */
export function column(fn: string, name: string, arg: unknown, isValue: (v: CellValue) => boolean): { cells: CellValue[]; offset: number } {
  const grid = asGrid(fn, name, arg);
  if (grid.length === 0) throw valueError(fn, `${name} is empty`);
  const wide = grid.every((r) => r.length > 1);
  if (wide && grid.length > 1) throw valueError(fn, `${name} must be one column; got ${grid[0].length} columns`);
  // a single row is read across (a horizontal range), a single column down
  const cells = grid.length === 1 && grid[0].length > 1 ? [...grid[0]] : grid.map((r) => r[0]);
  const offset = isHeaderCell(cells[0], isValue) ? 1 : 0;
  return { cells: cells.slice(offset), offset };
}

export interface Labeled {
  readonly scores: Float64Array;
  readonly positive: Uint8Array;
  /** Index of each kept pair in the input column (0-based, after its header). */
  readonly rows: Int32Array;
  /** Pairs left out because the score or the outcome was blank. */
  readonly leftOut: number;
  /** Value rows in the input columns (kept and left out). */
  readonly total: number;
}

/** Scores and outcomes read row for row; a non-numeric score or an unreadable outcome names its row. */
export function readLabeled(fn: string, scoresArg: unknown, outcomesArg: unknown): Labeled {
  const s = column(fn, "scores", scoresArg, isNumberText);
  const o = column(fn, "outcomes", outcomesArg, isOutcomeText);
  if (s.cells.length !== o.cells.length) {
    throw valueError(fn, `scores has ${s.cells.length} value rows but outcomes has ${o.cells.length}; pass aligned ranges (one score and one outcome per account)`);
  }
  const scores: number[] = [];
  const positive: number[] = [];
  const rows: number[] = [];
  let leftOut = 0;
  for (let i = 0; i < s.cells.length; i++) {
    const sv = s.cells[i];
    const outcome = readOutcome(fn, o.cells[i], `outcomes row ${i + 1 + o.offset}`);
    if (isMissing(sv)) {
      leftOut++;
      continue;
    }
    const n = toNumber(sv);
    if (!n.ok) throw valueError(fn, `scores row ${i + 1 + s.offset}: ${showValue(sv)} is not a score`);
    if (outcome === null) {
      leftOut++;
      continue;
    }
    scores.push(n.value);
    positive.push(outcome ? 1 : 0);
    rows.push(i);
  }
  return { scores: Float64Array.from(scores), positive: Uint8Array.from(positive), rows: Int32Array.from(rows), leftOut, total: s.cells.length };
}
