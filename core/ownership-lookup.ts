/** Finding accounts and products of an ownership table by name or ID (the table read by core/ownership.ts). */
import { naError, valueError } from "./errors";
import type { Ownership } from "./ownership";
import { StringIndex } from "./string-index";
import { isBlankRow, type Table } from "./table";
import { showValue, toText, type CellValue } from "./values";

/**
 * Finds an account table's row in ownership: by Account ID when both tables carry IDs, else by name.
 * Returns a lookup from a row of `table` to the account's index in `own` (-1 when it owns nothing listed).
 */
export function accountLookup(own: Ownership, table: Table): (row: CellValue[]) => number {
  const idCol = table.fields.get("Account ID");
  const nameCol = table.fields.get("Account");
  if (own.byId && idCol !== undefined) return (row) => own.index.get(toText(row[idCol]));
  if (nameCol === undefined) return () => -1;
  return (row) => own.names.get(toText(row[nameCol]));
}

/**
 * How well an account table joins ownership, in one sentence, or "" when every account is found: accounts with no
 * ownership row get no next product and no gap trigger, which must never pass unsaid (a spelling such as
 * "Acme Corp" against "Acme Corporation" is not guessed).
 */
export function joinNote(own: Ownership, table: Table): string {
  const lookup = accountLookup(own, table);
  const nameCol = table.fields.get("Account");
  const idCol = table.fields.get("Account ID");
  let accounts = 0;
  const missing: string[] = [];
  let missingCount = 0;
  for (const row of table.rows) {
    if (isBlankRow(row)) continue;
    const name = (nameCol === undefined ? "" : toText(row[nameCol])) || (idCol === undefined ? "" : toText(row[idCol]));
    if (name === "") continue;
    accounts++;
    if (lookup(row) >= 0) continue;
    missingCount++;
    if (missing.length < 3) missing.push(`"${name.length > 30 ? `${name.slice(0, 29)}…` : name}"`);
  }
  if (missingCount === 0) return "";
  const by = own.byId && idCol !== undefined ? "Account ID" : "name";
  return `${missingCount} of ${accounts} account${accounts === 1 ? "" : "s"} are not in the ownership table (matched by ${by}, ignoring case and spaces), e.g. ${missing.join(", ")}: they get no next product or gap trigger`;
}

/** A product's index by name, compared as account names are (case, spaces, Unicode form; never punctuation); -1 when absent. */
export function productByName(own: Ownership, name: string): number {
  // built once per ownership table: a tab looking up each of its products by name stays linear
  let ix = productIndexes.get(own);
  if (!ix) {
    ix = new StringIndex(own.products.length);
    for (const p of own.products) ix.add(p);
    productIndexes.set(own, ix);
  }
  return ix.get(name);
}
const productIndexes = new WeakMap<Ownership, StringIndex>();

/** Finds a product by name (ignoring case, spaces and Unicode form); unknown names list what was found. */
export function productIndex(fn: string, own: Ownership, arg: string, name: unknown): number {
  const text = toText(name as CellValue);
  if (text === "") throw valueError(fn, `${arg} is required`);
  const i = productByName(own, text);
  if (i >= 0) return i;
  const list = own.products.slice(0, 20).map((p) => `"${p}"`).join(", ");
  throw naError(fn, `${arg} ${showValue(text)} is not in ownership; products found: ${list}${own.products.length > 20 ? ", …" : ""}`);
}
