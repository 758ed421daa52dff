/** readHistory: the subscription rows kept, with what was left out said; hand-checked. */
import { describe, expect, it } from "vitest";
import { activeOn, OPEN_END, readHistory } from "../../../core/history/read";
import { dayFromYmd } from "../../../core/values";

const day = (y: number, m: number, d: number): number => dayFromYmd(y, m, d);

describe("readHistory", () => {
  const h = readHistory("T", [
    ["Account", "Product", "MRR", "Start Date", "End Date", "Status"],
    ["A", "CRM", 100, "2026-01-01", "", "Active"],
    ["A", "BI", 50, "2026-02-15", "2026-04-01", "Cancelled"],
    ["B", "CRM", 80, "2026-01-10", "", "Trial"],
    ["C", "crm", 120, "2026-03-01", "", ""],
    ["D", "CRM", 90, "2026-03-01", "", "Churned"],
    ["E", "CRM", 60, "2026-05-01", "2026-04-01", ""],
  ]);
  it("keeps paid rows with their dates, in the unit given", () => {
    expect(h.unit).toBe("MRR");
    expect(h.accounts).toEqual(["A", "C"]);
    expect(h.products).toEqual(["CRM", "BI"]);
    expect(Array.from(h.amount)).toEqual([100, 50, 120]);
    expect(Array.from(h.end)).toEqual([OPEN_END, day(2026, 4, 1), OPEN_END]);
  });
  it("says what it left out and why", () => {
    expect(h.notes).toEqual([
      "1 trial row (not paid) left out (row 4)",
      "1 cancelled row with no End Date (not placeable in time) left out (row 6)",
      "1 row whose End Date is before the Start Date left out (row 7)",
    ]);
  });
  it("counts a row as active from its Start Date up to, not on, its End Date", () => {
    const out = new Float64Array(h.accounts.length);
    expect(Array.from(activeOn(h, day(2026, 3, 31), out))).toEqual([150, 120]);
    expect(Array.from(activeOn(h, day(2026, 4, 1), out))).toEqual([100, 120]);
    expect(Array.from(activeOn(h, day(2025, 12, 31), out))).toEqual([0, 0]);
  });
});
