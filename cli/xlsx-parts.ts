/** The fixed and small parts of an .xlsx package written by the streaming writer: workbook, notes, package files. */
import { oddFooter, oddHeader, printTitleRows } from "../core/tabs/print";
import { parseA1, type PrintSetup } from "../core/tabs/spec";
import { absoluteRef, cellText, escapeXml } from "./xlsx-xml";

export interface SheetEntry {
  readonly name: string;
  /** 1-based: sheet{index}.xml, rId{index}, in the order written. */
  readonly index: number;
  /** Its place among the workbook's tabs. */
  readonly order: number;
  readonly hidden: boolean;
  notes: boolean;
  /** Chart parts numbered from here (xl/charts/chart{n}.xml), and how many; drawing{index}.xml anchors them. */
  charts?: { first: number; count: number };
  filter?: string;
  print?: PrintSetup;
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** The workbook part; `sheets` in the order the tabs appear (a defined name's localSheetId is that position). */
export function workbookXml(sheets: readonly SheetEntry[], fullCalcOnLoad: boolean): string {
  const list = sheets.map((s) => `<sheet name="${escapeXml(s.name)}" sheetId="${s.index}"${s.hidden ? ' state="hidden"' : ""} r:id="rId${s.index}"/>`).join("");
  const defined: string[] = [];
  for (const [local, s] of sheets.entries()) {
    if (s.filter) defined.push(`<definedName name="_xlnm._FilterDatabase" localSheetId="${local}" hidden="1">${escapeXml(absoluteRef(s.name, s.filter))}</definedName>`);
    // an absolute print area ($A$1:$I$401): LibreOffice ignores a relative one
    if (s.print?.area) defined.push(`<definedName name="_xlnm.Print_Area" localSheetId="${local}">${escapeXml(s.print.area.split(",").map((a) => absoluteRef(s.name, a)).join(","))}</definedName>`);
    const titles = s.print ? printTitleRows(s.print) : null;
    if (titles) defined.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${local}">${escapeXml(`'${s.name.replace(/'/g, "''")}'!${titles}`)}</definedName>`);
  }
  const names = defined.join("");
  const first = Math.max(0, sheets.findIndex((s) => !s.hidden));
  return `${XML}<workbook xmlns="${MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr defaultThemeVersion="164011"/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300" activeTab="${first}"/></bookViews><sheets>${list}</sheets>${names ? `<definedNames>${names}</definedNames>` : ""}<calcPr calcId="171027"${fullCalcOnLoad ? ' fullCalcOnLoad="1"' : ""}/></workbook>`;
}

export function contentTypesXml(sheets: readonly SheetEntry[]): string {
  const o = (part: string, type: string): string => `<Override PartName="${part}" ContentType="${type}"/>`;
  const parts = [
    o("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
    ...sheets.map((s) => o(`/xl/worksheets/sheet${s.index}.xml`, "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml")),
    ...sheets.filter((s) => s.notes).map((s) => o(`/xl/comments${s.index}.xml`, "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml")),
    ...sheets.filter((s) => s.charts).map((s) => o(`/xl/drawings/drawing${s.index}.xml`, "application/vnd.openxmlformats-officedocument.drawing+xml")),
    ...sheets.flatMap((s) => (s.charts ? Array.from({ length: s.charts.count }, (_, i) => o(`/xl/charts/chart${s.charts!.first + i}.xml`, "application/vnd.openxmlformats-officedocument.drawingml.chart+xml")) : [])),
    o("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"),
    o("/xl/sharedStrings.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"),
    o("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
    o("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
  ];
  return `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>${parts.join("")}</Types>`;
}

export const ROOT_RELS = `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`;

/** Fixed dates: the same inputs give the same workbook. */
export const CORE_PROPS = `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>XSELL</dc:creator><cp:lastModifiedBy>XSELL</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">1970-01-01T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">1970-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>`;

export const APP_PROPS = `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>XSELL</Application></Properties>`;

export function commentsXml(notes: readonly { cell: string; text: string }[]): string {
  const list = notes.map((n) => `<comment ref="${n.cell}" authorId="0"><text><r><t xml:space="preserve">${cellText(n.text)}</t></r></text></comment>`).join("");
  return `${XML}<comments xmlns="${MAIN}"><authors><author>XSELL</author></authors><commentList>${list}</commentList></comments>`;
}

/** The legacy drawing that gives each note its hover box (Excel needs one per note to show it). */
export function vmlXml(notes: readonly { cell: string }[], sheetIndex: number): string {
  const shapes = notes.map((n, k) => {
    const { row, col } = parseA1(n.cell);
    return `<v:shape id="_x0000_s${sheetIndex * 1024 + k + 1}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:216pt;height:86pt;z-index:${k + 1};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col + 1}, 15, ${row}, 2, ${col + 4}, 15, ${row + 5}, 16</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`;
  });
  return `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${sheetIndex}"/></o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>${shapes.join("")}</xml>`;
}

/** A sheet's print elements, in schema order: print options, margins, page setup, header and footer. */
export function printXml(print: PrintSetup | undefined): string {
  if (!print) return '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  return (
    `<printOptions horizontalCentered="1"${print.gridlines ? ' gridLines="1"' : ""}/>` +
    '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    `<pageSetup orientation="${print.orientation}"${print.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : ""}/>` +
    `<headerFooter><oddHeader>${escapeXml(oddHeader(print))}</oddHeader><oddFooter>${escapeXml(oddFooter(print))}</oddFooter></headerFooter>`
  );
}

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A worksheet's relationships: its notes (rId1, rId2) and its charts' drawing (rId3). */
export function sheetRels(index: number, notes: boolean, drawing: boolean): string {
  const rels = [
    ...(notes ? [`<Relationship Id="rId1" Type="${REL}/vmlDrawing" Target="../drawings/vmlDrawing${index}.vml"/>`, `<Relationship Id="rId2" Type="${REL}/comments" Target="../comments${index}.xml"/>`] : []),
    ...(drawing ? [`<Relationship Id="rId3" Type="${REL}/drawing" Target="../drawings/drawing${index}.xml"/>`] : []),
  ];
  return `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`;
}

/** The drawing's relationships to its charts (rId1…, in the order the drawing anchors them). */
export function drawingRels(first: number, count: number): string {
  const rels = Array.from({ length: count }, (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/chart" Target="../charts/chart${first + i}.xml"/>`);
  return `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`;
}
