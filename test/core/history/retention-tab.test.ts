/**
 * The Retention tab from a subscription history: the snapshot on the left (read from the history on the window's
 * first and last day), and beside it the flows summary, the monthly bridge and the cohort triangle, each exactly what
 * XSELL_FLOWS, XSELL_MOVEMENTS and XSELL_COHORTS answer for the same window.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../cli/csv";
import { XSELL_COHORTS, XSELL_FLOWS, XSELL_MOVEMENTS } from "../../../core/functions";
import { buildTab } from "../../../core/tabs";
import { dayFromYmd } from "../../../core/values";

const subs = parseCsv(readFileSync(join(__dirname, "..", "..", "..", "examples", "subscriptions.csv"), "utf8"));
const AS_OF = "2026-11-01";

describe("Retention tab from subscription history", () => {
  const spec = buildTab("retention", { subscriptions: subs, asOf: dayFromYmd(2026, 11, 1) });
  const after = (title: string) => {
    const i = spec.blocks.findIndex((b) => b.cells[0]?.[0] === title);
    expect(i, title).toBeGreaterThanOrEqual(0);
    return spec.blocks[i + 1].cells;
  };
  it("shows the flows, the bridge and the cohorts as the functions give them for the trailing twelve months", () => {
    expect(after("Retention by flows, MRR")).toEqual(XSELL_FLOWS(subs, "month", undefined, undefined, AS_OF));
    // the trailing twelve complete months before 2026-11-01: November 2025 to October 2026
    expect(after("Movements by month")).toEqual(XSELL_MOVEMENTS(subs, "month", "2025-11-01", "2026-10-01", AS_OF));
    // the tab leaves out cohorts of no accounts (a quarter in which nobody started paying); the function lists them
    const all = XSELL_COHORTS(subs, "quarter", "revenue", AS_OF);
    const kept = [all[0], ...all.slice(1).filter((r) => r[1] !== 0)];
    expect(kept.length).toBeLessThan(all.length);
    expect(after("Revenue cohorts by quarter")).toEqual(kept);
  });
  it("reads the snapshot from the same history: its starting ARR is twelve times the flows' opening MRR, and it reconciles", () => {
    const summary = spec.blocks[0].cells;
    const value = (prefix: string): number => summary.find((r) => String(r[0]).startsWith(prefix))![1] as number;
    const flows = XSELL_FLOWS(subs, "month", undefined, undefined, AS_OF);
    const opening = flows.find((r) => String(r[0]).startsWith("Opening MRR"))![1] as number;
    expect(value("Starting ARR")).toBeCloseTo(12 * opening, 6);
    expect(value("Reconciliation")).toBe(0);
  });
});
