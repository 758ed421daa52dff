/**
 * Ownership in SQL, as core/ownership.ts reads a long table and core/adjacency.ts and core/whitespace.ts use it:
 * an account counts in every denominator once it has a row; a product is owned when its row's status is blank or
 * active, its End Date (if any) is after as-of and its Start Date (if any) on or before it. Products are ordered as
 * in the table when the source gives a row order, else by name; that order breaks ties as it does in the core.
 */
import { Z95 } from "../adjacency";
import { asDate, asDouble, dateLiteral, keyOf, lines, num, present, standing, textOf, withQuery } from "./expr";
import type { Dialect } from "./dialect";
import type { TableSource } from "./mapping";

export interface OwnershipParams {
  readonly asOf: number;
  /** Fewest owners for a product's attach rates to count (the Adjacency tab uses 5, the whitespace 1). */
  readonly minAccounts: number;
}

/** The common table expressions of every ownership query: own_rows, own_accounts, own_n, own_pairs, own_products, pair_counts. */
export function ownershipCtes(d: Dialect, src: TableSource, asOf: number): [string, string][] {
  const c = src.col;
  const key = c["Account ID"] ?? c.Account!;
  // the display name: the name column's text when the table has IDs and names, else the key as written
  const name = c["Account ID"] !== undefined && c.Account !== undefined ? `COALESCE(NULLIF(${textOf(d, c.Account)}, ''), ${textOf(d, key)})` : textOf(d, key);
  const conditions = [
    `${present(d, c.Product!)}`,
    c.Status && `${standing(d, c.Status)} IN ('none', 'active')`,
    c["End Date"] && `(${asDate(c["End Date"])} IS NULL OR ${asDate(c["End Date"])} > ${dateLiteral(asOf)})`,
    c["Start Date"] && `(${asDate(c["Start Date"])} IS NULL OR ${asDate(c["Start Date"])} <= ${dateLiteral(asOf)})`,
  ].filter((x): x is string => Boolean(x));
  const order = src.order ? `${src.order} AS row_order` : "0 AS row_order";
  // the earliest Start Date and the summed ARR of an account's counted rows for a product, as core/ownership.ts
  const start = c["Start Date"] ? asDate(c["Start Date"]) : "CAST(NULL AS DATE)";
  const arr = c.ARR ? asDouble(d, c.ARR) : `CAST(NULL AS ${d.double})`;
  return [
    ["own_rows", lines(
      `SELECT ${keyOf(d, key)} AS account_key, ${name} AS account_name,`,
      `  ${keyOf(d, c.Product!)} AS product_key, ${textOf(d, c.Product!)} AS product_name, ${order},`,
      `  CASE WHEN ${conditions.join("\n    AND ")} THEN 1 ELSE 0 END AS owned,`,
      `  ${start} AS start_day, ${arr} AS arr, ${c.Status ? `CASE WHEN ${standing(d, c.Status)} = 'trial' THEN 1 ELSE 0 END` : "0"} AS trial`,
      `FROM ${src.from}`,
      `WHERE ${present(d, key)}`,
    )],
    ["own_accounts", "SELECT account_key, MIN(account_name) AS account_name FROM own_rows GROUP BY account_key"],
    ["own_n", "SELECT COUNT(*) AS n FROM own_accounts"],
    // a product whose counted rows sum to an ARR of 0 is on the books at no value: not owned
    ["own_pairs", lines(
      "SELECT account_key, product_key, MIN(start_day) AS start_day, SUM(arr) AS arr",
      "FROM own_rows WHERE owned = 1 GROUP BY account_key, product_key",
      "HAVING SUM(arr) IS NULL OR SUM(arr) > 0",
    )],
    ["own_products", lines(
      "SELECT p.product_key, p.product_name, COALESCE(o.owners, 0) AS owners,",
      "  ROW_NUMBER() OVER (ORDER BY p.first_row, p.product_key) AS product_order",
      "FROM (SELECT product_key, MIN(product_name) AS product_name, MIN(row_order) AS first_row FROM own_rows WHERE product_key <> '' GROUP BY product_key) p",
      "LEFT JOIN (SELECT product_key, COUNT(*) AS owners FROM own_pairs GROUP BY product_key) o ON o.product_key = p.product_key",
    )],
    ["pair_counts", lines(
      "SELECT x.product_key AS a, y.product_key AS b, COUNT(*) AS both_accounts",
      "FROM own_pairs x JOIN own_pairs y ON x.account_key = y.account_key AND x.product_key <> y.product_key",
      "GROUP BY x.product_key, y.product_key",
    )],
  ];
}

