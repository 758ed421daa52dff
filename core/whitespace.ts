/** Whitespace (what each account does not own yet, with its propensity) and the next best product. */
import { valueError } from "./errors";
import { StringIndex } from "./string-index";
import { attachMatrix, coOwnership } from "./adjacency";
import type { Ownership } from "./ownership";
import type { ReadOptions } from "./read/columns";
import { readTable, requireColumn } from "./table";
import { isMissing, showValue, toNumber, toText } from "./values";

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
  /** attach[q*P+p]: NaN where q has too few owners to qualify. */
  readonly attach: Float64Array;
  readonly counts: Int32Array;
  /** Overall share of accounts owning each product. */
  readonly share: Float64Array;
  readonly minAccounts: number;
}

export function propensities(own: Ownership, minAccounts: number): Propensities {
  const counts = coOwnership(own);
  const N = own.accounts.length;
  return {
    own,
    counts,
    attach: attachMatrix(own, counts, minAccounts),
    share: Float64Array.from(own.ownerCounts, (c) => (N === 0 ? 0 : c / N)),
    minAccounts,
  };
}

/**
 * For account a, fills `propensity` and `source` for every product: NaN where owned; otherwise the highest attach
 * rate into it from a qualifying owned product (source = that product), or its overall share (source = -1)
 * when the account owns nothing that qualifies. `owned` is scratch space of length P.
 */
export function accountPropensities(pr: Propensities, a: number, owned: Int32Array, propensity: Float64Array, source: Int32Array): void {
  const { own, attach, share } = pr;
  const P = own.products.length;
  const w = a >>> 5;
  const bit = a & 31;
  let k = 0;
  for (let p = 0; p < P; p++) if ((own.owners[p][w] >>> bit) & 1) owned[k++] = p;
  for (let p = 0; p < P; p++) {
    if ((own.owners[p][w] >>> bit) & 1) {
      propensity[p] = NaN;
      source[p] = -2;
      continue;
    }
    let best = -1;
    let from = -1;
    for (let i = 0; i < k; i++) {
      const v = attach[owned[i] * P + p]; // NaN (a non-qualifying source) never wins the comparison
      if (v > best) {
        best = v;
        from = owned[i];
      }
    }
    if (from < 0) {
      propensity[p] = share[p];
      source[p] = -1;
    } else {
      propensity[p] = best;
      source[p] = from;
    }
  }
}

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
      if (src[p] === -2) row[p + 1] = "owned";
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
      if (src[p] === -2 || taken[p]) continue;
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
  const n = own.ownerCounts[gap.source];
  return `${pct(gap.propensity)} of the ${n} accounts that own ${own.products[gap.source]} also own ${target}`;
}
