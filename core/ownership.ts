/**
 * Ownership tables in either shape, read into owner sets (core/owner-sets.ts): per product its owners as a sorted
 * list, or a bitset when dense, so memory follows owned pairs, not accounts × products. Read it through
 * owns(), ownersOf(), coCount() and productsOf(), never through the layout.
 *  - wide: first column the account, one column per product; a cell is owned when it holds a positive number,
 *    TRUE, or text other than blank/0/No/N/FALSE/-.
 *  - long: one row per account and product (Account, Product, optional ARR, Start Date, End Date); duplicates merge.
 */
import { BUDGETS, tooManyProducts } from "./budgets";
import { naError, valueError } from "./errors";
import type { ReadOptions } from "./read/columns";
import { standingOf, type Standing } from "./read/status";
import { OwnerSets, PairBuffer } from "./owner-sets";
import { PairValues } from "./pair-values";
import { StringIndex } from "./string-index";
import { asGrid, isBlankRow, readTable, type Table } from "./table";
import { dayFromExcelSerial, isMissing, MAX_EXCEL_SERIAL, showValue, toDay, toNumber, toText, today, type CellValue } from "./values";

export interface Ownership {
  readonly shape: "wide" | "long";
  /** Account names as first written (the name column's text when the table has both a name and an ID). */
  readonly accounts: string[];
  readonly products: string[];
  /** Who owns what: active, paid ownership only (use owns(), ownersOf(), coCount(), productsOf()). */
  readonly owners: OwnerSets;
  /** Accounts owning each product. */
  readonly ownerCounts: Int32Array;
  /** Summed ARR per (account, product) (key account × products + product) from a long table's ARR column; empty otherwise. */
  readonly arr: ReadonlyMap<number, number>;
  /** Earliest Start Date (a day number) per owned (account, product) of a long table; empty otherwise. Read it with startOf. */
  readonly starts: ReadonlyMap<number, number>;
  /** Account key → index: the Account ID when the table has one, else the name (ignoring case, spaces, Unicode form). */
  readonly index: StringIndex;
  /** Whether `index` is keyed by Account ID. */
  readonly byId: boolean;
  /** Display name → index (the same as `index` when keyed by name). */
  readonly names: StringIndex;
  /** Products in trial per account, listed apart and never counted as owned. */
  readonly trials: OwnerSets;
  /** The day ownership was read as of (End Dates on or before it have ended). */
  readonly asOf: number;
  /** What was read and what was left out, in sentences. */
  readonly notes: string[];
  /** The long table as read (its column report included); undefined for a wide table. */
  readonly table?: Table;
}

const NOT_OWNED = new Set(["", "0", "no", "n", "false", "-", "none", "0%", "n/a", "na", "not owned"]);

/** A wide cell's standing: a status word, a positive number, TRUE, or other text (a tier name) is owned. */
export function cellStanding(v: CellValue): Standing | null {
  if (typeof v === "number") return v > 0 && Number.isFinite(v) ? "active" : null;
  if (typeof v === "boolean") return v ? "active" : null;
  if (isMissing(v)) return null;
  if (typeof v === "string") {
    const s = v.trim().toLowerCase();
    if (NOT_OWNED.has(s)) return null;
    const st = standingOf(s);
    if (st) return st;
    const n = toNumber(s);
    return n.ok ? (n.value > 0 ? "active" : null) : "active";
  }
  return v instanceof Date ? "active" : null;
}

export function ownsCell(v: CellValue): boolean {
  return cellStanding(v) === "active";
}

export { popcount } from "./owner-sets";

/** Whether account a owns product p (active, paid). Account first, as arrOf and startOf. */
export const owns = (own: Ownership, a: number, p: number): boolean => own.owners.owns(p, a);
/** Accounts owning product p, ascending (a view: do not modify). */
export const ownersOf = (own: Ownership, p: number): Int32Array => own.owners.ownersOf(p);
/** Accounts owning both products a and b. */
export const coCount = (own: Ownership, a: number, b: number): number => own.owners.coCount(a, b);
/** Products account i owns, ascending (a view: do not modify). */
export const productsOf = (own: Ownership, i: number): Int32Array => own.owners.productsOf(i);

