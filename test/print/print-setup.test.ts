/**
 * Print setup in the sheet spec and in each renderer: the defaults (used range, one page wide, landscape only when
 * too wide for portrait, frozen header rows repeated, no gridlines), the page header, row heights for wrapped text,
 * and what the fake Excel, the fake Sheets and the xlsx writer (read back by ExcelJS) record.
 */
import { describe, expect, it } from "vitest";
import { written } from "../cli/xlsx-written";
import { buildTab, oddHeader, pageHeaderFooter, SpecBuilder, TAB_KINDS, wrappedLines, type SheetSpec } from "../../core/tabs";
import { areaWithCharts, chartBox } from "../../core/tabs/print";
import { parseA1, type ChartSpec } from "../../core/tabs/spec";
import { dayFromYmd } from "../../core/values";
import { renderSpec } from "../../excel-addin/renderer";
import { renderSpecToSheets } from "../../sheets-addon/src/renderer";
import { FakeAppsScript } from "../fakes/apps-script";
import { FakeWorkbook, fakeContext } from "../fakes/excel-host";
import { sample } from "../hosts/excel-shape";

const AS_OF = dayFromYmd(2026, 11, 1);
const inputs = { accounts: sample("accounts.csv"), ownership: sample("ownership.csv"), prices: sample("prices.csv"), retention: sample("retention.csv"), subscriptions: sample("subscriptions.csv"), outcomes: sample("outcomes.csv"), asOf: AS_OF };

/** A 3 × 2 table with a wrapped header: "Marketing Automation" in a 10-character column takes two lines. */
function small(widths: number[]): SheetSpec {
  const b = new SpecBuilder("Small").block(0, 0, [["Account", "Marketing Automation"], ["Acme", 1], ["Globex", 2]]);
  b.format({ range: "A1:B1", bold: true, wrap: true });
  b.widths(widths);
  b.freeze = { rows: 1, cols: 0 };
  return b.finish();
}

describe("print defaults", () => {
  it("prints the used range one page wide, header rows repeated, no gridlines, portrait when narrow", () => {
    expect(small([20, 10]).print).toEqual({ orientation: "portrait", fitToWidth: true, area: "A1:B3", repeatRows: 1, gridlines: false, title: "Small" });
  });
  it("turns landscape when the columns are wider than portrait prints readably (110 characters)", () => {
    expect(small([60, 51]).print?.orientation).toBe("landscape");
    expect(small([60, 50]).print?.orientation).toBe("portrait");
  });
  it("takes the orientation from a narrowed area's width when the builder chooses none", () => {
    const b = new SpecBuilder("T").block(0, 0, [["a", "b"], [1, 2]]);
    b.widths([60, 60]);
    expect(b.finish().print?.orientation).toBe("landscape"); // 120 characters in all
    b.print = { area: "A1:A2" };
    expect(b.finish().print?.orientation).toBe("portrait"); // 60 printed
  });
  it("lets a builder narrow what prints", () => {
    const b = new SpecBuilder("T").block(0, 0, [[1], [2], [3]]);
    b.print = { area: "A1:A2" };
    expect(b.finish().print?.area).toBe("A1:A2");
  });
});

describe("row heights for wrapped text", () => {
  it("counts lines word by word as a column of that width wraps them", () => {
    expect(wrappedLines("Marketing Automation", 20)).toBe(1);
    expect(wrappedLines("Marketing Automation", 12)).toBe(2);
    expect(wrappedLines("a bb ccc dddd", 6)).toBe(3); // "a bb" | "ccc" | "dddd"
    expect(wrappedLines("abcdefghij", 4)).toBe(3); // a word longer than the column breaks: abcd | efgh | ij
    expect(wrappedLines("one\ntwo", 40)).toBe(2);
  });
  it("gives a header row the height of its tallest wrapped cell (bold text a tenth wider)", () => {
    // bold "Marketing Automation" at 10 characters a line: "Marketing" | "Automation"
    expect(small([20, 10]).rowHeights).toEqual([{ row: 0, height: 30 }]);
    // a bold word longer than its column breaks: "Marketing" | "Automatio" | "n"
    expect(small([20, 9]).rowHeights).toEqual([{ row: 0, height: 45 }]);
    expect(small([20, 30]).rowHeights).toEqual([]);
  });
});

