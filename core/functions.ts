/**
 * The function catalog: every spreadsheet function under its Sheets name. Each takes values exactly as a host
 * passes them and returns a scalar or a 2D array; failures throw XsellError. Hosts only wrap these.
 */
import { asOfArg, optionalNumberArg } from "./args";
import { adjacencyValue, coOwnership, MEASURES, type Measure } from "./adjacency";
import { divError, guard, naError, numError, valueError } from "./errors";
import { productIndex, readOwnership } from "./ownership";
import { resolveRules, rulesTable, triggerTexts } from "./triggers";
import { gapReason, propensities, rankedGaps, readPrices, whitespaceGrid } from "./whitespace";
import { modelTable, resolveModel } from "./model";
import { band, explainLine, scoreTable } from "./score";
import { asGrid, isOmitted, readTable, scalarArg } from "./table";
import { isBlank, showValue, toNumber, toText, type CellValue } from "./values";

export type Result = CellValue[][] | number | string;

/** Scores each account row 0–100 with the default readiness model, a preset, or an edited model table. */
export function XSELL_SCORE(data: unknown, headers?: unknown, model?: unknown, as_of?: unknown): CellValue[][] {
  const fn = "XSELL_SCORE";
  return guard(fn, () => {
    const table = readTable(fn, data, headers);
    const scored = scoreTable(table, resolveModel(fn, model), asOfArg(fn, as_of));
    const out: CellValue[][] = table.headerInData ? [["Score"]] : [];
    for (let i = 0; i < scored.scores.length; i++) out.push([Number.isNaN(scored.scores[i]) ? "" : scored.scores[i]]);
    return out;
  });
}

