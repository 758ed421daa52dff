/**
 * The four SQL dialects XSELL writes, as the few things in which they differ: identifier quoting, type names,
 * integer division, building a date, generating a run of integers, and collapsing runs of spaces. Every metric is
 * written once (core/sql/*.ts) in terms of these; nothing else about a dialect is known anywhere.
 */

export type DialectName = "duckdb" | "bigquery" | "snowflake" | "spark";
export const DIALECTS: readonly DialectName[] = ["duckdb", "bigquery", "snowflake", "spark"];

export interface Dialect {
  readonly name: DialectName;
  /** A column or table-part name; quoted only when it is not a plain identifier or is a reserved word. */
  ident(name: string): string;
  /** A text value. */
  readonly text: string;
  /** A 64-bit float. */
  readonly double: string;
  /** Integer division of two non-negative integers. */
  idiv(a: string, b: string): string;
  /** The year, month or day of the month of a date, as an integer. */
  datePart(part: "YEAR" | "MONTH" | "DAY", x: string): string;
  /** The date with year, month and day (integers). */
  makeDate(y: string, m: string, d: string): string;
  /** A SELECT giving one row per integer `lo`…`hi` (inclusive) as column `i`, where lo and hi are columns of `from`. */
  series(lo: string, hi: string, from: string): string;
  /** `x` with every run of white space and underscores as one space (status words), or of white space alone. */
  collapse(x: string, underscores: boolean): string;
}

/** Words the four dialects reserve that a user's column might plausibly be called (quoted when used). */
const RESERVED = new Set(["all", "and", "as", "by", "case", "cast", "current", "date", "default", "end", "from", "group", "having", "in", "interval", "is", "join", "left", "limit", "new", "not", "null", "of", "on", "or", "order", "range", "right", "rows", "select", "start", "table", "to", "union", "user", "when", "where", "window", "with", "year", "month", "day", "values"]);

const plain = (name: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !RESERVED.has(name.toLowerCase());

function quoter(open: string, close: string): (name: string) => string {
  return (name) => (plain(name) ? name : `${open}${name.split(close).join(close + close)}${close}`);
}

/** An operand as it is, when a name or a number; else in parentheses (operators bind differently per dialect). */
const paren = (x: string): string => (/^[\w.]+$/.test(x) ? x : `(${x})`);

const extract = (part: string, x: string): string => `EXTRACT(${part} FROM ${x})`;

const doubleQuoted = quoter('"', '"');
const backticked = quoter("`", "`");

export const DUCKDB: Dialect = {
  datePart: extract,
  name: "duckdb",
  ident: doubleQuoted,
  text: "VARCHAR",
  double: "DOUBLE",
  idiv: (a, b) => `(${paren(a)} // ${paren(b)})`,
  makeDate: (y, m, d) => `make_date(${y}, ${m}, ${d})`,
  series: (lo, hi, from) => `SELECT unnest(range(${lo}, ${hi} + 1)) AS i FROM ${from}`,
  collapse: (x, u) => `regexp_replace(${x}, '[\\s${u ? "_" : ""}]+', ' ', 'g')`,
};

export const BIGQUERY: Dialect = {
  datePart: extract,
  name: "bigquery",
  ident: backticked,
  text: "STRING",
  double: "FLOAT64",
  idiv: (a, b) => `DIV(${a}, ${b})`,
  makeDate: (y, m, d) => `DATE(${y}, ${m}, ${d})`,
  series: (lo, hi, from) => `SELECT i FROM ${from}, UNNEST(GENERATE_ARRAY(${lo}, ${hi})) AS i`,
  collapse: (x, u) => `REGEXP_REPLACE(${x}, r'[\\s${u ? "_" : ""}]+', ' ')`,
};

export const SNOWFLAKE: Dialect = {
  datePart: extract,
  name: "snowflake",
  // Snowflake stores unquoted names upper-cased and matches quoted ones exactly: a plain name that must be quoted
  // (a reserved word) is quoted as Snowflake stored it
  ident: (name) => (plain(name) ? name : doubleQuoted(/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name.toUpperCase() : name)),
  text: "VARCHAR",
  double: "DOUBLE",
  idiv: (a, b) => `FLOOR(${paren(a)} / ${paren(b)})`,
  makeDate: (y, m, d) => `DATE_FROM_PARTS(${y}, ${m}, ${d})`,
  series: (lo, hi, from) => `SELECT CAST(f.value AS INTEGER) AS i FROM ${from}, LATERAL FLATTEN(input => ARRAY_GENERATE_RANGE(${lo}, ${hi} + 1)) f`,
  // POSIX classes: Snowflake's regular expressions are POSIX ERE, and a backslash would need doubling in the literal
  collapse: (x, u) => `REGEXP_REPLACE(${x}, '[[:space:]${u ? "_" : ""}]+', ' ')`,
};

export const SPARK: Dialect = {
  datePart: (part, x) => `${part === "DAY" ? "dayofmonth" : part.toLowerCase()}(${x})`,
  name: "spark",
  ident: backticked,
  text: "STRING",
  double: "DOUBLE",
  // FLOOR of a double quotient: exact for the small non-negative integers divided here (period indices), and
  // read by every Spark version and SQL tool, where the DIV operator is not
  idiv: (a, b) => `CAST(FLOOR(${paren(a)} / ${paren(b)}) AS INT)`,
  makeDate: (y, m, d) => `make_date(${y}, ${m}, ${d})`,
  series: (lo, hi, from) => `SELECT explode(sequence(${lo}, ${hi})) AS i FROM ${from}`,
  // Spark reads backslashes in literals as escapes: \\s in the literal is the regular expression \s
  collapse: (x, u) => `regexp_replace(${x}, '[\\\\s${u ? "_" : ""}]+', ' ')`,
};

export const DIALECT: Readonly<Record<DialectName, Dialect>> = { duckdb: DUCKDB, bigquery: BIGQUERY, snowflake: SNOWFLAKE, spark: SPARK };

export const isDialect = (name: string): name is DialectName => (DIALECTS as readonly string[]).includes(name);

/** A string literal (single quotes doubled; backslashes doubled where the dialect reads them as escapes). */
export function literal(d: Dialect, text: string): string {
  const body = text.replace(/'/g, "''");
  return `'${d.name === "duckdb" ? body : body.replace(/\\/g, "\\\\")}'`;
}

/** A table name as `a.b.c`, each part quoted as needed (BigQuery takes the whole path in one pair of backticks). */
export function tableName(d: Dialect, name: string): string {
  if (d.name === "bigquery" && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return `\`${name.replace(/`/g, "")}\``;
  return name.split(".").map((p) => d.ident(p)).join(".");
}