/**
 * Reads an ownership table as of `asOf` (default today): End Dates on or before it have ended, Start Dates after
 * it have not begun, and a Status column (or status words in wide cells) decides what counts as owned.
 */
export function readOwnership(fn: string, arg: unknown, asOf: number = today(), options: ReadOptions = {}): Ownership {
  const grid = asGrid(fn, "ownership", arg, options.maxRows);
  if (grid.length < 1 || grid[0].length < 2) throw valueError(fn, "ownership must have a header row and at least two columns (an account column and products, or Account and Product)");
  const probe = readTable(fn, [grid[0]], undefined, options);
  const long = (probe.fields.has("Account") || probe.fields.has("Account ID")) && probe.fields.has("Product");
  if (long) return readLong(fn, readTable(fn, grid, undefined, options), asOf);
  return readWide(fn, grid, probe, asOf);
}

/** Counts of rows left out, by reason, said once after reading. */
class LeftOut {
  private readonly counts = new Map<string, number>();
  add(reason: string): void {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1);
  }
  sentences(): string[] {
    return [...this.counts].map(([reason, n]) => `${n} ${reason.replace("{s}", n === 1 ? "" : "s")}`);
  }
}

function readWide(fn: string, grid: CellValue[][], probe: Table, asOf: number): Ownership {
  const header = probe.headers;
  // a wide table's first column names accounts; a first header that is another field is some other table
  const first = probe.report.columns[0]?.field;
  if (!probe.fields.has("Account") && !probe.fields.has("Account ID") && first) {
    throw valueError(fn, `ownership's first column is "${header[0]}" (${first}), not accounts; expected an account column and one column per product, or Account and Product rows`);
  }
  const nameCol = probe.fields.get("Account") ?? 0;
  const idCol = probe.fields.get("Account ID");
  const identity = new Set([nameCol, ...(idCol === undefined ? [] : [idCol])]);
  const productCols: number[] = [];
  const products: string[] = [];
  const seen = new StringIndex(header.length);
  for (let c = 0; c < header.length; c++) {
    if (header[c] === "" || identity.has(c)) continue;
    const before = seen.size;
    const p = seen.add(header[c]);
    if (seen.size === before) throw valueError(fn, `ownership has the product column "${header[c]}" twice (columns ${productCols[p] + 1} and ${c + 1})`);
    productCols.push(c);
    products.push(header[c]);
  }
  if (products.length === 0) throw valueError(fn, "ownership has no product columns; expected the account in the first column and one column per product");
  // One pass over the rows (each row object is touched once: at a million rows, memory traffic is the cost),
  // collecting owned pairs; duplicate account rows merge when the owner sets are built.
  const keyCol = idCol ?? nameCol;
  const index = new StringIndex(grid.length);
  const names = idCol === undefined ? index : new StringIndex(grid.length);
  const accounts: string[] = [];
  const owned = new PairBuffer();
  const trialPairs = new PairBuffer();
  const P = productCols.length;
  const contiguous = productCols.every((c, i) => c === i + 1);
  const left = new LeftOut();
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r];
    const key = toText(row[keyCol]);
    if (key === "") {
      if (productCols.some((c) => ownsCell(row[c]))) throw valueError(fn, `ownership row ${r + 1}: products are marked but the account cell is blank`);
      continue;
    }
    const before = index.size;
    const a = index.add(key);
    if (index.size > before) {
      const name = idCol === undefined ? key : toText(row[nameCol]) || key;
      accounts.push(name);
      if (names !== index) names.add(name);
    }
    for (let p = 0; p < P; p++) {
      const v = row[contiguous ? p + 1 : productCols[p]];
      // inline fast paths for the common cell types; text goes through cellStanding
      if (typeof v === "number" ? v > 0 && v !== Infinity : typeof v === "boolean") {
        if (v) owned.push(a, p);
        continue;
      }
      const st = cellStanding(v);
      if (st === "active") owned.push(a, p);
      else if (st === "trial") {
        trialPairs.push(a, p);
        left.add("trial cell{s} listed apart, not counted as owned");
      } else if (st === "ended") left.add("cell{s} saying cancelled, churned or expired not counted as owned");
      else if (st === "pending") left.add("cell{s} saying pending or suspended not counted as owned");
    }
  }
  const owners = new OwnerSets(owned, P, accounts.length);
  const trials = new OwnerSets(trialPairs, P, accounts.length);
  return finish({ shape: "wide", accounts, products, owners, arr: new Map(), starts: new Map(), index, byId: idCol !== undefined, names, trials, asOf, notes: left.sentences() });
}

