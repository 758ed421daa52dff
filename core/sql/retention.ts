/**
 * Snapshot retention in SQL, as core/retention.ts computes XSELL_RETENTION: the cohort is the accounts with
 * Start ARR above 0; NRR = their End ARR ÷ their Start ARR; GRR caps each at its start. With a Product column,
 * expansion and contraction are measured per product for accounts retained (above 0 at both ends).
 */
import { asDouble, keyOf, lines, present, textOf, withQuery } from "./expr";
import type { Dialect } from "./dialect";
import type { TableSource } from "./mapping";

function retentionCtes(d: Dialect, src: TableSource): [string, string][] {
  const c = src.col;
  const byProduct = c.Product !== undefined;
  const arr = (x: string): string => `COALESCE(${asDouble(d, x)}, 0)`;
  const ctes: [string, string][] = [
    ["ret_rows", lines(
      `SELECT ${keyOf(d, c.Account!)} AS account_key, ${textOf(d, c.Account!)} AS account_name,`,
      byProduct ? `  CASE WHEN ${present(d, c.Product!)} THEN ${keyOf(d, c.Product!)} ELSE '' END AS product_key,` : undefined,
      `  ${arr(c["Start ARR"]!)} AS s, ${arr(c["End ARR"]!)} AS e, ${src.order ?? "0"} AS row_order`,
      `FROM ${src.from}`,
      `WHERE ${present(d, c.Account!)}`,
    )],
  ];
  if (!byProduct) {
    ctes.push(["ret_accounts", "SELECT account_key, MIN(account_name) AS account_name, MIN(row_order) AS first_row, SUM(s) AS s, SUM(e) AS e, 0 AS products_at_start, 0 AS cross_sell, 0 AS upsell, 0 AS product_contraction FROM ret_rows GROUP BY account_key"]);
    return ctes;
  }
  ctes.push(
    ["ret_pairs", "SELECT account_key, product_key, SUM(s) AS s, SUM(e) AS e FROM ret_rows WHERE product_key <> '' GROUP BY account_key, product_key"],
    ["ret_products", lines(
      "SELECT account_key, SUM(CASE WHEN s > 0 THEN 1 ELSE 0 END) AS products_at_start,",
      "  SUM(CASE WHEN s = 0 AND e > 0 THEN e ELSE 0 END) AS cross_sell,",
      "  SUM(CASE WHEN s > 0 AND e > s THEN e - s ELSE 0 END) AS upsell,",
      "  SUM(CASE WHEN e < s THEN s - e ELSE 0 END) AS product_contraction",
      "FROM ret_pairs GROUP BY account_key",
    )],
    ["ret_accounts", lines(
      "SELECT a.account_key, a.account_name, a.first_row, a.s, a.e, COALESCE(p.products_at_start, 0) AS products_at_start,",
      "  COALESCE(p.cross_sell, 0) AS cross_sell, COALESCE(p.upsell, 0) AS upsell, COALESCE(p.product_contraction, 0) AS product_contraction",
      "FROM (SELECT account_key, MIN(account_name) AS account_name, MIN(row_order) AS first_row, SUM(s) AS s, SUM(e) AS e FROM ret_rows GROUP BY account_key) a",
      "LEFT JOIN ret_products p ON p.account_key = a.account_key",
    )],
  );
  return ctes;
}

/** One row per account: its start and end, its movement and (with products) the products it held at the start. */
export function retentionAccountsQuery(d: Dialect, src: TableSource): string {
  const movement = "CASE WHEN s = 0 AND e = 0 THEN '' WHEN s = 0 THEN 'New' WHEN e = 0 THEN 'Churn' WHEN e > s THEN 'Expansion' WHEN e < s THEN 'Contraction' ELSE 'Flat' END";
  return withQuery(
    retentionCtes(d, src),
    lines(
      `SELECT account_name AS account, s AS start_arr, e AS end_arr, e - s AS change, ${movement} AS movement${src.col.Product ? ", products_at_start" : ""}`,
      "FROM ret_accounts",
      "ORDER BY first_row, account_key",
    ),
  );
}

/** XSELL_RETENTION's summary in one row (NULL where the core shows a blank or an error: an empty cohort). */
export function retentionSummaryQuery(d: Dialect, src: TableSource): string {
  const byProduct = src.col.Product !== undefined;
  const sum = (when: string, what: string): string => `COALESCE(SUM(CASE WHEN ${when} THEN ${what} ELSE 0 END), 0)`;
  const retained = "s > 0 AND e > 0";
  const ratio = (a: string, b: string): string => `CASE WHEN ${b} > 0 THEN ${a} / ${b} END`;
  return withQuery(
    [
      ...retentionCtes(d, src),
      ["ret_totals", lines(
        `SELECT ${sum("s > 0", "s")} AS start_arr,`,
        byProduct
          ? `  ${sum(retained, "cross_sell + upsell")} AS expansion, ${sum(retained, "cross_sell")} AS cross_sell, ${sum(retained, "upsell")} AS upsell, ${sum(retained, "product_contraction")} AS contraction,`
          : `  ${sum("s > 0 AND e > s", "e - s")} AS expansion, ${sum(retained + " AND e < s", "s - e")} AS contraction,`,
        `  ${sum("s > 0 AND e = 0", "s")} AS churn, ${sum("s > 0", "e")} AS cohort_end_arr, ${sum("s = 0 AND e > 0", "e")} AS new_arr,`,
        `  ${sum("s > 0", "LEAST(s, e)")} AS kept,`,
        `  ${sum("s > 0", "1")} AS accounts_at_start, ${sum("s > 0 AND e = 0", "1")} AS accounts_churned, ${sum("s = 0 AND e > 0", "1")} AS new_accounts,`,
        `  ${sum("s > 0 AND products_at_start >= 2", "s")} AS multi_start, ${sum("s > 0 AND products_at_start >= 2", "LEAST(s, e)")} AS multi_kept, ${sum("s > 0 AND products_at_start >= 2", "1")} AS multi_accounts,`,
        `  ${sum("s > 0 AND products_at_start < 2", "s")} AS single_start, ${sum("s > 0 AND products_at_start < 2", "LEAST(s, e)")} AS single_kept, ${sum("s > 0 AND products_at_start < 2", "1")} AS single_accounts`,
        "FROM ret_accounts",
      )],
    ],
    lines(
      `SELECT start_arr, expansion, ${byProduct ? "cross_sell, upsell" : "CAST(NULL AS " + d.double + ") AS cross_sell, CAST(NULL AS " + d.double + ") AS upsell"}, contraction, churn,`,
      "  cohort_end_arr, new_arr, cohort_end_arr + new_arr AS end_arr,",
      `  ${ratio("cohort_end_arr", "start_arr")} AS nrr, ${ratio("kept", "start_arr")} AS grr,`,
      `  accounts_at_start, accounts_churned, ${ratio(asDouble(d, "accounts_churned"), "accounts_at_start")} AS logo_churn,`,
      byProduct
        ? `  ${ratio("multi_kept", "multi_start")} AS grr_multi, ${ratio("single_kept", "single_start")} AS grr_single, multi_accounts, single_accounts,`
        : `  CAST(NULL AS ${d.double}) AS grr_multi, CAST(NULL AS ${d.double}) AS grr_single, 0 AS multi_accounts, 0 AS single_accounts,`,
      "  new_accounts",
      "FROM ret_totals",
    ),
  );
}
