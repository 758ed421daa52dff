/**
 * Golden specs for every tab builder on a frozen copy of the sample (test/golden-tabs/<case>/input.json → expected.json).
 * input.json: {"tab": "scorecard", "accounts": {"csv": "test/fixtures/frozen-sample/accounts.csv"}, …, "asOf": "2026-11-01"}.
 * A mismatch writes actual.json beside the case; accept an intended change with `npm run golden:accept -- <case>`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "vitest";
import { expectGolden } from "./golden-case";
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
        subscriptions: load(input.subscriptions),
        outcomes: load(input.outcomes),
        model: input.model,
        minAccounts: input.minAccounts,
        asOf: asOf.value,
      });
      expectGolden(join(ROOT, name), spec);
    });
  }
});
