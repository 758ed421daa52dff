import { describe, expect, it } from "vitest";
import { XSELL_PROJECTION, XSELL_SCENARIO, XSELL_SENSITIVITY } from "../../core/functions";

describe("XSELL_SCENARIO", () => {
  it("reproduces seed 004's worked example exactly", () => {
    expect(XSELL_SCENARIO(1000, 20000, 12000, 0.35, 24000)).toEqual([
      ["Measure", "Value"],
      ["Base ARR", 20000000],
      ["Accounts that buy the add-on", 350],
      ["Cross-sell ARR", 4200000],
      ["Lift on base ARR", 0.21],
      ["New-logo deals needed for the same ARR", 175],
      ["Sales & marketing cost as new logos", 4746000],
      ["Sales & marketing cost as cross-sell", 1134000],
      ["Cost avoided by cross-selling", 3612000],
    ]);
  });
  it("defaults the deal size to base ARR and the costs to seed 002's $1.13 / $0.27, and rounds deals up", () => {
    const out = XSELL_SCENARIO(1000, 20000, 12000, "35%", null, null, null);
    expect(out[5]).toEqual(["New-logo deals needed for the same ARR", 210]);
    expect(XSELL_SCENARIO(10, 100, 10, 0.5, 30)[5][1]).toBe(2); // 50 ÷ 30 = 1.67 → 2 deals
    expect(XSELL_SCENARIO(1000, 20000, 12000, 0.35, 24000, 1.5, 0.2)[8]).toEqual(["Cost avoided by cross-selling", 5460000]);
  });
  it("rejects attach rates above 100% and negative inputs", () => {
    expect(() => XSELL_SCENARIO(1000, 20000, 12000, 35)).toThrow("XSELL_SCENARIO: attach_rate must be a share from 0 to 1, got 35; write a share such as 35% or 0.35");
    expect(() => XSELL_SCENARIO(-1, 20000, 12000, 0.3)).toThrow("XSELL_SCENARIO: accounts must be a number ≥ 0, got -1");
    expect(() => XSELL_SCENARIO("many", 20000, 12000, 0.3)).toThrow('XSELL_SCENARIO: accounts must be a number ≥ 0, got "many"');
  });
});

describe("XSELL_SENSITIVITY", () => {
  it("lays prices across and attach rates down", () => {
    expect(XSELL_SENSITIVITY(1000, 20000, [[10000, 12000]], [[0.35], [0.5]])).toEqual([
      ["Cross-sell ARR: attach rate ↓ / price →", 10000, 12000],
      [0.35, 3500000, 4200000],
      [0.5, 5000000, 6000000],
    ]);
    expect(XSELL_SENSITIVITY(1000, 20000, [[10000], [12000]], [[0.35, 0.5]], "lift")).toEqual([
      ["Lift: attach rate ↓ / price →", 10000, 12000],
      [0.35, 0.175, 0.21],
      [0.5, 0.25, 0.3],
    ]);
  });
  it("rejects rates outside 0–1 and an unknown measure", () => {
    expect(() => XSELL_SENSITIVITY(1000, 20000, [[1]], [[35]])).toThrow("XSELL_SENSITIVITY: attach_rates: 35 is not a share between 0 and 1");
    expect(() => XSELL_SENSITIVITY(1000, 20000, [[1]], [[0.3]], "margin")).toThrow('XSELL_SENSITIVITY: measure must be "arr" or "lift", got "margin"');
  });
});

describe("XSELL_PROJECTION", () => {
  it("projects with seed 002's churn (20% single vs 8% two-product) and NRR per year", () => {
    const out = XSELL_PROJECTION(1000, 20000, 12000, 0.35);
    expect(out[0]).toEqual(["Year", "Accounts (no cross-sell)", "ARR without cross-sell", "Single-product accounts", "Two-product accounts", "ARR with cross-sell", "NRR without", "NRR with"]);
    expect(out[1]).toEqual([0, 1000, 20000000, 1000, 0, 20000000, "", ""]);
    // year 1: 650 single × 0.8 = 520; 350 two-product × 0.92 = 322; ARR 520 × 20,000 + 322 × 32,000
    expect(out[2]).toEqual([1, 800, 16000000, 520, 322, 20704000, 0.8, 1.0352]);
    expect(out[4][5]).toBeCloseTo(332.8 * 20000 + 272.5408 * 32000, 4);
    expect(out.length).toBe(5);
    expect(XSELL_PROJECTION(1000, 20000, 12000, 0.35, 5, 0.1, 0.05).length).toBe(7);
  });
});

describe("the Scenario tab's pre-filled inputs", () => {
  it("takes average ARR per account from the ownership table when the account table has no ARR", async () => {
    const { scenarioDefaults } = await import("../../core/tabs/scenario");
    // A pays 100 + 50 = 150, B pays 300: 225 a paying account, rounded to the nearest 100 → 200
    const d = scenarioDefaults({ accounts: [["Account", "NPS"], ["A", 50], ["B", 20]], ownership: [["Account", "Product", "ARR"], ["A", "CRM", 100], ["A", "BI", 50], ["B", "CRM", 300]], asOf: 20000 });
    expect(d.baseArr).toBe(200);
    expect(d.sources.baseArr).toBe("average ARR per account in your ownership table, over 2 accounts");
  });
});
