/**
 * The inputs of `xsell report` (and the account table of `xsell score`) read once, in place, with their column
 * reports printed: the account table and its model, ownership, retention and the smaller tables, or what
 * `--engine duckdb` reduced them to.
 */
import { existsSync } from "node:fs";
import { BUDGETS, fmtCount } from "../core/limits";
import { isPreset, PRESETS, resolveModel } from "../core/model";
import { readOwnership, type Ownership } from "../core/ownership";
import type { ReadOptions } from "../core/read/columns";
import { findColumn, type Table } from "../core/table";
import type { CellValue } from "../core/values";
import { describeTable, ownershipLookalike, optionsOf, parseDateOrder, parseDecimal, parseMap, readLoaded } from "./inputs";
import { CliError, describeError } from "./io";
import { readTableFile, readTableRef, type LoadedTable } from "./readers";

/** The account table read and checked, and the model, as `score` and `report` both need them. */
export async function readAccounts(o: { accounts: string; map?: string[]; dateOrder?: string; decimal?: string; model?: string; log?: (text: string) => void; onBytes?: (bytes: number) => void }): Promise<{ loaded: LoadedTable; options: ReadOptions; table: Table; model: unknown }> {
  const loaded = await readTableFile(o.accounts, undefined, o.onBytes);
  const dateOrder = parseDateOrder(o.dateOrder);
  const decimal = parseDecimal(o.decimal);
  const mapped = Boolean(o.map && o.map.length > 0);
  // the rows were parsed for this read alone: converted in place, never copied. With a mapping, the header row is
  // found first on a copy of the top rows (where a header can be), then the table read once as mapped
  let map;
  if (mapped) {
    const probe = readLoaded({ ...loaded, rows: loaded.rows.slice(0, 13) }, optionsOf(loaded, dateOrder, undefined, decimal));
    map = parseMap(o.map!, loaded.rows[probe.report.headerRow - 1] ?? []);
  }
  const options: ReadOptions = { ...optionsOf(loaded, dateOrder, map, decimal), inPlace: true };
  const table = readLoaded(loaded, options);
  o.log?.(describeTable(loaded, table));
  const lookalike = ownershipLookalike(loaded, table);
  if (lookalike) o.log?.(lookalike);
  let model: unknown = null;
  if (o.model) {
    const preset = o.model.toLowerCase();
    if (isPreset(preset)) model = preset;
    else if (!existsSync(o.model)) throw new CliError(`--model: "${o.model}" is neither a preset (${Object.keys(PRESETS).join(", ")}) nor a file`);
    else model = (await readTableFile(o.model)).rows;
  }
  let resolved;
  try {
    resolved = resolveModel("--model", model);
  } catch (e) {
    throw new CliError(describeError(e));
  }
  // a table in which the model finds none of its columns would score every account 0: refuse it, saying why
  const wanted = [...new Set(resolved.criteria.flatMap((c) => c.columns))];
  if (!wanted.some((name) => findColumn(table, name) !== undefined)) {
    const found = table.headers.filter(Boolean).map((h) => `"${h}"`).slice(0, 10).join(", ");
    throw new CliError(`${loaded.label}: none of its columns is one the ${resolved.name} model reads; expected headers such as ${wanted.slice(0, 6).join(", ")} (found ${found || "an empty header row"}); map yours with --map "Your header=Licenses"`);
  }
  return { loaded, options, table, model };
}

export interface OtherTable {
  loaded: LoadedTable;
  options: ReadOptions;
  /** Long ownership, retention: the table as read (read once, in place). */
  table?: Table;
  own?: Ownership;
}

/**
 * Another input, with its column report (or, for wide ownership, what it holds) printed. Ownership and retention
 * are read here once, in place, and handed to the builders; prices and subscription histories are read by their
 * builders from the text (they are small, and a history is read its own way).
 */
export async function readOther(ref: string, o: { accounts: string; dateOrder?: string; decimal?: string; log?: (text: string) => void }, asOf: number, kind: "ownership" | "retention" | "prices" | "subscriptions" | "outcomes", onBytes?: (bytes: number) => void): Promise<OtherTable> {
  const log = o.log;
  const loaded = await readTableRef(ref, o.accounts, onBytes);
  const base = optionsOf(loaded, parseDateOrder(o.dateOrder), undefined, parseDecimal(o.decimal));
  if (kind === "ownership") {
    const options: ReadOptions = { ...base, inPlace: true };
    let own;
    try {
      own = readOwnership(loaded.label, loaded.rows, asOf, options);
    } catch (e) {
      throw new CliError(describeError(e));
    }
    const what = own.table ? describeTable(loaded, own.table) : `${loaded.label}: wide ownership, ${fmtCount(own.accounts.length)} accounts × ${fmtCount(own.products.length)} products (${own.products.slice(0, 8).join(", ")}${own.products.length > 8 ? ", …" : ""})`;
    log?.([what, ...own.notes.map((n) => `  · ${n}`)].join("\n"));
    return { loaded, options, own, table: own.table };
  }
  if (kind === "retention") {
    const options: ReadOptions = { ...base, inPlace: true };
    const table = readLoaded(loaded, options);
    log?.(describeTable(loaded, table));
    return { loaded, options, table };
  }
  log?.(describeTable(loaded, readLoaded(loaded, base)));
  return { loaded, options: base };
}

/** Ownership as DuckDB reduced it (one row per account and product), read by the core; none when it did not fit. */
export function engineOwnership(label: string, rows: CellValue[][] | undefined, asOf: number): OtherTable | undefined {
  if (!rows) return undefined;
  let own;
  try {
    own = readOwnership(label, rows, asOf, { maxRows: BUDGETS.cliInputRows });
  } catch (e) {
    throw new CliError(describeError(e));
  }
  // not copied into a Data tab: these rows are DuckDB's reduction, not the file
  return { ...engineTable(label, rows), own: { ...own, table: undefined } };
}

/** A table DuckDB read (typed values, no text conventions to guess). */
export const engineTable = (label: string, rows: CellValue[][]): OtherTable => ({ loaded: { label, rows, conventions: {}, format: "DuckDB" }, options: {} });

