/**
 * The timing functions as the catalog calls them (values exactly as a host passes them; a 2D array back;
 * failures throw XsellError), and their catalog entries (TIMING_SPECS) for core/catalog.ts.
 */
import { asOfArg, choiceOf, numberOf, optionalNumberOf } from "../args";
import { HORIZON_MONTHS, SEQUENCE_MEASURE, WITHIN_DAYS } from "../params";
import { divError, guard, valueError } from "../errors";
import { findColumn, isOmitted, scalarArg } from "../table";
import { isoFromDay, showValue, toText, type CellValue } from "../values";
import { readHistory } from "./read";
import {
  productRetention,
  productRetentionGrid,
  sequence,
  sequenceGrid,
  timeToSecond,
  timeToSecondGrid,
  type TimeSplit,
} from "./timing";

/** `by`: blank for one curve, "first product", or a column of the subscriptions table. */
function splitArg(fn: string, by: unknown, table: { headers: string[] }, find: (name: string) => number | undefined): TimeSplit {
  if (isOmitted(by)) return { kind: "all" };
  const raw = scalarArg(by);
  const name = toText(raw);
  const norm = name.toLowerCase().replace(/[\s_-]+/g, " ");
  if (norm === "first product") return { kind: "first product" };
  const col = find(name);
  if (col === undefined) {
    const found = table.headers.filter(Boolean).slice(0, 10).map((h) => `"${h}"`).join(", ");
    throw valueError(fn, `by: ${showValue(raw)} is neither "first product" nor a column of subscriptions (found ${found || "no column names"})`);
  }
  return { kind: "column", col, name: table.headers[col] || name };
}

/** Kaplan–Meier time from each account's first product to its second: summary per group, then the curve table. */
export function XSELL_TIME_TO_SECOND(subscriptions: unknown, as_of?: unknown, by?: unknown): CellValue[][] {
  const fn = "XSELL_TIME_TO_SECOND";
  return guard(fn, () => {
    const asOf = asOfArg(fn, as_of);
    const h = readHistory(fn, subscriptions);
    const split = splitArg(fn, by, h.table, (name) => findColumn(h.table, name));
    const groups = timeToSecond(h, asOf, split);
    if (groups.length === 0) throw divError(fn, `no account had a paid subscription starting on or before as_of (${isoFromDay(asOf)})`);
    return timeToSecondGrid(groups);
  });
}

/** The purchase-order matrix: of accounts whose earlier product is A (row), the share that later bought B (column). */
export function XSELL_SEQUENCE(subscriptions: unknown, within_days?: unknown, measure?: unknown): CellValue[][] {
  const fn = "XSELL_SEQUENCE";
  return guard(fn, () => {
    const within = optionalNumberOf(fn, WITHIN_DAYS, within_days);
    const m = choiceOf(fn, SEQUENCE_MEASURE, measure);
    const h = readHistory(fn, subscriptions);
    if (h.amount.length === 0) throw divError(fn, "subscriptions hold no readable paid rows, so there is no purchase order");
    return sequenceGrid(sequence(h, within, m === "median_days"), m);
  });
}

/** Per product, 12-month GRR and logo retention when it was the account's first product versus cross-sold later. */
export function XSELL_PRODUCT_RETENTION(subscriptions: unknown, as_of?: unknown, months?: unknown): CellValue[][] {
  const fn = "XSELL_PRODUCT_RETENTION";
  return guard(fn, () => {
    const asOf = asOfArg(fn, as_of);
    const horizon = numberOf(fn, HORIZON_MONTHS, months);
    const h = readHistory(fn, subscriptions);
    const pr = productRetention(h, asOf, horizon);
    if (pr.first.every((c) => c.spells === 0) && pr.cross.every((c) => c.spells === 0)) {
      throw divError(fn, `no product subscription started ${horizon} month${horizon === 1 ? "" : "s"} or more before as_of (${isoFromDay(asOf)}), so none can be followed to the horizon`);
    }
    return productRetentionGrid(pr);
  });
}


