import { describe, expect, it } from "vitest";
import { jsonBytes } from "../../excel-addin/bytes";
import { renderSpec, uniqueSheetName, chunkBlock } from "../../excel-addin/renderer";
import { buildTab, type TabKind } from "../../core/tabs";
import { FakeWorkbook, fakeContext, REQUEST_LIMIT_BYTES } from "../fakes/excel-host";
import { wideOwnership } from "../../examples/scale";
import { dayFromYmd } from "../../core/values";
import { sample } from "./excel-shape";

const AS_OF = dayFromYmd(2026, 11, 1);
const accounts = sample("accounts.csv");
const ownership = sample("ownership.csv");
const prices = sample("prices.csv");
const retention = sample("retention.csv");
const inputs = { accounts, ownership, prices, retention, asOf: AS_OF };

function workbookWithSource(): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.addSheet("Accounts", accounts as never);
  return wb;
}

describe("uniqueSheetName", () => {
  it("appends (2), (3)… case-insensitively and keeps Excel's 31-character limit and character rules", () => {
    expect(uniqueSheetName("Whitespace", ["Accounts"])).toBe("Whitespace");
    expect(uniqueSheetName("Whitespace", ["whitespace", "Whitespace (2)"])).toBe("Whitespace (3)");
    expect(uniqueSheetName("A".repeat(40), ["A".repeat(31)])).toBe(`${"A".repeat(27)} (2)`);
    expect(uniqueSheetName("Q1/Q2 [draft]?", [])).toBe("Q1 Q2  draft");
  });
});

