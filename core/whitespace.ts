/** Whitespace (what each account does not own yet, with its propensity) and the next best product. */
import { valueError } from "./errors";
import { StringIndex } from "./string-index";
import { attachMatrix, coOwnership } from "./adjacency";
import type { HonestView } from "./integrity/honest";
import { arrOf, ownersOf, productsOf, startOf, type Ownership } from "./ownership";
import type { ReadOptions } from "./read/columns";
import { readTable, requireColumn } from "./table";
import { dayFromYmd, isMissing, showValue, toNumber, toText } from "./values";

/** Price per product index (NaN where the prices table has no price for it). */
export function readPrices(fn: string, arg: unknown, own: Ownership, options: ReadOptions = {}): Float64Array {
  const table = readTable(fn, arg, undefined, options);
  const pc = requireColumn(table, "Product", "prices needs Product and Price columns");
  const vc = requireColumn(table, "Price", "prices needs Product and Price columns");
  // keyed as products are (case, spaces, Unicode form; never punctuation): "Plan A" and "Plan A+" keep their own prices
  const byName = new StringIndex(table.rows.length);
  const price: number[] = [];
  table.rows.forEach((row, i) => {
    const name = toText(row[pc]);
    if (name === "") return;
    const n = toNumber(row[vc]);
    if (!n.ok) {
      if (isMissing(row[vc])) return;
      throw valueError(fn, `prices column "${table.headers[vc]}" row ${table.rowNumbers[i]}: ${showValue(row[vc])} is not a number`);
    }
    if (n.value < 0) throw valueError(fn, `prices column "${table.headers[vc]}" row ${table.rowNumbers[i]}: a price cannot be negative (${n.value})`);
    price[byName.add(name)] = n.value;
  });
  return Float64Array.from(own.products, (p) => {
    const k = byName.get(p);
    return k >= 0 ? price[k] : NaN;
  });
}

export interface Propensities {
  readonly own: Ownership;
  /** Overall share of accounts owning each product (from `counted`). */
  readonly share: Float64Array;
  readonly minAccounts: number;
  /** Ownership the rates are counted from: `own` less pass-through when excluded. */
  readonly counted: Ownership;
  /** Flagged cells, pass-through and bundle halves left out; null for raw rates with no bundles. */
  readonly honest: HonestView | null;
  /**
   * Attach rates from product q into every product (share of q's owners owning it), NaN where the cell is flagged
   * (honest rates) and at q itself; null when q has too few owners to qualify.
   */
  attachRow(q: number): Float64Array | null;
}

/** Products up to which the whole P×P attach matrix may be computed up front (16 M rates, 128 MB at the limit). */
const FULL_MATRIX_PRODUCTS = 4096;
/** Attach rates kept from rows computed on demand before the cache starts over (32 MB). */
const ROW_CACHE_RATES = 4_000_000;

/**
 * Attach rates for whitespace and next product, from raw ownership or from the honest view (flagged cells and
 * pass-through ownership left out). The whole matrix at once (pair counts by bitset ANDs) only when P² is at most
 * a few times the accounts × products the caller reads anyway; otherwise only the rows of products some account
 * owns, each counted from that product's owners' product lists, so 20 accounts over 10,000 products cost what
 * they own, not 10,000². `how` forces one way (tests compare them).
 */