function readLong(fn: string, table: Table, asOf: number): Ownership {
  const f = table.fields;
  const nameCol = f.get("Account")!;
  const idCol = f.get("Account ID");
  const keyCol = idCol ?? nameCol;
  const productCol = f.get("Product")!;
  const arrCol = f.get("ARR");
  const startCol = f.get("Start Date");
  const endCol = f.get("End Date");
  const statusCol = f.get("Status");
  const rows = table.rows;
  const accIndex = new StringIndex(rows.length);
  const names = idCol === undefined ? accIndex : new StringIndex(rows.length);
  const accounts: string[] = [];
  const prodIndex = new StringIndex(64);
  const products = prodIndex.keys;
  const pairs = new PairBuffer();
  const trialPairs = new PairBuffer();
  // summed ARR and earliest start per pair, keyed a × BUDGETS.products + p until the product count is known
  const arr = new PairValues(BUDGETS.products, arrCol === undefined ? 0 : rows.length);
  const starts = new PairValues(BUDGETS.products, startCol === undefined ? 0 : rows.length);
  const left = new LeftOut();
  const unknownStatus = new Map<string, number>();
  // a long table lists an account's rows together and repeats a few product names: the same cell as the row
  // before is the same account, and a product cell seen before is the same product (no hashing per row)
  let prevKeyCell: CellValue = undefined;
  let prevA = -1;
  const productOfCell = new Map<string, number>();
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (isBlankRow(row)) continue;
    const keyCell = row[keyCol];
    const productCell = row[productCol];
    let a = prevA;
    if (keyCell !== prevKeyCell || prevA < 0) {
      const key = toText(keyCell);
      if (key === "") {
        const product = toText(productCell);
        if (product !== "") throw valueError(fn, `ownership row ${table.rowNumbers[r]}: product "${product}" has a blank ${idCol === undefined ? "Account" : "Account ID"}`);
        continue;
      }
      const before = accIndex.size;
      a = accIndex.add(key);
      if (accIndex.size > before) {
        const name = idCol === undefined ? key : toText(row[nameCol]) || key;
        accounts.push(name);
        if (names !== accIndex) names.add(name);
      }
      prevKeyCell = keyCell;
      prevA = a;
    }
    let p = typeof productCell === "string" ? (productOfCell.get(productCell) ?? -1) : -1;
    if (p < 0) {
      const product = toText(productCell);
      if (product === "") continue; // an account with no products still counts in denominators
      p = prodIndex.add(product);
      if (p >= BUDGETS.products) tooManyProducts(fn, `row ${table.rowNumbers[r]} holds product number ${(BUDGETS.products + 1).toLocaleString("en-US")}, ${showValue(product)}`);
      if (typeof productCell === "string" && productOfCell.size < 4096) productOfCell.set(productCell, p);
    }
    if (statusCol !== undefined && !isMissing(row[statusCol])) {
      const word = toText(row[statusCol]);
      const st = standingOf(word);
      if (st === undefined) {
        unknownStatus.set(word, (unknownStatus.get(word) ?? 0) + 1);
        continue;
      }
      if (st === "trial") {
        trialPairs.push(a, p);
        left.add("trial row{s} listed apart, not counted as owned");
        continue;
      }
      if (st === "ended") {
        left.add("row{s} with a cancelled, churned or expired status not counted");
        continue;
      }
      if (st === "pending") {
        left.add("row{s} with a pending, suspended or open status not counted");
        continue;
      }
    }
    if (endCol !== undefined) {
      const end = dayOf(row[endCol]);
      if (end <= asOf) {
        left.add("row{s} whose End Date is on or before the as-of date not counted");
        continue;
      }
    }
    let startDay = NaN;
    if (startCol !== undefined) {
      startDay = dayOf(row[startCol]);
      if (startDay > asOf) {
        left.add("row{s} starting after the as-of date not counted");
        continue;
      }
    }
    let value = NaN;
    if (arrCol !== undefined && typeof row[arrCol] === "number") {
      value = row[arrCol] as number;
      if (value < 0) throw valueError(fn, `ownership column "${table.headers[arrCol]}" row ${table.rowNumbers[r]}: ARR cannot be negative (${value})`);
      arr.sum(a, p, value);
    }
    pairs.push(a, p);
    if (!Number.isNaN(startDay)) starts.min(a, p, startDay);
  }
  if (products.length === 0) throw naError(fn, "ownership lists no products");
  arr.rekey(products.length);
  starts.rekey(products.length);
  // a row whose summed ARR is 0 is a product on the books at no value: not owned
  const P = products.length;
  // (the few pairs at no value are listed once, so the million paid ones are not looked up twice each)
  const unpaid = new Set<number>();
  arr.forEach((v, k) => {
    if (v <= 0) unpaid.add(k);
  });
  const paid = unpaid.size === 0 ? undefined : (a: number, p: number): boolean => !unpaid.has(a * P + p);
  const owners = new OwnerSets(pairs, P, accounts.length, paid);
  const trials = new OwnerSets(trialPairs, P, accounts.length);
  const notes = left.sentences();
  for (const [word, n] of unknownStatus) notes.push(`${n} row${n === 1 ? "" : "s"} with the status ${showValue(word)}, which XSELL does not know, not counted as owned`);
  return finish({ shape: "long", accounts, products, owners, arr, starts, index: accIndex, byId: idCol !== undefined, names, trials, asOf, notes, table });
}

