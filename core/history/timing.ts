/**
 * Timing of cross-sell from the subscription history: the time from an account's first product to its second
 * (Kaplan–Meier, censored at churn or as_of), the purchase-order matrix, and product retention when a product
 * was an account's first against when it was cross-sold later.
 *
 * A purchase is a subscription row with an amount above 0 that is active at least one day (Start Date < End
 * Date); rows of 0 (free or placeholder rows) and rows ending the day they start buy nothing. An account's
 * first start of a product is the earliest Start Date among its purchases of that product; upgrades, renewals
 * and returns of a product the account already had are not new products.
 */
import { addMonths, showValue, toDay, toText, isBlank, isMissing, type CellValue } from "../values";
import { standingOf } from "../read/status";
import { StringIndex } from "../string-index";
import { isBlankRow } from "../table";
import { OPEN_END, type History } from "./read";
import { kaplanMeier, kmQuantile, survivalAt, type KmFit, type KmPoint, type KmQuantile } from "./km";

/** The horizon of "share within N days" in XSELL_TIME_TO_SECOND. */
export const SHARE_WITHIN_DAYS = 180;

/** A purchase, in the sense of the file comment, started on or before `last`. */
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

// ---------- time to second product ----------

/** How XSELL_TIME_TO_SECOND splits its curves. */
export type TimeSplit = { kind: "all" } | { kind: "first product" } | { kind: "column"; col: number; name: string };

/** Each account's path to a second product. */
export interface SecondPurchases {
  /** First start day, -1 when the account had bought nothing by as_of. */
  readonly first: Int32Array;
  /** The one product started on the first day; -1 with no purchase; -2 when two or more started that day. */
  readonly firstProduct: Int32Array;
  /** For accounts with one first product: days to the second product, or to the censoring. */
  readonly days: Int32Array;
  /** 1: a second product was bought `days` after the first; 0: censored (churned or as_of) after `days`. */
  readonly bought: Uint8Array;
  /** Accounts that churned for good before as_of without a second product. */
  readonly churned: Uint8Array;
  /** For accounts that started with two or more products: those products. */
  readonly firstDay: Map<number, number[]>;
  /** The entry of each account's first purchase (earliest start, table order), -1 when none. */
  readonly firstEntry: Int32Array;
}

/**
 * Days from each account's first product to its second, as of `asOf` (purchases starting after it are not
 * known yet). Products starting the same day as the first are simultaneous: such an account started with two
 * or more and is kept out of the curve. The second product is the first purchase, on a later day, of a product
 * other than the first. Without one the account is censored on the day it churned for good (its last End
 * Date, when that is on or before as_of: from that day it pays nothing and never returns) or else at as_of.
 */
export function secondPurchases(h: History, asOf: number): SecondPurchases {
  const A = h.accounts.length;
  const { offsets, idx } = purchasesByAccount(h, asOf);
  const first = new Int32Array(A).fill(-1);
  const firstProduct = new Int32Array(A).fill(-1);
  const days = new Int32Array(A);
  const bought = new Uint8Array(A);
  const churned = new Uint8Array(A);
  const firstEntry = new Int32Array(A).fill(-1);
  const firstDay = new Map<number, number[]>();
  for (let a = 0; a < A; a++) {
    const from = offsets[a];
    const to = offsets[a + 1];
    if (from === to) continue;
    const f = h.start[idx[from]];
    first[a] = f;
    firstEntry[a] = idx[from];
    const p0 = h.product[idx[from]];
    let j = from + 1;
    let several: number[] | null = null;
    for (; j < to && h.start[idx[j]] === f; j++) {
      const p = h.product[idx[j]];
      if (p !== p0 && !(several ?? []).includes(p)) (several ??= [p0]).push(p);
    }
    if (several) {
      firstProduct[a] = -2;
      firstDay.set(a, several);
      continue;
    }
    firstProduct[a] = p0;
    let lastEnd = 0;
    let second = -1;
    for (let i = from; i < to; i++) {
      const e = idx[i];
      if (h.end[e] > lastEnd) lastEnd = h.end[e];
      if (second < 0 && h.product[e] !== p0) second = h.start[e];
    }
    if (second >= 0) {
      days[a] = second - f;
      bought[a] = 1;
    } else if (lastEnd <= asOf) {
      days[a] = lastEnd - f;
      churned[a] = 1;
    } else {
      days[a] = asOf - f;
    }
  }
  return { first, firstProduct, days, bought, churned, firstDay, firstEntry };
}

