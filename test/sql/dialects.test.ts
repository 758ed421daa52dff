/**
 * Each dialect's SQL: golden text (compare before write), parsed by a parser that knows the dialect
 * (node-sql-parser: BigQuery, Snowflake, Hive for Spark SQL), and for DuckDB run on the sample loaded as the
 * mapping's tables, where it must give what the same queries give on the files (test/sql/sample.test.ts
 * checks those against the core).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import nodeSqlParser from "node-sql-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECT, DIALECTS, parseMapping, warehouseStatements, type DialectName } from "../../core/sql";
import { DUCKDB } from "../../core/sql/dialect";
import { dayFromYmd } from "../../core/values";
import { DuckDb, fileRelation } from "../../cli/duckdb";
import { sqlScript } from "../../cli/commands/sql";
import { expectGoldenText } from "../golden-case";

const AS_OF = dayFromYmd(2026, 11, 1);
const MAPPING = JSON.parse(readFileSync("examples/warehouse-mapping.json", "utf8")) as unknown;
const GOLDEN = join(__dirname, "..", "golden-sql");
const PARSER_DATABASE: Partial<Record<DialectName, string>> = { bigquery: "bigquery", snowflake: "snowflake", spark: "hive" };

const statementsFor = (d: DialectName) => warehouseStatements(DIALECT[d], parseMapping(MAPPING, DIALECT[d]), { asOf: AS_OF });

describe("warehouse SQL per dialect", () => {
  for (const d of DIALECTS) {
    it(`${d}: the script matches its golden text`, () => {
      expectGoldenText(join(GOLDEN, d), "sql", sqlScript(statementsFor(d), d, AS_OF));
    });
  }

  for (const [d, database] of Object.entries(PARSER_DATABASE) as [DialectName, string][]) {
    it(`${d}: every statement parses as ${database} SQL`, () => {
      const parser = new nodeSqlParser.Parser();
      const statements = statementsFor(d);
      expect(statements.map((s) => s.name)).toEqual(["xsell_adjacency", "xsell_product_owners", "xsell_pair_evidence", "xsell_whitespace", "xsell_next_product", "xsell_retention", "xsell_retention_accounts", "xsell_movements", "xsell_flows"]);
      for (const s of statements) expect(() => parser.astify(s.sql, { database }), `${s.name} in ${d}`).not.toThrow();
      // the parser does refuse what is not SQL in that dialect: the check can fail
      expect(() => parser.astify(statements[0].sql.replace("GROUP BY", "GROUP"), { database })).toThrow();
    });
  }

  describe("duckdb: the mapping's script runs on the sample loaded as its tables", () => {
    let db: DuckDb;
    beforeAll(async () => {
      db = await DuckDb.open();
      await db.run("CREATE SCHEMA xsell_sample");
      for (const t of ["ownership", "prices", "retention", "subscriptions"]) {
        await db.run(`CREATE TABLE xsell_sample.${t} AS SELECT * FROM ${fileRelation(`examples/${t}.csv`)}`);
      }
      // the sample's headers as the mapping names them (lower case, underscores)
      for (const t of ["ownership", "prices", "retention", "subscriptions"]) {
        for (const c of await db.all(`DESCRIBE xsell_sample.${t}`)) {
          const name = String(c.column_name);
          const snake = name.toLowerCase().replace(/ /g, "_");
          if (snake !== name) await db.run(`ALTER TABLE xsell_sample.${t} RENAME COLUMN ${DUCKDB.ident(name)} TO ${snake}`);
        }
      }
    });
    afterAll(() => db.dispose());

    it("every statement runs and returns rows; EXPLAIN accepts the whole script", async () => {
      const counts: Record<string, number> = {};
      for (const s of statementsFor("duckdb")) {
        await db.run(`EXPLAIN ${s.sql}`);
        counts[s.name] = (await db.all(s.sql)).length;
      }
      // 8 products → 56 ordered pairs; 1 row of retention, one per account; 64 months of movements; 1 row of flows
      expect(counts.xsell_adjacency).toBe(56);
      expect(counts.xsell_retention).toBe(1);
      expect(counts.xsell_retention_accounts).toBe(400);
      expect(counts.xsell_next_product).toBeGreaterThan(300);
      expect(counts.xsell_movements).toBe(64);
      expect(counts.xsell_flows).toBe(1);
    });
  });
});