export function propensities(own: Ownership, minAccounts: number, honest: HonestView | null = null, how?: "matrix" | "rows"): Propensities {
  const counted = honest?.counted ?? own;
  const N = own.accounts.length;
  const P = own.products.length;
  const share = Float64Array.from(counted.ownerCounts, (c) => (N === 0 ? 0 : c / N));
  const qualifies = (q: number): boolean => counted.ownerCounts[q] > 0 && counted.ownerCounts[q] >= minAccounts;
  const base = { own, share, minAccounts, counted, honest };
  const matrix = how ? how === "matrix" : P <= 256 || (P <= FULL_MATRIX_PRODUCTS && P <= 4 * N);
  if (matrix) {
    const m = attachMatrix(counted, coOwnership(counted), minAccounts);
    if (honest) for (const k of honest.cellFlag.keys()) m[k] = NaN;
    const rows = Array.from({ length: P }, (_, q) => (qualifies(q) ? m.subarray(q * P, q * P + P) : null));
    return { ...base, attachRow: (q) => rows[q] };
  }
  const flagged = new Map<number, number[]>();
  if (honest) {
    for (const k of honest.cellFlag.keys()) {
      const q = Math.floor(k / P);
      flagged.set(q, [...(flagged.get(q) ?? []), k - q * P]);
    }
  }
  const cache = new Map<number, Float64Array>();
  return {
    ...base,
    attachRow(q: number): Float64Array | null {
      if (!qualifies(q)) return null;
      let row = cache.get(q);
      if (row) return row;
      row = new Float64Array(P);
      const owners = ownersOf(counted, q);
      for (let k = 0; k < owners.length; k++) {
        const ps = productsOf(counted, owners[k]);
        for (let j = 0; j < ps.length; j++) row[ps[j]]++;
      }
      const n = counted.ownerCounts[q];
      for (let p = 0; p < P; p++) row[p] /= n;
      row[q] = NaN;
      for (const p of flagged.get(q) ?? []) row[p] = NaN;
      if ((cache.size + 1) * P > ROW_CACHE_RATES) cache.clear();
      cache.set(q, row);
      return row;
    },
  };
}

/** Source codes beside a product index: owned; held at a pass-through price; a forced bundle's other half. */
export const OWNED = -2;
export const BUNDLED = -3;
export const PASS_THROUGH_HELD = -4;

/**
 * For account a, fills `propensity` and `source` for every product: NaN where owned (source OWNED, or
 * PASS_THROUGH_HELD when held at a pass-through price and excluded) or the other half of a forced bundle it owns
 * (BUNDLED); otherwise the highest attach rate into it from a qualifying owned product (source = that product),
 * or its overall share (source = -1) when the account owns nothing that qualifies. `_owned` is unused scratch
 * kept for callers' signatures.
 */
export function accountPropensities(pr: Propensities, a: number, _owned: Int32Array, propensity: Float64Array, source: Int32Array): void {
  const { own, share, honest } = pr;
  const P = own.products.length;
  propensity.fill(-1);
  source.fill(-1);
  const held = productsOf(own, a);
  // source by source over whole rows: the same maxima as product by product (ties keep the first source), in
  // cache-friendly order; NaN (a non-qualifying or flagged cell) never wins the comparison
  for (let i = 0; i < held.length; i++) {
    const q = held[i];
    // pass-through ownership is no buying decision: it predicts nothing
    if (honest && honest.passThrough.has(a * P + q)) continue;
    const row = pr.attachRow(q);
    if (!row) continue;
    for (let p = 0; p < P; p++) {
      const v = row[p];
      if (v > propensity[p]) {
        propensity[p] = v;
        source[p] = q;
      }
    }
  }
  for (let p = 0; p < P; p++) if (source[p] < 0) propensity[p] = share[p];
  if (honest && honest.bundles > 0) {
    for (let i = 0; i < held.length; i++) {
      for (const p of honest.bundled.get(held[i]) ?? []) {
        propensity[p] = NaN;
        source[p] = BUNDLED;
      }
    }
  }
  for (let i = 0; i < held.length; i++) {
    const q = held[i];
    propensity[q] = NaN;
    source[q] = honest && honest.passThrough.has(a * P + q) ? PASS_THROUGH_HELD : OWNED;
  }
}

/** What a whitespace cell says where there is nothing to sell. */
export const heldText = (source: number): string => (source === PASS_THROUGH_HELD ? "pass-through" : source === BUNDLED ? "bundled" : "owned");

