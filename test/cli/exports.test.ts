/**
 * Export-shaped files (test/fixtures/exports/, made by scripts/make-export-fixtures.ts) read as the CLI reads
 * them. Each case's expected.json was worked out from the generator's logical records by its own reference
 * scorer, independently of the reading layer: the column report (field and how values were read), the scores,
 * the ownership as of a date, or the refusal. A mismatch writes actual.json beside the case for reading; the
 * expectation is never rewritten.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CliError } from "../../cli/io";
import { main } from "../../cli/main";
import { readAccounts } from "../../cli/report-inputs";
import { EXPORTS, exportCases, readAccountsCase, readOwnershipCase } from "./export-cases";

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
      const originalLog = console.log;
      console.error = (...a: unknown[]) => void errors.push(a.join(" "));
      console.log = () => undefined;
      const stderr = process.stderr.write.bind(process.stderr);
      process.stderr.write = (() => true) as typeof process.stderr.write;
      let code: number;
      try {
        code = await main(["report", join(EXPORTS, name, c.input), "--out", out, "--as-of", c.asOf, "--tabs", "scorecard", ...(c.args ?? [])]);
      } finally {
        console.error = original;
        console.log = originalLog;
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
