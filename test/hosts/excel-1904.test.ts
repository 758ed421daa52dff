/**
 * The pane's path for a workbook in the 1904 date system: excel-io detects it with DATE(2000,1,1) and the tabs
 * read the sheet's serials with readOptions.date1904, as taskpane.ts passes them. Acme scores 100 only when its
 * dates are read right (worked out by hand: read as 1900 serials its renewal falls in 2023, long past, and the
 * Renewal criterion's 10 points are lost).
 */
import { describe, expect, it } from "vitest";
import { buildTab } from "../../core/tabs";
import { dayFromYmd } from "../../core/values";
import { readDate1904, readSheet } from "../../excel-addin/excel-io";
import { FakeWorkbook, fakeContext, type FakeValue } from "../fakes/excel-host";

const serial1904 = (y: number, m: number, d: number): number => Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1904, 0, 1)) / 86400000);
const HEADER = ["Account", "Licenses", "Active Users", "NPS", "Start Date", "Support Level", "Hiring", "Funding", "Adjacent Feature Usage", "Renewal Date", "Champion"];
const ACME: FakeValue[] = ["Acme", 100, 60, 45, serial1904(2024, 1, 15), "Low", "Yes", "No", "Yes", serial1904(2027, 9, 1), "Yes"];

describe("a 1904-date-system workbook in the pane", () => {
  it("detects the date system and scores the account on the days its cells show", async () => {
    const wb = new FakeWorkbook();
    wb.date1904 = true;
    wb.addSheet("Accounts", [HEADER, ACME]);
    const ctx = fakeContext(wb);
    const date1904 = await readDate1904(ctx);
    expect(date1904).toBe(true);
    const { values } = await readSheet(ctx, "Accounts");
    const asOf = dayFromYmd(2026, 11, 1);
    const score = (opts: { date1904: boolean }) => {
      const spec = buildTab("scorecard", { accounts: values, asOf, readOptions: opts });
      const header = spec.blocks[0].cells[0];
      return spec.blocks[0].cells[1][header.indexOf("Score")];
    };
    expect(score({ date1904 })).toBe(100);
    expect(score({ date1904: false })).toBe(90); // what the pane read before: 4 years and a day early
  });
});
