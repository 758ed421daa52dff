/**
 * Counted things are whole: the accounts that buy the add-on are ROUND(accounts × attach rate), and every dollar
 * figure is that count × a price, in XSELL_SCENARIO, XSELL_SENSITIVITY, XSELL_PROJECTION and the Scenario tab alike.
 * Values worked by hand from the sample's defaults: 400 accounts, 32.6% attach, $15,000 add-on, $54,000 per account.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../cli/csv";
import { XSELL_PROJECTION, XSELL_SCENARIO, XSELL_SENSITIVITY } from "../../core/functions";
import { buildTab } from "../../core/tabs";
import { SCENARIO_OUTPUT_ROWS } from "../../core/tabs/scenario";
import { dayFromYmd } from "../../core/values";

const row = (grid: unknown[][], label: string): unknown => grid.find((r) => r[0] === label)?.[1];

describe("whole accounts, dollars from the whole count", () => {
  it("XSELL_SCENARIO: 400 × 32.6% = 130.4 → 130 buyers, $1,950,000 = 130 × $15,000", () => {
    const out = XSELL_SCENARIO(400, 54000, 15000, 0.326);
    expect(row(out, "Accounts that buy the add-on")).toBe(130);
    expect(row(out, "Cross-sell ARR")).toBe(1_950_000);
  });
  it("keeps the published worked example: 1,000 × 35% = 350 buyers, $4,200,000", () => {
    const out = XSELL_SCENARIO(1000, 20000, 12000, 0.35, 24000);
    expect(row(out, "Accounts that buy the add-on")).toBe(350);
    expect(row(out, "Cross-sell ARR")).toBe(4_200_000);
  });
  it("XSELL_SENSITIVITY counts buyers the same way: 400 × 27.6% = 110.4 → 110 × $7,500 = $825,000", () => {
    const grid = XSELL_SENSITIVITY(400, 54000, [[7500]], [[0.276]]);
    expect(grid[1][1]).toBe(825_000);
  });
  it("XSELL_PROJECTION starts year 1 from the whole buyers: 130 × 0.92 = 119.6 two-product, 270 × 0.8 = 216 single", () => {
    const p = XSELL_PROJECTION(400, 54000, 15000, 0.326, 1, 0.2, 0.08);
    const [, , , single, multi, arrWith] = p[2] as number[];
    expect(single).toBeCloseTo(216, 9);
    expect(multi).toBeCloseTo(119.6, 9);
    expect(arrWith).toBeCloseTo(216 * 54000 + 119.6 * 69000, 6);
  });
  it("the Scenario tab rounds the buyers and prices the rounded count, and its projection title speaks in words", () => {
    const spec = buildTab("scenario", { asOf: dayFromYmd(2026, 11, 1) });
    const formulas = spec.blocks.flatMap((b) => b.cells.flat()).filter((c): c is { f: string } => c !== null && typeof c === "object").map((c) => c.f);
    expect(formulas).toContain("=ROUND(B3*B6,0)");
    expect(formulas).toContain(`=B${SCENARIO_OUTPUT_ROWS.buyers}*B5`);
    const title = formulas.find((f) => f.includes("3-year projection"))!;
    expect(title).toContain('TEXT($B$11,"0%")');
    expect(title).not.toMatch(/churn at B\d/);
  });
});

describe("the Scenario's projection on the display", () => {
  it("shows accounts whole (the formulas keep expected counts), and year 0's NRR as a dash, explained", () => {
    const spec = buildTab("scenario", { asOf: dayFromYmd(2026, 11, 1) });
    const block = spec.blocks.find((b) => b.cells[0][0] === "Year")!;
    const head = block.cells[0] as string[];
    const row0 = block.row + 2; // year 0, 1-based
    const formatOf = (col: number, row: number): string | undefined => {
      const cell = `${String.fromCharCode(65 + col)}${row}`;
      let nf: string | undefined;
      for (const f of spec.formats) {
        const [from, to = from] = f.range.split(":");
        const inCol = cell.replace(/\d+/, "") >= from.replace(/\d+/, "") && cell.replace(/\d+/, "") <= to.replace(/\d+/, "");
        const r = Number(from.replace(/[A-Z]+/, "")), r2 = Number(to.replace(/[A-Z]+/, ""));
        if (inCol && row >= r && row <= r2 && f.numberFormat) nf = f.numberFormat;
      }
      return nf;
    };
    for (const name of ["Accounts (no cross-sell)", "Single-product accounts", "Two-product accounts"]) {
      for (let y = 0; y <= 3; y++) expect(formatOf(head.indexOf(name), row0 + y), `${name} year ${y}`).toBe("#,##0");
    }
    // year 1's single-product accounts are still a formula: (400 − 130) × 0.8 = 216 stays live, not a typed number
    expect(typeof block.cells[2][head.indexOf("Single-product accounts")]).toBe("object");
    expect(block.cells[1].slice(head.indexOf("NRR without"))).toEqual(["—", "—"]);
    expect(spec.notes.find((n) => n.cell === `G${row0}`)?.text).toMatch(/year 0 is the starting point/);
  });
});

describe("the Retention tab's cohort triangle", () => {
  const sample = (f: string) => parseCsv(readFileSync(join(__dirname, "..", "fixtures", "frozen-sample", f), "utf8"));
  it("leaves out cohorts of no accounts, and colors kept revenue white to green (100% is not in a red end)", () => {
    const spec = buildTab("retention", { retention: sample("retention.csv"), subscriptions: sample("subscriptions.csv"), asOf: dayFromYmd(2026, 11, 1) });
    const block = spec.blocks.find((b) => b.cells[0][0] === "Cohort");
    expect(block, "a cohort triangle").toBeDefined();
    const rows = block!.cells.slice(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r[1]).not.toBe(0);
    const scale = spec.conditionalFormats.filter((c) => c.type === "colorScale").pop() as { min: string; mid?: string; max: string };
    expect([scale.min, scale.mid, scale.max]).toEqual(["#FFFFFF", undefined, "#63BE7B"]);
  });
});
