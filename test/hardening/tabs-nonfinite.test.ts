/**
 * Every registered tab against hostile numbers (1e308 twice in one sum, Infinity and NaN from a script): a tab
 * either holds only finite numbers and no "Infinity"/"NaN" text, or is refused with the #NUM! sentence the
 * functions give. The guard lives in SpecBuilder.finish, so a tab added to the registry is covered without a test
 * of its own. XSELL_EXPLAIN never prints Infinity or NaN either.
 */
import { describe, expect, it } from "vitest";
import { XSELL_EXPLAIN, XSELL_RETENTION } from "../../core/functions";
import { XsellError } from "../../core/errors";
import { buildTab, TABS, type SheetSpec, type TabInputs } from "../../core/tabs";
import type { CellValue } from "../../core/values";

const AS_OF = 20_760; // 2026-11-04
const HUGE = 1e308;

/** Tables where sums and ratios overflow: every ARR, price and count at 1e308, twice per account or product. */
const hostile: TabInputs = {
  asOf: AS_OF,
  accounts: [
    ["Account", "ARR", "Licenses", "Active Users", "NPS", "Start Date", "Adjacent Feature Usage", "Engagement Change"],
    ["A", HUGE, HUGE, HUGE, HUGE, "2024-01-01", HUGE, HUGE],
    ["B", HUGE, HUGE, 1, -HUGE, "2024-01-01", HUGE, -HUGE],
    ["C", 100, 10, 5, 50, "2024-01-01", 0.5, 0.1],
  ],
  ownership: [["Account", "Product", "ARR"], ["A", "CRM", HUGE], ["A", "BI", HUGE], ["B", "CRM", HUGE], ["B", "BI", HUGE], ["C", "CRM", 5]],
  prices: [["Product", "Price"], ["CRM", HUGE], ["BI", HUGE]],
  retention: [["Account", "Start ARR", "End ARR"], ["A", HUGE, 1], ["B", HUGE, 1]],
  subscriptions: [
    ["Account", "Product", "ARR", "Start Date", "End Date"],
    ["A", "CRM", HUGE, "2024-01-01", ""], ["B", "CRM", HUGE, "2024-01-01", ""], ["A", "BI", HUGE, "2025-06-01", ""], ["C", "CRM", 10, "2024-01-01", "2026-01-01"],
  ],
};

function badCells(spec: SheetSpec): string[] {
  const bad: string[] = [];
  for (const b of spec.blocks) b.cells.forEach((r, i) => r.forEach((v, j) => {
    if (typeof v === "number" && !Number.isFinite(v)) bad.push(`${i + b.row},${j + b.col}=${v}`);
    if (typeof v === "string" && /\b(Infinity|NaN)\b/.test(v)) bad.push(`${i + b.row},${j + b.col}=${v}`);
  }));
  for (const n of spec.notes) if (/\b(Infinity|NaN)\b/.test(n.text)) bad.push(`note ${n.cell}`);
  return bad;
}

describe("the non-finite guard in every tab builder", () => {
  for (const tab of TABS) {
    it(`${tab.title}: finite numbers only, or #NUM! with the functions' sentence`, () => {
      let spec: SheetSpec | null = null;
      try {
        spec = buildTab(tab.kind, hostile);
      } catch (e) {
        expect(e).toBeInstanceOf(XsellError);
        const err = e as XsellError;
        if (err.code === "#NUM!") expect(err.message).toMatch(new RegExp(`^${tab.title}: a result is (too large to represent|not a number); check for huge or zero inputs$`));
        else expect(err.message).toMatch(new RegExp(`^${tab.title}: `)); // a refusal for another reason, named
        return;
      }
      expect(badCells(spec)).toEqual([]);
    });
  }
  it("the Retention tab with two Start ARR of 1e308 refuses as XSELL_RETENTION does (it showed Infinity, NRR 0)", () => {
    const table = hostile.retention!;
    expect(() => XSELL_RETENTION(table)).toThrow("XSELL_RETENTION: a result is too large to represent; check for huge or zero inputs");
    expect(() => buildTab("retention", { asOf: AS_OF, retention: table })).toThrow("Retention: a result is too large to represent; check for huge or zero inputs");
  });
  it("a builder's stray NaN is caught even where no function would have computed it", () => {
    // Infinity − Infinity in a change column: the spec builder refuses, whatever the tab
    expect(() => buildTab("retention", { asOf: AS_OF, retention: [["Account", "Start ARR", "End ARR"], ["A", HUGE, HUGE], ["B", HUGE, HUGE]] })).toThrow(/Retention: a result is (too large to represent|not a number)/);
  });
});

describe("XSELL_EXPLAIN never prints Infinity or NaN", () => {
  it("huge, infinite and NaN inputs are shown as numbers, 'out of range' or named, never as Infinity", () => {
    const rows: CellValue[][] = [
      ["Account", "NPS", "Licenses", "Active Users", "Adjacent Feature Usage", "Engagement Change"],
      ["A", HUGE, HUGE, HUGE, HUGE, HUGE],
      ["B", Infinity, -Infinity, NaN, Infinity, NaN],
      ["C", -HUGE, 1, HUGE, -HUGE, -HUGE],
      ["D", 50, 100, 50, 0.5, 0.2],
    ];
    const out = XSELL_EXPLAIN(rows, undefined, undefined, "2026-11-04") as string[][];
    expect(out.length).toBe(5);
    for (const [line] of out) expect(line).not.toMatch(/Infinity|NaN/);
    expect(out[1][0]).toContain("NPS 1.00e+308 > 40"); // was "NPS Infinity > 40"
  });
});
