/**
 * The charts each builder declares, checked on the specs themselves (no host): every range a chart reads lies on
 * cells the tab fills, helper formulas point at the cells their labels name, and no chart covers the tab's cells.
 * (What LibreOffice computes from these formulas is checked in test/e2e/charts.e2e.test.ts.)
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../cli/csv";
import { buildTab, isFormula, parseA1, TAB_KINDS, type SheetSpec, type SpecCell } from "../../core/tabs";
import { CHART_HEIGHT, CHART_WIDTH } from "../../core/tabs/chart-area";
import { dayFromYmd } from "../../core/values";

const sample = (f: string) => parseCsv(readFileSync(join(__dirname, "..", "..", "examples", f), "utf8"));
const inputs = { accounts: sample("accounts.csv"), ownership: sample("ownership.csv"), prices: sample("prices.csv"), retention: sample("retention.csv"), subscriptions: sample("subscriptions.csv"), outcomes: sample("outcomes.csv"), asOf: dayFromYmd(2026, 11, 1) };
const specs = new Map(TAB_KINDS.map((k) => [k, buildTab(k, inputs)]));

function cellAt(spec: SheetSpec, row: number, col: number): SpecCell {
  let v: SpecCell = null;
  for (const b of spec.blocks) {
    const r = row - b.row;
    const c = col - b.col;
    if (r >= 0 && r < b.cells.length && c >= 0 && c < b.cells[r].length) v = b.cells[r][c];
  }
  return v;
}
const cells = (spec: SheetSpec, a1: string): SpecCell[] => {
  const r = parseA1(a1);
  return Array.from({ length: r.rows * r.cols }, (_, i) => cellAt(spec, r.row + Math.floor(i / r.cols), r.col + (i % r.cols)));
};
const filled = (v: SpecCell): boolean => v !== null && v !== "";

describe("the charts the builders declare", () => {
  it.each([...specs.keys()])("%s: every series reads filled cells, names a filled cell, and has one value per category", (kind) => {
    const spec = specs.get(kind)!;
    expect(spec.charts.length).toBeGreaterThan(0);
    for (const c of spec.charts) {
      const n = cells(spec, c.categories).length;
      expect(cells(spec, c.categories).every(filled), `${c.title} categories`).toBe(true);
      for (const s of c.series) {
        expect(filled(cellAt(spec, parseA1(s.name).row, parseA1(s.name).col)), `${c.title} name`).toBe(true);
        const values = cells(spec, s.values);
        expect(values.length).toBe(n);
        // numbers or formulas; a blank is allowed only where the tab leaves a value blank on purpose (none here)
        expect(values.every((v) => typeof v === "number" || (v !== null && isFormula(v))), `${c.title} values`).toBe(true);
        if (s.errorBars) for (const r of [s.errorBars.plus, s.errorBars.minus]) expect(cells(spec, r).length).toBe(n);
      }
    }
  });

  it.each([...specs.keys()])("%s: no chart covers a filled cell (charts sit beside the tables)", (kind) => {
    const spec = specs.get(kind)!;
    // the area a chart covers, at the narrowest columns a tab uses (8 characters ≈ 61 px) and 20 px rows
    for (const c of spec.charts) {
      const at = parseA1(c.anchor);
      const widths = new Map(spec.columnWidths.map((w) => [w.col, w.width]));
      let cols = 0;
      for (let px = 0; px < CHART_WIDTH; cols++) px += (widths.get(at.col + cols) ?? 8.43) * 7 + 5;
      const rows = Math.ceil(CHART_HEIGHT / 20);
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) expect(filled(cellAt(spec, at.row + i, at.col + j)), `${c.title} over ${at.row + i},${at.col + j}`).toBe(false);
    }
  });

  it("the ARR bridge's amounts are the summary cells their labels name, contraction and churn subtracted", () => {
    const spec = specs.get("retention")!;
    const bridge = spec.charts[0];
    const steps = cells(spec, bridge.categories);
    const amountCol = parseA1(bridge.categories).col + 1;
    const label = (f: SpecCell): string => {
      const m = /^=(-?)([A-Z]+\d+)$/.exec((f as { f: string }).f)!;
      const at = parseA1(m[2]);
      return `${m[1]}${String(cellAt(spec, at.row, at.col - 1))}`;
    };
    const first = parseA1(bridge.categories).row;
    expect(steps.map((s, i) => [s, label(cellAt(spec, first + i, amountCol))])).toEqual([
      ["Opening ARR", "Starting ARR (cohort: ARR > 0 at start)"],
      ["New", "New ARR (accounts outside the cohort)"],
      ["Cross-sell", "  of which cross-sell (products not held at start)"],
      ["Upsell", "  of which upsell (more of products held)"],
      ["Contraction", "-Contraction ARR (incl. products dropped by retained accounts)"],
      ["Churn", "-Churned ARR (accounts lost)"],
      ["Closing ARR", "Ending ARR (total)"],
    ]);
  });

  it("the Scorecard's counts read the whole Band and Score columns", () => {
    const spec = specs.get("scorecard")!;
    const [perBand, histogram] = spec.charts;
    const head = spec.blocks[0].cells[0];
    const n = spec.blocks[0].cells.length - 1;
    const col = (h: string): string => String.fromCharCode(65 + head.indexOf(h));
    expect(cells(spec, perBand.series[0].values).map((v) => (v as { f: string }).f)).toEqual(["High", "Qualified", "Nurture", "Low"].map((b) => `=COUNTIF($${col("Band")}$2:$${col("Band")}$${n + 1},"${b}")`));
    const s = `$${col("Score")}$2:$${col("Score")}$${n + 1}`;
    expect((cells(spec, histogram.series[0].values)[0] as { f: string }).f).toBe(`=COUNTIFS(${s},">=0",${s},"<10")`);
    expect((cells(spec, histogram.series[0].values)[9] as { f: string }).f).toBe(`=COUNTIFS(${s},">=90",${s},"<=100")`);
  });
});