export interface TimeGroup {
  readonly label: string;
  /** Accounts in the curve (one first product). */
  readonly accounts: number;
  readonly bought: number;
  readonly censored: number;
  /** Of them, censored at churn rather than at as_of. */
  readonly churned: number;
  /** Started with two or more products on their first day (kept out of the curve). */
  readonly startedWithTwo: number;
  readonly fit: KmFit;
  readonly median: KmQuantile;
  /** S(180 days) with its interval. */
  readonly at: KmPoint;
}

/** The Kaplan–Meier curve of time to a second product, in one group or split by first product or a column. */
export function timeToSecond(h: History, asOf: number, split: TimeSplit = { kind: "all" }): TimeGroup[] {
  const sp = secondPurchases(h, asOf);
  const A = h.accounts.length;
  const labels = new StringIndex(16);
  const groupOf = new Int32Array(A).fill(-1);
  const extra: number[][] = []; // started-with-two counted in several groups (first product split)
  let rowsOf: Int32Array | null = null;
  if (split.kind === "column") rowsOf = entryRows(h);
  for (let a = 0; a < A; a++) {
    if (sp.first[a] < 0) continue;
    if (split.kind === "all") groupOf[a] = labels.add("All");
    else if (split.kind === "first product") {
      if (sp.firstProduct[a] >= 0) groupOf[a] = labels.add(h.products[sp.firstProduct[a]]);
      else for (const p of sp.firstDay.get(a)!) (extra[labels.add(h.products[p])] ??= []).push(a);
    } else {
      const r = rowsOf![sp.firstEntry[a]];
      const v = r >= 0 ? h.table.rows[r][split.col] : undefined;
      groupOf[a] = labels.add(isBlank(v) ? "(blank)" : toText(v) || showValue(v));
    }
  }
  const G = labels.size;
  const members: number[][] = Array.from({ length: G }, () => []);
  const two = new Int32Array(G);
  for (let a = 0; a < A; a++) {
    const g = groupOf[a];
    if (g < 0) continue;
    if (sp.firstProduct[a] === -2) two[g]++;
    else members[g].push(a);
  }
  for (let g = 0; g < G; g++) two[g] += extra[g]?.length ?? 0;
  return labels.keys.map((label, g) => {
    const m = members[g];
    const t = new Int32Array(m.length);
    const ev = new Uint8Array(m.length);
    let churned = 0;
    m.forEach((a, i) => {
      t[i] = sp.days[a];
      ev[i] = sp.bought[a];
      churned += sp.churned[a];
    });
    const fit = kaplanMeier(t, ev);
    return { label, accounts: m.length, bought: fit.events, censored: m.length - fit.events, churned, startedWithTwo: two[g], fit, median: kmQuantile(fit), at: survivalAt(fit, SHARE_WITHIN_DAYS) };
  });
}

export const TIME_SUMMARY_HEADERS = [
  "Group",
  "Accounts",
  "Bought a second",
  "Censored",
  "Censored at churn",
  "Started with two or more",
  "Median days",
  "Median 95% low",
  "Median 95% high",
  `Share within ${SHARE_WITHIN_DAYS} days`,
  "Share 95% low",
  "Share 95% high",
] as const;

export const TIME_CURVE_HEADERS = ["Group", "Days", "At risk", "Bought a second", "Censored", "Survival", "Share bought", "Share 95% low", "Share 95% high"] as const;

const num = (x: number): CellValue => (Number.isFinite(x) ? x : "");
const share = (s: number): CellValue => (Number.isFinite(s) ? 1 - s : "");

/** Pads rows with blanks to the widest, so the spill is a rectangle. */
function rectangle(rows: CellValue[][]): CellValue[][] {
  const w = Math.max(...rows.map((r) => r.length));
  return rows.map((r) => (r.length < w ? [...r, ...Array<CellValue>(w - r.length).fill("")] : r));
}

/**
 * The summary block (TIME_SUMMARY_HEADERS, one row per group), a blank row, then the curve table
 * (TIME_CURVE_HEADERS): per group a row at day 0 and one per day with a purchase or a censoring. Share bought
 * is 1 − S(t) and its interval 1 − the interval of S(t). Cells that cannot be estimated are blank: a median
 * not reached, an interval where S = 0, a share at 180 days when follow-up ends earlier.
 */
