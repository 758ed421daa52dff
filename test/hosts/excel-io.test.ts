/**
 * excel-addin/excel-io.ts against the strict fake Excel host: properties must be loaded and synced before they
 * are read (and removing any `load` from excel-io.ts makes a read here fail, checked by mutation below), used
 * ranges start where the data starts, reads are sized in UTF-8 bytes (1,048,576 rows of CJK-heavy text read in
 * responses under 5 MB), and the 1904 date system is detected.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { jsonBytes, utf8Length } from "../../excel-addin/bytes";
import * as io from "../../excel-addin/excel-io";
import { chunkBlock, renderSpec } from "../../excel-addin/renderer";
import type { SheetSpec } from "../../core/tabs/spec";
import { FakeWorkbook, fakeContext, REQUEST_LIMIT_BYTES, type FakeValue } from "../fakes/excel-host";

const TABLE: FakeValue[][] = [
  ["Account", "Licenses", "NPS"],
  ["Acme", 100, 45],
  ["Globex", 250, ""],
  ["株式会社テスト", 80, 12],
];

function workbook(): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.addSheet("Notes", [["just a note"]]);
  wb.addSheet("Data", TABLE, { row: 4, col: 2 }); // the table's header row is C5:E5
  wb.activeSheet = 1;
  return wb;
}

describe("the workbook's culture", () => {
  it("reads the decimal separator and short date pattern as reading defaults, and the US defaults where culture info is missing", async () => {
    const wb = workbook();
    expect(await io.readCulture(fakeContext(wb), true)).toEqual({ dateOrder: "mdy", decimal: "." });
    wb.culture = { decimalSeparator: ",", shortDatePattern: "dd.MM.yyyy" };
    expect(await io.readCulture(fakeContext(wb), true)).toEqual({ dateOrder: "dmy", decimal: "," });
    expect(await io.readCulture(fakeContext(wb), false)).toEqual({ dateOrder: "mdy", decimal: "." });
  });
});

describe("the fake host is as strict as Office.js", () => {
  it("throws PropertyNotLoaded for a property read before load and sync, and after load before sync", async () => {
    const ctx = fakeContext(workbook());
    const sheet = ctx.workbook.worksheets.getItem("Data");
    expect(() => sheet.name).toThrow(/The property 'name' is not available\. Before reading the property's value, call the load method/);
    sheet.load("name");
    expect(() => sheet.name).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    await ctx.sync();
    expect(sheet.name).toBe("Data");
    const range = sheet.getRangeByIndexes(4, 2, 1, 3).load("values");
    expect(() => range.rowIndex).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    await ctx.sync();
    expect(range.values).toEqual([["Account", "Licenses", "NPS"]]);
    expect(() => range.rowCount).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    const items = ctx.workbook.worksheets;
    expect(() => items.items).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
  });

  it("rejects loading a property the object does not have", () => {
    const ctx = fakeContext(workbook());
    expect(() => ctx.workbook.worksheets.getItem("Data").getRange("A1").load("valuez")).toThrow(expect.objectContaining({ code: "PropertyNotFound" }));
  });

  it("starts a used range where the data starts, and answers A1 for an empty sheet", async () => {
    const wb = workbook();
    wb.addSheet("Empty");
    const ctx = fakeContext(wb);
    const used = ctx.workbook.worksheets.getItem("Data").getUsedRange(true).load("address,rowIndex,columnIndex,rowCount,columnCount");
    const empty = ctx.workbook.worksheets.getItem("Empty").getUsedRange(true).load("address");
    await ctx.sync();
    expect([used.address, used.rowIndex, used.columnIndex, used.rowCount, used.columnCount]).toEqual(["Data!C5:E8", 4, 2, 4, 3]);
    expect(empty.address).toBe("Empty!A1");
  });

  it("reports a missing sheet at sync time as ItemNotFound", async () => {
    const ctx = fakeContext(workbook());
    ctx.workbook.worksheets.getItem("Nope").load("name");
    await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
  });

  it("counts payloads in UTF-8 bytes: 2 million CJK characters (6 MB) are refused though under 5 million characters", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S", Array.from({ length: 1000 }, () => ["漢".repeat(2000)]));
    const ctx = fakeContext(wb);
    const r = ctx.workbook.worksheets.getItem("S").getRange("A1:A1000").load("values");
    expect(JSON.stringify(Array.from({ length: 1000 }, () => ["漢".repeat(2000)])).length).toBeLessThan(REQUEST_LIMIT_BYTES);
    await expect(ctx.sync()).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    void r;
  });
});

describe("excel-io reads", () => {
  it("reads the used range of the active sheet wherever it starts", async () => {
    const t = await io.readSheet(fakeContext(workbook()));
    expect(t.sheetName).toBe("Data");
    expect(t.address).toBe("Data!R5C3:R8C5");
    expect(t.values).toEqual(TABLE);
  });

  it("reads a named sheet, the selection and the sheet names", async () => {
    const wb = workbook();
    wb.selection = { sheet: "Data", row: 5, col: 2, rows: 2, cols: 2 };
    const ctx = fakeContext(wb);
    expect((await io.readSheet(ctx, "Notes")).values).toEqual([["just a note"]]);
    const sel = await io.readSelection(ctx);
    expect(sel.sheetName).toBe("Data");
    expect(sel.values).toEqual([
      ["Acme", 100],
      ["Globex", 250],
    ]);
    expect(await io.sheetNames(ctx)).toEqual(["Notes", "Data"]);
  });

  it("detects the 1904 date system through DATE(2000,1,1): 36526 in 1900, 35064 in 1904", async () => {
    const wb = workbook();
    expect(await io.readDate1904(fakeContext(wb))).toBe(false);
    wb.date1904 = true;
    expect(await io.readDate1904(fakeContext(wb))).toBe(true);
  });

  it("fails some read when any one `load` is removed from excel-io.ts (mutation check)", async () => {
    const source = readFileSync(join(__dirname, "..", "..", "excel-addin", "excel-io.ts"), "utf8");
    const loads = [...source.matchAll(/\.load\("[^"]*"\)/g)];
    expect(loads.length).toBeGreaterThanOrEqual(5);
    // the control (no mutation, index -1) must pass every read; each mutant must fail one
    for (const m of [null, ...loads]) {
      const mutated = m ? source.slice(0, m.index) + source.slice(m.index! + m[0].length) : source;
      const bundled = await build({ stdin: { contents: mutated, resolveDir: join(__dirname, "..", "..", "excel-addin"), loader: "ts" }, bundle: true, format: "cjs", platform: "neutral", write: false, logLevel: "silent" });
      const mod = { exports: {} as typeof io };
      new Function("module", "exports", bundled.outputFiles[0].text)(mod, mod.exports);
      const m2 = mod.exports;
      const wb = workbook();
      wb.selection = { sheet: "Data", row: 5, col: 2, rows: 2, cols: 2 };
      const runs = [() => m2.readSheet(fakeContext(wb)), () => m2.readSheet(fakeContext(wb), "Notes"), () => m2.readSelection(fakeContext(wb)), () => m2.sheetNames(fakeContext(wb)), () => m2.readDate1904(fakeContext(wb)), () => m2.readCulture(fakeContext(wb), true)];
      const results = await Promise.allSettled(runs.map((r) => r()));
      const failed = results.filter((r) => r.status === "rejected" && (r.reason as { code?: string }).code === "PropertyNotLoaded");
      if (m) expect(failed.length, `removing ${m[0]} went unnoticed`).toBeGreaterThan(0);
      else expect(results.map((r) => r.status)).toEqual(runs.map(() => "fulfilled"));
    }
  }, 60_000);
});

/** 1,048,576 rows (Excel's limit) of Japanese and Chinese text: about 120 UTF-8 bytes but 44 characters a row. */
const MAX_ROWS = 1_048_576;
const NAMES = Array.from({ length: 997 }, (_, i) => `株式会社${"東京大阪名古屋札幌福岡"[i % 10]}${"商事物産電機製作所"[i % 9]}${i}`);
const NOTES = Array.from({ length: 991 }, (_, i) => `顧客満足度が高く拡大の余地あり・第${i}四半期に更新予定`);
function cjkRow(i: number): FakeValue[] {
  return [NAMES[i % NAMES.length], i, NOTES[i % NOTES.length]];
}

