/**
 * Product retention when a product was an account's first against when it was cross-sold later (purchases as
 * core/history/timing.ts defines them).
 */
import { addMonths, type CellValue } from "../values";
import { type History } from "./read";
import { purchasesByAccount } from "./purchases";

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
