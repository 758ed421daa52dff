/**
 * Native charts in the .xlsx: ExcelJS writes no charts (exceljs issue #141), so the streaming writer
 * (cli/xlsx-stream.ts) adds DrawingML parts itself: xl/charts/chartN.xml bound to the tab's cell ranges and a drawing
 * per sheet that anchors them; it writes the relationships and content types (cli/xlsx-parts.ts).
 */
import { parseA1, valueAxisMinimum, type ChartSeries, type ChartSpec } from "../core/tabs/spec";

const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const EMU_PER_PX = 9525;

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** 'Sheet name'!$A$1:$B$2: a chart formula referring to the tab's own cells. */
export function sheetRef(sheet: string, range: string): string {
  const abs = range.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
  return `'${sheet.replace(/'/g, "''")}'!${abs}`;
}

const rgb = (hex: string): string => hex.replace("#", "").toUpperCase();

function richText(text: string, size: number, bold: boolean): string {
  return `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr><a:r><a:rPr lang="en-US" sz="${size}" b="${bold ? 1 : 0}"/><a:t>${esc(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/>`;
}

function seriesXml(sheet: string, chart: ChartSpec, s: ChartSeries, i: number): string {
  const invisible = chart.kind === "waterfall" && i === 0;
  const line = chart.kind === "line" || chart.kind === "scatter";
  let sp = "";
  if (invisible) sp = `<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>`;
  else if (s.color && line) sp = `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${rgb(s.color)}"/></a:solidFill>${chart.kind === "scatter" && i > 0 ? `<a:prstDash val="dash"/>` : ""}</a:ln></c:spPr>`;
  else if (s.color) sp = `<c:spPr><a:solidFill><a:srgbClr val="${rgb(s.color)}"/></a:solidFill></c:spPr>`;
  const head = `<c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:strRef><c:f>${esc(sheetRef(sheet, s.name))}</c:f></c:strRef></c:tx>${sp}`;
  const err = s.errorBars
    ? `<c:errBars>${chart.kind === "scatter" ? `<c:errDir val="y"/>` : ""}<c:errBarType val="both"/><c:errValType val="cust"/><c:noEndCap val="0"/><c:plus><c:numRef><c:f>${esc(sheetRef(sheet, s.errorBars.plus))}</c:f></c:numRef></c:plus><c:minus><c:numRef><c:f>${esc(sheetRef(sheet, s.errorBars.minus))}</c:f></c:numRef></c:minus><c:spPr><a:ln w="12700"><a:solidFill><a:srgbClr val="404040"/></a:solidFill></a:ln></c:spPr></c:errBars>`
    : "";
  const numeric = chart.categoryFormat !== undefined;
  const cat = numeric ? `<c:numRef><c:f>${esc(sheetRef(sheet, chart.categories))}</c:f></c:numRef>` : `<c:strRef><c:f>${esc(sheetRef(sheet, chart.categories))}</c:f></c:strRef>`;
  const val = `<c:numRef><c:f>${esc(sheetRef(sheet, s.values))}</c:f></c:numRef>`;
  if (chart.kind === "scatter") return `<c:ser>${head}<c:marker><c:symbol val="none"/></c:marker>${err}<c:xVal>${cat}</c:xVal><c:yVal>${val}</c:yVal><c:smooth val="0"/></c:ser>`;
  if (chart.kind === "line") return `<c:ser>${head}<c:marker><c:symbol val="circle"/><c:size val="6"/></c:marker>${err}<c:cat>${cat}</c:cat><c:val>${val}</c:val><c:smooth val="0"/></c:ser>`;
  return `<c:ser>${head}<c:invertIfNegative val="0"/>${err}<c:cat>${cat}</c:cat><c:val>${val}</c:val></c:ser>`;
}

function axisTitle(text?: string): string {
  return text ? `<c:title>${richText(text, 900, false)}</c:title>` : "";
}

/** One chart part (xl/charts/chartN.xml) for a chart spec on `sheet`. */
export function chartXml(sheet: string, chart: ChartSpec): string {
  const series = chart.series.map((s, i) => seriesXml(sheet, chart, s, i)).join("");
  const bar = chart.kind === "bar";
  const ax = `<c:axId val="500"/><c:axId val="600"/>`;
  let plot: string;
  if (chart.kind === "line") plot = `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${ax}</c:lineChart>`;
  else if (chart.kind === "scatter") plot = `<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>${series}${ax}</c:scatterChart>`;
  else {
    const stacked = chart.kind === "waterfall";
    plot = `<c:barChart><c:barDir val="${bar ? "bar" : "col"}"/><c:grouping val="${stacked ? "stacked" : "clustered"}"/><c:varyColors val="0"/>${series}<c:gapWidth val="${stacked ? 50 : 80}"/>${stacked ? `<c:overlap val="100"/>` : ""}${ax}</c:barChart>`;
  }
  const catFormat = `<c:numFmt formatCode="${esc(chart.categoryFormat ?? "General")}" sourceLinked="${chart.categoryFormat ? 0 : 1}"/>`;
  const valFormat = `<c:numFmt formatCode="${esc(chart.valueFormat)}" sourceLinked="0"/>`;
  // a horizontal bar lists the first category on top (reversed axis) with the value axis kept at the bottom
  const catAxis =
    chart.kind === "scatter"
      ? `<c:valAx><c:axId val="500"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>${axisTitle(chart.categoryAxisTitle)}${catFormat}<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="600"/><c:crosses val="autoZero"/><c:crossBetween val="midCat"/></c:valAx>`
      : `<c:catAx><c:axId val="500"/><c:scaling><c:orientation val="${bar ? "maxMin" : "minMax"}"/></c:scaling><c:delete val="0"/><c:axPos val="${bar ? "l" : "b"}"/>${axisTitle(chart.categoryAxisTitle)}${catFormat}<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/><c:crossAx val="600"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const min = valueAxisMinimum(chart);
  const valAxis = `<c:valAx><c:axId val="600"/><c:scaling><c:orientation val="minMax"/>${min === undefined ? "" : `<c:min val="${min}"/>`}</c:scaling><c:delete val="0"/><c:axPos val="${bar ? "b" : "l"}"/><c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="E1DFDD"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>${axisTitle(chart.valueAxisTitle)}${valFormat}<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="500"/><c:crosses val="${bar ? "max" : "autoZero"}"/><c:crossBetween val="between"/></c:valAx>`;
  // a legend only where it tells series apart (not for one series, nor a bridge's base and bars)
  const legend = chart.kind !== "waterfall" && chart.series.length > 1 ? `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` : "";
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:roundedCorners val="0"/><c:chart><c:title>${richText(chart.title, 1200, true)}</c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot}${catAxis}${valAxis}</c:plotArea>${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart><c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:solidFill><a:srgbClr val="D2D0CE"/></a:solidFill></a:ln></c:spPr></c:chartSpace>`;
}

export function drawingXml(charts: readonly ChartSpec[], firstRel: number): string {
  const anchors = charts.map((c, i) => {
    const at = parseA1(c.anchor);
    return `<xdr:oneCellAnchor><xdr:from><xdr:col>${at.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${at.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="${c.width * EMU_PER_PX}" cy="${c.height * EMU_PER_PX}"/><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${esc(c.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" r:id="rId${firstRel + i}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor>`;
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="${NS_A}" xmlns:r="${NS_R}">${anchors.join("")}</xdr:wsDr>`;
}
