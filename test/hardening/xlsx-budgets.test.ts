/**
 * Reproduction 1's second half: a small .xlsx that holds ten million short rows (deflate packs repeated XML a
 * thousand to one) used to be inflated and materialised whole by ExcelJS. The package is now scanned as it
 * inflates and refused at the first row past the limit, with one line naming the file, the sheet, the row and the
 * limit. Two files that differ ninefold in the rows they hold are refused in the same time and memory, measured in
 * child processes; a file within the limits still reads, and the sparse A1/XFD1/A1048576 file is three cells.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { readTableFile } from "../../cli/readers";
import { EXCEL_ROWS, scanXlsx, XLSX_LIMITS } from "../../cli/xlsx-scan";
import { shortRow, writeRowsBook as writeBook } from "../../examples/xlsx-rows";

const CHILD = join(__dirname, "..", "..", "bench", "report-child.cjs");

interface Figures {
  code: number;
  ms: number;
  cpuMs: number;
  maxRssMb: number;
}

function score(path: string): Figures & { stderr: string } {
  const res = spawnSync(process.execPath, [CHILD, "score", path, "--as-of", "2026-06-30"], { encoding: "utf8" });
  const last = res.stdout.trim().split("\n").pop() ?? "";
  if (!last.startsWith("{")) throw new Error(`the child did not finish (status ${res.status}, signal ${res.signal}): ${res.stderr.slice(-2000)}`);
  return { ...(JSON.parse(last) as Figures), stderr: res.stderr };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "xsell-xlsx-budget-"));
});

describe("an xlsx past the rows limit", () => {
  it("is refused at the first row past the limit, reading no further (a lowered limit, in process)", async () => {
    const path = join(dir, "small-limit.xlsx");
    writeBook(path, 50_000, shortRow);
    const limits = { ...XLSX_LIMITS, rows: 1_000 };
    await expect(scanXlsx(path, limits)).rejects.toThrow("small-limit.xlsx › Accounts & more: row 1,002 is past the rows budget: XSELL reads at most 1,000 data rows below the header; split the sheet, or use the warehouse path");
    // within the limit, the scan counts the rows that exist
    expect((await scanXlsx(path, { ...XLSX_LIMITS, rows: 50_000 })).rows).toBe(50_001);
  });

  it("refuses a cell past the columns limit and a row number past Excel's last row, naming the row", async () => {
    const wide = join(dir, "wide.xlsx");
    writeBook(wide, 3, (i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>1</v></c>${i === 2 ? `<c r="XFE${i + 1}"><v>1</v></c>` : ""}</row>`);
    await expect(scanXlsx(wide)).rejects.toThrow("wide.xlsx › Accounts & more: row 3 has a cell in column 16,385, past the 16,384 columns XSELL reads (an Excel sheet's width)");
    const deep = join(dir, "deep.xlsx");
    writeBook(deep, 2, (i) => (i === 1 ? '<row r="2"><c r="A2"><v>1</v></c></row>' : `<row r="${EXCEL_ROWS + 5}"><c r="A${EXCEL_ROWS + 5}"><v>1</v></c></row>`));
    await expect(scanXlsx(deep)).rejects.toThrow(`deep.xlsx › Accounts & more: row 1,048,581 is past an Excel sheet's last row (1,048,576)`);
  });

  it("refuses a part that inflates past the bytes limit, naming the row it reached", async () => {
    const path = join(dir, "bytes.xlsx");
    writeBook(path, 200_000, shortRow);
    const limits = { ...XLSX_LIMITS, partBytes: 2 ** 20 };
    await expect(scanXlsx(path, limits)).rejects.toThrow(/bytes\.xlsx › Accounts & more: the part holds more than 1 MB uncompressed \(at row [\d,]+\), more than XSELL reads/);
  });

  it("a ten-million-row file of about a megabyte is refused in the same time and memory as one just past the limit", () => {
    const justPast = join(dir, "just-past.xlsx");
    const tenMillion = join(dir, "ten-million.xlsx");
    writeBook(justPast, EXCEL_ROWS + 100, shortRow, 9);
    writeBook(tenMillion, 10_000_000, shortRow, 9);
    // the reproduction's shape: a file of a megabyte or so that implies ten million rows
    expect(statSync(tenMillion).size).toBeLessThan(2 * 2 ** 20);
    const a = score(justPast);
    const b = score(tenMillion);
    for (const [f, name] of [[a, justPast], [b, tenMillion]] as const) {
      expect(f.code).toBe(2);
      expect(f.stderr.trim()).toBe(`xsell: ${name} › Accounts & more: row 1,048,577 is past an Excel sheet's last row (1,048,576); split the sheet, or use the warehouse path`);
    }
    // ~9.5× the rows declared by the file: the refusal costs the same (a loaded machine moves both sides)
    expect(b.cpuMs / a.cpuMs).toBeLessThan(1.6);
    expect(b.maxRssMb / a.maxRssMb).toBeLessThan(1.3);
    expect(b.maxRssMb).toBeLessThan(400);
    console.info(`xlsx refusal: ${EXCEL_ROWS + 100} rows ${a.cpuMs.toFixed(0)} ms CPU ${a.maxRssMb.toFixed(0)} MB; 10,000,000 rows ${b.cpuMs.toFixed(0)} ms CPU ${b.maxRssMb.toFixed(0)} MB`);
  }, 300_000);
});

describe("an xlsx within the limits", () => {
  it("still reads: the generated book's rows, and the sparse A1/XFD1/A1048576 book as the cells it holds", async () => {
    const path = join(dir, "fits.xlsx");
    writeBook(path, 3, (i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>Acct${i}</t></is></c><c r="B${i + 1}"><v>${i * 10}</v></c></row>`);
    const t = await readTableFile(path);
    expect(t.label).toBe(`${path} › Accounts & more`);
    expect(t.rows).toEqual([["Account", "NPS"], ["Acct1", 10], ["Acct2", 20], ["Acct3", 30]]);

    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("Sparse");
    ws.getCell("A1").value = "Account";
    ws.getCell("XFD1").value = "far right";
    ws.getCell("A1048576").value = "far down";
    const sparse = join(dir, "sparse.xlsx");
    await book.xlsx.writeFile(sparse);
    expect(statSync(sparse).size).toBeLessThan(10_000);
    const figures = await scanXlsx(sparse);
    expect(figures.rows).toBe(EXCEL_ROWS);
    const s = await readTableFile(sparse);
    expect(s.rows).toHaveLength(EXCEL_ROWS);
    expect(s.rows[0]).toHaveLength(16_384);
    expect(s.rows[EXCEL_ROWS - 1]).toEqual(["far down"]);
    expect(s.rows[1]).toBe(s.rows[2]); // the rows between are one shared empty row
  }, 60_000);
});
