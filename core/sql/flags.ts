/**
 * What the pair flags and the honest attach rates read (core/integrity), in SQL: per product its owners and, with
 * a price list, the owners paying at or below the pass-through share of list (not counted as owned in the honest
 * view); per ordered pair the accounts owning both, those with Start Dates for both, how many started both the
 * same day and how many started B after A, and the accounts owning both with neither a pass-through. The flags
 * themselves are decided from these counts by core/integrity/flags.ts (pairFlagsOf), in one place.
 */
import { DEFAULT_PAIR_RULES } from "../integrity/rules";
import { lines, num, withQuery } from "./expr";
import type { Dialect } from "./dialect";
import type { TableSource } from "./mapping";
import { ownershipCtes, priceCte, type OwnershipParams } from "./ownership";

/** Owned account-products, each marked 1 when a pass-through (ARR at or below the share of a positive list price). */
function flaggedPairs(d: Dialect, src: TableSource, asOf: number, prices?: TableSource, share = DEFAULT_PAIR_RULES.pass_through_share): [string, string][] {
  const pass = prices ? `CASE WHEN pr.price > 0 AND o.arr IS NOT NULL AND o.arr <= ${num(share)} * pr.price THEN 1 ELSE 0 END` : "0";
  return [
    // the owned pairs, not their pair counts: the evidence counts its own pairs in one self-join
    ...ownershipCtes(d, src, asOf).filter(([name]) => name !== "pair_counts"),
    ...(prices ? [priceCte(d, prices)] : []),
    ["flag_pairs", lines(
      `SELECT o.account_key, o.product_key, o.start_day, ${pass} AS pass_through`,
      "FROM own_pairs o",
      prices && "LEFT JOIN prices pr ON pr.product_key = o.product_key",
    )],
  ];
}

/** Each product in order: its owners, its pass-through owners (0 without prices), the rest (honest), all accounts. */
export function productOwnersQuery(d: Dialect, src: TableSource, p: Pick<OwnershipParams, "asOf">, prices?: TableSource): string {
  return withQuery(
    [
      ...flaggedPairs(d, src, p.asOf, prices),
      ["flag_products", "SELECT product_key, SUM(pass_through) AS pass_through FROM flag_pairs GROUP BY product_key"],
    ],
    lines(
      "SELECT pr.product_name AS product, pr.owners, COALESCE(f.pass_through, 0) AS pass_through,",
      "  pr.owners - COALESCE(f.pass_through, 0) AS honest_owners, own_n.n AS accounts",
      "FROM own_products pr CROSS JOIN own_n",
      "LEFT JOIN flag_products f ON f.product_key = pr.product_key",
      "ORDER BY pr.product_order",
    ),
  );
}

/**
 * Every ordered pair of distinct products (row product A → next product B), in product order: accounts owning
 * both; of them, those with Start Dates for both (dated), same-day starts, B started after A; and accounts owning
 * both with neither a pass-through (honest_both, equal to both_accounts without prices).
 */
export function pairEvidenceQuery(d: Dialect, src: TableSource, p: Pick<OwnershipParams, "asOf">, prices?: TableSource): string {
  const dated = "x.start_day IS NOT NULL AND y.start_day IS NOT NULL";
  return withQuery(
    [
      ...flaggedPairs(d, src, p.asOf, prices),
      // one self-join counts everything the flags read
      ["pair_evidence", lines(
        "SELECT x.product_key AS a, y.product_key AS b, COUNT(*) AS both_accounts,",
        `  SUM(CASE WHEN ${dated} THEN 1 ELSE 0 END) AS dated,`,
        `  SUM(CASE WHEN ${dated} AND x.start_day = y.start_day THEN 1 ELSE 0 END) AS same_day,`,
        `  SUM(CASE WHEN ${dated} AND y.start_day > x.start_day THEN 1 ELSE 0 END) AS b_later,`,
        "  SUM(CASE WHEN x.pass_through = 0 AND y.pass_through = 0 THEN 1 ELSE 0 END) AS honest_both",
        "FROM flag_pairs x JOIN flag_pairs y ON x.account_key = y.account_key AND x.product_key <> y.product_key",
        "GROUP BY x.product_key, y.product_key",
      )],
    ],
    lines(
      "SELECT pa.product_name AS product, pb.product_name AS next_product,",
      "  COALESCE(e.both_accounts, 0) AS both_accounts, COALESCE(e.dated, 0) AS dated, COALESCE(e.same_day, 0) AS same_day,",
      "  COALESCE(e.b_later, 0) AS b_later, COALESCE(e.honest_both, 0) AS honest_both",
      "FROM own_products pa CROSS JOIN own_products pb",
      "LEFT JOIN pair_evidence e ON e.a = pa.product_key AND e.b = pb.product_key",
      "WHERE pa.product_key <> pb.product_key",
      "ORDER BY pa.product_order, pb.product_order",
    ),
  );
}
