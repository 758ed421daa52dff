-- XSELL warehouse SQL (duckdb), as of 2026-11-01. Each statement stands alone.

-- xsell_adjacency: Every ordered pair of products: attach rate, lift, accounts owning both, support and the Wilson 95% interval of the attach rate (blank below 5 owners).
WITH
own_rows AS (
  SELECT LOWER(regexp_replace(TRIM(CAST(account AS VARCHAR)), '[\s]+', ' ', 'g')) AS account_key, TRIM(CAST(account AS VARCHAR)) AS account_name,
    LOWER(regexp_replace(TRIM(CAST(product AS VARCHAR)), '[\s]+', ' ', 'g')) AS product_key, TRIM(CAST(product AS VARCHAR)) AS product_name, 0 AS row_order,
    CASE WHEN (product IS NOT NULL AND TRIM(CAST(product AS VARCHAR)) <> '')
      AND (CAST(start_date AS DATE) IS NULL OR CAST(start_date AS DATE) <= DATE '2026-11-01') THEN 1 ELSE 0 END AS owned,
    CAST(start_date AS DATE) AS start_day, CAST(arr AS DOUBLE) AS arr, 0 AS trial
  FROM xsell_sample.ownership
  WHERE (account IS NOT NULL AND TRIM(CAST(account AS VARCHAR)) <> '')
),
own_accounts AS (
  SELECT account_key, MIN(account_name) AS account_name FROM own_rows GROUP BY account_key
),
own_n AS (
  SELECT COUNT(*) AS n FROM own_accounts
),
own_pairs AS (
  SELECT account_key, product_key, MIN(start_day) AS start_day, SUM(arr) AS arr
  FROM own_rows WHERE owned = 1 GROUP BY account_key, product_key
  HAVING SUM(arr) IS NULL OR SUM(arr) > 0
),
own_products AS (
  SELECT p.product_key, p.product_name, COALESCE(o.owners, 0) AS owners,
    ROW_NUMBER() OVER (ORDER BY p.first_row, p.product_key) AS product_order
  FROM (SELECT product_key, MIN(product_name) AS product_name, MIN(row_order) AS first_row FROM own_rows WHERE product_key <> '' GROUP BY product_key) p
  LEFT JOIN (SELECT product_key, COUNT(*) AS owners FROM own_pairs GROUP BY product_key) o ON o.product_key = p.product_key
),
pair_counts AS (
  SELECT x.product_key AS a, y.product_key AS b, COUNT(*) AS both_accounts
  FROM own_pairs x JOIN own_pairs y ON x.account_key = y.account_key AND x.product_key <> y.product_key
  GROUP BY x.product_key, y.product_key
),
pair_base AS (
  SELECT pa.product_name AS product, pb.product_name AS next_product, pa.product_order AS a_order, pb.product_order AS b_order,
    pa.product_key AS a, pb.product_key AS b, pa.owners AS na, pb.owners AS nb, COALESCE(c.both_accounts, 0) AS both_accounts, own_n.n AS n,
    CAST(pa.owners AS DOUBLE) AS na_f, CAST(COALESCE(c.both_accounts, 0) AS DOUBLE) AS both_f
  FROM own_products pa CROSS JOIN own_products pb CROSS JOIN own_n
  LEFT JOIN pair_counts c ON c.a = pa.product_key AND c.b = pb.product_key
  WHERE pa.product_key <> pb.product_key
),
pair_wilson AS (
  SELECT *, (p + 3.8414588206941254 / (2 * na_f)) / denom AS centre,
    (1.959963984540054 * SQRT(p * (1 - p) / na_f + 3.8414588206941254 / (4 * na_f * na_f))) / denom AS half
  FROM (SELECT *, CASE WHEN na >= 5 THEN both_f / na_f END AS p, 1 + 3.8414588206941254 / na_f AS denom FROM pair_base) w
)
SELECT product, next_product, na AS product_accounts, nb AS next_product_accounts, both_accounts,
  p AS attach,
  CASE WHEN na >= 5 AND nb > 0 THEN p / (CAST(nb AS DOUBLE) / n) END AS lift,
  CASE WHEN na >= 5 AND nb >= 5 THEN both_accounts END AS pair_count,
  CASE WHEN na >= 5 AND nb >= 5 THEN both_f / n END AS support,
  CASE WHEN na >= 5 THEN GREATEST(0, centre - half) END AS ci_low,
  CASE WHEN na >= 5 THEN LEAST(1, centre + half) END AS ci_high
FROM pair_wilson
ORDER BY a_order, b_order;

-- xsell_product_owners: Each product's owners, those paying at or below 20% of list (pass-through, not counted as owned in the honest view) and the rest, and the number of accounts.
WITH
own_rows AS (
  SELECT LOWER(regexp_replace(TRIM(CAST(account AS VARCHAR)), '[\s]+', ' ', 'g')) AS account_key, TRIM(CAST(account AS VARCHAR)) AS account_name,
    LOWER(regexp_replace(TRIM(CAST(product AS VARCHAR)), '[\s]+', ' ', 'g')) AS product_key, TRIM(CAST(product AS VARCHAR)) AS product_name, 0 AS row_order,
    CASE WHEN (product IS NOT NULL AND TRIM(CAST(product AS VARCHAR)) <> '')
      AND (CAST(start_date AS DATE) IS NULL OR CAST(start_date AS DATE) <= DATE '2026-11-01') THEN 1 ELSE 0 END AS owned,
    CAST(start_date AS DATE) AS start_day, CAST(arr AS DOUBLE) AS arr, 0 AS trial
  FROM xsell_sample.ownership
  WHERE (account IS NOT NULL AND TRIM(CAST(account AS VARCHAR)) <> '')
),
own_accounts AS (
  SELECT account_key, MIN(account_name) AS account_name FROM own_rows GROUP BY account_key
),
own_n AS (
  SELECT COUNT(*) AS n FROM own_accounts
),
own_pairs AS (
  SELECT account_key, product_key, MIN(start_day) AS start_day, SUM(arr) AS arr
  FROM own_rows WHERE owned = 1 GROUP BY account_key, product_key
  HAVING SUM(arr) IS NULL OR SUM(arr) > 0
),
own_products AS (
  SELECT p.product_key, p.product_name, COALESCE(o.owners, 0) AS owners,
    ROW_NUMBER() OVER (ORDER BY p.first_row, p.product_key) AS product_order
  FROM (SELECT product_key, MIN(product_name) AS product_name, MIN(row_order) AS first_row FROM own_rows WHERE product_key <> '' GROUP BY product_key) p
  LEFT JOIN (SELECT product_key, COUNT(*) AS owners FROM own_pairs GROUP BY product_key) o ON o.product_key = p.product_key
),
prices AS (
  SELECT LOWER(regexp_replace(TRIM(CAST(product AS VARCHAR)), '[\s]+', ' ', 'g')) AS product_key, MAX(CAST(price AS DOUBLE)) AS price
  FROM xsell_sample.prices
  WHERE (product IS NOT NULL AND TRIM(CAST(product AS VARCHAR)) <> '') AND price IS NOT NULL
  GROUP BY LOWER(regexp_replace(TRIM(CAST(product AS VARCHAR)), '[\s]+', ' ', 'g'))
),
flag_pairs AS (
  SELECT o.account_key, o.product_key, o.start_day, CASE WHEN pr.price > 0 AND o.arr IS NOT NULL AND o.arr <= 0.2 * pr.price THEN 1 ELSE 0 END AS pass_through
  FROM own_pairs o
  LEFT JOIN prices pr ON pr.product_key = o.product_key
),
flag_products AS (
  SELECT product_key, SUM(pass_through) AS pass_through FROM flag_pairs GROUP BY product_key
)
SELECT pr.product_name AS product, pr.owners, COALESCE(f.pass_through, 0) AS pass_through,
  pr.owners - COALESCE(f.pass_through, 0) AS honest_owners, own_n.n AS accounts
