/**
 * Retention by the snapshot (cohort) method used by public SaaS companies and the dbt MRR playbook:
 * the cohort is the accounts with ARR > 0 at the start; NRR = their ending ARR ÷ their starting ARR;
 * GRR caps each account at its starting ARR (Σ min(end, start) ÷ Σ start). New accounts are outside the cohort.
 */
import { divError, valueError } from "./errors";
import { StringIndex } from "./string-index";
import type { ReadOptions } from "./read/columns";
import { asGrid, findColumn, isTable, readTable, requireColumn } from "./table";
import { isMissing, showValue, toNumber, toText, type CellValue } from "./values";

export type Movement = "New" | "Expansion" | "Flat" | "Contraction" | "Churn" | "";

export function movement(start: number, end: number): Movement {
  if (start === 0 && end === 0) return "";
  if (start === 0) return "New";
  if (end === 0) return "Churn";
  if (end > start) return "Expansion";
  if (end < start) return "Contraction";
  return "Flat";
}

/** Reads an ARR cell: blank is 0; text, negatives and non-finite values are errors naming the row. */
function arrValue(fn: string, what: string, v: CellValue, row: number): number {
  if (isMissing(v)) return 0;
  const n = toNumber(v);
  if (!n.ok) throw valueError(fn, `${what} row ${row}: ${showValue(v)} is not an ARR amount`);
  if (n.value < 0) throw valueError(fn, `${what} row ${row}: ARR cannot be negative (${n.value})`);
  return n.value;
}

/** Two aligned single-column ranges (optionally with a header cell each) → numbers per row. */
export function alignedArr(fn: string, start: unknown, end: unknown): { start: Float64Array; end: Float64Array; header: boolean } {
  const s = asGrid(fn, "start_arr", start);
  const e = asGrid(fn, "end_arr", end);
  const flat = (g: CellValue[][], name: string): CellValue[] => {
    if (g.length === 1 && g[0].length > 1) return g[0];
    if (g.some((r) => r.length !== 1)) throw valueError(fn, `${name} must be a single column (or row), got ${g[0]?.length ?? 0} columns`);
    return g.map((r) => r[0]);
  };
  const sv = flat(s, "start_arr");
  const ev = flat(e, "end_arr");
  if (sv.length !== ev.length) throw valueError(fn, `start_arr has ${sv.length} rows but end_arr has ${ev.length}; pass aligned ranges, one row per account`);
  // A header cell on top of both ("Start ARR", "End ARR") is skipped so whole columns can be passed.
  const isHeader = (v: CellValue): boolean => typeof v === "string" && !isMissing(v) && !toNumber(v).ok;
  const header = sv.length > 0 && isHeader(sv[0]) && isHeader(ev[0]);
  const from = header ? 1 : 0;
  const n = sv.length - from;
  const out = { start: new Float64Array(n), end: new Float64Array(n), header };
  for (let i = 0; i < n; i++) {
    out.start[i] = arrValue(fn, "start_arr", sv[i + from], i + from + 1);
    out.end[i] = arrValue(fn, "end_arr", ev[i + from], i + from + 1);
  }
  return out;
}

export function cohortRates(fn: string, start: Float64Array, end: Float64Array): { nrr: number; grr: number; startSum: number } {
  let s = 0;
  let e = 0;
  let kept = 0;
  for (let i = 0; i < start.length; i++) {
    if (start[i] <= 0) continue;
    s += start[i];
    e += end[i];
    kept += Math.min(start[i], end[i]);
  }
  if (s === 0) throw divError(fn, "no account has starting ARR above 0, so the cohort is empty");
  return { nrr: e / s, grr: kept / s, startSum: s };
}

export interface RetentionSummary {
  readonly byProduct: boolean;
  readonly startArr: number;
  readonly expansion: number;
  readonly crossSell: number;
  readonly upsell: number;
  readonly contraction: number;
  readonly churn: number;
  readonly cohortEndArr: number;
  readonly newArr: number;
  readonly endArr: number;
  readonly nrr: number;
  readonly grr: number;
  readonly accountsAtStart: number;
  readonly accountsChurned: number;
  readonly logoChurn: number;
  readonly grrMulti: number;
  readonly grrSingle: number;
  readonly multiAccounts: number;
  readonly singleAccounts: number;
  readonly newAccounts: number;
  /** Per account: name, start, end, movement, products at start (byProduct only). */
  readonly accounts: { name: string; start: number; end: number; movement: Movement; productsAtStart: number }[];
}

