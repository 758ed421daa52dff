/**
 * Where the tables live in a warehouse: a mapping file names each table and, for each field XSELL reads (the
 * field names of the column report: core/headers.ts), the column holding it. Read into sources the SQL builder
 * uses, whatever the dialect.
 */
import { FIELD_NAMES, isField, type Field } from "../headers";
import { tableName, type Dialect } from "./dialect";

export type WarehouseTable = "ownership" | "prices" | "retention" | "subscriptions";
export const WAREHOUSE_TABLES: readonly WarehouseTable[] = ["ownership", "prices", "retention", "subscriptions"];

/** A table as SQL: a relation to select from and, per field, the SQL expression of its column. */
export interface TableSource {
  readonly from: string;
  readonly col: Partial<Record<Field, string>>;
  /** The rows' order in the source (a row number), when it has one: products are then listed as first seen. */
  readonly order?: string;
}

export type WarehouseSources = Partial<Record<WarehouseTable, TableSource>>;

/** What each table reads: required fields (an inner list is "one of these") and optional ones. */
export const TABLE_FIELDS: Readonly<Record<WarehouseTable, { required: readonly (Field | readonly Field[])[]; optional: readonly Field[] }>> = {
  ownership: { required: [["Account ID", "Account"], "Product"], optional: ["Account", "Account ID", "Status", "Start Date", "End Date", "ARR"] },
  prices: { required: ["Product", "Price"], optional: [] },
  retention: { required: ["Account", "Start ARR", "End ARR"], optional: ["Product"] },
  subscriptions: { required: [["Account ID", "Account"], "Product", ["MRR", "ARR"], "Start Date"], optional: ["Account", "Account ID", "End Date", "Status"] },
};

const need = (n: Field | readonly Field[]): string => (typeof n === "string" ? n : n.join(" or "));

/** The fields of `table` the columns lack, as words ("Account ID or Account", "Product"). */
export function missingFields(table: WarehouseTable, col: Partial<Record<Field, unknown>>): string[] {
  return TABLE_FIELDS[table].required.filter((n) => (typeof n === "string" ? col[n] === undefined : !n.some((f) => col[f] !== undefined))).map(need);
}

/** Fields a table may name, in order. */
export const allowedFields = (table: WarehouseTable): Field[] => {
  const { required, optional } = TABLE_FIELDS[table];
  return [...new Set([...required.flatMap((n) => (typeof n === "string" ? [n] : [...n])), ...optional])];
};

export class MappingError extends Error {}

/**
 * Reads a mapping file's JSON:
 *   { "ownership": { "table": "crm.ownership", "columns": { "Account ID": "account_id", "Product": "sku" } }, … }
 * Every problem is one sentence naming the table and the field.
 */
export function parseMapping(json: unknown, d: Dialect): WarehouseSources {
  if (json === null || typeof json !== "object" || Array.isArray(json)) throw new MappingError(`the mapping must be a JSON object with one entry per table (${WAREHOUSE_TABLES.join(", ")})`);
  const out: WarehouseSources = {};
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    if (!(WAREHOUSE_TABLES as readonly string[]).includes(key)) throw new MappingError(`the mapping names a table "${key}"; expected ${WAREHOUSE_TABLES.join(", ")}`);
    const table = key as WarehouseTable;
    if (value === null || typeof value !== "object" || Array.isArray(value)) throw new MappingError(`mapping ${table}: expected { "table": "schema.table", "columns": { "Field": "column" } }`);
    const { table: name, columns } = value as { table?: unknown; columns?: unknown };
    if (typeof name !== "string" || name.trim() === "") throw new MappingError(`mapping ${table}: "table" must name the table, e.g. "analytics.${table}"`);
    if (columns === null || typeof columns !== "object" || Array.isArray(columns)) throw new MappingError(`mapping ${table}: "columns" must map field names to column names, e.g. { "Product": "sku" }`);
    const allowed = allowedFields(table);
    const col: Partial<Record<Field, string>> = {};
    for (const [field, column] of Object.entries(columns as Record<string, unknown>)) {
      if (!isField(field)) throw new MappingError(`mapping ${table}: "${field}" is not a field XSELL reads; fields are ${FIELD_NAMES.join(", ")}`);
      if (!allowed.includes(field)) throw new MappingError(`mapping ${table}: ${table} does not use the field "${field}"; it reads ${allowed.join(", ")}`);
      if (typeof column !== "string" || column.trim() === "") throw new MappingError(`mapping ${table}: field "${field}" must name a column (a non-empty string)`);
      col[field] = d.ident(column.trim());
    }
    const missing = missingFields(table, col);
    if (missing.length > 0) throw new MappingError(`mapping ${table}: no column for ${missing.join(", ")}`);
    out[table] = { from: tableName(d, name.trim()), col };
  }
  if (Object.keys(out).length === 0) throw new MappingError(`the mapping names no table; expected one or more of ${WAREHOUSE_TABLES.join(", ")}`);
  return out;
}
