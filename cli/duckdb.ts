/**
 * DuckDB, embedded (@duckdb/node-api, an optional dependency): runs the warehouse SQL on CSV or Parquet files of
 * any size on this machine. Results come back as plain values: numbers (counts as numbers, exact below 2^53),
 * text, null, and dates as day numbers (days since 1970-01-01, as the core counts them).
 */
import { existsSync } from "node:fs";
import { extname, resolve } from "node:path";
import { fieldOf, type Field } from "../core/headers";
import { DUCKDB } from "../core/sql/dialect";
import type { TableSource } from "../core/sql/mapping";
import { CliError } from "./io";

export type SqlValue = number | string | boolean | null;
export type SqlRow = Record<string, SqlValue>;

interface Connection {
  runAndReadAll(sql: string): Promise<{ columnNames(): string[]; getRows(): unknown[][] }>;
  closeSync?(): void;
}

export class DuckDb {
  private constructor(private readonly connection: Connection, private readonly close: () => void) {}

  static async open(): Promise<DuckDb> {
    let api: typeof import("@duckdb/node-api");
    try {
      api = await import("@duckdb/node-api");
    } catch {
      throw new CliError("--engine duckdb needs the @duckdb/node-api package (an optional dependency): run npm install @duckdb/node-api");
    }
    const instance = await api.DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    return new DuckDb(connection as unknown as Connection, () => {
      connection.closeSync();
      instance.closeSync();
    });
  }

  async all(sql: string): Promise<SqlRow[]> {
    const result = await this.connection.runAndReadAll(sql);
    const names = result.columnNames();
    return result.getRows().map((row) => Object.fromEntries(names.map((n, i) => [n, plainValue(row[i])])));
  }

  /** The first `columns` columns of each row as plain values, in arrays (no object per row: millions of rows). */
  async rows(sql: string, columns: number): Promise<SqlValue[][]> {
    const rows = (await this.connection.runAndReadAll(sql)).getRows();
    for (const row of rows) {
      row.length = columns;
      for (let c = 0; c < columns; c++) row[c] = plainValue(row[c]);
    }
    return rows as SqlValue[][];
  }

  async run(sql: string): Promise<void> {
    await this.connection.runAndReadAll(sql);
  }

  dispose(): void {
    this.close();
  }
}

function plainValue(v: unknown): SqlValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "object" && v !== null && "days" in v) return (v as { days: number }).days;
  return String(v);
}

/** A file read by DuckDB: CSV (types detected from the whole file) or Parquet, by extension. */
export function fileRelation(path: string): string {
  const full = resolve(path);
  if (!existsSync(full)) throw new CliError(`${path} does not exist`);
  const quoted = `'${full.replace(/'/g, "''")}'`;
  const ext = extname(full).toLowerCase();
  if (ext === ".parquet" || ext === ".pq") return `read_parquet(${quoted})`;
  if (ext === ".csv" || ext === ".tsv" || ext === ".txt") return `read_csv(${quoted}, header = true, sample_size = -1)`;
  throw new CliError(`${path}: --engine duckdb reads .csv or .parquet files, got ${ext || "no extension"}`);
}

/**
 * A file as a source: its columns found by header as the column report finds them (core/headers.ts), so the
 * SQL reads the same columns the in-memory path would. `order` numbers the rows so products list as first seen.
 */
export async function fileSource(db: DuckDb, view: string, path: string, map: Partial<Record<Field, string>> = {}, ordered = true): Promise<TableSource> {
  // numbering rows costs a pass that keeps them in order (Parquet numbers its own rows, at no cost); without it
  // products are listed by name
  const relation = fileRelation(path);
  const parquet = ordered && relation.startsWith("read_parquet(");
  const select = parquet
    ? `SELECT * EXCLUDE (file_row_number), file_row_number AS xsell_row FROM ${relation.replace(/\)$/, ", file_row_number = true)")}`
    : `SELECT *${ordered ? ", row_number() OVER () AS xsell_row" : ""} FROM ${relation}`;
  await db.run(`CREATE OR REPLACE VIEW ${DUCKDB.ident(view)} AS ${select}`);
  const columns = await db.all(`DESCRIBE ${DUCKDB.ident(view)}`);
  const col: Partial<Record<Field, string>> = {};
  for (const c of columns) {
    const name = String(c.column_name);
    if (name === "xsell_row") continue;
    const field = fieldOf(name);
    if (field && col[field] === undefined) col[field] = DUCKDB.ident(name);
  }
  for (const [field, header] of Object.entries(map) as [Field, string][]) {
    if (!columns.some((c) => c.column_name === header)) throw new CliError(`${path}: no column "${header}" to read as ${field}`);
    col[field] = DUCKDB.ident(header);
  }
  return { from: DUCKDB.ident(view), col, order: ordered ? "xsell_row" : undefined };
}
