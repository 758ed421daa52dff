/**
 * The function catalog: every spreadsheet function under its Sheets name. Each takes values exactly as a host
 * passes them and returns a scalar or a 2D array; failures throw XsellError. Hosts only wrap these.
 */
import { asOfArg, choiceOf, numberOf } from "./args";
import * as rules from "./params";
import { alignedArr, cohortRates, movement, retentionRows, retentionSummary } from "./retention";
import { adjacencyValue, coOwnership, pairCount } from "./adjacency";
import { checkOutputSize } from "./budgets";
import { divError, guard, naError, numError, valueError } from "./errors";
import { productIndex, readOwnership } from "./ownership";
import { resolveRules, rulesTable, triggerTexts } from "./triggers";
import { gapReason, gapScratch, nthGap, propensities, readPrices, whitespaceGrid } from "./whitespace";
import { modelTable, resolveModel } from "./model";
import { band, explainLine, scoreTable } from "./score";
import { columnReportRows } from "./read/report";
import { asGrid, findColumn, isOmitted, readTable, scalarArg, type Table } from "./table";
import { clean, isBlank, showValue, toNumber, toSignal, type CellValue } from "./values";
import { flowsOf, flowsRows } from "./history/functions";
import { bundleGuard, excludeArg } from "./integrity/honest";

/**
 * Reads the account table and scores it, refusing a table in which the model finds none of its columns
 * (every score would be 0, which reads as "not ready" rather than "not read").
 */
function scoredTable(fn: string, data: unknown, headers: unknown, model: unknown, as_of: unknown) {
  const table = readTable(fn, data, headers);
  const m = resolveModel(fn, model);
  const wanted = [...new Set(m.criteria.flatMap((c) => c.columns))];
  if (!wanted.some((name) => findColumn(table, name) !== undefined)) {
    const found = table.headers.filter((h) => h !== "").slice(0, 8).map((h) => `"${h}"`).join(", ");
    throw valueError(fn, `none of the columns the ${m.name} model reads is in the table; expected columns such as ${wanted.slice(0, 8).join(", ")} (found ${found || "no column names"}); XSELL_COLUMNS shows how each column was read`);
  }
  return { table, scored: scoreTable(table, m, asOfArg(fn, as_of)) };
}

/** The output's first rows: blank beside a title above the header, then the header cell. */
function outputHead(table: Table, label: string): CellValue[][] {
  if (!table.headerInData) return [];
  return [...Array.from({ length: table.leadingRows }, () => [""]), [label]];
}

/** Scores each account row 0–100 with the default readiness model, a preset, or an edited model table. */
export function XSELL_SCORE(data: unknown, headers?: unknown, model?: unknown, as_of?: unknown): CellValue[][] {
  const fn = "XSELL_SCORE";
  return guard(fn, () => {
    const { table, scored } = scoredTable(fn, data, headers, model, as_of);
    const out = outputHead(table, "Score");
    for (let i = 0; i < scored.scores.length; i++) out.push([Number.isNaN(scored.scores[i]) ? "" : scored.scores[i]]);
    return out;
  });
}

/** One line per account explaining each criterion's points and the coverage of present inputs. */
export function XSELL_EXPLAIN(data: unknown, headers?: unknown, model?: unknown, as_of?: unknown): CellValue[][] {
  const fn = "XSELL_EXPLAIN";
  return guard(fn, () => {
    const { table, scored } = scoredTable(fn, data, headers, model, as_of);
    const out = outputHead(table, "Explanation");
    for (let i = 0; i < table.rows.length; i++) out.push([explainLine(scored, i)]);
    return out;
  });
}

/** One row per column of the table: what it is read as, how its values were read, a sample and a note. */
export function XSELL_COLUMNS(data: unknown, headers?: unknown): CellValue[][] {
  const fn = "XSELL_COLUMNS";
  return guard(fn, () => columnReportRows(readTable(fn, data, headers)));
}