export function timeToSecondGrid(groups: TimeGroup[]): CellValue[][] {
  const out: CellValue[][] = [[...TIME_SUMMARY_HEADERS]];
  for (const g of groups) {
    out.push([g.label, g.accounts, g.bought, g.censored, g.churned, g.startedWithTwo, num(g.median.time), num(g.median.low), num(g.median.high), share(g.at.survival), share(g.at.high), share(g.at.low)]);
  }
  out.push([]);
  out.push([...TIME_CURVE_HEADERS]);
  for (const g of groups) {
    if (g.accounts === 0) continue;
    if (g.fit.rows[0].time > 0) out.push([g.label, 0, g.accounts, 0, 0, 1, 0, 0, 0]);
    for (const r of g.fit.rows) out.push([g.label, r.time, r.atRisk, r.events, r.censored, r.survival, 1 - r.survival, share(r.high), share(r.low)]);
  }
  return rectangle(out);
}

// ---------- purchase order ----------

export interface Sequence {
  readonly products: string[];
  /** P×P, row A column B: accounts that bought A and had not bought B before or on A's first day. */
  readonly accounts: Int32Array;
  /** P×P: of them, those whose first B came after their first A (within the window when one is given). */
  readonly count: Int32Array;
  /** P×P lists of days from first A to first B for the counted accounts (when asked for). */
  readonly days: number[][] | null;
}

/**
 * The purchase-order matrix. For each account, A's first start and B's first start; the account is in cell
 * (A, B)'s denominator when it bought A and had not started B on or before A's first day (B never bought, or
 * first bought strictly later); it counts when it first bought B 1 … within_days days after its first A (any
 * later day when within_days is null). Same-day starts are simultaneous and in neither.
 */
export function sequence(h: History, withinDays: number | null, wantDays = false): Sequence {
  const P = h.products.length;
  const { offsets, idx } = purchasesByAccount(h);
  const buyers = new Int32Array(P);
  const excluded = new Int32Array(P * P);
  const count = new Int32Array(P * P);
  const days: number[][] | null = wantDays ? Array.from({ length: P * P }, () => []) : null;
  const firstOf = new Int32Array(P).fill(-1);
  const owned: number[] = [];
  for (let a = 0; a + 1 < offsets.length; a++) {
    owned.length = 0;
    for (let i = offsets[a]; i < offsets[a + 1]; i++) {
      const p = h.product[idx[i]];
      if (firstOf[p] < 0) {
        firstOf[p] = h.start[idx[i]];
        owned.push(p);
      }
    }
    for (const x of owned) {
      buyers[x]++;
      for (const y of owned) {
        if (x === y) continue;
        const gap = firstOf[y] - firstOf[x];
        if (gap <= 0) excluded[x * P + y]++;
        else if (withinDays === null || gap <= withinDays) {
          count[x * P + y]++;
          days?.[x * P + y].push(gap);
        }
      }
    }
    for (const p of owned) firstOf[p] = -1;
  }
  const accounts = new Int32Array(P * P);
  for (let x = 0; x < P; x++) for (let y = 0; y < P; y++) accounts[x * P + y] = x === y ? 0 : buyers[x] - excluded[x * P + y];
  return { products: h.products, accounts, count, days };
}

export const SEQUENCE_MEASURES = ["share", "count", "accounts", "median_days"] as const;
export type SequenceMeasure = (typeof SEQUENCE_MEASURES)[number];

/** The median of a list (the mean of the middle two when even), as Excel's MEDIAN. */
export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Earlier product down, later product across; the diagonal and empty denominators blank. */
export function sequenceGrid(seq: Sequence, measure: SequenceMeasure): CellValue[][] {
  const P = seq.products.length;
  const out: CellValue[][] = [["Earlier ↓ / Later →", ...seq.products]];
  for (let x = 0; x < P; x++) {
    const row: CellValue[] = [seq.products[x]];
    for (let y = 0; y < P; y++) {
      const k = x * P + y;
      const n = seq.accounts[k];
      if (x === y || n === 0) row.push("");
      else if (measure === "share") row.push(seq.count[k] / n);
      else if (measure === "count") row.push(seq.count[k]);
      else if (measure === "accounts") row.push(n);
      else row.push(num(median(seq.days![k])));
    }
    out.push(row);
  }
  return out;
}