describe("page header and footer", () => {
  it("puts the title left (bold), the as-of date right and the page number centred below", () => {
    const print = { ...small([20, 10]).print!, title: "Q&A", asOf: "2026-11-01" };
    expect(pageHeaderFooter(print)).toEqual({ leftHeader: '&"-,Bold"Q&&A', rightHeader: "As of 2026-11-01", centerFooter: "Page &P of &N" });
    expect(oddHeader(print)).toBe('&L&"-,Bold"Q&&A&RAs of 2026-11-01');
  });
});

describe("charts on paper", () => {
  const chart = (anchor: string): ChartSpec => ({ kind: "column", title: "t", categories: "A2:A3", series: [], valueFormat: "0", anchor, width: 520, height: 300 });
  // 520 px over default columns of 8.43 × 7 + 5 = 64 px: 9 columns (8 give 512); 300 px over 20 px rows: 15, plus one
  it("measures the cells a chart covers from the column widths and its size in pixels", () => {
    expect(chartBox({ charts: [chart("K2")], columnWidths: [] })).toEqual({ row: 1, col: 10, rows: 16, cols: 9 });
    // a 100-character column (705 px) holds the chart alone
    expect(chartBox({ charts: [chart("K2")], columnWidths: [{ col: 10, width: 100 }] })).toEqual({ row: 1, col: 10, rows: 16, cols: 1 });
    expect(chartBox({ charts: [], columnWidths: [] })).toBeNull();
  });

  it("prints charts beside a long table as their own part, first; beside or below a short one, with it; below within the printed columns, by extending it", () => {
    expect(areaWithCharts({ charts: [chart("K2")], columnWidths: [] }, "A1:I100")).toBe("K2:S17,A1:I100");
    // 40 rows and 19 default columns (160 characters, under 220) make one landscape page
    expect(areaWithCharts({ charts: [chart("K2")], columnWidths: [] }, "A1:I40")).toBe("A1:S40");
    expect(areaWithCharts({ charts: [chart("K2")], columnWidths: [{ col: 0, width: 100 }] }, "A1:I40")).toBe("K2:S17,A1:I40");
    expect(areaWithCharts({ charts: [chart("B23")], columnWidths: [] }, "A1:M20")).toBe("A1:M38");
    expect(areaWithCharts({ charts: [chart("B45")], columnWidths: [] }, "A1:M40")).toBe("A1:M60");
    expect(areaWithCharts({ charts: [chart("B5")], columnWidths: [] }, "A1:M40")).toBe("A1:M40");
    expect(areaWithCharts({ charts: [], columnWidths: [] }, "A1:M40")).toBe("A1:M40");
  });
});

describe("every tab's print setup on the sample", () => {
  it.each(TAB_KINDS)("%s: one page wide, as of the report's date, its print area inside the used range", (kind) => {
    const spec = buildTab(kind, inputs);
    const print = spec.print!;
    expect(print.fitToWidth).toBe(true);
    expect(print.gridlines).toBe(false);
    expect(print.asOf).toBe("2026-11-01");
    // the charts sit over empty cells beside or below the tables: the area may reach as far as they do
    const box = chartBox(spec);
    const parts = print.area.split(",").map(parseA1);
    for (const [i, r] of parts.entries()) {
      expect(r.row + r.rows, `part ${i}`).toBeLessThanOrEqual(Math.max(spec.rows, box ? box.row + box.rows : 0));
      expect(r.col + r.cols, `part ${i}`).toBeLessThanOrEqual(Math.max(spec.cols, box ? box.col + box.cols : 0));
    }
    // every chart prints: its top-left cell and its far corner inside one part of the area
    for (const chart of spec.charts) {
      const at = chartBox({ charts: [chart], columnWidths: spec.columnWidths })!;
      const within = (r: (typeof parts)[number], row: number, col: number): boolean => row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;
      expect(parts.some((r) => within(r, at.row, at.col) && within(r, at.row + at.rows - 1, at.col + at.cols - 1)), chart.title).toBe(true);
    }
  });
});

