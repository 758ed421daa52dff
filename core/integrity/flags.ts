/**
 * Pairs and account-products whose attach credit is not a cross-sell decision (the traps of a bundle pass-through
 * and a forced bundle): B nearly always owned with A and started the same day (a forced bundle); B always owned
 * with A and bought after it (a prerequisite: a path, not a choice); B always owned with A in no settled order
 * or without Start Dates to tell (a subset); and, with a price list, an account paying at most a small share of
 * list for a product (a pass-through: a price cut booked as attach).
 */
import { coOwnership, type OwnerCounts } from "../adjacency";
import { checkOutputSize } from "../budgets";
import { arrOf, owns, startOf, type Ownership } from "../ownership";
import type { PairRules } from "./rules";

export const PAIR_FLAG_KINDS = ["Forced bundle", "Prerequisite", "Subset"] as const;
export type PairFlagKind = (typeof PAIR_FLAG_KINDS)[number];
export const PASS_THROUGH = "Pass-through";

export interface PairFlag {
  readonly kind: PairFlagKind;
  /** The product B is (nearly) never owned without. */
  readonly a: number;
  /** The product whose owners (nearly) all own A. */
  readonly b: number;
  /** Accounts owning both. */
  readonly accounts: number;
  /** Both directions hold (A's owners also nearly all own B): both cells of the pair are flagged. */
  readonly mutual: boolean;
  readonly evidence: string;
}

export interface PassThroughFlag {
  readonly account: number;
  readonly product: number;
  /** The account's largest other product by ARR (the contract it rode in on); -1 when none. */
  readonly host: number;
  readonly arr: number;
  readonly price: number;
  readonly evidence: string;
}

export interface Flags {
  readonly pairs: PairFlag[];
  readonly passThrough: PassThroughFlag[];
}

/** 95%, 94.7%, 100%: whole when whole, else one decimal, so a near miss never reads as the threshold. */
export const percent = (x: number): string => {
  const p = Math.round(x * 1000) / 10;
  return `${Number.isInteger(p) ? p.toFixed(0) : p.toFixed(1)}%`;
};
const money = (n: number): string => `$${Math.round(n).toLocaleString("en-US")}`;
const count = (n: number, word: string): string => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
/** "all 68" or "168 of the 176 (95.5%)". */
const ofThe = (k: number, n: number): string => (k === n ? `all ${n.toLocaleString("en-US")}` : `${k.toLocaleString("en-US")} of the ${n.toLocaleString("en-US")} (${percent(k / n)})`);

/** Per ordered pair (a, b) over accounts owning both with Start Dates: dated, same day, and b started after a. */
export function startOrder(own: Ownership): StartOrder {
  const P = own.products.length;
  const dated = new Int32Array(P * P);
  const sameDay = new Int32Array(P * P);
  const bLater = new Int32Array(P * P);
  if (own.starts.size === 0) return { dated, sameDay, bLater };
  const held: number[] = [];
  const day: number[] = [];
  for (let acc = 0; acc < own.accounts.length; acc++) {
    held.length = 0;
    day.length = 0;
    for (let p = 0; p < P; p++) {
      if (!owns(own, acc, p)) continue;
      const s = startOf(own, acc, p);
      if (Number.isNaN(s)) continue;
      held.push(p);
      day.push(s);
    }
    for (let i = 0; i < held.length; i++) {
      for (let j = i + 1; j < held.length; j++) {
        const ij = held[i] * P + held[j];
        const ji = held[j] * P + held[i];
        dated[ij]++;
        dated[ji]++;
        if (day[i] === day[j]) {
          sameDay[ij]++;
          sameDay[ji]++;
        } else if (day[j] > day[i]) bLater[ij]++;
        else bLater[ji]++;
      }
    }
  }
  return { dated, sameDay, bLater };
}

/** Per ordered pair (a, b), a*P+b: accounts owning both with Start Dates for both, same-day starts, b started after a. */
export interface StartOrder {
  readonly dated: Int32Array;
  readonly sameDay: Int32Array;
  readonly bLater: Int32Array;
}

/** The pair flags of an ownership table under the rules, forced bundles first, then prerequisites and subsets. */
export function pairFlags(own: Ownership, rules: PairRules, fn = "XSELL_PAIR_FLAGS"): PairFlag[] {
  const P = own.products.length;
  // every pair is counted, in four P × P arrays: within the cells budget, checked before any is allocated
  checkOutputSize(fn, P, P, `pair flags over ${P.toLocaleString("en-US")} products × ${P.toLocaleString("en-US")}`, "filter ownership to the products that matter");
  return pairFlagsOf(own, coOwnership(own), startOrder(own), rules);
}

/**
 * The pair flags from the counts they read, whoever counted them: this ownership's owner sets (pairFlags) or a
 * warehouse's GROUP BY (core/sql/flags.ts, `xsell report --engine duckdb`). counts: accounts owning both, a*P+b.
 */