/** A date cell's day number; NaN when missing or not a date (a serial, the form reading leaves, without an allocation). */
function dayOf(v: CellValue): number {
  if (typeof v === "number" && v >= 1 && v <= MAX_EXCEL_SERIAL) return dayFromExcelSerial(v);
  if (isMissing(v)) return NaN;
  const d = toDay(v);
  return d.ok ? d.value : NaN;
}

/** Account a's summed ARR for product p from a long table's ARR column; NaN when not given. */
export function arrOf(own: Ownership, a: number, p: number): number {
  return own.arr.get(a * own.products.length + p) ?? NaN;
}

/** The earliest Start Date (day number) of account a's counted rows for product p; NaN when not given. */
export function startOf(own: Ownership, a: number, p: number): number {
  return own.starts.get(a * own.products.length + p) ?? NaN;
}

/** Calls `f` with every (account, product, Start Date) of a long table, in no particular order. */
export function eachStart(own: Ownership, f: (account: number, product: number, day: number) => void): void {
  const P = own.products.length;
  for (const [key, day] of own.starts) {
    const account = Math.floor(key / P);
    f(account, key - account * P, day);
  }
}

/** The same ownership with the listed (account, product) pairs not counted as owned (pass-through left out). */
export function withoutPairs(own: Ownership, pairs: readonly (readonly [number, number])[]): Ownership {
  if (pairs.length === 0) return own;
  return finish({ ...own, owners: own.owners.without(pairs) });
}

function finish(o: Omit<Ownership, "ownerCounts">): Ownership {
  const ownerCounts = new Int32Array(o.products.length);
  for (let p = 0; p < o.products.length; p++) ownerCounts[p] = o.owners.count(p);
  return { ...o, ownerCounts };
}

export { accountLookup, joinNote, productByName, productIndex } from "./ownership-lookup";