/** High (≥ 70), Qualified (> 60), Nurture (40–60) or Low (< 40) for one score or a column of scores. */
export function XSELL_BAND(score: unknown): CellValue[][] | string {
  const fn = "XSELL_BAND";
  return guard(fn, () => {
    const one = (v: CellValue, where: string): CellValue => {
      if (isBlank(v)) return "";
      if (typeof v === "string" && v.trim().toLowerCase() === "score") return "Band";
      const n = toNumber(v);
      if (!n.ok) throw valueError(fn, `${where}: ${showValue(v)} is not a score`);
      if (n.value < 0 || n.value > 100) throw numError(fn, `${where}: ${n.value} is outside 0–100`);
      return band(n.value);
    };
    if (!Array.isArray(score)) {
      if (isOmitted(score)) throw valueError(fn, "score is required");
      return one(score as CellValue, "score") as string;
    }
    const grid = asGrid(fn, "score", score);
    return grid.map((row, r) => row.map((v, c) => one(v, grid.length > 1 && row.length > 1 ? `row ${r + 1} column ${c + 1}` : `row ${r + 1}`)));
  });
}

/** Spills the scoring model as an editable table: the default readiness model or a named preset. */
export function XSELL_MODEL(preset?: unknown): CellValue[][] {
  const fn = "XSELL_MODEL";
  return guard(fn, () => modelTable(fn, preset));
}

// ---------- attach rates, adjacency, whitespace, next product, triggers ----------

const minAccountsArg = (fn: string, v: unknown): number => numberOf(fn, rules.MIN_ACCOUNTS, v);

const ADJACENCY_ADVICE = "filter ownership to the products that matter, or ask XSELL_ATTACH_RATE about single pairs";
const WHITESPACE_ADVICE = "filter ownership to fewer accounts or products, or use XSELL_NEXT_PRODUCT (one row per account)";

/** Ownership as of the `as_of` argument (default today), the one place functions read it. */
const ownershipArg = (fn: string, ownership: unknown, as_of: unknown) => readOwnership(fn, ownership, asOfArg(fn, as_of));

function attachOf(fn: string, ownership: unknown, product_a: unknown, product_b: unknown, min_accounts: unknown, as_of: unknown, exclude?: unknown) {
  const raw = ownershipArg(fn, ownership, as_of);
  const a = productIndex(fn, raw, "product_a", scalarArg(product_a));
  const b = productIndex(fn, raw, "product_b", scalarArg(product_b));
  if (a === b) throw valueError(fn, `product_a and product_b are both "${raw.products[a]}"; pick two different products`);
  const honest = excludeArg(fn, exclude, raw, null);
  const flagged = honest?.cellFlag.get(a * raw.products.length + b);
  if (flagged) throw naError(fn, `${raw.products[a]} → ${raw.products[b]} is left out as no cross-sell rate (${flagged.kind}): ${flagged.evidence}`);
  const own = honest?.counted ?? raw;
  const min = minAccountsArg(fn, min_accounts);
  const na = own.ownerCounts[a];
  if (na < Math.max(1, min)) {
    throw naError(fn, `${na} account${na === 1 ? "" : "s"} own "${own.products[a]}"${honest && honest.passThrough.size > 0 ? " (pass-through left out)" : ""}; min_accounts is ${Math.max(1, min)}, so its attach rate is not meaningful`);
  }
  const both = pairCount(own, a, b);
  return { own, a, b, na, rate: both / na };
}

/** Share of accounts owning product A that also own product B; with exclude, flagged pairs and pass-through left out. */
export function XSELL_ATTACH_RATE(ownership: unknown, product_a: unknown, product_b: unknown, min_accounts?: unknown, as_of?: unknown, exclude?: unknown): number {
  const fn = "XSELL_ATTACH_RATE";
  return guard(fn, () => attachOf(fn, ownership, product_a, product_b, min_accounts, as_of, exclude).rate);
}