/** XSELL_RETENTION's analysis from account rows or account × product rows. */
export function retentionSummary(fn: string, tableArg: unknown, options: ReadOptions = {}): RetentionSummary {
  const table = isTable(tableArg) ? tableArg : readTable(fn, tableArg, undefined, options);
  const cAccount = requireColumn(table, "Account");
  const cStart = requireColumn(table, "Start ARR");
  const cEnd = requireColumn(table, "End ARR");
  const cProduct = findColumn(table, "Product");
  const byProduct = cProduct !== undefined;
  const accounts = new StringIndex(table.rows.length);
  const products = new StringIndex(64);
  const R = table.rows.length;
  // One pass records each row's account, product and amounts in typed arrays; once the product count is known
  // the (account, product) sums go into a dense array, which beats a Map of a million pairs several times over.
  const rowAccount = new Int32Array(R).fill(-1);
  const rowProduct = new Int32Array(R).fill(-1);
  const rowStart = new Float64Array(R);
  const rowEnd = new Float64Array(R);
  const startWhat = `column "${table.headers[cStart]}"`;
  const endWhat = `column "${table.headers[cEnd]}"`;
  // an account's rows come together and products repeat: the same cell as the row before is the same account, a
  // product cell seen before the same product (no hashing per row)
  let prevCell: CellValue = undefined;
  let prevAccount = -1;
  const productOfCell = new Map<string, number>();
  for (let r = 0; r < R; r++) {
    const row = table.rows[r];
    const cell = row[cAccount];
    const rs = row[cStart];
    const re = row[cEnd];
    const s = typeof rs === "number" && rs >= 0 && rs !== Infinity ? rs : arrValue(fn, startWhat, rs, table.rowNumbers[r]);
    const e = typeof re === "number" && re >= 0 && re !== Infinity ? re : arrValue(fn, endWhat, re, table.rowNumbers[r]);
    if (cell !== prevCell || prevAccount < 0) {
      const name = toText(cell);
      if (name === "") {
        if (s !== 0 || e !== 0) throw valueError(fn, `row ${table.rowNumbers[r]}: ARR without an account name`);
        continue;
      }
      prevCell = cell;
      prevAccount = accounts.add(name);
    }
    rowAccount[r] = prevAccount;
    rowStart[r] = s;
    rowEnd[r] = e;
    if (byProduct) {
      const productCell = row[cProduct as number];
      let p = typeof productCell === "string" ? (productOfCell.get(productCell) ?? -1) : -1;
      if (p < 0) {
        const product = toText(productCell);
        if (product === "") {
          if (s !== 0 || e !== 0) throw valueError(fn, `row ${table.rowNumbers[r]}: ARR without a product name (the table has a Product column)`);
          continue;
        }
        p = products.add(product);
        if (typeof productCell === "string" && productOfCell.size < 4096) productOfCell.set(productCell, p);
      }
      rowProduct[r] = p;
    }
  }
  const n = accounts.size;
  const P = products.size;
  const accStart = new Float64Array(n);
  const accEnd = new Float64Array(n);
  for (let r = 0; r < R; r++) {
    const a = rowAccount[r];
    if (a < 0) continue;
    accStart[a] += rowStart[r];
    accEnd[a] += rowEnd[r];
  }
  const productsAtStart = new Int32Array(n);
  let crossSell = 0;
  let upsell = 0;
  let productContraction = 0;
  if (byProduct && P > 0) {
    // Rows grouped by account (a stable counting sort), each account's products summed in P-sized scratch arrays:
    // memory follows rows, not accounts × products (dense pair arrays were 340 MB at a million accounts × 20).
    // Sums run in row order per pair and products in ascending order per account, as a dense walk would.
    const offsets = new Int32Array(n + 1);
    for (let r = 0; r < R; r++) if (rowProduct[r] >= 0) offsets[rowAccount[r] + 1]++;
    for (let a = 0; a < n; a++) offsets[a + 1] += offsets[a];
    const order = new Int32Array(offsets[n]);
    const fill = offsets.slice(0, n);
    for (let r = 0; r < R; r++) if (rowProduct[r] >= 0) order[fill[rowAccount[r]]++] = r;
    const pairStart = new Float64Array(P);
    const pairEnd = new Float64Array(P);
    const seenBy = new Int32Array(P).fill(-1);
    const touched = new Int32Array(P);
    for (let a = 0; a < n; a++) {
      let t = 0;
      for (let i = offsets[a]; i < offsets[a + 1]; i++) {
        const r = order[i];
        const p = rowProduct[r];
        if (seenBy[p] !== a) {
          seenBy[p] = a;
          pairStart[p] = 0;
          pairEnd[p] = 0;
          touched[t++] = p;
        }
        pairStart[p] += rowStart[r];
        pairEnd[p] += rowEnd[r];
      }
      const own = touched.subarray(0, t).sort();
      const retained = accStart[a] > 0 && accEnd[a] > 0; // new and churned accounts are counted whole below
      for (let j = 0; j < t; j++) {
        const p = own[j];
        const s = pairStart[p];
        const e = pairEnd[p];
        if (s > 0) productsAtStart[a]++;
        if (!retained) continue;
        if (s === 0 && e > 0) crossSell += e;
        else if (e > s) upsell += e - s;
        else if (e < s) productContraction += s - e;
      }
    }
  }
  let startArr = 0;
  let cohortEnd = 0;
  let kept = 0;
  let churn = 0;
  let accountExpansion = 0;
  let accountContraction = 0;
  let newArr = 0;
  let atStart = 0;
  let churned = 0;
  let newAccounts = 0;
  const groups = { multi: { s: 0, kept: 0, n: 0 }, single: { s: 0, kept: 0, n: 0 } };
  const perAccount: RetentionSummary["accounts"] = [];
  for (let a = 0; a < n; a++) {
    const s = accStart[a];
    const e = accEnd[a];
    perAccount.push({ name: accounts.keys[a], start: s, end: e, movement: movement(s, e), productsAtStart: productsAtStart[a] });
    if (s <= 0) {
      if (e > 0) {
        newArr += e;
        newAccounts++;
      }
      continue;
    }
    atStart++;
    startArr += s;
    cohortEnd += e;
    kept += Math.min(s, e);
    if (e === 0) {
      churn += s;
      churned++;
    } else if (e > s) accountExpansion += e - s;
    else accountContraction += s - e;
    if (byProduct) {
      const g = productsAtStart[a] >= 2 ? groups.multi : groups.single;
      g.s += s;
      g.kept += Math.min(s, e);
      g.n++;
    }
  }
  if (startArr === 0) throw divError(fn, "no account has Start ARR above 0, so the cohort is empty and NRR/GRR are undefined");
  // With products, expansion and contraction are measured per product, so a product swap shows as both.
  const expansion = byProduct ? crossSell + upsell : accountExpansion;
  const contraction = byProduct ? productContraction : accountContraction;
  return {
    byProduct,
    startArr,
    expansion,
    crossSell: byProduct ? crossSell : NaN,
    upsell: byProduct ? upsell : NaN,
    contraction,
    churn,
    cohortEndArr: cohortEnd,
    newArr,
    endArr: cohortEnd + newArr,
    nrr: cohortEnd / startArr,
    grr: kept / startArr,
    accountsAtStart: atStart,
    accountsChurned: churned,
    logoChurn: churned / atStart,
    grrMulti: groups.multi.s > 0 ? groups.multi.kept / groups.multi.s : NaN,
    grrSingle: groups.single.s > 0 ? groups.single.kept / groups.single.s : NaN,
    multiAccounts: groups.multi.n,
    singleAccounts: groups.single.n,
    newAccounts,
    accounts: perAccount,
  };
}

