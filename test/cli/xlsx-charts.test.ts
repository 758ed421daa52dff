/**
 * The DrawingML post-process on a package ExcelJS wrote: parts, relationships, content types and the sheet's
 * <drawing> element in schema order, each checked by parsing the XML; chart formulas name the tab's own cells.
 * (LibreOffice's import of the same parts is checked in test/e2e/charts.e2e.test.ts.)
 */
import { DOMParser } from "@xmldom/xmldom";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { addChartsToXlsx, chartXml, sheetRef } from "../../cli/xlsx-charts";
import type { ChartSpec } from "../../core/tabs/spec";

const column: ChartSpec = {
  kind: "column",
  title: "Accounts per band",
  categories: "K3:K6",
  series: [{ name: "L2", values: "L3:L6", color: "#0F766E" }],
  valueFormat: "#,##0",
  anchor: "N1",
  width: 520,
  height: 300,
};

async function written(withNote: boolean): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Scorecard");
  ws.getCell("A1").value = "Account";
  if (withNote) ws.getCell("A1").note = "a note, so the sheet has a legacyDrawing";
  wb.addWorksheet("Bob's & Co");
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const parse = (xml: string): Document => {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => void (level !== "warning" && errors.push(msg)) }).parseFromString(xml, "text/xml") as unknown as Document;
  expect(errors).toEqual([]);
  return doc;
};

describe("addChartsToXlsx", () => {
  it("adds a chart part, a drawing anchoring it, their relationships and content types; the sheet points at the drawing before its legacyDrawing", async () => {
    const out = await addChartsToXlsx(await written(true), [{ sheet: "Scorecard", charts: [column, { ...column, title: "Second", anchor: "N18" }] }]);
    const zip = await JSZip.loadAsync(out);
    const text = (p: string): Promise<string> => zip.file(p)!.async("string");
    expect(Object.keys(zip.files).filter((f) => f.startsWith("xl/charts/")).sort()).toEqual(["xl/charts/chart1.xml", "xl/charts/chart2.xml"]);
    const sheet = await text("xl/worksheets/sheet1.xml");
    parse(sheet);
    const drawingId = /<drawing r:id="(rId\d+)"\/>/.exec(sheet)![1];
    expect(sheet.indexOf("<drawing ")).toBeLessThan(sheet.indexOf("<legacyDrawing "));
    const rels = await text("xl/worksheets/_rels/sheet1.xml.rels");
    expect(rels).toContain(`Id="${drawingId}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"`);
    // the comments' relationships ExcelJS wrote are still there
    expect(rels).toMatch(/relationships\/comments/);
    const drawing = await text("xl/drawings/drawing1.xml");
    parse(drawing);
    // N1 and N18: column 13, rows 0 and 17; 520 × 300 px in EMU
    expect([...drawing.matchAll(/<xdr:col>(\d+)<\/xdr:col>.*?<xdr:row>(\d+)<\/xdr:row>/g)].map((m) => [m[1], m[2]])).toEqual([["13", "0"], ["13", "17"]]);
    expect(drawing).toContain(`<xdr:ext cx="${520 * 9525}" cy="${300 * 9525}"/>`);
    expect(await text("xl/drawings/_rels/drawing1.xml.rels")).toContain('Target="../charts/chart2.xml"');
    const types = await text("[Content_Types].xml");
    expect(types).toContain('PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"');
    expect(types).toContain('PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"');
    // the package still opens, with the sheets as they were
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(out.buffer as ArrayBuffer);
    expect(back.worksheets.map((w) => w.name)).toEqual(["Scorecard", "Bob's & Co"]);
    expect(back.getWorksheet("Scorecard")!.getCell("A1").value).toBe("Account");
  });

  it("works on a sheet without notes (no relationships part yet) and quotes sheet names in formulas", async () => {
    const out = await addChartsToXlsx(await written(false), [{ sheet: "Bob's & Co", charts: [column] }]);
    const zip = await JSZip.loadAsync(out);
    const sheet = await zip.file("xl/worksheets/sheet2.xml")!.async("string");
    expect(sheet).toMatch(/<drawing r:id="rId1"\/><\/worksheet>$/);
    const chart = await zip.file("xl/charts/chart1.xml")!.async("string");
    parse(chart);
    expect(chart).toContain("<c:f>'Bob''s &amp; Co'!$L$3:$L$6</c:f>");
    expect(sheetRef("Bob's & Co", "K3")).toBe("'Bob''s & Co'!$K$3");
  });

  it("writes nothing for sheets without charts, and names a sheet that does not exist", async () => {
    const bytes = await written(false);
    expect(await addChartsToXlsx(bytes, [{ sheet: "Scorecard", charts: [] }])).toBe(bytes);
    await expect(addChartsToXlsx(bytes, [{ sheet: "Nope", charts: [column] }])).rejects.toThrow('no worksheet named "Nope"');
  });
});