/** XSELL_WHITESPACE's grid: header row, then per account "owned" or the propensity / expected ARR. */
export function whitespaceGrid(pr: Propensities, prices: Float64Array | null): (string | number)[][] {
  const { own } = pr;
  const P = own.products.length;
  const out: (string | number)[][] = [["Account", ...own.products]];
  const owned = new Int32Array(P);
  const prop = new Float64Array(P);
  const src = new Int32Array(P);
  for (let a = 0; a < own.accounts.length; a++) {
    accountPropensities(pr, a, owned, prop, src);
    const row: (string | number)[] = new Array(P + 1);
    row[0] = own.accounts[a];
    for (let p = 0; p < P; p++) {
      if (src[p] <= OWNED) row[p + 1] = heldText(src[p]);
      else if (prices) row[p + 1] = Number.isNaN(prices[p]) ? "" : prop[p] * prices[p];
      else row[p + 1] = prop[p];
    }
    out.push(row);
  }
  return out;
}

export interface NextProduct {
  product: number;
  propensity: number;
  expectedArr: number;
  source: number;
}

export interface GapScratch {
  owned: Int32Array;
  prop: Float64Array;
  src: Int32Array;
  taken: Uint8Array;
}

export function gapScratch(P: number): GapScratch {
  return { owned: new Int32Array(P), prop: new Float64Array(P), src: new Int32Array(P), taken: new Uint8Array(P) };
}

/**
 * The account's rank-th best whitespace product (1 = best): by expected ARR when priced (unpriced products after
 * priced ones), else by propensity; ties keep product order. Selection in place: no per-account allocation.
 */
export function nthGap(pr: Propensities, prices: Float64Array | null, a: number, rank: number, scratch: GapScratch): NextProduct | null {
  const P = pr.own.products.length;
  accountPropensities(pr, a, scratch.owned, scratch.prop, scratch.src);
  const { prop, src, taken } = scratch;
  taken.fill(0);
  const value = (p: number): number => (prices ? (Number.isNaN(prices[p]) ? -1 : prop[p] * prices[p]) : prop[p]);
  let best = -1;
  for (let r = 0; r < rank; r++) {
    best = -1;
    for (let p = 0; p < P; p++) {
      if (src[p] <= OWNED || taken[p]) continue;
      if (best < 0) {
        best = p;
        continue;
      }
      const vp = value(p);
      const vb = value(best);
      if (vp > vb || (vp === vb && prop[p] > prop[best])) best = p;
    }
    if (best < 0) return null;
    taken[best] = 1;
  }
  return { product: best, propensity: prop[best], expectedArr: prices ? prop[best] * prices[best] : NaN, source: src[best] };
}

/** "62% of the 140 accounts that own CRM also own Analytics". */
export function gapReason(pr: Propensities, gap: NextProduct): string {
  const { own } = pr;
  const pct = (x: number): string => `${Math.round(x * 100)}%`;
  const target = own.products[gap.product];
  if (gap.source < 0) {
    return `${pct(gap.propensity)} of all ${own.accounts.length} accounts own ${target}`;
  }
  const n = pr.counted.ownerCounts[gap.source];
  return `${pct(gap.propensity)} of the ${n} accounts that own ${own.products[gap.source]} also own ${target}`;
}

/**
 * Per product, what its ownership is worth: owners, the share of accounts owning it, the mean ARR per owner and
 * the realized price (Σ ARR ÷ (owners with ARR × list price)); with Start Dates, by the year bought, so a share
 * that climbs while the realized price falls (attach bought with discounts) shows.
 */
export interface ProductEconomics {
  readonly owners: Int32Array;
  readonly share: Float64Array;
  /** Mean ARR of the owners whose ARR is known; NaN when none is. */
  readonly arrPerOwner: Float64Array;
  /** Σ ARR ÷ (owners with ARR × list price); NaN without ARR or a price. */
  readonly realized: Float64Array;
  /** Owners paying at or below `passThroughShare` of list. */
  readonly passThrough: Int32Array;
  /**
   * Up to the last four calendar years with Start Dates: the share of the accounts started by the year's end
   * that own the product from a start on or before it (today's owners only, so churned owners are not counted),
   * and the realized price of the owners who bought in that year.
   */
  readonly years: { readonly year: number; readonly share: Float64Array; readonly realized: Float64Array }[];
}