describe("reading and writing Excel's 1,048,576 rows of CJK-heavy text", () => {
  it("reads every row in responses under 5 MB of UTF-8", async () => {
    const wb = new FakeWorkbook();
    const s = wb.addSheet("Big");
    for (let i = 0; i < MAX_ROWS; i++) s.values.push(cjkRow(i));
    const perRowBytes = jsonBytes([cjkRow(7)]) - 2;
    const perRowChars = JSON.stringify([cjkRow(7)]).length - 2;
    expect(perRowBytes).toBeGreaterThan(2 * perRowChars); // the wire size is far above the character count
    const t = await io.readSheet(fakeContext(wb), "Big");
    expect(t.values.length).toBe(MAX_ROWS);
    for (const i of [0, 1, 499, 500, 123_456, 777_777, MAX_ROWS - 1]) expect(t.values[i]).toEqual(cjkRow(i));
    expect(wb.rejectedRequests).toBe(0);
    expect(wb.largestResponseBytes).toBeLessThan(REQUEST_LIMIT_BYTES);
    // about 125 MB of UTF-8 in ~3.5 MB / 1.5 chunks: tens of requests, not one per 100,000 cells
    const total = wb.responseSizes.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(MAX_ROWS * 100);
    expect(wb.syncs).toBeLessThan(total / 1_500_000 + 5);
  }, 120_000);

  it("recovers when rows grow mid-sheet: a chunk Excel refuses is split and read again", async () => {
    const wb = new FakeWorkbook();
    const s = wb.addSheet("Mixed");
    for (let i = 0; i < 200_000; i++) s.values.push(i < 100_000 ? ["a", i] : ["漢".repeat(300), i]);
    const t = await io.readSheet(fakeContext(wb), "Mixed");
    expect(t.values.length).toBe(200_000);
    expect(t.values[99_999]).toEqual(["a", 99_999]);
    expect(t.values[100_000]).toEqual(["漢".repeat(300), 100_000]);
    expect(t.values[199_999]).toEqual(["漢".repeat(300), 199_999]);
    expect(wb.rejectedRequests).toBeGreaterThan(0); // the estimate from short rows was too big once…
    expect(wb.largestResponseBytes).toBeLessThan(REQUEST_LIMIT_BYTES); // …and no accepted response broke the limit
  }, 60_000);

  it("writes every row in requests under 5 MB of UTF-8", async () => {
    const cells = Array.from({ length: MAX_ROWS }, (_, i) => cjkRow(i) as (string | number)[]);
    const spec: SheetSpec = { name: "大きい表", blocks: [{ row: 0, col: 0, cells }], formats: [], columnWidths: [], conditionalFormats: [], notes: [], charts: [], rows: MAX_ROWS, cols: 3 };
    const wb = new FakeWorkbook();
    const stats = await renderSpec(fakeContext(wb), spec, { notes: false });
    expect(wb.rejectedRequests).toBe(0);
    expect(wb.largestRequestBytes).toBeLessThan(REQUEST_LIMIT_BYTES);
    expect(stats.largestRequestBytes).toBeLessThan(REQUEST_LIMIT_BYTES);
    const sheet = wb.sheet("大きい表");
    expect(sheet.rowCount).toBe(MAX_ROWS);
    for (const i of [0, 77_777, MAX_ROWS - 1]) expect([0, 1, 2].map((c) => sheet.cell(i, c))).toEqual(cjkRow(i));
  }, 180_000);

  it("sizes write chunks by bytes: each CJK chunk is under budget in UTF-8 although a third of it in characters", () => {
    const cells = Array.from({ length: 50_000 }, (_, i) => cjkRow(i) as (string | number)[]);
    const spec: SheetSpec = { name: "T", blocks: [{ row: 0, col: 0, cells }], formats: [], columnWidths: [], conditionalFormats: [], notes: [], charts: [], rows: 50_000, cols: 3 };
    const budget = 500_000;
    const chunks = chunkBlock(spec, spec.blocks[0], budget);
    expect(chunks.reduce((n, c) => n + c.cells.length, 0)).toBe(50_000);
    for (const c of chunks) {
      expect(c.bytes).toBe(jsonBytes(c.out));
      expect(c.bytes).toBeLessThanOrEqual(budget);
    }
    // a character count would have put about twice as many rows in each chunk
    const chars = JSON.stringify(chunks[0].out).length;
    expect(chars).toBeLessThan(chunks[0].bytes * 0.6);
  });

  it("utf8Length agrees with the encoder on ASCII, accents, CJK, emoji and a lone surrogate", () => {
    for (const s of ["abc", "Zürich", "株式会社", "👩‍💻 ok", "x\ud800y", ""]) expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
  });
});