FROM own_products pr CROSS JOIN own_n
LEFT JOIN flag_products f ON f.product_key = pr.product_key
ORDER BY pr.product_order;

-- xsell_pair_evidence: What the pair flags read, per ordered pair: accounts owning both, of them those with Start Dates for both, same-day starts and the next product started later, and accounts owning both with neither a pass-through.
WITH
own_rows AS (
  SELECT LOWER(regexp_replace(TRIM(CAST(account AS VARCHAR)), '[\s]+', ' ', 'g')) AS account_key, TRIM(CAST(account AS VARCHAR)) AS account_name,
    LOWER(regexp_replace(TRIM(CAST(product AS VARCHAR)), '[\s]+', ' ', 'g')) AS product_key, TRIM(CAST(product AS VARCHAR)) AS product_name, 0 AS row_order,
    CASE WHEN (product IS NOT NULL AND TRIM(CAST(product AS VARCHAR)) <> '')
      AND (CAST(start_date AS DATE) IS NULL OR CAST(start_date AS DATE) <= DATE '2026-11-01') THEN 1 ELSE 0 END AS owned,
    CAST(start_date AS DATE) AS start_day, CAST(arr AS DOUBLE) AS arr, 0 AS trial
  FROM xsell_sample.ownership
  WHERE (account IS NOT NULL AND TRIM(CAST(account AS VARCHAR)) <> '')
),
own_accounts AS (
  SELECT account_key, MIN(account_name) AS account_name FROM own_rows GROUP BY account_key
),
own_n AS (
  SELECT COUNT(*) AS n FROM own_accounts
),
own_pairs AS (
  SELECT account_key, product_key, MIN(start_day) AS start_day, SUM(arr) AS arr
  FROM own_rows WHERE owned = 1 GROUP BY account_key, product_key
  HAVING SUM(arr) IS NULL OR SUM(arr) > 0
),
own_products AS (
  SELECT p.product_key, p.product_name, COALESCE(o.owners, 0) AS owners,
    ROW_NUMBER() OVER (ORDER BY p.first_row, p.product_key) AS product_order
  FROM (SELECT product_key, MIN(product_name) AS product_name, MIN(row_order) AS first_row FROM own_rows WHERE product_key <> '' GROUP BY product_key) p
  LEFT JOIN (SELECT product_key, COUNT(*) AS owners FROM own_pairs GROUP BY product_key) o ON o.product_key = p.product_key
),
prices AS (
  SELECT LOWER(regexp_replace(TRIM(CAST(product AS VARCHAR)), '[\s]+', ' ', 'g')) AS product_key, MAX(CAST(price AS DOUBLE)) AS price
  FROM xsell_sample.prices
  WHERE (product IS NOT NULL AND TRIM(CAST(product AS VARCHAR)) <> '') AND price IS NOT NULL
  GROUP BY LOWER(regexp_replace(TRIM(CAST(product AS VARCHAR)), '[\s]+', ' ', 'g'))
),
flag_pairs AS (
  SELECT o.account_key, o.product_key, o.start_day, CASE WHEN pr.price > 0 AND o.arr IS NOT NULL AND o.arr <= 0.2 * pr.price THEN 1 ELSE 0 END AS pass_through
  FROM own_pairs o
  LEFT JOIN prices pr ON pr.product_key = o.product_key
),
pair_evidence AS (
  SELECT x.product_key AS a, y.product_key AS b, COUNT(*) AS both_accounts,
    SUM(CASE WHEN x.start_day IS NOT NULL AND y.start_day IS NOT NULL THEN 1 ELSE 0 END) AS dated,
    SUM(CASE WHEN x.start_day IS NOT NULL AND y.start_day IS NOT NULL AND x.start_day = y.start_day THEN 1 ELSE 0 END) AS same_day,
    SUM(CASE WHEN x.start_day IS NOT NULL AND y.start_day IS NOT NULL AND y.start_day > x.start_day THEN 1 ELSE 0 END) AS b_later,
    SUM(CASE WHEN x.pass_through = 0 AND y.pass_through = 0 THEN 1 ELSE 0 END) AS honest_both
  FROM flag_pairs x JOIN flag_pairs y ON x.account_key = y.account_key AND x.product_key <> y.product_key
  GROUP BY x.product_key, y.product_key
)
SELECT pa.product_name AS product, pb.product_name AS next_product,
  COALESCE(e.both_accounts, 0) AS both_accounts, COALESCE(e.dated, 0) AS dated, COALESCE(e.same_day, 0) AS same_day,
  COALESCE(e.b_later, 0) AS b_later, COALESCE(e.honest_both, 0) AS honest_both
FROM own_products pa CROSS JOIN own_products pb
LEFT JOIN pair_evidence e ON e.a = pa.product_key AND e.b = pb.product_key
WHERE pa.product_key <> pb.product_key
ORDER BY pa.product_order, pb.product_order;

