/** Attach rates, lift and the product × product adjacency matrix, from ownership's owner sets. */
import { coCount, productsOf, type Ownership } from "./ownership";

/**
 * What the adjacency measures need, whoever counted it: the ownership's owner sets here, or a warehouse's GROUP BY
 * (core/sql, `xsell report --engine duckdb`). An Ownership is one; so is { products, ownerCounts, accounts: { length } }.
 */
export interface OwnerCounts {
  readonly products: readonly string[];
  /** Accounts owning each product. */
  readonly ownerCounts: Int32Array;
  /** The accounts (only their number is read). */
  readonly accounts: { readonly length: number };
}

/**
 * Accounts owning both products, for every ordered pair (symmetric), as a flat P×P array: pair by pair (bitset
 * ANDs suit a few dense products over many accounts) or account by account (each account's product pairs:
 * suits many sparse products), whichever does less work. Callers keep P×P within the budget (core/budgets.ts).
 */
export function coOwnership(own: Ownership, by?: "accounts" | "pairs"): Int32Array {
  const P = own.products.length;
  const counts = new Int32Array(P * P);
  const sets = own.owners;
  if ((by ?? (sets.accountMajorWork() < sets.pairwiseWork() ? "accounts" : "pairs")) === "accounts") {
    for (let i = 0; i < own.accounts.length; i++) {
      const ps = productsOf(own, i);
      for (let x = 0; x < ps.length; x++) {
        const row = ps[x] * P;
        for (let y = x + 1; y < ps.length; y++) counts[row + ps[y]]++;
      }
    }
    for (let a = 0; a < P; a++) {
      counts[a * P + a] = own.ownerCounts[a];
      for (let b = a + 1; b < P; b++) counts[b * P + a] = counts[a * P + b];
    }
    return counts;
  }
  for (let a = 0; a < P; a++) {
    counts[a * P + a] = own.ownerCounts[a];
    for (let b = a + 1; b < P; b++) {
      const n = coCount(own, a, b);
      counts[a * P + b] = n;
      counts[b * P + a] = n;
    }
  }
  return counts;
}

/** Accounts owning both a and b. */
export const pairCount = coCount;

/** The fewest owners of a product for its attach rates to count as a pattern in the tabs (the cross-sell playbook's 5). */
export const PATTERN_MIN_ACCOUNTS = 5;

/** z for a two-sided 95% interval: the 0.975 quantile of the standard normal. */
export const Z95 = 1.959963984540054;

/** Wilson score interval for k successes in n trials (n > 0). */
export function wilson(k: number, n: number, z = Z95): [number, number] {
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export const MEASURES = ["attach", "lift", "count", "support", "ci_low", "ci_high", "accounts"] as const;
export type Measure = (typeof MEASURES)[number];

/**
 * One cell of the adjacency matrix: row product a (owned) → column product b (next).
 * Returns null for "blank": the diagonal, a row product below min_accounts, or an undefined ratio.
 */
export function adjacencyValue(own: OwnerCounts, counts: Int32Array, measure: Measure, a: number, b: number, minAccounts: number): number | null {
  const P = own.products.length;
  const N = own.accounts.length;
  if (a === b) return null;
  const na = own.ownerCounts[a];
  if (na < minAccounts || na === 0) return null;
  // count and support describe the pair, not a rate conditioned on the row: blank them when either product is
  // thin, so both matrices stay symmetric
  if ((measure === "count" || measure === "support") && (own.ownerCounts[b] < minAccounts || own.ownerCounts[b] === 0)) return null;
  const both = counts[a * P + b];
  switch (measure) {
    case "attach":
      return both / na;
    case "lift": {
      const shareB = own.ownerCounts[b] / N;
      return shareB === 0 ? null : both / na / shareB;
    }
    case "count":
      return both;
    case "support":
      return both / N;
    case "ci_low":
      return wilson(both, na)[0];
    case "ci_high":
      return wilson(both, na)[1];
    case "accounts":
      return na;
  }
}

/** attach[a*P+b] = share of a's owners that own b; NaN where a has fewer than minAccounts owners. */
export function attachMatrix(own: OwnerCounts, counts: Int32Array, minAccounts: number): Float64Array {
  const P = own.products.length;
  const m = new Float64Array(P * P).fill(NaN);
  for (let a = 0; a < P; a++) {
    const na = own.ownerCounts[a];
    if (na === 0 || na < minAccounts) continue;
    for (let b = 0; b < P; b++) if (b !== a) m[a * P + b] = counts[a * P + b] / na;
  }
  return m;
}
