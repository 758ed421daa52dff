/**
 * Export-shaped files (test/fixtures/exports/, made by scripts/make-export-fixtures.ts) read as the CLI reads
 * them. Each case's expected.json was worked out from the generator's logical records by its own reference
 * scorer, independently of the reading layer: the column report (field and how values were read), the scores,
 * the ownership as of a date, or the refusal. A mismatch writes actual.json beside the case for reading; the
 * expectation is never rewritten.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readOwnership } from "../../core/ownership";
import { resolveModel } from "../../core/model";
import { scoreTable } from "../../core/score";
import { dayFromYmd, toText } from "../../core/values";
import { optionsOf, parseDateOrder } from "../../cli/inputs";
import { CliError, parseFlags } from "../../cli/io";
import { main } from "../../cli/main";
import { readTableFile } from "../../cli/readers";
import { readAccounts, REPORT_FLAGS } from "../../cli/commands/report";

export const EXPORTS = join(__dirname, "..", "fixtures", "exports");

export interface ExportCase {
  description: string;
  kind: "accounts" | "ownership" | "refused";
  input: string;
  args?: string[];
  asOf: string;
  columns?: { header: string; usedAs: string | null; readAs?: string }[];
  scores?: Record<string, number>;
  coverage?: Record<string, number>;
  duplicates?: { count: number; rows: number[] };
  blankNames?: { count: number; rows: number[] };
  owned?: Record<string, string[]>;
  trial?: Record<string, string[]>;
  products?: string[];
  error?: { contains: string[] };
}

export const exportCases = (): [string, ExportCase][] =>
  readdirSync(EXPORTS)
    .filter((d) => existsSync(join(EXPORTS, d, "expected.json")))
    .map((d) => [d, JSON.parse(readFileSync(join(EXPORTS, d, "expected.json"), "utf8")) as ExportCase]);

export const dayOf = (iso: string): number => dayFromYmd(+iso.slice(0, 4), +iso.slice(5, 7), +iso.slice(8, 10));

/** What the CLI makes of an accounts case: the column report, and score and coverage per account name. */
export async function readAccountsCase(name: string, c: ExportCase) {
  const { flags, lists } = parseFlags(c.args ?? [], REPORT_FLAGS);
  const { table } = await readAccounts({ accounts: join(EXPORTS, name, c.input), map: lists.get("map"), dateOrder: flags.get("date-order") as string | undefined });
  const scored = scoreTable(table, resolveModel("test", null), dayOf(c.asOf));
  const nameCol = table.fields.get("Account")!;
  const scores: Record<string, number> = {};
  const coverage: Record<string, number> = {};
  table.rows.forEach((row, i) => {
    const account = toText(row[nameCol]);
    if (account === "" || Number.isNaN(scored.scores[i])) return;
    scores[account] = scored.scores[i];
    coverage[account] = Math.round(scored.coverage[i] * 100) / 100;
  });
  return {
    columns: table.report.columns.map((col) => ({ header: col.header, usedAs: col.field, readAs: col.readAs })),
    scores,
    coverage,
    duplicates: table.report.duplicates,
    blankNames: table.report.blankNames,
  };
}

/** What the CLI makes of an ownership case: owned and trial products per account as of the case's date. */
export async function readOwnershipCase(name: string, c: ExportCase) {
  const loaded = await readTableFile(join(EXPORTS, name, c.input));
  const { flags } = parseFlags(c.args ?? [], REPORT_FLAGS);
  const own = readOwnership("test", loaded.rows, dayOf(c.asOf), optionsOf(loaded, parseDateOrder(flags.get("date-order") as string | undefined)));
  const listed = (bits: Uint32Array[]) => {
    const out: Record<string, string[]> = {};
    own.accounts.forEach((acc, a) => {
      const ps = own.products.filter((_, p) => (bits[p][a >>> 5] >>> (a & 31)) & 1);
      if (ps.length > 0 || bits === own.owners) out[acc] = [...(out[acc] ?? []), ...ps];
    });
    return out;
  };
  return { owned: listed(own.owners), trial: listed(own.trials), products: own.products };
}