/** The labelled rows of XSELL_RETENTION (Measure, Value). NaN → "" (not measurable from this table). */
/** What a metric's value is, declared where it is computed: the tab's number format follows from it, never from the label. */
export type MetricKind = "money" | "share" | "count" | "points";

export interface Metric {
  readonly label: string;
  readonly value: number | "";
  readonly kind: MetricKind;
  /** A headline figure (shown bold). */
  readonly key?: boolean;
}

export const METRIC_FORMATS: Readonly<Record<MetricKind, string>> = { money: "$#,##0", share: "0.0%", count: "#,##0", points: "0.0" };

export function retentionMetrics(r: RetentionSummary): Metric[] {
  const v = (x: number): number | "" => (Number.isNaN(x) ? "" : x);
  const reconciliation = r.startArr + r.expansion - r.contraction - r.churn - r.cohortEndArr;
  const needProducts = r.byProduct ? "" : " (needs a Product column)";
  return [
    { label: "Starting ARR (cohort: ARR > 0 at start)", value: r.startArr, kind: "money" },
    { label: "Expansion ARR", value: r.expansion, kind: "money" },
    { label: `  of which cross-sell (products not held at start)${needProducts}`, value: v(r.crossSell), kind: "money" },
    { label: `  of which upsell (more of products held)${needProducts}`, value: v(r.upsell), kind: "money" },
    { label: r.byProduct ? "Contraction ARR (incl. products dropped by retained accounts)" : "Contraction ARR", value: r.contraction, kind: "money" },
    { label: "Churned ARR (accounts lost)", value: r.churn, kind: "money" },
    { label: "Ending ARR (cohort)", value: r.cohortEndArr, kind: "money" },
    { label: "New ARR (accounts outside the cohort)", value: r.newArr, kind: "money" },
    { label: "Ending ARR (total)", value: r.endArr, kind: "money" },
    { label: "NRR", value: r.nrr, kind: "share", key: true },
    { label: "GRR", value: r.grr, kind: "share", key: true },
    { label: "Logo churn", value: r.logoChurn, kind: "share" },
    { label: "Accounts at start", value: r.accountsAtStart, kind: "count" },
    { label: "Accounts churned", value: r.accountsChurned, kind: "count" },
    { label: "New accounts", value: r.newAccounts, kind: "count" },
    { label: `GRR, accounts with 2+ products at start (${r.multiAccounts})${needProducts}`, value: v(r.grrMulti), kind: "share" },
    { label: `GRR, single-product accounts (${r.singleAccounts})${needProducts}`, value: v(r.grrSingle), kind: "share" },
    { label: `GRR gap, multi − single (points)${needProducts}`, value: v((r.grrMulti - r.grrSingle) * 100), kind: "points" },
    { label: "Reconciliation: start + expansion − contraction − churn − ending (cohort)", value: Math.abs(reconciliation) < 1e-6 * Math.max(1, r.startArr) ? 0 : reconciliation, kind: "money" },
  ];
}

export function retentionRows(r: RetentionSummary): (string | number)[][] {
  return [["Measure", "Value"], ...retentionMetrics(r).map((m) => [m.label, m.value])];
}
