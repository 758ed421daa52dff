/**
 * What `score` and `report` read, read one way: the files with their conventions, the user's `--map` and
 * `--date-order`, and the column report of each table printed to stderr before anything is computed.
 */
import type { Flag } from "./command";
import { MODEL_PRESET } from "../core/model";
import { FIELD_NAMES, normalizeHeader, type Field } from "../core/headers";
import { asOfArg } from "../core/args";
import { BUDGETS, fmtCount } from "../core/limits";
import type { DateOrder, Decimal } from "../core/read/cells";
import type { ReadOptions } from "../core/read/columns";
import { columnReportText } from "../core/read/report";
import { readTable, type Table } from "../core/table";
import { toText, type CellValue } from "../core/values";
import { CliError, describeError } from "./io";
import type { LoadedTable } from "./readers";

/** How cells are read, shared by every command that reads a table. */
export const READING_FLAGS: readonly Flag[] = [
  { name: "map", kind: "list", value: '"<header>=<field>"', description: 'read a column as a field, e.g. --map "Number of Seats=Licenses"; "<field>=" switches a field off; repeat for more columns' },
  { name: "date-order", kind: "value", value: "mdy|dmy", default: "month first, or day first in ;-delimited files", description: "how to read dates like 04/05/2026 when no value shows the order" },
  { name: "decimal", kind: "value", value: "comma|point", default: "point, or comma in European files", description: "how to read numbers like 1.200 when no value shows the separator" },
];

/** --as-of, as score and report read it. */
export const AS_OF_FLAG: Flag = { name: "as-of", kind: "value", value: "<date>", default: "today", description: "score and read ownership as of this date, e.g. 2026-11-01" };

/** --model, as score and report read it. */
export const MODEL_FLAG: Flag = { name: "model", kind: "value", value: "<file or preset>", description: `a model table (as XSELL_MODEL spills it) or a preset: ${MODEL_PRESET.choices.join(" / ")}` };

/** --as-of: a date, today when not given; an empty value is a mistake (an unset shell variable), not "today". */
export function parseAsOf(value: string | undefined): number {
  if (value !== undefined && value.trim() === "") throw new CliError("--as-of is empty; give a date such as 2026-11-01, or leave the option out for today");
  try {
    return asOfArg("xsell", value ?? null);
  } catch (e) {
    throw new CliError(`--as-of: ${describeError(e).replace(/^xsell: as_of: /, "")}`);
  }
}

export function parseDecimal(value: string | undefined): Decimal | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (v === "comma" || v === ",") return ",";
  if (v === "point" || v === "dot" || v === ".") return ".";
  throw new CliError(`--decimal: "${value}" is not comma (1.200,50) or point (1,200.50)`);
}

export function parseDateOrder(value: string | undefined): DateOrder | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (v === "mdy" || v === "us" || v === "month-first") return "mdy";
  if (v === "dmy" || v === "eu" || v === "day-first") return "dmy";
  throw new CliError(`--date-order: "${value}" is not mdy (month first, 04/05 = April 5) or dmy (day first, 04/05 = 4 May)`);
}

function fieldNamed(text: string): Field {
  const key = normalizeHeader(text);
  const f = FIELD_NAMES.find((n) => normalizeHeader(n) === key);
  if (!f) throw new CliError(`--map: "${text}" is not a field XSELL reads; fields are ${FIELD_NAMES.join(", ")}`);
  return f;
}

/** `--map` values against a table's header row: field → column index, or null to switch the field off. */
export function parseMap(values: string[], header: CellValue[]): Partial<Record<Field, number | null>> {
  const columns: Partial<Record<Field, number | null>> = {};
  const said = new Map<number, string>();
  const headers = header.map((h) => normalizeHeader(toText(h)));
  for (const v of values) {
    const eq = v.lastIndexOf("=");
    if (eq <= 0) throw new CliError(`--map: "${v}" should look like "Number of Seats=Licenses" (a header, =, a field)`);
    const left = v.slice(0, eq).trim();
    const right = v.slice(eq + 1).trim();
    if (right === "" || right.toLowerCase() === "none") {
      columns[fieldNamed(left)] = null;
      continue;
    }
    const col = headers.indexOf(normalizeHeader(left));
    if (col < 0) throw new CliError(`--map: no column "${left}" in the table; its headers are ${header.map((h) => `"${toText(h)}"`).filter((h) => h !== '""').join(", ")}`);
    const field = fieldNamed(right);
    if (said.has(col)) throw new CliError(`--map: "${left}" is mapped twice (${said.get(col)} and ${field}); a column is read as one field`);
    if (columns[field] !== undefined) throw new CliError(`--map: ${field} is mapped twice; a field is read from one column`);
    said.set(col, field);
    columns[field] = col;
  }
  return columns;
}

/** The read options for a loaded file: its conventions, then what the user said; a file's rows budget, not a sheet's. */
export function optionsOf(loaded: LoadedTable, dateOrder: DateOrder | undefined, map?: Partial<Record<Field, number | null>>, decimal?: Decimal): ReadOptions {
  return { dateOrder: dateOrder ?? loaded.conventions.dateOrder, decimal: decimal ?? loaded.conventions.decimal, columns: map, maxRows: BUDGETS.cliInputRows };
}

/** Reads a loaded table as the core will, turning a reading error into a plain CLI message. */
export function readLoaded(loaded: LoadedTable, options: ReadOptions): Table {
  try {
    return readTable(loaded.label, loaded.rows, undefined, options);
  } catch (e) {
    throw new CliError(describeError(e));
  }
}

/** The column report of a table for the terminal, under the file's format. */
export function describeTable(loaded: LoadedTable, table: Table): string {
  return `${columnReportText(loaded.label, table)}\n  · read as ${loaded.format}`;
}

/**
 * One line when the accounts input looks like an ownership table: a Product column, and more than a fifth of its
 * rows repeating an account listed above. The column report counts no repeats where there is a Product column
 * (ownership lists an account per product), so they are counted here; scored as it stands, each repeat is
 * scored again.
 */
export function ownershipLookalike(loaded: LoadedTable, table: Table): string | undefined {
  const key = table.keyColumn;
  if (key === undefined || !table.fields.has("Product")) return undefined;
  const seen = new Set<string>();
  let named = 0;
  for (const row of table.rows) {
    const name = toText(row[key]).trim().toLowerCase();
    if (name === "") continue;
    named++;
    seen.add(name);
  }
  const repeats = named - seen.size;
  if (repeats <= table.rows.length * 0.2) return undefined;
  return `${loaded.label}: ${fmtCount(repeats)} of its ${fmtCount(table.rows.length)} rows repeat an account and it has a Product column: this looks like an ownership table (one row per account and product); pass it with --ownership beside a table of one row per account`;
}