/** Attach rate A → B divided by the share of all accounts owning B (1 = no pull; 2 = twice as likely). */
export function XSELL_LIFT(ownership: unknown, product_a: unknown, product_b: unknown, min_accounts?: unknown, as_of?: unknown): number {
  const fn = "XSELL_LIFT";
  return guard(fn, () => {
    const { own, b, rate } = attachOf(fn, ownership, product_a, product_b, min_accounts, as_of);
    const shareB = own.ownerCounts[b] / own.accounts.length;
    if (shareB === 0) throw divError(fn, `no account owns "${own.products[b]}", so lift is undefined`);
    return rate / shareB;
  });
}

/** Product × product matrix: owned product down, next product across; diagonal and thin rows blank. */
export function XSELL_ADJACENCY(ownership: unknown, measure?: unknown, min_accounts?: unknown, as_of?: unknown, exclude?: unknown): CellValue[][] {
  const fn = "XSELL_ADJACENCY";
  return guard(fn, () => {
    const raw = ownershipArg(fn, ownership, as_of);
    const P = raw.products.length;
    checkOutputSize(fn, P + 1, P + 1, `a matrix of ${P.toLocaleString("en-US")} products × ${P.toLocaleString("en-US")}`, ADJACENCY_ADVICE);
    const honest = excludeArg(fn, exclude, raw, null);
    const own = honest?.counted ?? raw;
    const m = choiceOf(fn, rules.ADJACENCY_MEASURE, measure);
    const min = minAccountsArg(fn, min_accounts);
    const counts = coOwnership(own);
    const out: CellValue[][] = [["Owned ↓ / Next →", ...own.products]];
    for (let a = 0; a < P; a++) {
      const row: CellValue[] = [own.products[a]];
      for (let b = 0; b < P; b++) {
        const v = honest?.cellFlag.has(a * P + b) && m !== "accounts" ? null : adjacencyValue(own, counts, m, a, b, min);
        row.push(v === null ? "" : v);
      }
      out.push(row);
    }
    return out;
  });
}

/** Accounts × products: "owned", or the propensity to buy (or expected ARR when prices are given). */
export function XSELL_WHITESPACE(ownership: unknown, prices?: unknown, min_accounts?: unknown, as_of?: unknown, exclude?: unknown): CellValue[][] {
  const fn = "XSELL_WHITESPACE";
  return guard(fn, () => {
    const own = ownershipArg(fn, ownership, as_of);
    checkOutputSize(fn, own.accounts.length + 1, own.products.length + 1, `a grid of ${own.accounts.length.toLocaleString("en-US")} accounts × ${own.products.length.toLocaleString("en-US")} products`, WHITESPACE_ADVICE);
    const priceList = isOmitted(prices) ? null : readPrices(fn, prices, own);
    const pr = propensities(own, minAccountsArg(fn, min_accounts), excludeArg(fn, exclude, own, priceList));
    return whitespaceGrid(pr, priceList);
  });
}

/** Per account the rank-th best product it does not own: Account, Product, Propensity, Expected ARR, Reason. */
export function XSELL_NEXT_PRODUCT(ownership: unknown, prices?: unknown, rank?: unknown, as_of?: unknown, exclude?: unknown): CellValue[][] {
  const fn = "XSELL_NEXT_PRODUCT";
  return guard(fn, () => {
    const own = ownershipArg(fn, ownership, as_of);
    const k = numberOf(fn, rules.RANK, rank);
    const priceList = isOmitted(prices) ? null : readPrices(fn, prices, own);
    // a forced bundle's other half is never recommended, whatever exclude says
    const pr = propensities(own, 1, excludeArg(fn, exclude, own, priceList) ?? bundleGuard(own, fn));
    const scratch = gapScratch(own.products.length);
    const out: CellValue[][] = [["Account", "Product", "Propensity", "Expected ARR", "Reason"]];
    for (let a = 0; a < own.accounts.length; a++) {
      const gap = nthGap(pr, priceList, a, k, scratch);
      if (!gap) {
        out.push([own.accounts[a], "", "", "", k === 1 ? "owns every product" : `fewer than ${k} products left to recommend`]);
        continue;
      }
      out.push([own.accounts[a], own.products[gap.product], gap.propensity, Number.isNaN(gap.expectedArr) ? "" : gap.expectedArr, gapReason(pr, gap)]);
    }
    return out;
  });
}

