/**
 * Golden specs for every tab builder on the sample data (test/golden-tabs/<case>/input.json → expected.json).
 * input.json: {"tab": "scorecard", "accounts": {"csv": "examples/accounts.csv"}, "ownership": …, "asOf": "2026-11-01"}.
 * Regenerate after an intended change: UPDATE_GOLDEN=1 npx vitest run test/tabs.golden.test.ts (and review the diff).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildTab, type TabKind } from "../core/tabs";
import { toDay } from "../core/values";
import { parseCsv } from "../cli/csv";

const ROOT = join(__dirname, "golden-tabs");
const REPO = join(__dirname, "..");
const load = (ref?: { csv: string; rows?: number }) => {
  if (!ref) return undefined;
  const grid = parseCsv(readFileSync(join(REPO, ref.csv), "utf8"));
  return ref.rows ? grid.slice(0, ref.rows + 1) : grid;
};

describe("tab builder golden specs", () => {
  for (const name of readdirSync(ROOT)) {
    it(name, () => {
      const input = JSON.parse(readFileSync(join(ROOT, name, "input.json"), "utf8"));
      const asOf = toDay(input.asOf);
      if (!asOf.ok) throw new Error("bad asOf");
      const spec = buildTab(input.tab as TabKind, {
        accounts: load(input.accounts),
        ownership: load(input.ownership),
        prices: load(input.prices),
        retention: load(input.retention),
        model: input.model,
        minAccounts: input.minAccounts,
        asOf: asOf.value,
      });
      const actual = JSON.parse(JSON.stringify(spec));
      const path = join(ROOT, name, "expected.json");
      if (process.env.UPDATE_GOLDEN) writeFileSync(path, `${JSON.stringify(actual, null, 1)}\n`);
      if (!existsSync(path)) throw new Error(`${path} is missing; run with UPDATE_GOLDEN=1`);
      expect(actual).toEqual(JSON.parse(readFileSync(path, "utf8")));
    });
  }
});
