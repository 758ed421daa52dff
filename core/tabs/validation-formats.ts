/**
 * Number formats for the Validation tab's blocks: one format per measure, so AUC reads 0.789 and a hit rate 13.1%
 * wherever they appear, rather than the 15 digits the grids carry. A block is either a list of measures (a "Measure"
 * or "Held-out check" column names each row's measure) or a table whose column headers name the measure.
 */
import type { SpecCell } from "./spec";

const COUNT = "#,##0";
const SHARE = "0.0%";
const AUC = "0.000";
const RATIO = "0.00";
const MONEY = "$#,##0";

/** Rows of a measure list, by label: the first rule that matches wins (order matters: "Hit rate ÷ random" is a ratio). */
const BY_MEASURE: readonly (readonly [RegExp, string])[] = [
  [/÷/, RATIO],
  [/^AUC/, AUC],
  [/^Difference/, "+0.000;-0.000;0.000"],
  [/ARR/, MONEY],
  [/rate|^Precision|^Recall/i, SHARE],
  [/accounts|^Expanded|left out|bought/i, COUNT],
];

/** Table columns, by header. */
const BY_HEADER: Readonly<Record<string, string>> = {
  Accounts: COUNT,
  Expanded: COUNT,
  Bought: COUNT,
  "Picked (next product)": COUNT,
  "Hits (next product)": COUNT,
  "Hits (popularity)": COUNT,
  "Hits (random, expected)": "0.0",
  "Highest score": "0",
  "Lowest score": "0",
  Conversion: SHARE,
  "95% low": SHARE,
  "95% high": SHARE,
  Precision: SHARE,
  Recall: SHARE,
  "Pass rate": SHARE,
  Lift: RATIO,
  "Log-odds weight": AUC,
};

/** Headers that start a measure list: the column holds each row's measure, the columns right of it its values. */
const MEASURE_LIST_HEADERS = new Set(["Measure", "Held-out check"]);

const isBlankCell = (v: SpecCell | undefined): boolean => v === "" || v === null || v === undefined;

/** The format of each numeric cell below the header row (null: leave it General), by row then column. */
export function validationFormats(rect: readonly (readonly SpecCell[])[]): (string | null)[][] {
  const header = rect[0] ?? [];
  // each column's measure-list column, if it lies in one (up to the next blank header)
  const listOf: (number | null)[] = [];
  let list: number | null = null;
  header.forEach((h, c) => {
    if (isBlankCell(h)) list = null;
    else if (typeof h === "string" && MEASURE_LIST_HEADERS.has(h)) list = c;
    listOf.push(list);
  });
  return rect.slice(1).map((row) =>
    row.map((v, c) => {
      if (typeof v !== "number") return null;
      const at = listOf[c];
      if (at !== null && at !== undefined) {
        const label = String(row[at] ?? "");
        return BY_MEASURE.find(([re]) => re.test(label))?.[1] ?? null;
      }
      const h = header[c];
      return typeof h === "string" ? (BY_HEADER[h] ?? null) : null;
    }),
  );
}

/** Cells with the same format in one column, top to bottom: [first row, row count, column, format]. */
export function formatRuns(formats: readonly (readonly (string | null)[])[]): [number, number, number, string][] {
  const runs: [number, number, number, string][] = [];
  const cols = formats.reduce((w, r) => Math.max(w, r.length), 0);
  for (let c = 0; c < cols; c++) {
    let r = 0;
    while (r < formats.length) {
      const f = formats[r][c] ?? null;
      let end = r + 1;
      while (end < formats.length && (formats[end][c] ?? null) === f) end++;
      if (f !== null) runs.push([r, end - r, c, f]);
      r = end;
    }
  }
  return runs;
}