export function productEconomics(own: Ownership, prices: Float64Array | null, passThroughShare: number): ProductEconomics {
  const P = own.products.length;
  const N = own.accounts.length;
  const owners = Int32Array.from(own.ownerCounts);
  const arrSum = new Float64Array(P);
  const arrCount = new Int32Array(P);
  const passThrough = new Int32Array(P);
  // one pass over owned pairs, bucketed by the calendar year each was started: owners started, their ARR, and the
  // accounts whose first start fell in it
  const byYear = new Map<number, { started: Int32Array; sum: Float64Array; n: Int32Array; accounts: number }>();
  const bucket = (y: number) => {
    let b = byYear.get(y);
    if (!b) byYear.set(y, (b = { started: new Int32Array(P), sum: new Float64Array(P), n: new Int32Array(P), accounts: 0 }));
    return b;
  };
  for (let a = 0; a < N; a++) {
    let first = Infinity;
    // the products this account owns (ascending, as the loop over all products visited them): owned pairs, not N × P
    for (const p of productsOf(own, a)) {
      const v = arrOf(own, a, p);
      const s = startOf(own, a, p);
      if (!Number.isNaN(v)) {
        arrSum[p] += v;
        arrCount[p]++;
        if (prices && prices[p] > 0 && v <= passThroughShare * prices[p]) passThrough[p]++;
      }
      if (Number.isNaN(s)) continue;
      if (s < first) first = s;
      const b = bucket(yearOf(s));
      b.started[p]++;
      if (!Number.isNaN(v)) {
        b.sum[p] += v;
        b.n[p]++;
      }
    }
    if (first < Infinity) bucket(yearOf(first)).accounts++;
  }
  const realizedOf = (sum: number, n: number, p: number): number => (prices && prices[p] > 0 && n > 0 ? sum / (n * prices[p]) : NaN);
  const years: ProductEconomics["years"] = [];
  const known = [...byYear.keys()].sort((x, y) => x - y);
  if (known.length > 0) {
    const last = known[known.length - 1];
    const held = new Int32Array(P);
    let started = 0;
    for (const y of known) {
      if (y > last - 4) break;
      const b = byYear.get(y)!;
      started += b.accounts;
      for (let p = 0; p < P; p++) held[p] += b.started[p];
    }
    for (let y = last - 3; y <= last; y++) {
      const b = byYear.get(y);
      if (b) {
        started += b.accounts;
        for (let p = 0; p < P; p++) held[p] += b.started[p];
      }
      if (started === 0) continue;
      years.push({ year: y, share: Float64Array.from(held, (h) => h / started), realized: Float64Array.from({ length: P }, (_, p) => (b ? realizedOf(b.sum[p], b.n[p], p) : NaN)) });
    }
  }
  return {
    owners,
    share: Float64Array.from(owners, (c) => (N === 0 ? 0 : c / N)),
    arrPerOwner: Float64Array.from(arrSum, (x, p) => (arrCount[p] > 0 ? x / arrCount[p] : NaN)),
    realized: Float64Array.from(arrSum, (x, p) => realizedOf(x, arrCount[p], p)),
    passThrough,
    years,
  };
}

/** The calendar year of a day number, from a table of 1 January days (no Date object per call). */
function yearOf(day: number): number {
  let y = Math.floor(day / 365.2425) + 1970;
  while (jan1(y) > day) y--;
  while (jan1(y + 1) <= day) y++;
  return y;
}
const JAN1 = new Map<number, number>();
const jan1 = (y: number): number => {
  let d = JAN1.get(y);
  if (d === undefined) JAN1.set(y, (d = dayFromYmd(y, 1, 1)));
  return d;
};