/** Every ordered pair of distinct products with its owners, both-owners and the total, as doubles where divided. */
function pairBase(d: Dialect): string {
  return lines(
    "SELECT pa.product_name AS product, pb.product_name AS next_product, pa.product_order AS a_order, pb.product_order AS b_order,",
    "  pa.product_key AS a, pb.product_key AS b, pa.owners AS na, pb.owners AS nb, COALESCE(c.both_accounts, 0) AS both_accounts, own_n.n AS n,",
    `  ${asDouble(d, "pa.owners")} AS na_f, ${asDouble(d, "COALESCE(c.both_accounts, 0)")} AS both_f`,
    "FROM own_products pa CROSS JOIN own_products pb CROSS JOIN own_n",
    "LEFT JOIN pair_counts c ON c.a = pa.product_key AND c.b = pb.product_key",
    "WHERE pa.product_key <> pb.product_key",
  );
}

/**
 * XSELL_ADJACENCY's measures for every ordered pair (row product → next product), with the core's blanks as NULL:
 * rates where the row product has fewer than min_accounts owners; count and support also where the next product
 * has. Wilson's interval in the core's order of operations (core/adjacency.ts wilson), so the doubles agree.
 */
export function pairsQuery(d: Dialect, src: TableSource, p: OwnershipParams): string {
  const min = Math.max(1, p.minAccounts);
  const z = num(Z95);
  const z2 = num(Z95 * Z95);
  const rowOk = `na >= ${min}`;
  const bothOk = `${rowOk} AND nb >= ${min}`;
  return withQuery(
    [
      ...ownershipCtes(d, src, p.asOf),
      ["pair_base", pairBase(d)],
      ["pair_wilson", lines(
        "SELECT *, (p + " + z2 + " / (2 * na_f)) / denom AS centre,",
        `  (${z} * SQRT(p * (1 - p) / na_f + ${z2} / (4 * na_f * na_f))) / denom AS half`,
        `FROM (SELECT *, CASE WHEN ${rowOk} THEN both_f / na_f END AS p, 1 + ${z2} / na_f AS denom FROM pair_base) w`,
      )],
    ],
    lines(
      "SELECT product, next_product, na AS product_accounts, nb AS next_product_accounts, both_accounts,",
      "  p AS attach,",
      `  CASE WHEN ${rowOk} AND nb > 0 THEN p / (${asDouble(d, "nb")} / n) END AS lift,`,
      `  CASE WHEN ${bothOk} THEN both_accounts END AS pair_count,`,
      `  CASE WHEN ${bothOk} THEN both_f / n END AS support,`,
      `  CASE WHEN ${rowOk} THEN GREATEST(0, centre - half) END AS ci_low,`,
      `  CASE WHEN ${rowOk} THEN LEAST(1, centre + half) END AS ci_high`,
      "FROM pair_wilson",
      "ORDER BY a_order, b_order",
    ),
  );
}

/** Prices by product key (the highest where a product is listed twice), when a prices table is given. */
export function priceCte(d: Dialect, prices: TableSource): [string, string] {
  const c = prices.col;
  return ["prices", lines(
    `SELECT ${keyOf(d, c.Product!)} AS product_key, MAX(${asDouble(d, c.Price!)}) AS price`,
    `FROM ${prices.from}`,
    `WHERE ${present(d, c.Product!)} AND ${c.Price} IS NOT NULL`,
    `GROUP BY ${keyOf(d, c.Product!)}`,
  )];
}

/**
 * Each account × product it does not own, with the propensity core/whitespace.ts gives it: the best attach rate
 * into the product from a qualifying product the account owns (ties to the earlier product), else the product's
 * share of all accounts; and expected ARR = propensity × price when priced.
 */
function whitespaceCtes(d: Dialect, src: TableSource, p: OwnershipParams, prices?: TableSource): [string, string][] {
  const min = Math.max(1, p.minAccounts);
  return [
    ...ownershipCtes(d, src, p.asOf),
    ...(prices ? [priceCte(d, prices)] : []),
    ["ws_attach", lines(
      `SELECT pa.product_key AS a, pa.product_order AS a_order, pb.product_key AS b, ${asDouble(d, "COALESCE(c.both_accounts, 0)")} / ${asDouble(d, "pa.owners")} AS attach`,
      "FROM own_products pa CROSS JOIN own_products pb",
      "LEFT JOIN pair_counts c ON c.a = pa.product_key AND c.b = pb.product_key",
      `WHERE pa.product_key <> pb.product_key AND pa.owners >= ${min}`,
    )],
    // the best rate into each gap, then the earliest product giving it: two hash aggregates (a window function
    // partitioned by account and product sorts every candidate, several times slower)
    ["ws_candidates", lines(
      "SELECT o.account_key, t.b AS product_key, t.a_order, t.attach",
      "FROM own_pairs o JOIN ws_attach t ON t.a = o.product_key",
    )],
    ["ws_top", "SELECT account_key, product_key, MAX(attach) AS attach FROM ws_candidates GROUP BY account_key, product_key"],
    ["ws_best", lines(
      "SELECT c.account_key, c.product_key, MIN(c.a_order) AS source_order, MAX(c.attach) AS attach",
      "FROM ws_candidates c JOIN ws_top t ON t.account_key = c.account_key AND t.product_key = c.product_key AND c.attach = t.attach",
      "GROUP BY c.account_key, c.product_key",
    )],
    ["whitespace", lines(
      "SELECT acc.account_key, acc.account_name, pr.product_key, pr.product_name, pr.product_order,",
      `  COALESCE(s.attach, CASE WHEN own_n.n = 0 THEN 0 ELSE ${asDouble(d, "pr.owners")} / own_n.n END) AS propensity,`,
      `  src.product_name AS source_product${prices ? ", price.price" : ""}`,
      "FROM own_accounts acc CROSS JOIN own_products pr CROSS JOIN own_n",
      "LEFT JOIN own_pairs o ON o.account_key = acc.account_key AND o.product_key = pr.product_key",
      "LEFT JOIN ws_best s ON s.account_key = acc.account_key AND s.product_key = pr.product_key",
      "LEFT JOIN own_products src ON src.product_order = s.source_order",
      prices && "LEFT JOIN prices price ON price.product_key = pr.product_key",
      "WHERE o.account_key IS NULL",
    )],
  ];
}

