/**
 * Column mapping for the task pane and sidebar: which of the user's columns holds each signal. Detection uses
 * the header aliases; the user can fix it; applying it renames the header row so the core reads the chosen
 * columns, and hides any other column that would also answer to a mapped signal.
 */
import { fieldOf, type Field } from "../headers";
import { toText, type CellValue } from "../values";

/** The signals the tabs read, in the order the pane lists them. */
export const MAPPABLE_FIELDS: readonly Field[] = [
  "Account", "ARR", "Licenses", "Active Users", "NPS", "Start Date", "Support Level", "Hiring", "Funding",
  "Adjacent Feature Usage", "Renewal Date", "Champion", "Plan Usage", "Last Purchase Date",
];

/** Field → column index, or -1 when the table has no such column. */
export type Mapping = Record<string, number>;

export function detectMapping(headers: CellValue[]): Mapping {
  const m: Mapping = {};
  for (const f of MAPPABLE_FIELDS) m[f] = -1;
  headers.forEach((h, i) => {
    const f = fieldOf(toText(h));
    if (f && f in m && m[f] < 0) m[f] = i;
  });
  return m;
}

/** A copy of `grid` whose header row names the mapped columns canonically; data rows are shared, not copied. */
export function applyMapping(grid: CellValue[][], mapping: Mapping): CellValue[][] {
  if (grid.length === 0) return grid;
  const header = grid[0].map((h) => toText(h));
  const chosen = new Map<number, string>();
  for (const [field, col] of Object.entries(mapping)) if (col >= 0 && col < header.length) chosen.set(col, field);
  const out = header.map((h, i) => {
    const field = chosen.get(i);
    if (field) return field;
    const f = fieldOf(h);
    // another column would answer to a signal the user mapped (or switched off): keep it out of the way
    return f && f in mapping ? `${h} (not used)` : h;
  });
  return [out, ...grid.slice(1)];
}
