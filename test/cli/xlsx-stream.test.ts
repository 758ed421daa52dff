/**
 * The streaming xlsx writer and the chunked CSV reader: what is written reads back as written (ExcelJS, and the
 * parts parsed as XML), whatever the text holds and wherever a chunk boundary falls.
 */
import { DOMParser } from "@xmldom/xmldom";
import fc from "fast-check";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DelimitedParser, parseCsv } from "../../cli/csv";
import { readDelimitedFile } from "../../cli/readers";
import { SpecBuilder } from "../../core/tabs/spec";
import { written } from "./xlsx-written";

const parse = (xml: string): void => {
  const errors: string[] = [];
  new DOMParser({ onError: (level, msg) => void (level !== "warning" && errors.push(msg)) }).parseFromString(xml, "text/xml");
  expect(errors).toEqual([]);
};

describe("streaming xlsx writer", () => {
  it("keeps text exactly: control characters, a literal _x0041_, markup, leading = and long runs of one value", async () => {
    const texts = ["a\u0001b", "_x0041_ stays", "<b>&amp;</b>", '=HYPERLINK("x")', "tab\there", "emoji 😀", "line\nbreak"];
    const b = new SpecBuilder("Text").block(0, 0, [["Text"], ...texts.map((t) => [t])]);
    const { book, part } = await written((w) => w.addSpecSheet(b.finish()));
    const ws = book.getWorksheet("Text")!;
    expect(texts.map((_, i) => ws.getCell(i + 2, 1).value)).toEqual(texts);
    parse(await part("xl/worksheets/sheet1.xml"));
    parse(await part("xl/sharedStrings.xml"));
  });

  it("writes a sheet larger than one deflated piece, numbers and formulas intact", async () => {
    const rows = Array.from({ length: 25_000 }, (_, i) => [`Account ${i}`, i * 1.5, { f: `=B${i + 2}*2` }]);
    const b = new SpecBuilder("Big").block(0, 0, [["Account", "Value", "Double"], ...rows]);
    b.format({ range: `B2:B${rows.length + 1}`, numberFormat: "0.0" });
    const { book } = await written((w) => w.addSpecSheet(b.finish()));
    const ws = book.getWorksheet("Big")!;
    expect(ws.rowCount).toBe(25_001);
    expect(ws.getCell("A25001").value).toBe("Account 24999");
    expect(ws.getCell("B25001").value).toBe(37498.5);
    expect(ws.getCell("B25001").numFmt).toBe("0.0");
    expect(ws.getCell("C3").value).toEqual({ formula: "B3*2" });
  });

  it("copies a table with its dates as dates and leaves error objects out", async () => {
    // 46327 is the Excel serial of 2026-11-01
    const { book } = await written((w) => w.addDataSheet("Data", ["Account", "Start Date", "ARR"], [["Acme", 46327, 100], ["Globex", new Date(Date.UTC(2026, 0, 31)), { error: "#N/A" } as never]], new Set([1])));
    const ws = book.getWorksheet("Data")!;
    expect(ws.state).toBe("hidden");
    expect(ws.getCell("B2").value).toEqual(new Date(Date.UTC(2026, 10, 1)));
    expect(ws.getCell("B3").value).toEqual(new Date(Date.UTC(2026, 0, 31)));
    expect(ws.getCell("C2").value).toBe(100);
    expect(ws.getCell("C3").value).toBe(null);
    expect(ws.getCell("A1").font?.bold).toBe(true);
  });

  it("draws a spec's charts as drawing and chart parts the sheet points to", async () => {
    const b = new SpecBuilder("Chart").block(0, 0, [["Band", "Accounts"], ["High", 3], ["Low", 5]]);
    b.notes.push({ cell: "A1", text: "a note beside the chart" });
    b.chart({ kind: "column", title: "Accounts", categories: "A2:A3", series: [{ name: "B1", values: "B2:B3" }], valueFormat: "0", anchor: "D1", width: 400, height: 300 });
    const { part } = await written((w) => w.addSpecSheet(b.finish()));
    const sheet = await part("xl/worksheets/sheet1.xml");
    parse(sheet);
    expect(sheet.indexOf('<drawing r:id="rId3"/>')).toBeLessThan(sheet.indexOf("<legacyDrawing"));
    expect(await part("xl/worksheets/_rels/sheet1.xml.rels")).toContain('Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"');
    expect(await part("xl/drawings/_rels/drawing1.xml.rels")).toContain('Target="../charts/chart1.xml"');
    parse(await part("xl/charts/chart1.xml"));
    expect(await part("[Content_Types].xml")).toContain('<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>');
  });
});

describe("chunked CSV parsing", () => {
  const field = fc.oneof(fc.constantFrom("", "a", "Acme, Inc.", 'say "hi"', "two\nlines", "x\r\ny", " ", "12200"), fc.string({ maxLength: 6 }));
  const quote = (v: string): string => (/[",\r\n]/.test(v) || v.trim() !== v ? `"${v.replace(/"/g, '""')}"` : v);
  const table = fc.array(fc.array(field, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 });

  it("reads the same rows wherever the pieces are cut", () => {
    fc.assert(
      fc.property(table, fc.constantFrom("\n", "\r\n"), fc.array(fc.nat(), { maxLength: 6 }), (rows, eol, cuts) => {
        const text = rows.map((r) => r.map(quote).join(",")).join(eol) + eol;
        const whole = parseCsv(text, ",");
        const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const p = new DelimitedParser(",", "t.csv");
        let from = 0;
        for (const c of [...at, text.length]) {
          p.push(text.slice(from, c));
          from = c;
        }
        expect(p.end()).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it("reads a file in chunks as it reads the same text whole, and names the encoding", () => {
    const dir = mkdtempSync(join(tmpdir(), "xsell-csv-"));
    const lines = ["Account;Product;ARR", ...Array.from({ length: 2000 }, (_, i) => `Café ${i};"CRM; Suite";${i},5`)];
    const path = join(dir, "o.csv");
    writeFileSync(path, `\ufeff${lines.join("\r\n")}\r\n`);
    const t = readDelimitedFile(path, "o.csv");
    expect(t.rows.length).toBe(2001);
    expect(t.rows[2000]).toEqual(["Café 1999", "CRM; Suite", "1999,5"]);
    expect(t.format).toMatch(/^UTF-8 with BOM, semicolon-delimited/);
    // Windows-1252 bytes (é as 0xE9) are not UTF-8: read again as Windows-1252
    writeFileSync(path, Buffer.from("Account,ARR\r\nCaf\xe9,1\r\n", "latin1"));
    const w = readDelimitedFile(path, "o.csv");
    expect(w.rows[1]).toEqual(["Café", "1"]);
    expect(w.format).toMatch(/^Windows-1252/);
  });
});
