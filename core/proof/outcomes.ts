/**
 * Outcomes for the Validation tab: whether each account of the account table expanded, from a column of that table
 * (Expanded, Outcome, …) or from a separate outcomes table (Account or Account ID, and one outcome column) joined by
 * Account ID when both carry one, else by name (ignoring case and spaces, as ownership joins).
 */
import { valueError } from "../errors";
import { StringIndex } from "../string-index";
import { isBlankRow, readTable, type Table } from "../table";
import { toText, type CellValue } from "../values";
import type { ReadOptions } from "../read/columns";
import { readOutcome } from "./read";

/** Names the registry reads as the Expanded field (core/headers.ts), the first few, for messages. */
export const OUTCOME_NAMES = ["Expanded", "Outcome", "Expansion", "Converted"] as const;

/** The column of a table that holds outcomes: the Expanded field of the registry (Expanded, Outcome, Converted, …). */
export function outcomeColumn(table: Table): number | undefined {
  return table.fields.get("Expanded");
}

export interface JoinedOutcomes {
  /** Per row of the account table: true, false, or null (no outcome). */
  readonly outcome: (boolean | null)[];
  /** Where they came from, in words. */
  readonly source: string;
  /** Account rows with no outcome (no matching row, or a blank cell). */
  readonly missing: number;
}

/** Outcomes aligned with the account table's rows; null when there is neither an outcome column nor a table. */
export function joinOutcomes(fn: string, accounts: Table, outcomes: CellValue[][] | undefined, options: ReadOptions = {}): JoinedOutcomes | null {
  const own = outcomeColumn(accounts);
  if (!outcomes) {
    if (own === undefined) return null;
    const outcome = accounts.rows.map((row, r) => (isBlankRow(row) ? null : readOutcome(fn, row[own], `account table row ${accounts.rowNumbers[r]}, "${accounts.headers[own]}"`)));
    return { outcome, source: `the "${accounts.headers[own]}" column of the account table`, missing: outcome.filter((o, r) => o === null && !isBlankRow(accounts.rows[r])).length };
  }
  const table = readTable(fn, outcomes, undefined, options);
  const col = outcomeColumn(table) ?? (table.headers.length === 2 && table.keyColumn !== undefined ? 1 - table.keyColumn : undefined);
  if (col === undefined) throw valueError(fn, `the outcomes table needs an account column and an outcome column named ${OUTCOME_NAMES.slice(0, 4).map((n) => `"${n}"`).join(", ")} or similar`);
  const byId = accounts.fields.get("Account ID") !== undefined && table.fields.get("Account ID") !== undefined;
  const theirKey = byId ? table.fields.get("Account ID") : table.fields.get("Account");
  const ourKey = byId ? accounts.fields.get("Account ID") : accounts.fields.get("Account");
  if (theirKey === undefined || ourKey === undefined) throw valueError(fn, "the outcomes table and the account table need a common Account or Account ID column to be joined");
  const index = new StringIndex(table.rows.length);
  const value: (boolean | null)[] = [];
  table.rows.forEach((row, r) => {
    const key = toText(row[theirKey]);
    if (key === "") return;
    value[index.add(key)] = readOutcome(fn, row[col], `outcomes row ${table.rowNumbers[r]}, "${table.headers[col]}"`);
  });
  const outcome = accounts.rows.map((row) => {
    if (isBlankRow(row)) return null;
    const i = index.get(toText(row[ourKey]));
    return i >= 0 ? value[i] : null;
  });
  const missing = outcome.filter((o, r) => o === null && !isBlankRow(accounts.rows[r])).length;
  return { outcome, source: `the outcomes table's "${table.headers[col]}" column, joined by ${byId ? "Account ID" : "account name"}`, missing };
}
