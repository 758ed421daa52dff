/**
 * What the Adjacency tab reads, whoever counted it: the raw and honest owner counts, the pair counts of each, and
 * the pair flags. In memory they come from the ownership table; with `xsell report --engine duckdb` from the
 * warehouse SQL's GROUP BYs (core/sql/flags.ts), through TabInputs.precomputed. Either way the rates, flags and
 * intervals are worked out from these counts by the same core functions.
 */
import { checkOutputSize } from "../budgets";
import { coOwnership, type OwnerCounts } from "../adjacency";
import type { PairFlag } from "../integrity/flags";
import { findFlags, honestView } from "../integrity/honest";
import { readPrices } from "../whitespace";
import { optionsFor, ownershipOf, type TabInputs } from "./inputs";

export interface AdjacencyFacts {
  /** Every owner counted: products, owners per product, the accounts' number. */
  readonly raw: OwnerCounts;
  /** Accounts owning both, a*P+b (the diagonal: owners). */
  readonly rawCounts: Int32Array;
  /** Pass-through ownership not counted (the same as raw without a price list). */
  readonly honest: OwnerCounts;
  readonly honestCounts: Int32Array;
  /** The pair flags found by the default rules (on raw ownership). */
  readonly flags: readonly PairFlag[];
  /** Pass-through account-products; null without a price list. */
  readonly passThrough: number | null;
}

/** The Adjacency tab's size, checked before any pair is counted: three P × P matrices side by side. */
export function checkAdjacencySize(fn: string, P: number): void {
  checkOutputSize(fn, P + 4, 3 * P + 7, `three matrices of ${P.toLocaleString("en-US")} products × ${P.toLocaleString("en-US")}`, "filter ownership to the products that matter (up to 5,459 fit a sheet's width)");
}

/** The facts counted in memory from the ownership table (and the price list, for pass-through). */
export function adjacencyFacts(fn: string, inputs: TabInputs): AdjacencyFacts {
  const own = ownershipOf(fn, inputs);
  const prices = inputs.prices ? readPrices(fn, inputs.prices, own, optionsFor(inputs, "prices")) : null;
  checkAdjacencySize(fn, own.products.length);
  const view = honestView(own, findFlags(own, prices));
  const rawCounts = coOwnership(own);
  return {
    raw: own,
    rawCounts,
    honest: view.counted,
    honestCounts: view.counted === own ? rawCounts : coOwnership(view.counted),
    flags: view.flags.pairs,
    passThrough: prices ? view.flags.passThrough.length : null,
  };
}
