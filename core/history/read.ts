/**
 * Subscription history: the long ownership table with dates, read as one row per subscription. One rule
 * everywhere: the amount an account pays on day D is the sum of its rows with Start Date ≤ D < End Date (a blank
 * End Date is still active). Amounts are in the unit given: an ARR column is annual, an MRR or Monthly Amount
 * column monthly, and results keep that unit.
 */
import { valueError } from "../errors";
import type { ReadOptions } from "../read/columns";
import { standingOf } from "../read/status";
import { StringIndex } from "../string-index";
import { isBlankRow, readTable, type Table } from "../table";
import { isMissing, showValue, toDay, toText } from "../values";

/** A day far after any real end: rows with a blank End Date are active until then. */
export const OPEN_END = 2_958_465;

export interface History {
  /** Account display names by index (the name when the table has an ID and a name). */
  readonly accounts: string[];
  /** Products by index, first spelling (compared ignoring case, spaces and Unicode form; never punctuation). */
  readonly products: string[];
  /** One entry per subscription row kept, in table order (parallel typed arrays). */
  readonly account: Int32Array;
  readonly product: Int32Array;
  readonly amount: Float64Array;
  /** Day numbers (days since 1970-01-01); end is exclusive, OPEN_END when blank. */
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** "ARR" or "MRR": the unit of every amount and result. */
  readonly unit: "ARR" | "MRR";
  /** What was read and what was left out, in sentences. */
  readonly notes: string[];
  readonly table: Table;
}

/**
 * Reads a subscription history. Trial and pending rows are not paid: left out, and said. A cancelled row keeps
 * its dates (it was paid until its End Date); a cancelled row with no End Date cannot be placed in time: left out.
 * An unreadable or missing Start Date, or an End Date before the Start Date, leaves the row out and says so.
 */
export function readHistory(fn: string, arg: unknown, options: ReadOptions = {}): History {
  const table = readTable(fn, arg, undefined, options);
  const f = table.fields;
  const nameCol = f.get("Account");
  const idCol = f.get("Account ID");
  const keyCol = idCol ?? nameCol;
  const productCol = f.get("Product");
  const startCol = f.get("Start Date");
  const endCol = f.get("End Date");
  const mrrCol = f.get("MRR");
  const arrCol = f.get("ARR");
  const amountCol = mrrCol ?? arrCol;
  const statusCol = f.get("Status");
  const missing = [keyCol === undefined ? "Account" : "", productCol === undefined ? "Product" : "", amountCol === undefined ? "ARR or MRR" : "", startCol === undefined ? "Start Date" : ""].filter(Boolean);
  if (missing.length > 0) {
    const found = table.headers.filter(Boolean).slice(0, 10).map((h) => `"${h}"`).join(", ");
    throw valueError(fn, `subscriptions need Account, Product, ARR (or MRR), Start Date and optionally End Date and Status columns; missing ${missing.join(", ")} (found ${found || "no column names"})`);
  }
  const accIndex = new StringIndex(table.rows.length);
  const accounts: string[] = [];
  const prodIndex = new StringIndex(64);
  const n = table.rows.length;
  const account = new Int32Array(n);
  const product = new Int32Array(n);
  const amount = new Float64Array(n);
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const left = new Map<string, number[]>();
  const leave = (why: string, r: number): void => {
    const rows = left.get(why) ?? [];
    rows.push(table.rowNumbers[r]);
    left.set(why, rows);
  };
  let k = 0;
  for (let r = 0; r < n; r++) {
    const row = table.rows[r];
    if (isBlankRow(row)) continue;
    const key = toText(row[keyCol!]);
    const prod = toText(row[productCol!]);
    if (key === "" || prod === "") {
      leave("row{s} without an account or a product", r);
      continue;
    }
    if (statusCol !== undefined && !isMissing(row[statusCol])) {
      const st = standingOf(toText(row[statusCol]));
      if (st === "trial" || st === "pending") {
        leave(`${st} row{s} (not paid)`, r);
        continue;
      }
      if (st === "ended" && (endCol === undefined || isMissing(row[endCol]))) {
        leave("cancelled row{s} with no End Date (not placeable in time)", r);
        continue;
      }
    }
    const s = toDay(row[startCol!]);
    if (!s.ok) {
      leave("row{s} with no readable Start Date", r);
      continue;
    }
    let e = OPEN_END;
    if (endCol !== undefined && !isMissing(row[endCol])) {
      const d = toDay(row[endCol]);
      if (!d.ok) {
        leave("row{s} with an unreadable End Date", r);
        continue;
      }
      e = d.value;
    }
    if (e < s.value) {
      leave("row{s} whose End Date is before the Start Date", r);
      continue;
    }
    const v = row[amountCol!];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      leave(isMissing(v) ? "row{s} with no amount" : "row{s} with an unreadable amount", r);
      continue;
    }
    if (v < 0) throw valueError(fn, `subscriptions column "${table.headers[amountCol!]}" row ${table.rowNumbers[r]}: an amount cannot be negative (${showValue(v)})`);
    const before = accIndex.size;
    const a = accIndex.add(key);
    if (accIndex.size > before) accounts.push(idCol === undefined || nameCol === undefined ? key : toText(row[nameCol]) || key);
    account[k] = a;
    product[k] = prodIndex.add(prod);
    amount[k] = v;
    start[k] = s.value;
    end[k] = e;
    k++;
  }
  const notes = [...left].map(([why, rows]) => `${rows.length} ${why.replace("{s}", rows.length === 1 ? "" : "s")} left out (row ${rows.slice(0, 5).join(", ")}${rows.length > 5 ? ", …" : ""})`);
  return {
    accounts,
    products: prodIndex.keys,
    account: account.subarray(0, k),
    product: product.subarray(0, k),
    amount: amount.subarray(0, k),
    start: start.subarray(0, k),
    end: end.subarray(0, k),
    unit: mrrCol !== undefined ? "MRR" : "ARR",
    notes,
    table,
  };
}

/** The amount each account pays on `day` (rows with start ≤ day < end), into `out` (length accounts). */
export function activeOn(h: History, day: number, out: Float64Array): Float64Array {
  out.fill(0);
  for (let i = 0; i < h.amount.length; i++) if (h.start[i] <= day && day < h.end[i]) out[h.account[i]] += h.amount[i];
  return out;
}
