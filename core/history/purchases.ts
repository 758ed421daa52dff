/**
 * An account's purchases in a subscription history, the ground the timing measures stand on (core/history/timing.ts
 * states what a purchase is): grouped by account in start order, and mapped back to the table rows they came from.
 */
import { isMissing, toDay, toText } from "../values";
import { standingOf } from "../read/status";
import { StringIndex } from "../string-index";
import { isBlankRow } from "../table";
import { OPEN_END, type History } from "./read";

/** A purchase (core/history/timing.ts): an amount above 0, active at least one day, started on or before `last`. */
const isPurchase = (h: History, i: number, last: number): boolean => h.amount[i] > 0 && h.start[i] < h.end[i] && h.start[i] <= last;

/**
 * Each account's purchases, grouped: entries `idx[offsets[a]] … idx[offsets[a + 1] − 1]` are account a's, by
 * Start Date ascending and table order within a day.
 */
export function purchasesByAccount(h: History, last = Infinity): { offsets: Int32Array; idx: Int32Array } {
  const A = h.accounts.length;
  const offsets = new Int32Array(A + 1);
  const n = h.amount.length;
  for (let i = 0; i < n; i++) if (isPurchase(h, i, last)) offsets[h.account[i] + 1]++;
  for (let a = 0; a < A; a++) offsets[a + 1] += offsets[a];
  const fill = offsets.slice(0, A);
  const idx = new Int32Array(offsets[A]);
  for (let i = 0; i < n; i++) if (isPurchase(h, i, last)) idx[fill[h.account[i]]++] = i;
  // table order within an account is kept; sort each account's run by start (insertion sort: runs are short)
  for (let a = 0; a < A; a++) {
    const from = offsets[a];
    const to = offsets[a + 1];
    if (to - from > 32) {
      const run = Array.from(idx.subarray(from, to)).sort((x, y) => h.start[x] - h.start[y] || x - y);
      idx.set(run, from);
      continue;
    }
    for (let j = from + 1; j < to; j++) {
      const v = idx[j];
      let k = j - 1;
      while (k >= from && h.start[idx[k]] > h.start[v]) {
        idx[k + 1] = idx[k];
        k--;
      }
      idx[k + 1] = v;
    }
  }
  return { offsets, idx };
}

/**
 * The table row (index into h.table.rows) each history entry was read from. readHistory keeps rows in table
 * order, so the entries are a subsequence of the rows: each is matched to the next row with the same account,
 * product, amount and dates (an account's first row also by its display name). Rows the reader leaves out for
 * their Status (trial, pending, cancelled with no End Date) are passed over first, as it does: they can look
 * exactly like the paid row that follows them; every other row it leaves out cannot match an entry.
 */
export function entryRows(h: History): Int32Array {
  const f = h.table.fields;
  const nameCol = f.get("Account");
  const idCol = f.get("Account ID");
  const keyCol = (idCol ?? nameCol)!;
  const productCol = f.get("Product")!;
  const amountCol = (f.get("MRR") ?? f.get("ARR"))!;
  const startCol = f.get("Start Date")!;
  const endCol = f.get("End Date");
  const statusCol = f.get("Status");
  const products = new StringIndex(h.products.length);
  for (const p of h.products) products.add(p);
  const keys = new StringIndex(h.accounts.length);
  const accountOfKey: number[] = [];
  const keyOfAccount = new Int32Array(h.accounts.length).fill(-1);
  const n = h.amount.length;
  const out = new Int32Array(n).fill(-1);
  const rows = h.table.rows;
  let k = 0;
  for (let r = 0; r < rows.length && k < n; r++) {
    const row = rows[r];
    if (isBlankRow(row)) continue;
    const key = toText(row[keyCol]);
    if (key === "" || row[amountCol] !== h.amount[k] || products.get(toText(row[productCol])) !== h.product[k]) continue;
    if (statusCol !== undefined && !isMissing(row[statusCol])) {
      const st = standingOf(toText(row[statusCol]));
      if (st === "trial" || st === "pending" || (st === "ended" && (endCol === undefined || isMissing(row[endCol])))) continue;
    }
    const s = toDay(row[startCol]);
    if (!s.ok || s.value !== h.start[k]) continue;
    let e = OPEN_END;
    if (endCol !== undefined && !isMissing(row[endCol])) {
      const d = toDay(row[endCol]);
      if (!d.ok) continue;
      e = d.value;
    }
    if (e !== h.end[k]) continue;
    const a = h.account[k];
    const kid = keys.get(key);
    if (kid >= 0 && accountOfKey[kid] !== undefined) {
      if (accountOfKey[kid] !== a) continue;
    } else {
      const display = idCol === undefined || nameCol === undefined ? key : toText(row[nameCol]) || key;
      if (keyOfAccount[a] >= 0 || display !== h.accounts[a]) continue;
      const id = keys.add(key);
      accountOfKey[id] = a;
      keyOfAccount[a] = id;
    }
    out[k++] = r;
  }
  return out;
}