const mismatches: Record<string, unknown> = {};

afterAll(() => {
  for (const [name, actual] of Object.entries(mismatches)) writeFileSync(join(EXPORTS, name, "actual.json"), `${JSON.stringify(actual, null, 2)}\n`);
});

describe("real exports, read as the CLI reads them", () => {
  const cases = exportCases();
  it("has at least 30 export-shaped cases", () => expect(cases.length).toBeGreaterThanOrEqual(30));
  for (const [name, c] of cases) {
    it(`${name}: ${c.description}`, async () => {
      rmSync(join(EXPORTS, name, "actual.json"), { force: true });
      if (c.kind === "refused") {
        let message = "";
        try {
          await readAccounts({ accounts: join(EXPORTS, name, c.input) });
        } catch (e) {
          expect(e).toBeInstanceOf(CliError);
          message = (e as Error).message;
        }
        for (const s of c.error!.contains) expect(message.toLowerCase(), message).toContain(s.toLowerCase());
        return;
      }
      if (c.kind === "ownership") {
        const actual = await readOwnershipCase(name, c);
        try {
          if (c.products) expect(actual.products).toEqual(c.products);
          if (c.owned) expect(actual.owned).toEqual(c.owned);
          expect(actual.trial).toEqual(c.trial ?? {});
        } catch (e) {
          mismatches[name] = actual;
          throw e;
        }
        return;
      }
      const actual = await readAccountsCase(name, c);
      try {
        expect(actual.columns.map((col, i) => ({ header: col.header, usedAs: col.usedAs, ...(c.columns![i]?.readAs === undefined ? {} : { readAs: col.readAs }) }))).toEqual(c.columns);
        if (c.scores) for (const [account, score] of Object.entries(c.scores)) expect({ account, score: actual.scores[account] }).toEqual({ account, score });
        if (c.coverage) for (const [account, cov] of Object.entries(c.coverage)) expect({ account, coverage: actual.coverage[account] }).toEqual({ account, coverage: cov });
        if (c.duplicates) expect(actual.duplicates).toEqual(c.duplicates);
        if (c.blankNames) expect(actual.blankNames).toEqual(c.blankNames);
      } catch (e) {
        mismatches[name] = actual;
        throw e;
      }
    });
  }
});

describe("the xsell command on the same files", () => {
  const dir = mkdtempSync(join(tmpdir(), "xsell-exports-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, c] of exportCases().filter(([, k]) => k.kind !== "ownership")) {
    it(`${name}: ${c.kind === "refused" ? "exit 2, one line, nothing written" : "report exits 0"}`, async () => {
      const out = join(dir, `${name}.xlsx`);
      const errors: string[] = [];
      const original = console.error;
      console.error = (...a: unknown[]) => void errors.push(a.join(" "));
      const stderr = process.stderr.write.bind(process.stderr);
      process.stderr.write = (() => true) as typeof process.stderr.write;
      let code: number;
      try {
        code = await main(["report", join(EXPORTS, name, c.input), "--out", out, "--as-of", c.asOf, "--tabs", "scorecard", ...(c.args ?? [])]);
      } finally {
        console.error = original;
        process.stderr.write = stderr;
      }
      if (c.kind === "refused") {
        expect(code).toBe(2);
        expect(errors).toHaveLength(1);
        expect(errors[0].split("\n")).toHaveLength(1);
        expect(errors[0]).not.toMatch(/#VALUE!|#N\/A|Error:|\bat \S+:\d+/);
        expect(existsSync(out)).toBe(false);
      } else {
        expect(errors).toEqual([]);
        expect(code).toBe(0);
        expect(existsSync(out)).toBe(true);
      }
    });
  }
});