/** XSELL_WHITESPACE in long form: one row per account and product it does not own. */
export function whitespaceQuery(d: Dialect, src: TableSource, p: OwnershipParams, prices?: TableSource): string {
  return withQuery(
    whitespaceCtes(d, src, p, prices),
    lines(
      `SELECT account_name AS account, product_name AS product, propensity, source_product${prices ? ", propensity * price AS expected_arr" : ""}`,
      "FROM whitespace",
      "ORDER BY account_key, product_order",
    ),
  );
}

/**
 * XSELL_NEXT_PRODUCT for every account: its best `top` gaps, by expected ARR when priced (unpriced products after
 * priced ones), else by propensity; ties to the higher propensity, then the earlier product.
 */
export function nextProductQuery(d: Dialect, src: TableSource, p: OwnershipParams, prices?: TableSource, top = 1): string {
  const value = prices ? "CASE WHEN price IS NULL THEN -1 ELSE propensity * price END DESC, " : "";
  return withQuery(
    [
      ...whitespaceCtes(d, src, p, prices),
      ["ranked", lines(
        `SELECT *, ROW_NUMBER() OVER (PARTITION BY account_key ORDER BY ${value}propensity DESC, product_order) AS gap_rank`,
        "FROM whitespace",
      )],
    ],
    lines(
      `SELECT account_name AS account, gap_rank, product_name AS next_product, propensity, source_product${prices ? ", propensity * price AS expected_arr" : ""}`,
      "FROM ranked",
      `WHERE gap_rank <= ${Math.max(1, Math.floor(top))}`,
      "ORDER BY account_key, gap_rank",
    ),
  );
}


/**
 * Ownership as of the date, one row per account and product in the order first seen (by the row order of the
 * source, which must give one): counted rows as one row with their summed ARR and earliest Start Date (status
 * blank); a trial as a "trial" row; a pair with no counted row as a "cancelled" row, so that products and
 * accounts keep their places. Read by core/ownership.ts, these rows give the same ownership as the source's rows.
 */
export function ownershipRowsQuery(d: Dialect, src: TableSource, asOf: number): string {
  // each pair's first row is found by its row number: without one, every row of the pair would match
  if (!src.order) throw new Error("ownershipRowsQuery needs a source with a row order");
  const byId = src.col["Account ID"] !== undefined;
  const pk = "COALESCE(product_key, '')";
  const row = (status: string, counted: boolean): string => lines(
    `SELECT ${byId ? "r.account_key AS account_id, " : ""}f.account_name AS account, COALESCE(f.product_name, '') AS product,`,
    `  ${counted ? "r.arr" : `CAST(NULL AS ${d.double})`} AS arr, ${counted ? `CAST(r.start_day AS ${d.text})` : `CAST(NULL AS ${d.text})`} AS start_date, ${status} AS status, r.first_row, ${counted ? 0 : 1} AS part`,
    "FROM own_reduced r JOIN own_rows f ON f.account_key = r.account_key AND COALESCE(f.product_key, '') = r.product_key AND f.row_order = r.first_row",
  );
  return withQuery(
    [
      ...ownershipCtes(d, src, asOf).filter(([name]) => name === "own_rows"),
      ["own_reduced", lines(
        `SELECT account_key, ${pk} AS product_key, MIN(row_order) AS first_row, MAX(owned) AS owned, MAX(trial) AS trial,`,
        "  SUM(CASE WHEN owned = 1 THEN arr END) AS arr, MIN(CASE WHEN owned = 1 THEN start_day END) AS start_day",
        `FROM own_rows GROUP BY account_key, ${pk}`,
      )],
    ],
    lines(
      row("CASE WHEN r.owned = 1 THEN '' WHEN r.trial = 1 THEN 'trial' ELSE 'cancelled' END", true),
      "UNION ALL",
      row("'trial'", false),
      "WHERE r.owned = 1 AND r.trial = 1",
      "ORDER BY first_row, part",
    ),
  );
}
