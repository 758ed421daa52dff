/**
 * The demo workbook in LibreOffice (Debian's libreoffice-calc), headless. XSELL writes formulas without cached
 * results, so LibreOffice calculates every one of them when it loads the file: converting to xlsx is a full
 * recalculation, and reading the converted file gives LibreOffice's numbers. They must equal XSELL_SCENARIO's,
 * XSELL_SENSITIVITY's and XSELL_PROJECTION's on the same inputs. The Scorecard and Whitespace tabs are rendered
 * to PNG under test/artifacts/ (PDF export, then pdftoppm).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { XSELL_PROJECTION, XSELL_SCENARIO } from "../../core/functions";
import { main } from "../../cli/main";
import { PROJECTION_FIRST_ROW as P0, SCENARIO_INPUT_ROWS as IN, SCENARIO_OUTPUT_ROWS as OUT, SENSITIVITY_HEADER_ROW as SH } from "../../core/tabs/scenario";
import { artifact } from "./harness";

const dir = mkdtempSync(join(tmpdir(), "xsell-lo-"));
const demo = join(dir, "xsell-demo.xlsx");
let calc: ExcelJS.Workbook;

function soffice(args: string[]): void {
  execFileSync("soffice", ["--headless", "--norestore", `-env:UserInstallation=file://${join(dir, "profile")}`, ...args], { cwd: dir, stdio: "pipe", timeout: 180_000 });
}

const num = (v: ExcelJS.CellValue): number => {
  if (typeof v === "number") return v;
  if (v && typeof v === "object" && "result" in v) return Number((v as ExcelJS.CellFormulaValue).result);
  return NaN;
};

beforeAll(async () => {
  expect(await main(["demo", "--out", demo])).toBe(0);
  soffice(["--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", join(dir, "calc"), demo]);
  calc = new ExcelJS.Workbook();
  await calc.xlsx.readFile(join(dir, "calc", "xsell-demo.xlsx"));
}, 240_000);

describe("the demo workbook recalculated by LibreOffice", () => {
  it("computes the Scenario outputs exactly as XSELL_SCENARIO does", () => {
    const ws = calc.getWorksheet("Scenario")!;
    const input = (r: number) => num(ws.getCell(r, 2).value);
    const expected = XSELL_SCENARIO(input(IN.accounts), input(IN.baseArr), input(IN.addonPrice), input(IN.attachRate), input(IN.newLogoDeal), input(IN.cacNew), input(IN.cacExpansion));
    expected.slice(1).forEach(([label, value], i) => {
      expect(ws.getCell(OUT.baseArr + i, 1).value).toBe(label);
      expect(num(ws.getCell(OUT.baseArr + i, 2).value), String(label)).toBeCloseTo(value as number, 6);
    });
  });

  it("computes the 3-year projection as XSELL_PROJECTION does", () => {
    const ws = calc.getWorksheet("Scenario")!;
    const input = (r: number) => num(ws.getCell(r, 2).value);
    const expected = XSELL_PROJECTION(input(IN.accounts), input(IN.baseArr), input(IN.addonPrice), input(IN.attachRate), 3, input(IN.churnSingle), input(IN.churnMulti));
    for (let y = 0; y <= 3; y++) {
      for (let c = 1; c <= 6; c++) expect(num(ws.getCell(P0 + y, c).value), `year ${y} column ${c}`).toBeCloseTo(expected[y + 1][c - 1] as number, 4);
      if (y > 0) {
        expect(num(ws.getCell(P0 + y, 7).value)).toBeCloseTo(expected[y + 1][6] as number, 9);
        expect(num(ws.getCell(P0 + y, 8).value)).toBeCloseTo(expected[y + 1][7] as number, 9);
      }
    }
  });

  it("fills the sensitivity grid: whole buyers (accounts × rate, rounded) × price, with prices 50%–150% of the add-on", () => {
    const ws = calc.getWorksheet("Scenario")!;
    const accounts = num(ws.getCell(IN.accounts, 2).value);
    const price = num(ws.getCell(IN.addonPrice, 2).value);
    expect(num(ws.getCell(SH, 4).value)).toBe(price);
    for (let r = SH + 1; r <= SH + 6; r++) {
      for (let c = 2; c <= 6; c++) {
        // whole buyers × price, as the outputs count them
        expect(num(ws.getCell(r, c).value)).toBeCloseTo(Math.round(accounts * num(ws.getCell(r, 1).value)) * num(ws.getCell(SH, c).value), 4);
      }
    }
  });

  it("sums the Whitespace totals over the gaps, skipping owned cells", () => {
    const ws = calc.getWorksheet("Whitespace")!;
    // the total column by its header (the helper table the product chart reads stands further right in row 1)
    let lastCol = 2;
    while (!String(ws.getCell(1, lastCol).value ?? "").startsWith("Total whitespace")) lastCol++;
    expect(lastCol).toBe(10);
    for (const r of [2, 3, 50, 401]) {
      let sum = 0;
      for (let c = 2; c < lastCol; c++) {
        const v = ws.getCell(r, c).value;
        if (typeof v === "number") sum += v;
      }
      expect(num(ws.getCell(r, lastCol).value)).toBeCloseTo(sum, 9);
    }
  });

  it.each(["Scorecard", "Whitespace", "Adjacency", "Timing"])("renders the %s tab to PNG", async (tab) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(demo);
    for (const ws of [...wb.worksheets]) if (ws.name !== tab) wb.removeWorksheet(ws.id);
    const single = join(dir, `${tab}.xlsx`);
    await wb.xlsx.writeFile(single);
    soffice(["--convert-to", "pdf", "--outdir", join(dir, "pdf"), single]);
    const pdf = join(dir, "pdf", `${tab}.pdf`);
    expect(existsSync(pdf)).toBe(true);
    execFileSync("pdftoppm", ["-png", "-r", "70", "-f", "1", "-l", "1", pdf, join(dir, tab)]);
    const png = readdirSync(dir).find((f) => f.startsWith(tab) && f.endsWith(".png"))!;
    renameSync(join(dir, png), artifact(`${tab.toLowerCase()}-tab.png`));
    expect(existsSync(artifact(`${tab.toLowerCase()}-tab.png`))).toBe(true);
  }, 180_000);
});
