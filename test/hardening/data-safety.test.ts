/**
 * Data safety for every renderer (Excel through the fake host, Sheets through fake SpreadsheetApp, the xlsx writer
 * read back by ExcelJS): the source is never written, an existing sheet name is never reused, and user text starting with
 * =, +, - or @ is written as text.
 */
import { describe, expect, it } from "vitest";
import { buildTab } from "../../core/tabs";
import { renderSpec } from "../../excel-addin/renderer";
import { renderSpecToSheets } from "../../sheets-addon/src/renderer";
import { written } from "../cli/xlsx-written";
import { FakeWorkbook, fakeContext } from "../fakes/excel-host";
import { FakeAppsScript } from "../fakes/apps-script";
import { dayFromYmd, type CellValue } from "../../core/values";

const HOSTILE = ['=HYPERLINK("https://evil.example","x")', "+SUM(1,2)", "-1+2", "@INDIRECT(\"A1\")", "=cmd|' /C calc'!A0"];
const OWNERSHIP: CellValue[][] = [["Account", "Product"], ...HOSTILE.map((h) => [h, "CRM"]), ["Plain", "CRM"], ["Plain", "BI"]];
const SPEC = buildTab("whitespace", { ownership: OWNERSHIP, asOf: dayFromYmd(2026, 11, 1) });
const EXISTING = ["Whitespace", "whitespace (2)"];

describe("Excel renderer", () => {
  it("writes a new sheet, leaves the source alone, keeps hostile text as text", async () => {
    const wb = new FakeWorkbook();
    const source = wb.addSheet("Whitespace", OWNERSHIP as never);
    wb.addSheet("whitespace (2)");
    const before = source.serialize();
    const stats = await renderSpec(fakeContext(wb), SPEC);
    expect(stats.sheetName).toBe("Whitespace (3)");
    expect(source.serialize()).toBe(before);
    const s = wb.sheet("Whitespace (3)");
    const names = s.values.slice(1).map((r) => r[0]);
    for (const h of HOSTILE) expect(names).toContain(h);
    for (let r = 1; r <= HOSTILE.length + 1; r++) expect(s.formula(r, 0)).toBeUndefined();
  });
});

describe("Sheets renderer", () => {
  it("writes a new sheet, leaves the source alone, keeps hostile text as text", () => {
    const app = new FakeAppsScript();
    Object.assign(globalThis, { SpreadsheetApp: app.globals().SpreadsheetApp, Charts: app.globals().Charts });
    const source = app.spreadsheet.addSheet("Whitespace", OWNERSHIP as never);
    app.spreadsheet.addSheet("whitespace (2)");
    const before = source.serialize();
    const stats = renderSpecToSheets(app.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet, SPEC);
    expect(stats.sheetName).toBe("Whitespace (3)");
    expect(source.serialize()).toBe(before);
    const s = app.spreadsheet.getSheetByName("Whitespace (3)")!;
    const names = s.values.slice(1).map((r) => r[0]);
    for (const h of HOSTILE) expect(names).toContain(h);
    for (let r = 1; r <= HOSTILE.length + 1; r++) expect(s.formula(r, 0)).toBeUndefined();
    expect(s.formula(1, 3)).toBe("=SUM(B2:C2)"); // spec formulas do become formulas
  });
});

describe("xlsx writer", () => {
  it("adds a new sheet beside existing ones and writes hostile text as strings", async () => {
    let name = "";
    const { book: back } = await written(async (w) => {
      for (const n of EXISTING) await w.addDataSheet(n, ["keep me"], [], new Set());
      name = await w.addSpecSheet(SPEC);
    });
    expect(name).toBe("Whitespace (3)");
    expect(back.getWorksheet("Whitespace")!.getCell("A1").value).toBe("keep me");
    const sheet = back.getWorksheet("Whitespace (3)")!;
    const cells = Array.from({ length: HOSTILE.length + 1 }, (_, i) => sheet.getCell(i + 2, 1).value);
    for (const h of HOSTILE) expect(cells).toContain(h);
    for (const c of cells) expect(typeof c).toBe("string");
    expect(sheet.getCell(2, 4).value).toEqual({ formula: "SUM(B2:C2)" });
  });
});
