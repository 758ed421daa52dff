/**
 * The DrawingML chart parts in the package the streaming writer writes: parts, relationships, content types and the
 * sheet's <drawing> element in schema order, each checked by parsing the XML; chart formulas name the tab's own cells.
 * (LibreOffice's import of the same parts is checked in test/e2e/charts.e2e.test.ts.)
 */
import { DOMParser } from "@xmldom/xmldom";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { chartXml, sheetRef } from "../../cli/xlsx-charts";
import { SpecBuilder, type ChartSpec } from "../../core/tabs/spec";
import { written } from "./xlsx-written";

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

/** A workbook from the streaming writer: a Scorecard with two charts (and a note, so it has a legacyDrawing), and a sheet whose name needs quoting. */
async function book(): Promise<{ part: (path: string) => Promise<string>; path: string }> {
  return written(async (w) => {
    const score = new SpecBuilder("Scorecard").block(0, 0, [["Account"]]).chart(column).chart({ ...column, title: "Second", anchor: "N18" });
    score.notes.push({ cell: "A1", text: "a note, so the sheet has a legacyDrawing" });
    await w.addSpecSheet(score.finish());
    await w.addSpecSheet(new SpecBuilder("Bob's & Co").block(0, 0, [["x"]]).chart(column).finish());
    await w.addSpecSheet(new SpecBuilder("Plain").block(0, 0, [["y"]]).finish());
  });
}

const parse = (xml: string): Document => {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => void (level !== "warning" && errors.push(msg)) }).parseFromString(xml, "text/xml") as unknown as Document;
  expect(errors).toEqual([]);
  return doc;
};

describe("charts in the written package", () => {
  it("writes a chart part per chart, a drawing anchoring them, their relationships and content types; the sheet points at the drawing before its legacyDrawing", async () => {
    const { part, path } = await book();
    const sheet = await part("xl/worksheets/sheet1.xml");
    parse(sheet);
    const drawingId = /<drawing r:id="(rId\d+)"\/>/.exec(sheet)![1];
    expect(sheet.indexOf("<drawing ")).toBeLessThan(sheet.indexOf("<legacyDrawing "));
    const rels = await part("xl/worksheets/_rels/sheet1.xml.rels");
    expect(rels).toMatch(new RegExp(`Id="${drawingId}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"`));
    // the notes' relationships are still there
    expect(rels).toMatch(/relationships\/comments/);
    const drawing = await part("xl/drawings/drawing1.xml");
    parse(drawing);
    // N1 and N18: column 13, rows 0 and 17; 520 × 300 px in EMU
    expect([...drawing.matchAll(/<xdr:col>(\d+)<\/xdr:col>.*?<xdr:row>(\d+)<\/xdr:row>/g)].map((m) => [m[1], m[2]])).toEqual([["13", "0"], ["13", "17"]]);
    expect(drawing).toContain(`<xdr:ext cx="${520 * 9525}" cy="${300 * 9525}"/>`);
    const drawingRels = await part("xl/drawings/_rels/drawing1.xml.rels");
    expect(drawingRels).toContain('Target="../charts/chart1.xml"');
    expect(drawingRels).toContain('Target="../charts/chart2.xml"');
    const types = await part("[Content_Types].xml");
    for (const n of [1, 2, 3]) expect(types).toContain(`PartName="/xl/charts/chart${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"`);
    expect(types).toContain('PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"');
    // the package still opens, with its sheets and cells
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(path);
    expect(back.worksheets.map((w) => w.name)).toEqual(["Scorecard", "Bob's & Co", "Plain"]);
    expect(back.getWorksheet("Scorecard")!.getCell("A1").value).toBe("Account");
  });

  it("numbers charts across sheets, quotes sheet names in formulas, and gives a sheet without charts no drawing", async () => {
    const { part } = await book();
    const chart = await part("xl/charts/chart3.xml");
    parse(chart);
    expect(chart).toContain("<c:f>'Bob''s &amp; Co'!$L$3:$L$6</c:f>");
    expect(await part("xl/drawings/_rels/drawing2.xml.rels")).toContain('Target="../charts/chart3.xml"');
    expect(sheetRef("Bob's & Co", "K3")).toBe("'Bob''s & Co'!$K$3");
    expect(await part("xl/worksheets/sheet3.xml")).not.toContain("<drawing");
    expect(await part("xl/drawings/drawing3.xml")).toBe("");
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

  it("starts the value axis of bars, columns and a bridge at 0; a line or curve keeps the host's scale", () => {
    const valueMin = (c: ChartSpec): string | null => {
      const axis = tags(xml(c), "c:valAx").find((a) => tags(a, "c:axId")[0].getAttribute("val") === "600")!;
      const min = tags(tags(axis, "c:scaling")[0], "c:min")[0];
      return min ? min.getAttribute("val") : null;
    };
    expect(valueMin(column)).toBe("0");
    expect(valueMin({ ...column, kind: "bar" })).toBe("0");
    expect(valueMin({ ...column, kind: "waterfall" })).toBe("0");
    expect(valueMin({ ...column, kind: "line" })).toBeNull();
    expect(valueMin({ ...column, kind: "scatter", categoryFormat: "0" })).toBeNull();
  });

  it("escapes titles and writes the value axis's number format", () => {
    const d = xml({ ...column, title: "R&D <costs>", valueFormat: '"$"#,##0' });
    expect(tags(d, "a:t")[0].textContent).toBe("R&D <costs>");
    expect(tags(tags(d, "c:valAx")[0], "c:numFmt")[0].getAttribute("formatCode")).toBe('"$"#,##0');
  });
});