// ---------- product retention: first product vs cross-sold ----------

export interface RetentionCell {
  /** (account, product) first subscriptions that reached the horizon by as_of. */
  spells: number;
  /** Σ amount on the product's first day. */
  start: number;
  /** Σ min(amount at the horizon, amount on the first day). */
  kept: number;
  /** Those still paying for the product at the horizon. */
  logos: number;
}

export interface ProductRetention {
  readonly products: string[];
  readonly first: RetentionCell[];
  readonly cross: RetentionCell[];
  readonly months: number;
}

const emptyCell = (): RetentionCell => ({ spells: 0, start: 0, kept: 0, logos: 0 });

/**
 * For each account and product, the account's first subscription to it: its day t0 (earliest start), the amount
 * on t0, and the amount of that product on t1 = t0 + `months` calendar months (as EDATE), counted when t1 is on
 * or before as_of. It is a first product when t0 is the account's first purchase day (several products started
 * that day are all first), cross-sold when later. GRR = Σ min(amount on t1, amount on t0) ÷ Σ amount on t0;
 * logo retention = the share with an amount above 0 on t1.
 */
export function productRetention(h: History, asOf: number, months = 12): ProductRetention {
  const P = h.products.length;
  const { offsets, idx } = purchasesByAccount(h, asOf);
  const first = Array.from({ length: P }, emptyCell);
  const cross = Array.from({ length: P }, emptyCell);
  const t0 = new Int32Array(P).fill(-1);
  const startAmt = new Float64Array(P);
  const endAmt = new Float64Array(P);
  const seen: number[] = [];
  for (let a = 0; a + 1 < offsets.length; a++) {
    const from = offsets[a];
    const to = offsets[a + 1];
    if (from === to) continue;
    seen.length = 0;
    for (let i = from; i < to; i++) {
      const e = idx[i];
      const p = h.product[e];
      if (t0[p] < 0) {
        t0[p] = h.start[e];
        seen.push(p);
      }
      if (h.start[e] === t0[p]) startAmt[p] += h.amount[e];
    }
    for (let i = from; i < to; i++) {
      const e = idx[i];
      const p = h.product[e];
      const t1 = addMonths(t0[p], months);
      if (h.start[e] <= t1 && t1 < h.end[e]) endAmt[p] += h.amount[e];
    }
    const f = h.start[idx[from]];
    for (const p of seen) {
      if (addMonths(t0[p], months) <= asOf) {
        const c = t0[p] === f ? first[p] : cross[p];
        c.spells++;
        c.start += startAmt[p];
        c.kept += Math.min(endAmt[p], startAmt[p]);
        if (endAmt[p] > 0) c.logos++;
      }
      t0[p] = -1;
      startAmt[p] = 0;
      endAmt[p] = 0;
    }
  }
  return { products: h.products, first, cross, months };
}

/** Headers of XSELL_PRODUCT_RETENTION, the horizon written in them. */
export function productRetentionHeaders(months: number): string[] {
  const at = `at ${months} month${months === 1 ? "" : "s"}`;
  return ["Product", "As first product: subscriptions", `As first product: GRR ${at}`, `As first product: logo retention ${at}`, "Cross-sold: subscriptions", `Cross-sold: GRR ${at}`, `Cross-sold: logo retention ${at}`];
}

/** One row per product and an "All products" row; GRR and logo retention blank where there are no subscriptions. */
export function productRetentionGrid(pr: ProductRetention): CellValue[][] {
  const cells = (c: RetentionCell): CellValue[] => [c.spells, c.start > 0 ? c.kept / c.start : "", c.spells > 0 ? c.logos / c.spells : ""];
  const out: CellValue[][] = [productRetentionHeaders(pr.months)];
  const all = { first: emptyCell(), cross: emptyCell() };
  for (let p = 0; p < pr.products.length; p++) {
    out.push([pr.products[p], ...cells(pr.first[p]), ...cells(pr.cross[p])]);
    for (const k of ["first", "cross"] as const) {
      const c = pr[k][p];
      all[k].spells += c.spells;
      all[k].start += c.start;
      all[k].kept += c.kept;
      all[k].logos += c.logos;
    }
  }
  out.push(["All products", ...cells(all.first), ...cells(all.cross)]);
  return out;
}