describe("renderers apply the print setup", () => {
  const spec = buildTab("scorecard", inputs);

  it("Excel: page layout through the fake host, which rejects what Excel rejects", async () => {
    const wb = new FakeWorkbook();
    await renderSpec(fakeContext(wb), spec, { notes: false });
    const sheet = wb.sheet("Scorecard");
    expect(sheet.print).toEqual({
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printGridlines: false,
      centerHorizontally: true,
      printArea: spec.print!.area,
      printTitleRows: "$1:$1",
      // the printed copy lists the 30 best-scored of the sample's 400 accounts, and its header says so
      leftHeader: '&"-,Bold"Scorecard — all 400 accounts charted; the top 30 by score listed',
      rightHeader: "As of 2026-11-01",
      centerFooter: "Page &P of &N",
    });
    for (const h of spec.rowHeights!) expect(sheet.rowHeights.get(h.row)).toBe(h.height);
    expect(spec.rowHeights!.length).toBeGreaterThan(100); // reasons and triggers wrap on most rows
    // a tall row's cells start on its first line
    expect(sheet.formats).toContainEqual({ range: "A2:I401", prop: "verticalAlignment", value: "Top" });
  });

  it("Sheets and xlsx top-align the Scorecard's rows too (Apps Script says \"top\"; OOXML vertical=\"top\")", async () => {
    const app = new FakeAppsScript();
    const g = globalThis as Record<string, unknown>;
    Object.assign(g, { SpreadsheetApp: app.globals().SpreadsheetApp, Charts: app.globals().Charts });
    try {
      renderSpecToSheets(app.spreadsheet as never, spec);
    } finally {
      delete g.SpreadsheetApp;
      delete g.Charts;
    }
    expect(app.spreadsheet.getSheetByName("Scorecard")!.formats).toContainEqual({ range: "A2:I401", prop: "verticalAlignment", value: "top" });
    const { book: back } = await written((w) => w.addSpecSheet(spec));
    expect(back.getWorksheet("Scorecard")!.getCell("B2").alignment?.vertical).toBe("top");
  });

  it("the fake Excel refuses a title range that is not whole rows and a zoom with both a scale and a fit", async () => {
    const bad = { ...spec, print: { ...spec.print!, repeatRows: 0 } };
    const wb = new FakeWorkbook();
    const ctx = fakeContext(wb);
    await renderSpec(ctx, bad, { notes: false });
    const layout = ctx.workbook.worksheets.getItem("Scorecard").pageLayout;
    expect(() => layout.setPrintTitleRows("A1:B1")).toThrow(/invalid/i);
    expect(() => (layout.zoom = { scale: 80, horizontalFitToPages: 1 })).toThrow(/invalid/i);
    expect(() => (layout.orientation = "landscape" as never)).toThrow(/invalid/i);
    expect(wb.sheet("Scorecard").print.printTitleRows).toBeUndefined();
  });

  it("Sheets: the frozen header row and the row heights (Apps Script has no page-setup API)", () => {
    const app = new FakeAppsScript();
    const plain = { ...small([20, 10]) };
    renderSpecToSheets(app.spreadsheet as never, plain);
    const sheet = app.spreadsheet.getSheetByName("Small")!;
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.rowHeights).toEqual([[1, 1, 40]]); // 30 points = 40 pixels
  });

  it("xlsx: an absolute print area, title rows, fit to width, landscape and the header survive a round trip", async () => {
    const { book: back } = await written(async (w) => {
      await w.addSpecSheet(spec);
      await w.addDataSheet("Data", ["Account", "ARR"], [["Acme", 1]], new Set());
    });
    const ws = back.getWorksheet("Scorecard")!;
    expect(ws.pageSetup.orientation).toBe("landscape");
    expect(ws.pageSetup.fitToPage).toBe(true);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.fitToHeight).toBe(0);
    expect(ws.pageSetup.showGridLines).toBe(false);
    expect(ws.pageSetup.printTitlesRow).toBe("1:1");
    expect(ws.headerFooter.oddHeader).toBe('&L&"-,Bold"Scorecard — all 400 accounts charted; the top 30 by score listed&RAs of 2026-11-01');
    expect(ws.getRow(spec.rowHeights![0].row + 1).height).toBe(spec.rowHeights![0].height);
    const data = back.getWorksheet("Data")!;
    expect(data.state).toBe("hidden");
    // no print area on the hidden input sheet: LibreOffice prints a hidden sheet that has one
    expect(data.pageSetup.printArea).toBeUndefined();
  });

  it("xlsx: the print area is written with absolute rows ('$A$1:$I$31', which LibreOffice honours)", async () => {
    const { part } = await written((w) => w.addSpecSheet(spec));
    const xml = await part("xl/workbook.xml");
    const [charts, table] = spec.print!.area.split(",");
    const abs = (a: string): string => a.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
    expect(charts).not.toMatch(/^A1:/);
    expect(xml).toContain(`<definedName name="_xlnm.Print_Area" localSheetId="0">'Scorecard'!${abs(charts)},'Scorecard'!$A$1:$I$${parseA1(table).rows}</definedName>`);
  });
});
