/**
 * `xsell report --engine duckdb` for ownership: the Adjacency tab's counts (owners, pairs, the evidence the pair
 * flags read, pass-through with a price list) computed by the warehouse SQL where the file lies; only P × P
 * counts come into memory, and the flags are decided from them by the core (pairFlagsOf), as in memory.
 */
import type { OwnerCounts } from "../core/adjacency";
import { pairFlagsOf } from "../core/integrity/flags";
import { DEFAULT_PAIR_RULES } from "../core/integrity/rules";
import { DUCKDB } from "../core/sql/dialect";
import { pairEvidenceQuery, productOwnersQuery } from "../core/sql/flags";
import { ownershipRowsQuery } from "../core/sql/ownership";
import { BUDGETS } from "../core/limits";
import type { CellValue } from "../core/values";
import type { TableSource } from "../core/sql/mapping";
import { checkAdjacencySize, type AdjacencyFacts } from "../core/tabs/adjacency-facts";
import type { DuckDb } from "./duckdb";
import { CliError } from "./io";

/** The Adjacency tab's facts from the ownership source (and the prices source, for pass-through). */
export async function adjacencyFromSql(db: DuckDb, own: TableSource, asOf: number, label: string, prices?: TableSource): Promise<AdjacencyFacts> {
  const products = await db.all(productOwnersQuery(DUCKDB, own, { asOf }, prices));
  if (products.length === 0) throw new CliError(`${label}: ownership lists no products`);
  const P = products.length;
  checkAdjacencySize("Adjacency", P);
  const names = products.map((r) => String(r.product));
  const accounts = { length: Number(products[0].accounts) };
  const raw: OwnerCounts = { products: names, ownerCounts: Int32Array.from(products, (r) => Number(r.owners)), accounts };
  const honest: OwnerCounts = prices ? { products: names, ownerCounts: Int32Array.from(products, (r) => Number(r.honest_owners)), accounts } : raw;
  const rawCounts = new Int32Array(P * P);
  const honestCounts = prices ? new Int32Array(P * P) : rawCounts;
  const order = { dated: new Int32Array(P * P), sameDay: new Int32Array(P * P), bLater: new Int32Array(P * P) };
  for (let a = 0; a < P; a++) {
    rawCounts[a * P + a] = raw.ownerCounts[a];
    honestCounts[a * P + a] = honest.ownerCounts[a];
  }
  // every ordered pair of distinct products, row product by row product in the products' order
  const pairs = await db.all(pairEvidenceQuery(DUCKDB, own, { asOf }, prices));
  if (pairs.length !== P * (P - 1)) throw new Error(`pair evidence: ${pairs.length} rows for ${P} products`);
  let i = 0;
  for (let a = 0; a < P; a++) {
    for (let b = 0; b < P; b++) {
      if (a === b) continue;
      const r = pairs[i++];
      if (r.product !== names[a] || r.next_product !== names[b]) throw new Error(`pair evidence row ${i}: ${r.product} → ${r.next_product}, expected ${names[a]} → ${names[b]}`);
      const k = a * P + b;
      rawCounts[k] = Number(r.both_accounts);
      order.dated[k] = Number(r.dated);
      order.sameDay[k] = Number(r.same_day);
      order.bLater[k] = Number(r.b_later);
      if (prices) honestCounts[k] = Number(r.honest_both);
    }
  }
  const passThrough = prices ? products.reduce((sum, r) => sum + Number(r.pass_through), 0) : null;
  return { raw, rawCounts, honest, honestCounts, flags: pairFlagsOf(raw, rawCounts, order, DEFAULT_PAIR_RULES), passThrough };
}

/** The tabs that read each account's ownership (propensities, next product, gaps, the scenario's attach rates). */
export const PER_ACCOUNT_TABS = ["scorecard", "whitespace", "scenario"] as const;

/**
 * Ownership reduced by DuckDB to one row per account and product (core/sql ownershipRowsQuery), as a table the
 * core reads into the same ownership as the file's rows, when its accounts fit a sheet; else the sentence saying
 * why the per-account tabs are left out.
 */
export async function ownershipRowsFromSql(db: DuckDb, own: TableSource, asOf: number, accounts: number, ownedPairs = 0): Promise<CellValue[][] | string> {
  const warehouse = "xsell sql's xsell_whitespace and xsell_next_product give them in the warehouse";
  if (accounts > BUDGETS.xlsxTabRows) {
    return `ownership holds ${accounts.toLocaleString("en-US")} accounts, more than a sheet's ${BUDGETS.xlsxTabRows.toLocaleString("en-US")} rows, so the per-account tabs are not built from it; ${warehouse}`;
  }
  if (ownedPairs > BUDGETS.cliInputRows) {
    return `ownership holds ${ownedPairs.toLocaleString("en-US")} owned account-products, more than the ${BUDGETS.cliInputRows.toLocaleString("en-US")} rows read in memory, so the per-account tabs are not built from it; ${warehouse}`;
  }
  const byId = own.col["Account ID"] !== undefined;
  const header: CellValue[] = [...(byId ? ["Account ID"] : []), "Account", "Product", "ARR", "Start Date", "Status"];
  const rows = await db.rows(ownershipRowsQuery(DUCKDB, own, asOf), header.length);
  return [header, ...rows];
}
