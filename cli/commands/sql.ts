/**
 * `xsell sql`: the SQL that computes in a warehouse what the report computes in memory, for DuckDB, BigQuery,
 * Snowflake or Spark SQL, from a mapping file naming the tables and columns.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { DIALECT, DIALECTS, isDialect, MappingError, parseMapping, warehouseStatements, type Statement, type WarehouseOptions } from "../../core/sql";
import { PERIOD_KINDS, type PeriodKind } from "../../core/history/movements";
import { isoFromDay } from "../../core/values";
import type { Command, Flag, ParsedArgs } from "../command";
import { AS_OF_FLAG, parseAsOf } from "../inputs";
import { CliError } from "../io";
import { refuseInputAsOut, writeError } from "../out-file";

export const SQL_FLAGS: readonly Flag[] = [
  { name: "dialect", kind: "value", value: DIALECTS.join("|"), required: true, description: "the warehouse the SQL is written for" },
  { name: "map", kind: "value", value: "<mapping.json>", required: true, description: 'each table and, per field, its column: { "ownership": { "table": "crm.ownership", "columns": { "Account ID": "account_id", "Product": "sku" } } }' },
  { ...AS_OF_FLAG, description: "read ownership and close the last period as of this date, e.g. 2026-11-01" },
  { name: "min-accounts", kind: "value", value: "<n>", default: "5 in the adjacency, 1 in the whitespace", description: "fewest owners for a product's attach rates to count" },
  { name: "period", kind: "value", value: PERIOD_KINDS.join("|"), default: "month", description: "periods of the movements" },
  { name: "top", kind: "value", value: "<n>", default: "1", description: "products per account in xsell_next_product" },
  { name: "views", kind: "value", value: "<schema>", description: "write CREATE OR REPLACE VIEW <schema>.xsell_… statements instead of queries" },
  { name: "out", kind: "value", value: "<file.sql>", default: "standard output", description: "write the script to a file" },
  { name: "force", kind: "switch", description: "replace --out if it exists" },
];

function wholeNumber(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new CliError(`--${flag} needs a whole number ≥ ${min}, got "${value}"`);
  return n;
}

/** The statements as one script: each preceded by a comment saying what it holds. */
export function sqlScript(statements: readonly Statement[], dialect: string, asOf: number, views?: string): string {
  const head = `-- XSELL warehouse SQL (${dialect}), as of ${isoFromDay(asOf)}. Each statement stands alone.\n`;
  return head + statements.map((s) => {
    const body = views ? `CREATE OR REPLACE VIEW ${views}.${s.name} AS\n${s.sql}` : s.sql;
    return `\n-- ${s.name}: ${s.about}\n${body}`;
  }).join("");
}

/** The SQL for the mapping's tables, printed or written to --out. */
async function run(args: ParsedArgs): Promise<number> {
  if (args.positional.length > 0) throw new CliError(`sql takes no file argument (got "${args.positional[0]}"); name the tables in --map <mapping.json>`);
  const str = (k: string): string | undefined => args.value(k);
  const dialectName = str("dialect")?.toLowerCase();
  if (!dialectName) throw new CliError(`sql needs --dialect ${DIALECTS.join("|")}`);
  if (!isDialect(dialectName)) throw new CliError(`--dialect: "${dialectName}" is not one of ${DIALECTS.join(", ")}`);
  const mapPath = str("map");
  if (!mapPath) throw new CliError("sql needs --map <mapping.json>, naming the tables and their columns");
  if (!existsSync(mapPath)) throw new CliError(`--map: ${mapPath} does not exist`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(mapPath, "utf8"));
  } catch (e) {
    throw new CliError(`--map: ${mapPath} is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const d = DIALECT[dialectName];
  let sources;
  try {
    sources = parseMapping(json, d);
  } catch (e) {
    if (e instanceof MappingError) throw new CliError(`--map ${mapPath}: ${e.message}`);
    throw e;
  }
  const period = str("period")?.toLowerCase();
  if (period !== undefined && !(PERIOD_KINDS as readonly string[]).includes(period)) throw new CliError(`--period: "${period}" is not one of ${PERIOD_KINDS.join(", ")}`);
  const views = str("views");
  if (views !== undefined && !/^[A-Za-z_][\w.-]*$/.test(views)) throw new CliError(`--views: "${views}" is not a schema name (letters, digits, _ . -)`);
  const asOf = parseAsOf(str("as-of"));
  const options: WarehouseOptions = { asOf, minAccounts: wholeNumber("min-accounts", str("min-accounts"), 1), period: period as PeriodKind | undefined, top: wholeNumber("top", str("top"), 1) };
  const script = sqlScript(warehouseStatements(d, sources, options), dialectName, asOf, views);
  const out = str("out");
  if (out === undefined) {
    process.stdout.write(script);
    return 0;
  }
  refuseInputAsOut(out, [mapPath], "the script");
  if (existsSync(out) && !args.on("force")) throw new CliError(`${out} already exists; pass --force to replace it`);
  try {
    writeFileSync(out, script);
  } catch (e) {
    throw writeError(out, e);
  }
  console.error(`Wrote ${out}: ${script.split("\n-- xsell_").length - 1} statements for ${dialectName}.`);
  return 0;
}

export const sqlCommand: Command = {
  name: "sql",
  summary: "Prints the SQL that computes, inside your warehouse (DuckDB, BigQuery, Snowflake or Spark SQL), what the report computes: adjacency (attach, lift, count, support, Wilson interval), whitespace and next product, snapshot retention, and movements and flows from subscription history.",
  usage: "",
  flags: SQL_FLAGS,
  run,
};
