/**
 * The warehouse's statements: for each table the mapping names, the queries that compute in the warehouse what the
 * core computes in memory. One builder per metric (ownership.ts, retention.ts, movements.ts); a dialect changes
 * only the few expressions in dialect.ts.
 */
import { FLOWS_SPAN, periodIndex, periodStart, type PeriodKind } from "../history/movements";
import type { Dialect } from "./dialect";
import type { WarehouseSources, WarehouseTable } from "./mapping";
import { flowsQuery, movementsQuery } from "./movements";
import { percent } from "../integrity/flags";
import { DEFAULT_PAIR_RULES } from "../integrity/rules";
import { pairEvidenceQuery, productOwnersQuery } from "./flags";
import { nextProductQuery, pairsQuery, whitespaceQuery } from "./ownership";
import { retentionAccountsQuery, retentionSummaryQuery } from "./retention";

export { DIALECT, DIALECTS, isDialect, type Dialect, type DialectName } from "./dialect";
export { MappingError, parseMapping, WAREHOUSE_TABLES, type TableSource, type WarehouseSources, type WarehouseTable } from "./mapping";

export interface WarehouseOptions {
  readonly asOf: number;
  /** Fewest owners for an attach rate to count: the adjacency defaults to 5, the whitespace to 1 (as the tabs). */
  readonly minAccounts?: number;
  /** Periods of the movements bridge (default month). */
  readonly period?: PeriodKind;
  /** Gaps per account in next_product (default 1). */
  readonly top?: number;
}

export interface Statement {
  /** A name for the result (a view or table a user might create from it). */
  readonly name: string;
  readonly table: WarehouseTable;
  /** What the result holds, in a sentence (printed as a comment above the SQL). */
  readonly about: string;
  readonly sql: string;
}

export const ADJACENCY_MIN_DEFAULT = 5;

/** The trailing-year flows window ending with the last complete period before as-of, as the Retention tab uses. */
export function flowsWindowDays(kind: PeriodKind, asOf: number): { from: number; to: number } {
  const last = periodIndex(kind, asOf) - 1;
  return { from: periodStart(kind, last - FLOWS_SPAN[kind] + 1), to: periodStart(kind, last) };
}

export function warehouseStatements(d: Dialect, sources: WarehouseSources, o: WarehouseOptions): Statement[] {
  const out: Statement[] = [];
  const own = sources.ownership;
  const kind = o.period ?? "month";
  if (own) {
    const adj = { asOf: o.asOf, minAccounts: o.minAccounts ?? ADJACENCY_MIN_DEFAULT };
    const ws = { asOf: o.asOf, minAccounts: o.minAccounts ?? 1 };
    out.push(
      { name: "xsell_adjacency", table: "ownership", about: `Every ordered pair of products: attach rate, lift, accounts owning both, support and the Wilson 95% interval of the attach rate (blank below ${adj.minAccounts} owners).`, sql: pairsQuery(d, own, adj) },
      { name: "xsell_product_owners", table: "ownership", about: `Each product's owners${sources.prices ? `, those paying at or below ${percent(DEFAULT_PAIR_RULES.pass_through_share)} of list (pass-through, not counted as owned in the honest view) and the rest` : ""}, and the number of accounts.`, sql: productOwnersQuery(d, own, adj, sources.prices) },
      { name: "xsell_pair_evidence", table: "ownership", about: `What the pair flags read, per ordered pair: accounts owning both, of them those with Start Dates for both, same-day starts and the next product started later${sources.prices ? ", and accounts owning both with neither a pass-through" : ""}.`, sql: pairEvidenceQuery(d, own, adj, sources.prices) },
      { name: "xsell_whitespace", table: "ownership", about: "Every account and product it does not own: the propensity (best attach rate from a product it owns, else the product's share)" + (sources.prices ? " and expected ARR." : "."), sql: whitespaceQuery(d, own, ws, sources.prices) },
      { name: "xsell_next_product", table: "ownership", about: `Each account's best ${o.top && o.top > 1 ? `${o.top} products` : "product"} to offer next${sources.prices ? ", by expected ARR" : ", by propensity"}.`, sql: nextProductQuery(d, own, ws, sources.prices, o.top ?? 1) },
    );
  }
  const ret = sources.retention;
  if (ret) {
    out.push(
      { name: "xsell_retention", table: "retention", about: "Snapshot retention: NRR, GRR, expansion, contraction and churn of the accounts with ARR at the start.", sql: retentionSummaryQuery(d, ret) },
      { name: "xsell_retention_accounts", table: "retention", about: "Each account's start and end ARR and its movement.", sql: retentionAccountsQuery(d, ret) },
    );
  }
  const sub = sources.subscriptions;
  if (sub) {
    const unit = sub.col.MRR !== undefined ? "MRR" : "ARR";
    const flows = flowsWindowDays(kind, o.asOf);
    out.push(
      { name: "xsell_movements", table: "subscriptions", about: `Movements by ${kind} from subscription history (${unit}): opening, new, reactivation, expansion, contraction, churn, closing.`, sql: movementsQuery(d, sub, { kind, asOf: o.asOf, from: null, to: null }) },
      { name: "xsell_flows", table: "subscriptions", about: `NRR and GRR by flows over the trailing ${FLOWS_SPAN[kind]} complete ${kind}s (${unit}).`, sql: flowsQuery(d, sub, { kind, asOf: o.asOf, ...flows }) },
    );
  }
  return out;
}
