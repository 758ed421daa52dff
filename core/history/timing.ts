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
import { showValue, toText, isBlank, type CellValue } from "../values";
import { StringIndex } from "../string-index";
import { type History } from "./read";
import { kaplanMeier, kmQuantile, survivalAt, type KmFit, type KmPoint, type KmQuantile } from "./km";
import { entryRows, purchasesByAccount } from "./purchases";

export { entryRows };
export { productRetention, productRetentionGrid } from "./product-retention";

/** The horizon of "share within N days" in XSELL_TIME_TO_SECOND. */
export const SHARE_WITHIN_DAYS = 180;

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
