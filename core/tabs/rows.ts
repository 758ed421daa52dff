/**
 * Rows of a tab made one at a time, and text measured without splitting it: what lets a tab of a million rows be
 * built and written without holding it as cells (core/tabs/spec.ts re-exports these).
 */
import { RAW_ROW } from "../budgets";
import { BUDGETS, capCellText } from "../limits";
import type { SpecCell } from "./spec";

/** Rows a builder can make one at a time, from arrays of its own (a tab's rows in a million-account report). */
export interface RowSource {
  readonly length: number;
  /** Row i's cells, a fresh array each call. */
  row(i: number): SpecCell[];
}

const ROW_AT = Symbol("row at");

/**
 * How to read row i of a block's cells, and how many rows it has, without going through the view's property
 * lookups (a string key and a trap per access): for the loops that read every row (fitRowHeights, the xlsx writer).
 */
export function rowReader(cells: SpecCell[][]): { length: number; row: (i: number) => SpecCell[] } {
  const at = (cells as unknown as { [ROW_AT]?: (i: number) => SpecCell[] })[ROW_AT];
  return { length: cells.length, row: at ?? ((i) => cells[i]) };
}

/** A block of more cells than this is a view over its source (below it, plain arrays: tests and hosts see no difference). */
export const VIEW_CELLS = 1_000_000;

/**
 * A block's rows from a source: plain arrays when small; when large, an array-like view whose rows are made when
 * read (the last one kept), so a tab of a million rows is never held as a million arrays. Every reader of
 * `cells` (length, [i], forEach, map, JSON) works unchanged; text past a cell's limit is cut as it is made, and the
 * uncut row is there for the budget check that notes the cut (RAW_ROW). Rows are read-only.
 */
export function rowsOf(source: RowSource, width: number): SpecCell[][] {
  const n = source.length;
  if (n * width <= VIEW_CELLS) return Array.from({ length: n }, (_, i) => source.row(i));
  let last = -1;
  let lastRow: SpecCell[] = [];
  const at = (i: number): SpecCell[] => {
    if (i !== last) {
      const r = source.row(i);
      for (let j = 0; j < r.length; j++) {
        const v = r[j];
        if (typeof v === "string" && v.length > BUDGETS.cellChars) r[j] = capCellText(v);
      }
      last = i;
      lastRow = r;
    }
    return lastRow;
  };
  const index = (key: string | symbol): number => {
    if (typeof key !== "string" || key === "" || key.length > 10) return -1;
    const c = key.charCodeAt(0);
    if (c < 48 || c > 57 || (c === 48 && key.length > 1)) return -1;
    const i = Number(key);
    return Number.isInteger(i) ? i : -1;
  };
  return new Proxy([] as SpecCell[][], {
    get(target, key, receiver) {
      if (key === "length") return n;
      if (key === RAW_ROW) return (i: number) => source.row(i);
      if (key === ROW_AT) return at;
      const i = index(key);
      if (i >= 0) return i < n ? at(i) : undefined;
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      const i = index(key);
      return i >= 0 ? i < n : Reflect.has(target, key);
    },
    set() {
      throw new Error("the rows of a large block are made when read and cannot be changed");
    },
  });
}

/** Whether a UTF-16 unit is white space as a regular expression's \s reads it. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}

/**
 * Lines `text` takes when wrapped greedily at word boundaries in a column `width` characters wide. Scanned in
 * place (no split words): the Scorecard measures two cells a row, a million rows.
 */
export function wrappedLines(text: string, width: number): number {
  const per = Math.max(1, Math.floor(width));
  const n = text.length;
  if (n <= per && text.indexOf("\n") < 0) return 1;
  let lines = 1;
  let used = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      // a new paragraph
      lines++;
      used = 0;
      i++;
      continue;
    }
    if (isSpace(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === 10 || isSpace(d)) break;
      j++;
    }
    const word = j - i;
    const need = used === 0 ? word : used + 1 + word;
    if (need <= per) used = need;
    else {
      lines += used === 0 ? 0 : 1;
      used = word;
      while (used > per) {
        lines++;
        used -= per;
      }
    }
    i = j;
  }
  return lines;
}