/** Per account the cross-sell triggers that fire, most urgent first; renewals and recent purchases hold them. */
export function XSELL_TRIGGERS(data: unknown, headers?: unknown, ownership?: unknown, as_of?: unknown, rules?: unknown, model?: unknown): CellValue[][] {
  const fn = "XSELL_TRIGGERS";
  return guard(fn, () => {
    const table = readTable(fn, data, headers);
    const asOf = asOfArg(fn, as_of);
    const own = isOmitted(ownership) ? null : readOwnership(fn, ownership, asOf);
    const texts = triggerTexts(fn, table, own, asOf, resolveRules(fn, rules), undefined, isOmitted(model) ? null : model);
    return [...outputHead(table, "Triggers"), ...texts.map((t) => [t])];
  });
}

/** Spills the trigger rules with their default thresholds (seeds 000 and 003), ready to edit. */
export function XSELL_RULES(): CellValue[][] {
  return guard("XSELL_RULES", () => rulesTable());
}




// ---------- retention ----------

/**
 * Whether a range is a subscription history (Account, Product, an amount and a Start Date) rather than a column of
 * starting ARR: then NRR and GRR are measured by flows over a window instead of by two snapshots.
 */
function isHistory(fn: string, v: unknown): boolean {
  if (!Array.isArray(v) || v.length < 2 || !Array.isArray(v[0]) || v[0].length < 4) return false;
  const head = readTable(fn, [v[0] as CellValue[]]);
  return head.fields.has("Product") && head.fields.has("Start Date") && (head.fields.has("ARR") || head.fields.has("MRR"));
}

/**
 * NRR and GRR by either method: two aligned columns (the snapshot method) or a subscription history with an
 * optional window (ChartMogul's flows method, the trailing twelve months by default).
 */
function rateOf(fn: string, which: "nrr" | "grr", start_arr: unknown, end_arr: unknown, from: unknown, to: unknown): number {
  if (isHistory(fn, start_arr)) {
    if (!isOmitted(end_arr)) throw valueError(fn, "end_arr must be empty when the first argument is a subscription history (NRR and GRR by flows need no second column)");
    return flowsOf(fn, start_arr, undefined, from, to, undefined).flows[which];
  }
  if (!isOmitted(from) || !isOmitted(to)) throw valueError(fn, "from and to apply only to a subscription history; two ARR columns already say where the window starts and ends");
  if (isOmitted(end_arr)) throw valueError(fn, "end_arr is required with a column of starting ARR (or pass a subscription history for NRR and GRR by flows)");
  const { start, end } = alignedArr(fn, start_arr, end_arr);
  return cohortRates(fn, start, end)[which];
}

/** Net revenue retention: Σ ending ÷ Σ starting ARR of the accounts with ARR > 0 at the start, or by flows from a history. */
export function XSELL_NRR(start_arr: unknown, end_arr?: unknown, from?: unknown, to?: unknown): number {
  const fn = "XSELL_NRR";
  return guard(fn, () => rateOf(fn, "nrr", start_arr, end_arr, from, to));
}

/** Gross revenue retention: each account capped at its starting ARR, Σ min(end, start) ÷ Σ start, or by flows. */
export function XSELL_GRR(start_arr: unknown, end_arr?: unknown, from?: unknown, to?: unknown): number {
  const fn = "XSELL_GRR";
  return guard(fn, () => rateOf(fn, "grr", start_arr, end_arr, from, to));
}

/**
 * One class per row: New, Expansion, Flat, Contraction or Churn (blank when both are 0). With `paid_before` (a
 * column saying whether the account paid at some time before the start), a return is Reactivation, not New.
 */