-- xsell_whitespace: Every account and product it does not own: the propensity (best attach rate from a product it owns, else the product's share) and expected ARR.
WITH
own_rows AS (
  SELECT LOWER(regexp_replace(TRIM(CAST(account AS VARCHAR)), '[\s]+', ' ', 'g')) AS account_key, TRIM(CAST(account AS VARCHAR)) AS account_name,
    LOWER(regexp_replace(TRIM(CAST(product AS VARCHAR)), '[\s]+', ' ', 'g')) AS product_key, TRIM(CAST(product AS VARCHAR)) AS product_name, 0 AS row_order,
    CASE WHEN (product IS NOT NULL AND TRIM(CAST(product AS VARCHAR)) <> '')
      AND (CAST(start_date AS DATE) IS NULL OR CAST(start_date AS DATE) <= DATE '2026-11-01') THEN 1 ELSE 0 END AS owned,
    CAST(start_date AS DATE) AS start_day, CAST(arr AS DOUBLE) AS arr, 0 AS trial
  FROM xsell_sample.ownership
  WHERE (account IS NOT NULL AND TRIM(CAST(account AS VARCHAR)) <> '')
),
own_accounts AS (
  SELECT account_key, MIN(account_name) AS account_name FROM own_rows GROUP BY account_key
),
own_n AS (
  SELECT COUNT(*) AS n FROM own_accounts
),
own_pairs AS (
  SELECT account_key, product_key, MIN(start_day) AS start_day, SUM(arr) AS arr
  FROM own_rows WHERE owned = 1 GROUP BY account_key, product_key
  HAVING SUM(arr) IS NULL OR SUM(arr) > 0
),
own_products AS (
  SELECT p.product_key, p.product_name, COALESCE(o.owners, 0) AS owners,
    ROW_NUMBER() OVER (ORDER BY p.first_row, p.product_key) AS product_order
  FROM (SELECT product_key, MIN(product_name) AS product_name, MIN(row_order) AS first_row FROM own_rows WHERE product_key <> '' GROUP BY product_key) p
  LEFT JOIN (SELECT product_key, COUNT(*) AS owners FROM own_pairs GROUP BY product_key) o ON o.product_key = p.product_key
),
pair_counts AS (
  SELECT x.product_key AS a, y.product_key AS b, COUNT(*) AS both_accounts
  FROM own_pairs x JOIN own_pairs y ON x.account_key = y.account_key AND x.product_key <> y.product_key
  GROUP BY x.product_key, y.product_key
),
prices AS (
  SELECT LOWER(regexp_replace(TRIM(CAST(product AS VARCHAR)), '[\s]+', ' ', 'g')) AS product_key, MAX(CAST(price AS DOUBLE)) AS price
  FROM xsell_sample.prices
  WHERE (product IS NOT NULL AND TRIM(CAST(product AS VARCHAR)) <> '') AND price IS NOT NULL
  GROUP BY LOWER(regexp_replace(TRIM(CAST(product AS VARCHAR)), '[\s]+', ' ', 'g'))
),
ws_attach AS (
  SELECT pa.product_key AS a, pa.product_order AS a_order, pb.product_key AS b, CAST(COALESCE(c.both_accounts, 0) AS DOUBLE) / CAST(pa.owners AS DOUBLE) AS attach
  FROM own_products pa CROSS JOIN own_products pb
  LEFT JOIN pair_counts c ON c.a = pa.product_key AND c.b = pb.product_key
  WHERE pa.product_key <> pb.product_key AND pa.owners >= 1
),
ws_candidates AS (
  SELECT o.account_key, t.b AS product_key, t.a_order, t.attach
  FROM own_pairs o JOIN ws_attach t ON t.a = o.product_key
),
ws_top AS (
  SELECT account_key, product_key, MAX(attach) AS attach FROM ws_candidates GROUP BY account_key, product_key
),
ws_best AS (
  SELECT c.account_key, c.product_key, MIN(c.a_order) AS source_order, MAX(c.attach) AS attach
  FROM ws_candidates c JOIN ws_top t ON t.account_key = c.account_key AND t.product_key = c.product_key AND c.attach = t.attach
  GROUP BY c.account_key, c.product_key
),
whitespace AS (
  SELECT acc.account_key, acc.account_name, pr.product_key, pr.product_name, pr.product_order,
    COALESCE(s.attach, CASE WHEN own_n.n = 0 THEN 0 ELSE CAST(pr.owners AS DOUBLE) / own_n.n END) AS propensity,
    src.product_name AS source_product, price.price
  FROM own_accounts acc CROSS JOIN own_products pr CROSS JOIN own_n
  LEFT JOIN own_pairs o ON o.account_key = acc.account_key AND o.product_key = pr.product_key
  LEFT JOIN ws_best s ON s.account_key = acc.account_key AND s.product_key = pr.product_key
  LEFT JOIN own_products src ON src.product_order = s.source_order
  LEFT JOIN prices price ON price.product_key = pr.product_key
  WHERE o.account_key IS NULL
)
SELECT account_name AS account, product_name AS product, propensity, source_product, propensity * price AS expected_arr
FROM whitespace
ORDER BY account_key, product_order;

-- xsell_next_product: Each account's best product to offer next, by expected ARR.
WITH
own_rows AS (
  SELECT LOWER(regexp_replace(TRIM(CAST(account AS VARCHAR)), '[\s]+', ' ', 'g')) AS account_key, TRIM(CAST(account AS VARCHAR)) AS account_name,
    LOWER(regexp_replace(TRIM(CAST(product AS VARCHAR)), '[\s]+', ' ', 'g')) AS product_key, TRIM(CAST(product AS VARCHAR)) AS product_name, 0 AS row_order,
    CASE WHEN (product IS NOT NULL AND TRIM(CAST(product AS VARCHAR)) <> '')
      AND (CAST(start_date AS DATE) IS NULL OR CAST(start_date AS DATE) <= DATE '2026-11-01') THEN 1 ELSE 0 END AS owned,
    CAST(start_date AS DATE) AS start_day, CAST(arr AS DOUBLE) AS arr, 0 AS trial
  FROM xsell_sample.ownership
  WHERE (account IS NOT NULL AND TRIM(CAST(account AS VARCHAR)) <> '')
),
own_accounts AS (
  SELECT account_key, MIN(account_name) AS account_name FROM own_rows GROUP BY account_key
),
own_n AS (
  SELECT COUNT(*) AS n FROM own_accounts
),
own_pairs AS (
  SELECT account_key, product_key, MIN(start_day) AS start_day, SUM(arr) AS arr
  FROM own_rows WHERE owned = 1 GROUP BY account_key, product_key
  HAVING SUM(arr) IS NULL OR SUM(arr) > 0
),
own_products AS (
  SELECT p.product_key, p.product_name, COALESCE(o.owners, 0) AS owners,
    ROW_NUMBER() OVER (ORDER BY p.first_row, p.product_key) AS product_order
  FROM (SELECT product_key, MIN(product_name) AS product_name, MIN(row_order) AS first_row FROM own_rows WHERE product_key <> '' GROUP BY product_key) p
  LEFT JOIN (SELECT product_key, COUNT(*) AS owners FROM own_pairs GROUP BY product_key) o ON o.product_key = p.product_key
),
pair_counts AS (
  SELECT x.product_key AS a, y.product_key AS b, COUNT(*) AS both_accounts
  FROM own_pairs x JOIN own_pairs y ON x.account_key = y.account_key AND x.product_key <> y.product_key
  GROUP BY x.product_key, y.product_key
),
prices AS (
  SELECT LOWER(regexp_replace(TRIM(CAST(product AS VARCHAR)), '[\s]+', ' ', 'g')) AS product_key, MAX(CAST(price AS DOUBLE)) AS price
  FROM xsell_sample.prices
  WHERE (product IS NOT NULL AND TRIM(CAST(product AS VARCHAR)) <> '') AND price IS NOT NULL
  GROUP BY LOWER(regexp_replace(TRIM(CAST(product AS VARCHAR)), '[\s]+', ' ', 'g'))
),
ws_attach AS (
  SELECT pa.product_key AS a, pa.product_order AS a_order, pb.product_key AS b, CAST(COALESCE(c.both_accounts, 0) AS DOUBLE) / CAST(pa.owners AS DOUBLE) AS attach
  FROM own_products pa CROSS JOIN own_products pb
  LEFT JOIN pair_counts c ON c.a = pa.product_key AND c.b = pb.product_key
  WHERE pa.product_key <> pb.product_key AND pa.owners >= 1
),
ws_candidates AS (
  SELECT o.account_key, t.b AS product_key, t.a_order, t.attach
  FROM own_pairs o JOIN ws_attach t ON t.a = o.product_key
),
ws_top AS (
  SELECT account_key, product_key, MAX(attach) AS attach FROM ws_candidates GROUP BY account_key, product_key
),
ws_best AS (
  SELECT c.account_key, c.product_key, MIN(c.a_order) AS source_order, MAX(c.attach) AS attach
  FROM ws_candidates c JOIN ws_top t ON t.account_key = c.account_key AND t.product_key = c.product_key AND c.attach = t.attach
  GROUP BY c.account_key, c.product_key
),
whitespace AS (
  SELECT acc.account_key, acc.account_name, pr.product_key, pr.product_name, pr.product_order,
    COALESCE(s.attach, CASE WHEN own_n.n = 0 THEN 0 ELSE CAST(pr.owners AS DOUBLE) / own_n.n END) AS propensity,
    src.product_name AS source_product, price.price
  FROM own_accounts acc CROSS JOIN own_products pr CROSS JOIN own_n
  LEFT JOIN own_pairs o ON o.account_key = acc.account_key AND o.product_key = pr.product_key
  LEFT JOIN ws_best s ON s.account_key = acc.account_key AND s.product_key = pr.product_key
  LEFT JOIN own_products src ON src.product_order = s.source_order
  LEFT JOIN prices price ON price.product_key = pr.product_key
  WHERE o.account_key IS NULL
),
ranked AS (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY account_key ORDER BY CASE WHEN price IS NULL THEN -1 ELSE propensity * price END DESC, propensity DESC, product_order) AS gap_rank
  FROM whitespace
)
SELECT account_name AS account, gap_rank, product_name AS next_product, propensity, source_product, propensity * price AS expected_arr
FROM ranked
WHERE gap_rank <= 1
ORDER BY account_key, gap_rank;

