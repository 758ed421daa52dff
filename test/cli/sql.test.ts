/** `xsell sql`: the script for a mapping, and one clear sentence for each thing wrong with the command or mapping. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../cli/main";

let dir: string;
let out: string[];
let err: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "xsell-sql-"));
  out = [];
  err = [];
  vi.spyOn(process.stdout, "write").mockImplementation(((s: string) => {
    out.push(String(s));
    return true;
  }) as typeof process.stdout.write);
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
});
afterEach(() => vi.restoreAllMocks());

const mapping = (json: unknown): string => {
  const path = join(dir, "mapping.json");
  writeFileSync(path, typeof json === "string" ? json : JSON.stringify(json));
  return path;
};

describe("xsell sql", () => {
  it("prints the script for the sample's mapping; --views wraps each statement; --out writes the same text", async () => {
    expect(await main(["sql", "--dialect", "bigquery", "--map", "examples/warehouse-mapping.json", "--as-of", "2026-11-01"])).toBe(0);
    const script = out.join("");
    expect(script).toContain("-- XSELL warehouse SQL (bigquery), as of 2026-11-01.");
    expect(script.match(/^-- xsell_\w+:/gm)).toHaveLength(9);
    expect(script).toContain("FROM `xsell_sample.ownership`");
    out = [];
    expect(await main(["sql", "--dialect", "snowflake", "--map", "examples/warehouse-mapping.json", "--as-of", "2026-11-01", "--views", "analytics"])).toBe(0);
    expect(out.join("").match(/^CREATE OR REPLACE VIEW analytics\.xsell_\w+ AS$/gm)).toHaveLength(9);
    const file = join(dir, "x.sql");
    expect(await main(["sql", "--dialect", "spark", "--map", "examples/warehouse-mapping.json", "--as-of", "2026-11-01", "--out", file])).toBe(0);
    expect(readFileSync(file, "utf8")).toContain("explode(sequence(");
    expect(await main(["sql", "--dialect", "spark", "--map", "examples/warehouse-mapping.json", "--out", file])).toBe(2);
    expect(err.at(-1)).toContain("already exists; pass --force");
  });

  it("never writes over its mapping, even with --force, and a failed write is one sentence (exit 2)", async () => {
    const map = mapping(readFileSync("examples/warehouse-mapping.json", "utf8"));
    const before = readFileSync(map, "utf8");
    expect(await main(["sql", "--dialect", "duckdb", "--map", map, "--out", map, "--force"])).toBe(2);
    expect(err.at(-1)).toBe(`xsell: --out ${map} is the input ${map}; write the script to another file`);
    expect(readFileSync(map, "utf8")).toBe(before);
    expect(await main(["sql", "--dialect", "duckdb", "--map", map, "--out", join(dir, "no-such-folder", "x.sql")])).toBe(2);
    expect(err.at(-1)).toBe(`xsell: cannot write ${join(dir, "no-such-folder", "x.sql")}: its folder cannot be created there`);
    expect(await main(["sql", "--dialect", "duckdb", "--map", map, "--out", dir, "--force"])).toBe(2);
    expect(err.at(-1)).toBe(`xsell: cannot write ${dir}: it is a folder`);
  });

  it.each([
    [["--map", "examples/warehouse-mapping.json"], "sql needs --dialect duckdb|bigquery|snowflake|spark"],
    [["--dialect", "oracle", "--map", "examples/warehouse-mapping.json"], '--dialect: "oracle" is not one of duckdb, bigquery, snowflake, spark'],
    [["--dialect", "duckdb"], "sql needs --map <mapping.json>"],
    [["--dialect", "duckdb", "--map", "examples/warehouse-mapping.json", "--period", "week"], '--period: "week" is not one of month, quarter, year'],
    [["--dialect", "duckdb", "--map", "examples/warehouse-mapping.json", "--min-accounts", "0"], "--min-accounts needs a whole number ≥ 1"],
  ])("refuses %j", async (args, message) => {
    expect(await main(["sql", ...args])).toBe(2);
    expect(err.join("\n")).toContain(message);
  });

  it.each([
    ["{", "is not valid JSON"],
    [[], "the mapping must be a JSON object with one entry per table"],
    [{ accounts: { table: "a", columns: {} } }, 'the mapping names a table "accounts"; expected ownership, prices, retention, subscriptions'],
    [{ ownership: { table: "", columns: {} } }, 'mapping ownership: "table" must name the table'],
    [{ ownership: { table: "t", columns: { Seats: "x" } } }, 'mapping ownership: "Seats" is not a field XSELL reads'],
    [{ ownership: { table: "t", columns: { Price: "x" } } }, 'mapping ownership: ownership does not use the field "Price"'],
    [{ ownership: { table: "t", columns: { Product: "p" } } }, "mapping ownership: no column for Account ID or Account"],
    [{ subscriptions: { table: "t", columns: { Account: "a", Product: "p", "Start Date": "s" } } }, "mapping subscriptions: no column for MRR or ARR"],
    [{ retention: { table: "t", columns: { Account: "a", "Start ARR": "s", "End ARR": 3 } } }, 'mapping retention: field "End ARR" must name a column'],
  ])("refuses the mapping %j", async (json, message) => {
    expect(await main(["sql", "--dialect", "duckdb", "--map", mapping(json)])).toBe(2);
    expect(err.join("\n")).toContain(message);
  });

  it("quotes what is not a plain name, per dialect", async () => {
    const path = mapping({ ownership: { table: "my-project.crm.owner ship", columns: { "Account ID": "Account Id", Product: "end" } } });
    expect(await main(["sql", "--dialect", "bigquery", "--map", path])).toBe(0);
    expect(out.join("")).toContain("FROM `my-project.crm.owner ship`");
    expect(out.join("")).toContain("CAST(`Account Id` AS STRING)");
    expect(out.join("")).toContain("CAST(`end` AS STRING)");
    out = [];
    expect(await main(["sql", "--dialect", "snowflake", "--map", path])).toBe(0);
    // a reserved word as Snowflake stores an unquoted name (upper case); a name with a space exactly as given
    expect(out.join("")).toContain('CAST("END" AS VARCHAR)');
    expect(out.join("")).toContain('CAST("Account Id" AS VARCHAR)');
    expect(out.join("")).toContain('FROM "my-project".crm."owner ship"');
  });
});