export function XSELL_MOVEMENT(start_arr: unknown, end_arr: unknown, paid_before?: unknown): CellValue[][] {
  const fn = "XSELL_MOVEMENT";
  return guard(fn, () => {
    const { start, end, header } = alignedArr(fn, start_arr, end_arr);
    const before = isOmitted(paid_before) ? null : asGrid(fn, "paid_before", paid_before).map((r) => r[0]);
    if (before && before.length !== start.length + (header ? 1 : 0)) throw valueError(fn, `paid_before has ${before.length} rows but start_arr has ${start.length + (header ? 1 : 0)}; pass aligned ranges`);
    const out: CellValue[][] = header ? [["Movement"]] : [];
    for (let i = 0; i < start.length; i++) {
      const m = movement(start[i], end[i]);
      const paid = before ? before[i + (header ? 1 : 0)] : undefined;
      // paid before: a yes, or an earlier amount above 0 (a date of the last payment counts as yes)
      const said = paid === undefined || isBlank(paid) ? null : toSignal(paid);
      const returned = m === "New" && said !== null && said.ok && said.value;
      out.push([returned ? "Reactivation" : m]);
    }
    return out;
  });
}

/** A labelled retention summary: expansion split into cross-sell and upsell, NRR, GRR, churn and a reconciliation. */
export function XSELL_RETENTION(table: unknown, from?: unknown, to?: unknown): CellValue[][] {
  const fn = "XSELL_RETENTION";
  return guard(fn, () => {
    // a subscription history: the flows summary over the window (as XSELL_FLOWS, by month)
    if (isHistory(fn, table)) {
      const f = flowsOf(fn, table, undefined, from, to, undefined);
      return flowsRows(f.flows, f.unit, f.kind);
    }
    if (!isOmitted(from) || !isOmitted(to)) throw valueError(fn, "from and to apply only to a subscription history; a Start ARR / End ARR table already covers one window");
    return retentionRows(retentionSummary(fn, table));
  });
}

/** Expansion ARR needed to reach a target NRR: start × (target − 1) + expected churn. */
export function XSELL_EXPANSION_NEEDED(start_arr: unknown, target_nrr: unknown, expected_churn?: unknown): number {
  const fn = "XSELL_EXPANSION_NEEDED";
  return guard(fn, () => {
    let start = 0;
    if (Array.isArray(start_arr)) {
      asGrid(fn, "start_arr", start_arr).forEach((row, r) =>
        row.forEach((v, c) => {
          if (isBlank(v)) return;
          if (r === 0 && c === 0 && typeof v === "string" && !toNumber(v).ok) return; // a header cell on top, as NRR skips it
          const n = toNumber(v);
          if (!n.ok) throw valueError(fn, `start_arr row ${r + 1} column ${c + 1}: ${showValue(v)} is not an ARR amount`);
          if (n.value < 0) throw valueError(fn, `start_arr row ${r + 1} column ${c + 1}: ARR cannot be negative (${n.value})`);
          start += n.value;
        }),
      );
    } else start = numberOf(fn, rules.START_ARR_AMOUNT, start_arr);
    const target = numberOf(fn, rules.TARGET_NRR, target_nrr);
    const churn = numberOf(fn, rules.EXPECTED_CHURN, expected_churn);
    return clean(start * (target - 1) + churn);
  });
}

// ---------- scenarios ----------

export { XSELL_PROJECTION, XSELL_SCENARIO, XSELL_SENSITIVITY } from "./scenario-functions";

// ---------- subscription history: movements, flows, cohorts, timing of cross-sell ----------

export { XSELL_COHORTS, XSELL_FLOWS, XSELL_MOVEMENTS } from "./history/functions";
export { XSELL_PRODUCT_RETENTION, XSELL_SEQUENCE, XSELL_TIME_TO_SECOND } from "./history/timing-functions";
export { XSELL_PAIR_FLAGS } from "./integrity/functions";

// ---------- proof: does the score predict expansion, do the recommendations come true ----------

export { XSELL_AUC, XSELL_BACKTEST, XSELL_CONVERSION, XSELL_FIT_MODEL, XSELL_VALIDATE } from "./proof/functions";
