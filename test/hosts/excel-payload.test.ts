/**
 * The README's table of how many rows one custom-function call takes in Excel on the web is re-measured here, so
 * it cannot drift from the functions or the sample data; and the figures are checked against the limit itself:
 * a table of that many sample-like rows fits in 5 MB of UTF-8 JSON, and a fifth more does not fit the budget.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { jsonBytes, WEB_PAYLOAD_LIMIT_BYTES } from "../../excel-addin/bytes";
import { END, measurePayloads, payloadTableMarkdown, README, START, WEB_CALL_BUDGET_BYTES } from "../../scripts/excel-payload";
import { sample } from "./excel-shape";

describe("Excel on the web: rows per custom-function call", () => {
  const measured = measurePayloads();

  it("README.md's table is what the functions and the sample data measure today (run `npx tsx scripts/excel-payload.ts --write`)", () => {
    const readme = readFileSync(README, "utf8");
    const section = readme.slice(readme.indexOf(START) + START.length, readme.indexOf(END)).trim();
    expect(section).toBe(payloadTableMarkdown(measured));
  });

  it("a SCORE call over that many sample rows fits the web's 5 MB, and a fifth more breaks the budget", () => {
    const accounts = sample("accounts.csv").map((r) => r.map((v) => (v === "" ? null : v)));
    const rows = measured.find((m) => m.id === "SCORE")!.rowsPerCall;
    const table = (n: number) => [accounts[0], ...Array.from({ length: n }, (_, i) => accounts[1 + (i % (accounts.length - 1))])];
    expect(jsonBytes([table(rows), null, null, 46327])).toBeLessThan(WEB_PAYLOAD_LIMIT_BYTES);
    expect(jsonBytes([table(Math.round(rows * 1.2)), null, null, 46327])).toBeGreaterThan(WEB_CALL_BUDGET_BYTES);
    // the sample's account rows are about 136 bytes: a whole column (1,048,576 rows) cannot be one call on the web
    expect(rows).toBeLessThan(1_048_576 / 10);
  });

  it("counts UTF-8 bytes: the same rows with Japanese account names weigh more and fit fewer per call", () => {
    const accounts = sample("accounts.csv");
    const ascii = jsonBytes(accounts);
    const cjk = jsonBytes(accounts.map((r, i) => (i === 0 ? r : ["株式会社サンプル商事" + i, ...r.slice(1)])));
    expect(cjk).toBeGreaterThan(ascii);
    // each name is 10 CJK characters: 30 bytes on the wire where a character count says 10, 20 more per row
    expect(JSON.stringify(accounts.map((r, i) => (i === 0 ? r : ["株式会社サンプル商事" + i, ...r.slice(1)]))).length).toBe(cjk - 400 * 20);
  });

  it("every figure respects the budget arithmetic", () => {
    for (const m of measured) {
      const perRow = Math.max(m.inPerRow, m.outPerRow);
      expect(m.rowsPerCall * perRow, m.id).toBeLessThanOrEqual(WEB_CALL_BUDGET_BYTES);
      expect((m.rowsPerCall + 100) * perRow, m.id).toBeGreaterThan(WEB_CALL_BUDGET_BYTES);
    }
  });
});