/** One line per account explaining each criterion's points and the coverage of present inputs. */
export function XSELL_EXPLAIN(data: unknown, headers?: unknown, model?: unknown, as_of?: unknown): CellValue[][] {
  const fn = "XSELL_EXPLAIN";
  return guard(fn, () => {
    const table = readTable(fn, data, headers);
    const scored = scoreTable(table, resolveModel(fn, model), asOfArg(fn, as_of));
    const out: CellValue[][] = table.headerInData ? [["Explanation"]] : [];
    for (let i = 0; i < table.rows.length; i++) out.push([explainLine(scored, i)]);
    return out;
  });
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

const minAccountsArg = (fn: string, v: unknown): number => optionalNumberArg(fn, "min_accounts", v, 1, { min: 0, integer: true });

function attachOf(fn: string, ownership: unknown, product_a: unknown, product_b: unknown, min_accounts: unknown) {
  const own = readOwnership(fn, ownership);
  const a = productIndex(fn, own, "product_a", scalarArg(product_a));
  const b = productIndex(fn, own, "product_b", scalarArg(product_b));
  if (a === b) throw valueError(fn, `product_a and product_b are both "${own.products[a]}"; pick two different products`);
  const min = minAccountsArg(fn, min_accounts);
  const na = own.ownerCounts[a];
  if (na < Math.max(1, min)) {
    throw naError(fn, `${na} account${na === 1 ? "" : "s"} own "${own.products[a]}"; min_accounts is ${Math.max(1, min)}, so its attach rate is not meaningful`);
  }
  const both = coOwnership(own)[a * own.products.length + b];
  return { own, a, b, na, rate: both / na };
}

/** Share of accounts owning product A that also own product B. */
export function XSELL_ATTACH_RATE(ownership: unknown, product_a: unknown, product_b: unknown, min_accounts?: unknown): number {
  const fn = "XSELL_ATTACH_RATE";
  return guard(fn, () => attachOf(fn, ownership, product_a, product_b, min_accounts).rate);
}

/** Attach rate A → B divided by the share of all accounts owning B (1 = no pull; 2 = twice as likely). */
export function XSELL_LIFT(ownership: unknown, product_a: unknown, product_b: unknown, min_accounts?: unknown): number {
  const fn = "XSELL_LIFT";
  return guard(fn, () => {
    const { own, b, rate } = attachOf(fn, ownership, product_a, product_b, min_accounts);
    const shareB = own.ownerCounts[b] / own.accounts.length;
    if (shareB === 0) throw divError(fn, `no account owns "${own.products[b]}", so lift is undefined`);
    return rate / shareB;
  });
}

/** Product × product matrix: owned product down, next product across; diagonal and thin rows blank. */
export function XSELL_ADJACENCY(ownership: unknown, measure?: unknown, min_accounts?: unknown): CellValue[][] {
  const fn = "XSELL_ADJACENCY";
  return guard(fn, () => {
    const own = readOwnership(fn, ownership);
    const m = (isOmitted(measure) ? "attach" : toText(scalarArg(measure)).toLowerCase().replace(/[\s-]/g, "_")) as Measure;
    if (!MEASURES.includes(m)) throw valueError(fn, `measure ${showValue(scalarArg(measure))} is not one of ${MEASURES.map((x) => `"${x}"`).join(", ")}`);
    const min = minAccountsArg(fn, min_accounts);
    const counts = coOwnership(own);
    const P = own.products.length;
    const out: CellValue[][] = [["Owned ↓ / Next →", ...own.products]];
    for (let a = 0; a < P; a++) {
      const row: CellValue[] = [own.products[a]];
      for (let b = 0; b < P; b++) {
        const v = adjacencyValue(own, counts, m, a, b, min);
        row.push(v === null ? "" : v);
      }
      out.push(row);
    }
    return out;
  });
}

/** Accounts × products: "owned", or the propensity to buy (or expected ARR when prices are given). */
export function XSELL_WHITESPACE(ownership: unknown, prices?: unknown, min_accounts?: unknown): CellValue[][] {
  const fn = "XSELL_WHITESPACE";
  return guard(fn, () => {
    const own = readOwnership(fn, ownership);
    const pr = propensities(own, minAccountsArg(fn, min_accounts));
    return whitespaceGrid(pr, isOmitted(prices) ? null : readPrices(fn, prices, own));
  });
}

/** Per account the rank-th best product it does not own: Account, Product, Propensity, Expected ARR, Reason. */
export function XSELL_NEXT_PRODUCT(ownership: unknown, prices?: unknown, rank?: unknown): CellValue[][] {
  const fn = "XSELL_NEXT_PRODUCT";
  return guard(fn, () => {
    const own = readOwnership(fn, ownership);
    const k = optionalNumberArg(fn, "rank", rank, 1, { min: 1, integer: true });
    const priceList = isOmitted(prices) ? null : readPrices(fn, prices, own);
    const pr = propensities(own, 1);
    const P = own.products.length;
    const scratch = { owned: new Int32Array(P), prop: new Float64Array(P), src: new Int32Array(P) };
    const out: CellValue[][] = [["Account", "Product", "Propensity", "Expected ARR", "Reason"]];
    for (let a = 0; a < own.accounts.length; a++) {
      const gap = rankedGaps(pr, priceList, a, scratch)[k - 1];
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
export function XSELL_TRIGGERS(data: unknown, headers?: unknown, ownership?: unknown, as_of?: unknown, rules?: unknown): CellValue[][] {
  const fn = "XSELL_TRIGGERS";
  return guard(fn, () => {
    const table = readTable(fn, data, headers);
    const own = isOmitted(ownership) ? null : readOwnership(fn, ownership);
    const texts = triggerTexts(fn, table, own, asOfArg(fn, as_of), resolveRules(fn, rules));
    return [...(table.headerInData ? [["Triggers"]] : []), ...texts.map((t) => [t])];
  });
}

/** Spills the trigger rules with their default thresholds (seeds 000 and 003), ready to edit. */
export function XSELL_RULES(): CellValue[][] {
  return guard("XSELL_RULES", () => rulesTable());
}