describe("chartXml", () => {
  const xml = (c: ChartSpec): Document => parse(chartXml("S", c));
  const tags = (d: Document | Element, t: string): Element[] => Array.from(d.getElementsByTagName(t) as unknown as ArrayLike<Element>);

  it("draws each kind with its DrawingML chart element", () => {
    const plot = (c: ChartSpec): string => tags(xml(c), "c:plotArea")[0].childNodes[1].nodeName;
    expect(plot(column)).toBe("c:barChart");
    expect(plot({ ...column, kind: "line" })).toBe("c:lineChart");
    expect(plot({ ...column, kind: "scatter", categoryFormat: "0" })).toBe("c:scatterChart");
    expect(plot({ ...column, kind: "waterfall" })).toBe("c:barChart");
  });

  it("a horizontal bar lists the first category on top; a waterfall stacks on an invisible base", () => {
    const bar = xml({ ...column, kind: "bar" });
    expect(tags(bar, "c:barDir")[0].getAttribute("val")).toBe("bar");
    expect(tags(tags(bar, "c:catAx")[0], "c:orientation")[0].getAttribute("val")).toBe("maxMin");
    const wf = xml({ ...column, kind: "waterfall", series: [{ name: "A1", values: "A2:A4" }, { name: "B1", values: "B2:B4", color: "#00FF00" }] });
    expect(tags(wf, "c:grouping")[0].getAttribute("val")).toBe("stacked");
    const [base, bars] = tags(wf, "c:ser");
    expect(tags(base, "a:noFill").length).toBeGreaterThan(0);
    expect(tags(bars, "a:srgbClr")[0].getAttribute("val")).toBe("00FF00");
  });

  it("binds custom error bars to their ranges, and scatter x values to the categories", () => {
    const withErr = xml({ ...column, kind: "bar", series: [{ name: "B1", values: "B2:B5", errorBars: { plus: "F2:F5", minus: "E2:E5" } }] });
    const err = tags(withErr, "c:errBars")[0];
    expect(tags(err, "c:errValType")[0].getAttribute("val")).toBe("cust");
    expect(tags(tags(err, "c:plus")[0], "c:f")[0].textContent).toBe("'S'!$F$2:$F$5");
    expect(tags(tags(err, "c:minus")[0], "c:f")[0].textContent).toBe("'S'!$E$2:$E$5");
    const sc = xml({ ...column, kind: "scatter", categories: "B2:B9", categoryFormat: "0", series: [{ name: "G1", values: "G2:G9" }] });
    expect(tags(tags(sc, "c:xVal")[0], "c:f")[0].textContent).toBe("'S'!$B$2:$B$9");
    expect(tags(tags(sc, "c:yVal")[0], "c:f")[0].textContent).toBe("'S'!$G$2:$G$9");
  });

  it("escapes titles and writes the value axis's number format", () => {
    const d = xml({ ...column, title: "R&D <costs>", valueFormat: '"$"#,##0' });
    expect(tags(d, "a:t")[0].textContent).toBe("R&D <costs>");
    expect(tags(tags(d, "c:valAx")[0], "c:numFmt")[0].getAttribute("formatCode")).toBe('"$"#,##0');
  });
});