-- xsell_retention: Snapshot retention: NRR, GRR, expansion, contraction and churn of the accounts with ARR at the start.
WITH
ret_rows AS (
  SELECT LOWER(regexp_replace(TRIM(CAST(account AS VARCHAR)), '[\s]+', ' ', 'g')) AS account_key, TRIM(CAST(account AS VARCHAR)) AS account_name,
    CASE WHEN (product IS NOT NULL AND TRIM(CAST(product AS VARCHAR)) <> '') THEN LOWER(regexp_replace(TRIM(CAST(product AS VARCHAR)), '[\s]+', ' ', 'g')) ELSE '' END AS product_key,
    COALESCE(CAST(start_arr AS DOUBLE), 0) AS s, COALESCE(CAST(end_arr AS DOUBLE), 0) AS e, 0 AS row_order
  FROM xsell_sample.retention
  WHERE (account IS NOT NULL AND TRIM(CAST(account AS VARCHAR)) <> '')
),
ret_pairs AS (
  SELECT account_key, product_key, SUM(s) AS s, SUM(e) AS e FROM ret_rows WHERE product_key <> '' GROUP BY account_key, product_key
),
ret_products AS (
  SELECT account_key, SUM(CASE WHEN s > 0 THEN 1 ELSE 0 END) AS products_at_start,
    SUM(CASE WHEN s = 0 AND e > 0 THEN e ELSE 0 END) AS cross_sell,
    SUM(CASE WHEN s > 0 AND e > s THEN e - s ELSE 0 END) AS upsell,
    SUM(CASE WHEN e < s THEN s - e ELSE 0 END) AS product_contraction
  FROM ret_pairs GROUP BY account_key
),
ret_accounts AS (
  SELECT a.account_key, a.account_name, a.first_row, a.s, a.e, COALESCE(p.products_at_start, 0) AS products_at_start,
    COALESCE(p.cross_sell, 0) AS cross_sell, COALESCE(p.upsell, 0) AS upsell, COALESCE(p.product_contraction, 0) AS product_contraction
  FROM (SELECT account_key, MIN(account_name) AS account_name, MIN(row_order) AS first_row, SUM(s) AS s, SUM(e) AS e FROM ret_rows GROUP BY account_key) a
  LEFT JOIN ret_products p ON p.account_key = a.account_key
),
ret_totals AS (
  SELECT COALESCE(SUM(CASE WHEN s > 0 THEN s ELSE 0 END), 0) AS start_arr,
    COALESCE(SUM(CASE WHEN s > 0 AND e > 0 THEN cross_sell + upsell ELSE 0 END), 0) AS expansion, COALESCE(SUM(CASE WHEN s > 0 AND e > 0 THEN cross_sell ELSE 0 END), 0) AS cross_sell, COALESCE(SUM(CASE WHEN s > 0 AND e > 0 THEN upsell ELSE 0 END), 0) AS upsell, COALESCE(SUM(CASE WHEN s > 0 AND e > 0 THEN product_contraction ELSE 0 END), 0) AS contraction,
    COALESCE(SUM(CASE WHEN s > 0 AND e = 0 THEN s ELSE 0 END), 0) AS churn, COALESCE(SUM(CASE WHEN s > 0 THEN e ELSE 0 END), 0) AS cohort_end_arr, COALESCE(SUM(CASE WHEN s = 0 AND e > 0 THEN e ELSE 0 END), 0) AS new_arr,
    COALESCE(SUM(CASE WHEN s > 0 THEN LEAST(s, e) ELSE 0 END), 0) AS kept,
    COALESCE(SUM(CASE WHEN s > 0 THEN 1 ELSE 0 END), 0) AS accounts_at_start, COALESCE(SUM(CASE WHEN s > 0 AND e = 0 THEN 1 ELSE 0 END), 0) AS accounts_churned, COALESCE(SUM(CASE WHEN s = 0 AND e > 0 THEN 1 ELSE 0 END), 0) AS new_accounts,
    COALESCE(SUM(CASE WHEN s > 0 AND products_at_start >= 2 THEN s ELSE 0 END), 0) AS multi_start, COALESCE(SUM(CASE WHEN s > 0 AND products_at_start >= 2 THEN LEAST(s, e) ELSE 0 END), 0) AS multi_kept, COALESCE(SUM(CASE WHEN s > 0 AND products_at_start >= 2 THEN 1 ELSE 0 END), 0) AS multi_accounts,
    COALESCE(SUM(CASE WHEN s > 0 AND products_at_start < 2 THEN s ELSE 0 END), 0) AS single_start, COALESCE(SUM(CASE WHEN s > 0 AND products_at_start < 2 THEN LEAST(s, e) ELSE 0 END), 0) AS single_kept, COALESCE(SUM(CASE WHEN s > 0 AND products_at_start < 2 THEN 1 ELSE 0 END), 0) AS single_accounts
  FROM ret_accounts
)
SELECT start_arr, expansion, cross_sell, upsell, contraction, churn,
  cohort_end_arr, new_arr, cohort_end_arr + new_arr AS end_arr,
  CASE WHEN start_arr > 0 THEN cohort_end_arr / start_arr END AS nrr, CASE WHEN start_arr > 0 THEN kept / start_arr END AS grr,
  accounts_at_start, accounts_churned, CASE WHEN accounts_at_start > 0 THEN CAST(accounts_churned AS DOUBLE) / accounts_at_start END AS logo_churn,
  CASE WHEN multi_start > 0 THEN multi_kept / multi_start END AS grr_multi, CASE WHEN single_start > 0 THEN single_kept / single_start END AS grr_single, multi_accounts, single_accounts,
  new_accounts