export function pairFlagsOf(own: OwnerCounts, counts: Int32Array, order: StartOrder, rules: PairRules): PairFlag[] {
  const P = own.products.length;
  const { dated, sameDay, bLater } = order;
  const name = own.products;
  const contained = (a: number, b: number): boolean => {
    const nb = own.ownerCounts[b];
    return a !== b && nb >= rules.min_owners && nb > 0 && counts[a * P + b] / nb >= rules.owner_share;
  };
  const kindOf = (a: number, b: number): PairFlagKind => {
    const k = a * P + b;
    if (dated[k] >= rules.min_owners) {
      if (sameDay[k] / dated[k] >= rules.same_day_share) return "Forced bundle";
      if (bLater[k] / dated[k] >= rules.later_share) return "Prerequisite";
    }
    return "Subset";
  };
  const found: PairFlag[] = [];
  for (let b = 0; b < P; b++) {
    for (let a = 0; a < P; a++) {
      if (!contained(a, b)) continue;
      const kind = kindOf(a, b);
      const mutual = contained(b, a) && kindOf(b, a) === kind;
      // a symmetric finding is said once, from the product with more owners (then the first listed)
      if (mutual && kind !== "Prerequisite" && (own.ownerCounts[b] > own.ownerCounts[a] || (own.ownerCounts[b] === own.ownerCounts[a] && b < a))) continue;
      const k = a * P + b;
      const both = counts[k];
      const nb = own.ownerCounts[b];
      const share = both === nb ? `All ${count(nb, "owner")} of ${name[b]} also own ${name[a]}` : `${both.toLocaleString("en-US")} of the ${count(nb, "owner")} of ${name[b]} (${percent(both / nb)}) also own ${name[a]}`;
      const order = (): string => `${sameDay[k]} the same day, ${bLater[k]} after ${name[a]}, ${bLater[b * P + a]} before`;
      let evidence: string;
      if (kind === "Forced bundle") {
        evidence = `${share}, and ${ofThe(sameDay[k], dated[k])} with Start Dates for both started them on the same day: bought as one, so attach between them is not a cross-sell.`;
      } else if (kind === "Prerequisite") {
        evidence = `${share}, and ${ofThe(bLater[k], dated[k])} with Start Dates for both bought ${name[b]} after ${name[a]}: ${name[a]} is the way to ${name[b]}, so ${name[b]} → ${name[a]} is a path, not a cross-sell.`;
      } else if (dated[k] >= rules.min_owners) {
        evidence = `${share}, in no order the rules call a bundle or a path (${order()}): no owner of ${name[b]} lacks ${name[a]}, so ${name[b]} → ${name[a]} is not a cross-sell rate.`;
      } else {
        evidence = `${share}; ${dated[k] === 0 ? "there are no Start Dates" : `only ${dated[k]} have Start Dates for both`} to tell a bundle from a path: no owner of ${name[b]} lacks ${name[a]}, so ${name[b]} → ${name[a]} is not a cross-sell rate.`;
      }
      if (mutual && kind !== "Prerequisite") evidence = evidence.replace(/\.$/, `; ${name[a]}'s owners also own ${name[b]} (${percent(both / own.ownerCounts[a])}).`);
      found.push({ kind, a, b, accounts: both, mutual: mutual && kind !== "Prerequisite", evidence });
    }
  }
  const rank = (f: PairFlag): number => PAIR_FLAG_KINDS.indexOf(f.kind);
  return found.sort((x, y) => rank(x) - rank(y) || x.a - y.a || x.b - y.b);
}

/** Account-products paid at or below the rule's share of list price (prices: NaN where a product has none). */
export function passThroughFlags(own: Ownership, prices: Float64Array, rules: PairRules): PassThroughFlag[] {
  const P = own.products.length;
  const out: PassThroughFlag[] = [];
  if (own.arr.size === 0) return out;
  for (let acc = 0; acc < own.accounts.length; acc++) {
    for (let p = 0; p < P; p++) {
      const price = prices[p];
      if (!(price > 0) || !owns(own, acc, p)) continue;
      const arr = arrOf(own, acc, p);
      if (Number.isNaN(arr) || arr > rules.pass_through_share * price) continue;
      let host = -1;
      let hostArr = -1;
      for (let q = 0; q < P; q++) {
        if (q === p || !owns(own, acc, q)) continue;
        const v = arrOf(own, acc, q);
        if (v > hostArr) {
          hostArr = v;
          host = q;
        }
      }
      const beside = host < 0 ? "" : Number.isNaN(hostArr) || hostArr < 0 ? `, beside ${own.products[host]}` : `, beside ${money(hostArr)} for ${own.products[host]}`;
      const evidence = `${own.accounts[acc]} pays ${money(arr)} a year for ${own.products[p]}, ${percent(arr / price)} of its ${money(price)} list price${beside}: attach credit for a price cut (the rule: at or below ${percent(rules.pass_through_share)} of list).`;
      out.push({ account: acc, product: p, host, arr, price, evidence });
    }
  }
  return out;
}