describe("renderSpec into the fake Excel", () => {
  it.each(["scorecard", "whitespace", "adjacency", "retention", "scenario"] as TabKind[])("builds the %s tab and leaves the source sheet untouched", async (kind) => {
    const wb = workbookWithSource();
    const before = wb.sheet("Accounts").serialize();
    const spec = buildTab(kind, inputs);
    const stats = await renderSpec(fakeContext(wb), spec);
    expect(stats.sheetName).toBe(spec.name);
    expect(wb.sheet("Accounts").serialize()).toBe(before);
    const sheet = wb.sheet(spec.name);
    // every cell of every block landed where the spec says, formulas as formulas
    for (const block of spec.blocks) {
      block.cells.forEach((row, i) =>
        row.forEach((cell, j) => {
          const r = block.row + i;
          const c = block.col + j;
          if (cell !== null && typeof cell === "object") expect(sheet.formula(r, c)).toBe(cell.f);
          else expect(sheet.cell(r, c)).toBe(cell ?? "");
        }),
      );
    }
    expect(wb.activeSheet).toBe(wb.sheets.indexOf(sheet));
    expect(stats.syncs).toBeLessThanOrEqual(3);
  });

  it("writes the Scorecard's formats by range: header, number formats, color scale, freeze and filter", async () => {
    const wb = workbookWithSource();
    await renderSpec(fakeContext(wb), buildTab("scorecard", inputs), { notes: true });
    const s = wb.sheet("Scorecard");
    expect(s.cell(0, 0)).toBe("Account");
    expect(typeof s.cell(1, 1)).toBe("number");
    expect(s.numberFormat(1, 5)).toBe("0%");
    expect(s.freeze).toEqual({ rows: 1, cols: 1 });
    expect(s.autoFilter).toBe("A1:I401");
    expect(s.conditionalFormats.map((c) => `${c.type}@${c.range}`)).toContain("ColorScale@B2:B401");
    expect(s.formats.filter((f) => f.range === "A1:I1").map((f) => f.prop)).toEqual(["font.bold", "font.color", "fill.color"]);
    // the score note, then what Band, Propensity, Expected ARR and Coverage mean, on their headers
    expect(s.notes.map((n) => n.cell)).toEqual(["B1", "C1", "F1", "G1", "I1"]);
  });

  it("keeps user text as text: an account named =HYPERLINK(…) is not a formula", async () => {
    const wb = workbookWithSource();
    const hostile = '=HYPERLINK("https://evil.example","click")';
    const own = [["Account", "Product"], [hostile, "CRM"], ["+cmd|' /C calc'!A0", "CRM"], ["@SUM(1)", "BI"], ["-2+3", "BI"], ["Plain", "CRM"]];
    await renderSpec(fakeContext(wb), buildTab("whitespace", { ownership: own, asOf: AS_OF }));
    const s = wb.sheet("Whitespace");
    const names = [1, 2, 3, 4, 5].map((r) => s.cell(r, 0));
    expect(names).toContain(hostile);
    for (let r = 1; r <= 5; r++) {
      expect(s.formula(r, 0)).toBeUndefined();
      if (/^[=+\-@]/.test(String(s.cell(r, 0)))) expect(s.numberFormat(r, 0)).toBe("@");
    }
    // the totals are real formulas
    expect(s.formula(1, 3)).toBe("=SUM(B2:C2)");
  });

  it("never reuses a sheet name: a second build creates a second tab", async () => {
    const wb = workbookWithSource();
    const spec = buildTab("adjacency", inputs);
    expect((await renderSpec(fakeContext(wb), spec)).sheetName).toBe("Adjacency");
    expect((await renderSpec(fakeContext(wb), spec)).sheetName).toBe("Adjacency (2)");
    expect(wb.sheets.map((s) => s.name)).toEqual(["Accounts", "Adjacency", "Adjacency (2)"]);
    expect(wb.sheet("Adjacency").serialize().replace("Adjacency", "")).toBe(wb.sheet("Adjacency (2)").serialize().replace("Adjacency (2)", ""));
  });

  it("builds a 200,000 × 20 Whitespace tab in requests under 5 MB, leaving the source byte-identical", async () => {
    const own = wideOwnership(200_000, 20);
    const wb = new FakeWorkbook();
    wb.addSheet("Ownership", own.slice(0, 2000) as never); // a slice stands for the source; it must not change
    const before = wb.sheet("Ownership").serialize();
    const spec = buildTab("whitespace", { ownership: own, asOf: AS_OF });
    const stats = await renderSpec(fakeContext(wb), spec);
    expect(wb.rejectedRequests).toBe(0);
    expect(wb.largestRequestBytes).toBeLessThan(REQUEST_LIMIT_BYTES);
    expect(stats.syncs).toBe(wb.syncs);
    expect(stats.syncs).toBeLessThan(60);
    expect(wb.sheet("Ownership").serialize()).toBe(before);
    const s = wb.sheet("Whitespace");
    // header, accounts, totals; a blank row and the economics of a wide table (title, owners, share owning)
    expect(s.rowCount).toBe(200_002 + 1 + 3);
    expect(s.cell(0, 21)).toBe("Total (expected products)");
    expect(s.formula(200_001, 1)).toBe("=SUM(B2:B200001)");
    console.log(`200,000 × 20 Whitespace: ${stats.syncs} syncs, largest request ${(wb.largestRequestBytes / 1e6).toFixed(2)} MB`);
  }, 120_000);

  it("the fake itself refuses a request over 5 MB, so the test above means something", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S");
    const ctx = fakeContext(wb);
    const big = Array.from({ length: 60_000 }, () => Array.from({ length: 10 }, () => "xxxxxxxxxx"));
    ctx.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, 60_000, 10).values = big;
    await expect(ctx.sync()).rejects.toThrow(/payload size has exceeded/);
  });

  it("splits blocks so each chunk's payload is under budget", () => {
    const spec = buildTab("whitespace", { ownership: wideOwnership(20_000, 20), asOf: AS_OF });
    const chunks = chunkBlock(spec, spec.blocks[0], 500_000);
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.reduce((n, c) => n + c.cells.length, 0)).toBe(spec.blocks[0].cells.length);
    for (const c of chunks) expect(jsonBytes(c.out)).toBeLessThan(500_000);
  });
});