FROM ret_totals;

-- xsell_retention_accounts: Each account's start and end ARR and its movement.
WITH
ret_rows AS (
  SELECT LOWER(regexp_replace(TRIM(CAST(account AS VARCHAR)), '[\s]+', ' ', 'g')) AS account_key, TRIM(CAST(account AS VARCHAR)) AS account_name,
    CASE WHEN (product IS NOT NULL AND TRIM(CAST(product AS VARCHAR)) <> '') THEN LOWER(regexp_replace(TRIM(CAST(product AS VARCHAR)), '[\s]+', ' ', 'g')) ELSE '' END AS product_key,
    COALESCE(CAST(start_arr AS DOUBLE), 0) AS s, COALESCE(CAST(end_arr AS DOUBLE), 0) AS e, 0 AS row_order
  FROM xsell_sample.retention
  WHERE (account IS NOT NULL AND TRIM(CAST(account AS VARCHAR)) <> '')
),
ret_pairs AS (
  SELECT account_key, product_key, SUM(s) AS s, SUM(e) AS e FROM ret_rows WHERE product_key <> '' GROUP BY account_key, product_key
),
ret_products AS (
  SELECT account_key, SUM(CASE WHEN s > 0 THEN 1 ELSE 0 END) AS products_at_start,
    SUM(CASE WHEN s = 0 AND e > 0 THEN e ELSE 0 END) AS cross_sell,
    SUM(CASE WHEN s > 0 AND e > s THEN e - s ELSE 0 END) AS upsell,
    SUM(CASE WHEN e < s THEN s - e ELSE 0 END) AS product_contraction
  FROM ret_pairs GROUP BY account_key
),
ret_accounts AS (
  SELECT a.account_key, a.account_name, a.first_row, a.s, a.e, COALESCE(p.products_at_start, 0) AS products_at_start,
    COALESCE(p.cross_sell, 0) AS cross_sell, COALESCE(p.upsell, 0) AS upsell, COALESCE(p.product_contraction, 0) AS product_contraction
  FROM (SELECT account_key, MIN(account_name) AS account_name, MIN(row_order) AS first_row, SUM(s) AS s, SUM(e) AS e FROM ret_rows GROUP BY account_key) a
  LEFT JOIN ret_products p ON p.account_key = a.account_key
)
SELECT account_name AS account, s AS start_arr, e AS end_arr, e - s AS change, CASE WHEN s = 0 AND e = 0 THEN '' WHEN s = 0 THEN 'New' WHEN e = 0 THEN 'Churn' WHEN e > s THEN 'Expansion' WHEN e < s THEN 'Contraction' ELSE 'Flat' END AS movement, products_at_start
FROM ret_accounts
ORDER BY first_row, account_key;

-- xsell_movements: Movements by month from subscription history (MRR): opening, new, reactivation, expansion, contraction, churn, closing.
WITH
sub_rows AS (
  SELECT LOWER(regexp_replace(TRIM(CAST(account AS VARCHAR)), '[\s]+', ' ', 'g')) AS account_key, TRIM(CAST(account AS VARCHAR)) AS account_name, LOWER(regexp_replace(TRIM(CAST(product AS VARCHAR)), '[\s]+', ' ', 'g')) AS product_key, TRIM(CAST(product AS VARCHAR)) AS product_name,
    CAST(mrr AS DOUBLE) AS amount, CAST(start_date AS DATE) AS start_date, CAST(end_date AS DATE) AS end_date, CASE WHEN NOT (status IS NOT NULL AND TRIM(CAST(status AS VARCHAR)) <> '') THEN 'none' WHEN regexp_replace(LOWER(TRIM(CAST(status AS VARCHAR))), '[\s_]+', ' ', 'g') IN ('active', 'activated', 'live', 'current', 'paid', 'owned', 'in force', 'renewed', 'closed won', 'closedwon', 'won', 'subscribed', 'in use', 'yes', 'y', 'true', 'x', '✓', '✔', 'aktiv', 'actif', 'active paid', 'ja', 'oui') THEN 'active' WHEN regexp_replace(LOWER(TRIM(CAST(status AS VARCHAR))), '[\s_]+', ' ', 'g') IN ('trial', 'trialing', 'trialling', 'in trial', 'free trial', 'on trial', 'evaluation', 'evaluating', 'poc', 'pilot', 'testphase', 'essai', 'période d''essai') THEN 'trial' WHEN regexp_replace(LOWER(TRIM(CAST(status AS VARCHAR))), '[\s_]+', ' ', 'g') IN ('cancelled', 'canceled', 'cancelled on renewal', 'churned', 'churn', 'expired', 'ended', 'terminated', 'inactive', 'lapsed', 'closed lost', 'closedlost', 'lost', 'not renewed', 'non renewed', 'discontinued', 'gekündigt', 'beendet', 'abgelaufen', 'inaktiv', 'résilié', 'resilie', 'annulé', 'annule', 'expiré', 'expire', 'no', 'n', 'false', 'none', 'n/a', 'na', 'not owned', '-', '0') THEN 'ended' WHEN regexp_replace(LOWER(TRIM(CAST(status AS VARCHAR))), '[\s_]+', ' ', 'g') IN ('pending', 'suspended', 'paused', 'on hold', 'past due', 'unpaid', 'overdue', 'draft', 'future', 'scheduled', 'not started', 'open', 'in progress', 'negotiation', 'appointment scheduled', 'qualified to buy', 'presentation scheduled', 'decision maker bought in', 'decision maker bought-in', 'contract sent', 'proposal', 'quote sent', 'ausstehend', 'en attente', 'suspendu') THEN 'pending' WHEN REPLACE(regexp_replace(LOWER(TRIM(CAST(status AS VARCHAR))), '[\s_]+', ' ', 'g'), '-', ' ') IN ('active', 'activated', 'live', 'current', 'paid', 'owned', 'in force', 'renewed', 'closed won', 'closedwon', 'won', 'subscribed', 'in use', 'yes', 'y', 'true', 'x', '✓', '✔', 'aktiv', 'actif', 'active paid', 'ja', 'oui') THEN 'active' WHEN REPLACE(regexp_replace(LOWER(TRIM(CAST(status AS VARCHAR))), '[\s_]+', ' ', 'g'), '-', ' ') IN ('trial', 'trialing', 'trialling', 'in trial', 'free trial', 'on trial', 'evaluation', 'evaluating', 'poc', 'pilot', 'testphase', 'essai', 'période d''essai') THEN 'trial' WHEN REPLACE(regexp_replace(LOWER(TRIM(CAST(status AS VARCHAR))), '[\s_]+', ' ', 'g'), '-', ' ') IN ('cancelled', 'canceled', 'cancelled on renewal', 'churned', 'churn', 'expired', 'ended', 'terminated', 'inactive', 'lapsed', 'closed lost', 'closedlost', 'lost', 'not renewed', 'non renewed', 'discontinued', 'gekündigt', 'beendet', 'abgelaufen', 'inaktiv', 'résilié', 'resilie', 'annulé', 'annule', 'expiré', 'expire', 'no', 'n', 'false', 'none', 'n/a', 'na', 'not owned', '-', '0') THEN 'ended' WHEN REPLACE(regexp_replace(LOWER(TRIM(CAST(status AS VARCHAR))), '[\s_]+', ' ', 'g'), '-', ' ') IN ('pending', 'suspended', 'paused', 'on hold', 'past due', 'unpaid', 'overdue', 'draft', 'future', 'scheduled', 'not started', 'open', 'in progress', 'negotiation', 'appointment scheduled', 'qualified to buy', 'presentation scheduled', 'decision maker bought in', 'decision maker bought-in', 'contract sent', 'proposal', 'quote sent', 'ausstehend', 'en attente', 'suspendu') THEN 'pending' ELSE 'unknown' END AS standing, 0 AS row_order
  FROM xsell_sample.subscriptions
  WHERE (account IS NOT NULL AND TRIM(CAST(account AS VARCHAR)) <> '') AND (product IS NOT NULL AND TRIM(CAST(product AS VARCHAR)) <> '') AND mrr IS NOT NULL AND CAST(start_date AS DATE) IS NOT NULL
),
sub_kept AS (
  SELECT account_key, amount, start_date, end_date FROM sub_rows
  WHERE standing NOT IN ('trial', 'pending') AND NOT (standing = 'ended' AND end_date IS NULL) AND (end_date IS NULL OR end_date >= start_date) AND amount >= 0
),
sub_idx AS (
  SELECT account_key, amount, start_date, end_date, (EXTRACT(YEAR FROM start_date) * 12 + EXTRACT(MONTH FROM start_date) - 1) + CASE WHEN EXTRACT(DAY FROM start_date) = 1 THEN 0 ELSE 1 END AS s_idx,
    CASE WHEN end_date IS NULL THEN 120841 ELSE (EXTRACT(YEAR FROM end_date) * 12 + EXTRACT(MONTH FROM end_date) - 1) + CASE WHEN EXTRACT(DAY FROM end_date) = 1 THEN 0 ELSE 1 END END AS e_idx
  FROM sub_kept WHERE amount > 0
),
bounds AS (
  SELECT first_p, 24322 AS last_p, LEAST(first_p, COALESCE(hist_p, first_p)) AS hist_first
  FROM (SELECT MIN((EXTRACT(YEAR FROM start_date) * 12 + EXTRACT(MONTH FROM start_date) - 1) - CASE WHEN EXTRACT(DAY FROM start_date) = 1 THEN 1 ELSE 0 END) AS first_p, MIN((EXTRACT(YEAR FROM start_date) * 12 + EXTRACT(MONTH FROM start_date) - 1)) AS hist_p FROM sub_kept) b
  WHERE first_p IS NOT NULL
),
days AS (
  SELECT unnest(range(hist_first, last_p + 1)) AS i FROM bounds
),
val AS (
  SELECT r.account_key, d.i AS j, SUM(r.amount) AS v
  FROM sub_idx r JOIN days d ON r.s_idx <= d.i AND d.i < r.e_idx
  GROUP BY r.account_key, d.i
  UNION ALL
  SELECT account_key, 24323 AS j, SUM(amount) AS v
  FROM sub_idx WHERE start_date <= DATE '2026-11-01' AND (end_date IS NULL OR DATE '2026-11-01' < end_date)
  GROUP BY account_key
),
firsts AS (
  SELECT account_key, MIN(j) AS first_j FROM val GROUP BY account_key
),
steps AS (
  SELECT c.account_key, c.p, COALESCE(v0.v, 0) AS v0, COALESCE(v1.v, 0) AS v1, f.first_j
  FROM (SELECT DISTINCT account_key, p FROM (SELECT account_key, j AS p FROM val UNION ALL SELECT account_key, j - 1 AS p FROM val) u) c
  CROSS JOIN bounds
  JOIN firsts f ON f.account_key = c.account_key
  LEFT JOIN val v0 ON v0.account_key = c.account_key AND v0.j = c.p
  LEFT JOIN val v1 ON v1.account_key = c.account_key AND v1.j = c.p + 1
  WHERE c.p >= bounds.first_p AND c.p <= bounds.last_p
),
flows AS (
  SELECT p,
    SUM(CASE WHEN v0 = 0 AND v1 > 0 AND first_j > p THEN v1 ELSE 0 END) AS new_amount,
    SUM(CASE WHEN v0 = 0 AND v1 > 0 AND first_j < p THEN v1 ELSE 0 END) AS reactivation,
    SUM(CASE WHEN v0 > 0 AND v1 > v0 AND NOT (ABS(v0 - v1) <= 1e-12 * GREATEST(v0, v1)) THEN v1 - v0 ELSE 0 END) AS expansion,
    SUM(CASE WHEN v0 > 0 AND v1 > 0 AND v1 < v0 AND NOT (ABS(v0 - v1) <= 1e-12 * GREATEST(v0, v1)) THEN v0 - v1 ELSE 0 END) AS contraction,
    SUM(CASE WHEN v0 > 0 AND v1 = 0 THEN v0 ELSE 0 END) AS churn,
    SUM(CASE WHEN v0 = 0 AND v1 > 0 AND first_j > p THEN 1 ELSE 0 END) AS new_customers,
    SUM(CASE WHEN v0 = 0 AND v1 > 0 AND first_j < p THEN 1 ELSE 0 END) AS reactivated_customers,
    SUM(CASE WHEN v0 > 0 AND v1 = 0 THEN 1 ELSE 0 END) AS churned_customers
  FROM steps GROUP BY p
),
totals AS (
  SELECT j, SUM(v) AS total, COUNT(*) AS customers FROM val GROUP BY j
),
windows AS (
  SELECT unnest(range(first_p, last_p + 1)) AS i FROM bounds
),
bridge AS (
  SELECT w.i AS period, make_date((w.i // 12), w.i - 12 * (w.i // 12) + 1, 1) AS period_start,
    CASE WHEN w.i = 24322 THEN DATE '2026-11-01' ELSE make_date((((w.i + 1)) // 12), (w.i + 1) - 12 * (((w.i + 1)) // 12) + 1, 1) END AS closing_day,
    COALESCE(t0.total, 0) AS opening, COALESCE(f.new_amount, 0) AS new_amount, COALESCE(f.reactivation, 0) AS reactivation,
    COALESCE(f.expansion, 0) AS expansion, COALESCE(f.contraction, 0) AS contraction, COALESCE(f.churn, 0) AS churn,
    COALESCE(t1.total, 0) AS closing, COALESCE(t0.customers, 0) AS opening_customers, COALESCE(f.new_customers, 0) AS new_customers,
    COALESCE(f.reactivated_customers, 0) AS reactivated_customers, COALESCE(f.churned_customers, 0) AS churned_customers,
    COALESCE(t1.customers, 0) AS closing_customers
  FROM windows w
  LEFT JOIN flows f ON f.p = w.i
  LEFT JOIN totals t0 ON t0.j = w.i
  LEFT JOIN totals t1 ON t1.j = w.i + 1
)
SELECT period_start, closing_day, opening, new_amount, reactivation, expansion, contraction, churn, closing, opening_customers, new_customers, reactivated_customers, churned_customers, closing_customers
FROM bridge
ORDER BY period;

-- xsell_flows: NRR and GRR by flows over the trailing 12 complete months (MRR).
WITH
sub_rows AS (
  SELECT LOWER(regexp_replace(TRIM(CAST(account AS VARCHAR)), '[\s]+', ' ', 'g')) AS account_key, TRIM(CAST(account AS VARCHAR)) AS account_name, LOWER(regexp_replace(TRIM(CAST(product AS VARCHAR)), '[\s]+', ' ', 'g')) AS product_key, TRIM(CAST(product AS VARCHAR)) AS product_name,
    CAST(mrr AS DOUBLE) AS amount, CAST(start_date AS DATE) AS start_date, CAST(end_date AS DATE) AS end_date, CASE WHEN NOT (status IS NOT NULL AND TRIM(CAST(status AS VARCHAR)) <> '') THEN 'none' WHEN regexp_replace(LOWER(TRIM(CAST(status AS VARCHAR))), '[\s_]+', ' ', 'g') IN ('active', 'activated', 'live', 'current', 'paid', 'owned', 'in force', 'renewed', 'closed won', 'closedwon', 'won', 'subscribed', 'in use', 'yes', 'y', 'true', 'x', '✓', '✔', 'aktiv', 'actif', 'active paid', 'ja', 'oui') THEN 'active' WHEN regexp_replace(LOWER(TRIM(CAST(status AS VARCHAR))), '[\s_]+', ' ', 'g') IN ('trial', 'trialing', 'trialling', 'in trial', 'free trial', 'on trial', 'evaluation', 'evaluating', 'poc', 'pilot', 'testphase', 'essai', 'période d''essai') THEN 'trial' WHEN regexp_replace(LOWER(TRIM(CAST(status AS VARCHAR))), '[\s_]+', ' ', 'g') IN ('cancelled', 'canceled', 'cancelled on renewal', 'churned', 'churn', 'expired', 'ended', 'terminated', 'inactive', 'lapsed', 'closed lost', 'closedlost', 'lost', 'not renewed', 'non renewed', 'discontinued', 'gekündigt', 'beendet', 'abgelaufen', 'inaktiv', 'résilié', 'resilie', 'annulé', 'annule', 'expiré', 'expire', 'no', 'n', 'false', 'none', 'n/a', 'na', 'not owned', '-', '0') THEN 'ended' WHEN regexp_replace(LOWER(TRIM(CAST(status AS VARCHAR))), '[\s_]+', ' ', 'g') IN ('pending', 'suspended', 'paused', 'on hold', 'past due', 'unpaid', 'overdue', 'draft', 'future', 'scheduled', 'not started', 'open', 'in progress', 'negotiation', 'appointment scheduled', 'qualified to buy', 'presentation scheduled', 'decision maker bought in', 'decision maker bought-in', 'contract sent', 'proposal', 'quote sent', 'ausstehend', 'en attente', 'suspendu') THEN 'pending' WHEN REPLACE(regexp_replace(LOWER(TRIM(CAST(status AS VARCHAR))), '[\s_]+', ' ', 'g'), '-', ' ') IN ('active', 'activated', 'live', 'current', 'paid', 'owned', 'in force', 'renewed', 'closed won', 'closedwon', 'won', 'subscribed', 'in use', 'yes', 'y', 'true', 'x', '✓', '✔', 'aktiv', 'actif', 'active paid', 'ja', 'oui') THEN 'active' WHEN REPLACE(regexp_replace(LOWER(TRIM(CAST(status AS VARCHAR))), '[\s_]+', ' ', 'g'), '-', ' ') IN ('trial', 'trialing', 'trialling', 'in trial', 'free trial', 'on trial', 'evaluation', 'evaluating', 'poc', 'pilot', 'testphase', 'essai', 'période d''essai') THEN 'trial' WHEN REPLACE(regexp_replace(LOWER(TRIM(CAST(status AS VARCHAR))), '[\s_]+', ' ', 'g'), '-', ' ') IN ('cancelled', 'canceled', 'cancelled on renewal', 'churned', 'churn', 'expired', 'ended', 'terminated', 'inactive', 'lapsed', 'closed lost', 'closedlost', 'lost', 'not renewed', 'non renewed', 'discontinued', 'gekündigt', 'beendet', 'abgelaufen', 'inaktiv', 'résilié', 'resilie', 'annulé', 'annule', 'expiré', 'expire', 'no', 'n', 'false', 'none', 'n/a', 'na', 'not owned', '-', '0') THEN 'ended' WHEN REPLACE(regexp_replace(LOWER(TRIM(CAST(status AS VARCHAR))), '[\s_]+', ' ', 'g'), '-', ' ') IN ('pending', 'suspended', 'paused', 'on hold', 'past due', 'unpaid', 'overdue', 'draft', 'future', 'scheduled', 'not started', 'open', 'in progress', 'negotiation', 'appointment scheduled', 'qualified to buy', 'presentation scheduled', 'decision maker bought in', 'decision maker bought-in', 'contract sent', 'proposal', 'quote sent', 'ausstehend', 'en attente', 'suspendu') THEN 'pending' ELSE 'unknown' END AS standing, 0 AS row_order
  FROM xsell_sample.subscriptions
  WHERE (account IS NOT NULL AND TRIM(CAST(account AS VARCHAR)) <> '') AND (product IS NOT NULL AND TRIM(CAST(product AS VARCHAR)) <> '') AND mrr IS NOT NULL AND CAST(start_date AS DATE) IS NOT NULL
),
sub_kept AS (
  SELECT account_key, amount, start_date, end_date FROM sub_rows
  WHERE standing NOT IN ('trial', 'pending') AND NOT (standing = 'ended' AND end_date IS NULL) AND (end_date IS NULL OR end_date >= start_date) AND amount >= 0
),
sub_idx AS (
  SELECT account_key, amount, start_date, end_date, (EXTRACT(YEAR FROM start_date) * 12 + EXTRACT(MONTH FROM start_date) - 1) + CASE WHEN EXTRACT(DAY FROM start_date) = 1 THEN 0 ELSE 1 END AS s_idx,
    CASE WHEN end_date IS NULL THEN 120841 ELSE (EXTRACT(YEAR FROM end_date) * 12 + EXTRACT(MONTH FROM end_date) - 1) + CASE WHEN EXTRACT(DAY FROM end_date) = 1 THEN 0 ELSE 1 END END AS e_idx
  FROM sub_kept WHERE amount > 0
),
bounds AS (
  SELECT first_p, 24321 AS last_p, LEAST(first_p, COALESCE(hist_p, first_p)) AS hist_first
  FROM (SELECT 24310 AS first_p, MIN((EXTRACT(YEAR FROM start_date) * 12 + EXTRACT(MONTH FROM start_date) - 1)) AS hist_p FROM sub_kept) b
  WHERE first_p IS NOT NULL
),
days AS (
  SELECT unnest(range(hist_first, last_p + 1)) AS i FROM bounds
),
val AS (
  SELECT r.account_key, d.i AS j, SUM(r.amount) AS v
  FROM sub_idx r JOIN days d ON r.s_idx <= d.i AND d.i < r.e_idx
  GROUP BY r.account_key, d.i
  UNION ALL
  SELECT account_key, 24322 AS j, SUM(amount) AS v
  FROM sub_idx WHERE start_date <= DATE '2026-11-01' AND (end_date IS NULL OR DATE '2026-11-01' < end_date)
  GROUP BY account_key
),
firsts AS (
  SELECT account_key, MIN(j) AS first_j FROM val GROUP BY account_key
),
steps AS (
  SELECT c.account_key, c.p, COALESCE(v0.v, 0) AS v0, COALESCE(v1.v, 0) AS v1, f.first_j
  FROM (SELECT DISTINCT account_key, p FROM (SELECT account_key, j AS p FROM val UNION ALL SELECT account_key, j - 1 AS p FROM val) u) c
  CROSS JOIN bounds
  JOIN firsts f ON f.account_key = c.account_key
  LEFT JOIN val v0 ON v0.account_key = c.account_key AND v0.j = c.p
  LEFT JOIN val v1 ON v1.account_key = c.account_key AND v1.j = c.p + 1
  WHERE c.p >= bounds.first_p AND c.p <= bounds.last_p
),
flows AS (
  SELECT p,
    SUM(CASE WHEN v0 = 0 AND v1 > 0 AND first_j > p THEN v1 ELSE 0 END) AS new_amount,
    SUM(CASE WHEN v0 = 0 AND v1 > 0 AND first_j < p THEN v1 ELSE 0 END) AS reactivation,
    SUM(CASE WHEN v0 > 0 AND v1 > v0 AND NOT (ABS(v0 - v1) <= 1e-12 * GREATEST(v0, v1)) THEN v1 - v0 ELSE 0 END) AS expansion,
    SUM(CASE WHEN v0 > 0 AND v1 > 0 AND v1 < v0 AND NOT (ABS(v0 - v1) <= 1e-12 * GREATEST(v0, v1)) THEN v0 - v1 ELSE 0 END) AS contraction,
    SUM(CASE WHEN v0 > 0 AND v1 = 0 THEN v0 ELSE 0 END) AS churn,
    SUM(CASE WHEN v0 = 0 AND v1 > 0 AND first_j > p THEN 1 ELSE 0 END) AS new_customers,
    SUM(CASE WHEN v0 = 0 AND v1 > 0 AND first_j < p THEN 1 ELSE 0 END) AS reactivated_customers,
    SUM(CASE WHEN v0 > 0 AND v1 = 0 THEN 1 ELSE 0 END) AS churned_customers
  FROM steps GROUP BY p
),
totals AS (
  SELECT j, SUM(v) AS total, COUNT(*) AS customers FROM val GROUP BY j
),
windows AS (
  SELECT unnest(range(first_p, last_p + 1)) AS i FROM bounds
),
bridge AS (
  SELECT w.i AS period, make_date((w.i // 12), w.i - 12 * (w.i // 12) + 1, 1) AS period_start,
    CASE WHEN w.i = 24321 THEN DATE '2026-11-01' ELSE make_date((((w.i + 1)) // 12), (w.i + 1) - 12 * (((w.i + 1)) // 12) + 1, 1) END AS closing_day,
    COALESCE(t0.total, 0) AS opening, COALESCE(f.new_amount, 0) AS new_amount, COALESCE(f.reactivation, 0) AS reactivation,
    COALESCE(f.expansion, 0) AS expansion, COALESCE(f.contraction, 0) AS contraction, COALESCE(f.churn, 0) AS churn,
    COALESCE(t1.total, 0) AS closing, COALESCE(t0.customers, 0) AS opening_customers, COALESCE(f.new_customers, 0) AS new_customers,
    COALESCE(f.reactivated_customers, 0) AS reactivated_customers, COALESCE(f.churned_customers, 0) AS churned_customers,
    COALESCE(t1.customers, 0) AS closing_customers
  FROM windows w
  LEFT JOIN flows f ON f.p = w.i
  LEFT JOIN totals t0 ON t0.j = w.i
  LEFT JOIN totals t1 ON t1.j = w.i + 1
),
window_flows AS (
  SELECT MIN(period) AS first_period, MAX(period) AS last_period, COUNT(*) AS periods, SUM(expansion) AS expansion, SUM(contraction) AS contraction,
    SUM(churn) AS churn, SUM(new_amount) AS new_amount, SUM(reactivation) AS reactivation, SUM(churned_customers) AS churned_customers
  FROM bridge
)
SELECT o.opening AS opening, w.expansion, w.contraction, w.churn, w.new_amount, w.reactivation, c.closing AS closing,
  CASE WHEN o.opening > 0 THEN (o.opening + w.expansion - w.contraction - w.churn) / o.opening END AS nrr,
  CASE WHEN o.opening > 0 THEN (o.opening - w.contraction - w.churn) / o.opening END AS grr,
  w.periods, o.period_start AS opening_day, c.closing_day, o.opening_customers, w.churned_customers
FROM window_flows w
JOIN bridge o ON o.period = w.first_period
JOIN bridge c ON c.period = w.last_period;
