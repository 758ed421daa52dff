/**
 * Writes an .xlsx workbook sheet by sheet, straight to disk: each sheet's XML is generated row by row and
 * deflated as it goes, so a tab of a million rows never exists as a cell-object model (ExcelJS's in-memory
 * workbook takes minutes and gigabytes for that). Takes the same sheet specs as every other renderer: values,
 * formulas (no cached results; the app computes them on open), number formats, fonts, fills, alignment, column
 * widths, frozen panes, filters, conditional formats and notes. Text is always written as text.
 */
import { capCellText } from "../core/limits";
import { isFormula, parseA1, PORTRAIT_MAX_CHARS, rowReader, uniqueSheetName, type SheetSpec, type SpecCell } from "../core/tabs/spec";
import { dayFromExcelSerial, dayOfDate, type CellValue } from "../core/values";
import { chartXml, drawingXml } from "./xlsx-charts";
import { commentsXml, contentTypesXml, drawingRels, printXml, sheetRels, vmlXml, workbookXml, ROOT_RELS, CORE_PROPS, APP_PROPS, type SheetEntry } from "./xlsx-parts";
import { FormatSegments, StyleRegistry } from "./xlsx-styles";
import { cellText, colName, escapeXml } from "./xlsx-xml";
import { ZipWriter } from "./zip";

const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';
/** Distinct strings kept in the shared-string table; past it, text is written inline (memory stays bounded). */
const MAX_SHARED = 1 << 16;
/** Excel's serial of 1970-01-01 (the core's day 0), for dates written as numbers. */
const EPOCH_SERIAL = 25569;

export interface SheetOptions {
  readonly hidden?: boolean;
  /** Where the sheet goes among the workbook's tabs (default: the order written), so sheets can be written in the order that frees memory soonest. */
  readonly order?: number;
  /** Told the rows written so far, every 16,384 rows and at the end (a progress bar). */
  readonly onRows?: (rows: number) => void;
}

const ROWS_PER_TICK = 16384;

/**
 * A turn of the event loop between pieces of a long write: progress is drawn, and Ctrl-C (whose handler removes the
 * unfinished file) is heard rather than waiting for the last row.
 */
const breathe = (): Promise<void> => new Promise((done) => setImmediate(done));

export class XlsxStreamWriter {
  private readonly zip: ZipWriter;
  private readonly styles = new StyleRegistry();
  private readonly shared = new Map<string, number>();
  private sharedCount = 0;
  /** Per column of the sheet being written: strings looked up in the shared table, and how many were there already. */
  private lookups: number[] = [];
  private repeats: number[] = [];
  private readonly sheets: SheetEntry[] = [];
  private charts = 0;

  constructor(path: string) {
    this.zip = new ZipWriter(path, 1, true);
  }

  /** A turn of the event loop, and a wait while the zip has too many pieces deflating. */
  private async pause(): Promise<void> {
    await breathe();
    await this.zip.ready();
  }

  /** Sheet names taken so far, in order. */
  get names(): string[] {
    return this.sheets.map((s) => s.name);
  }

  private begin(wanted: string, options: SheetOptions): SheetEntry {
    const index = this.sheets.length + 1;
    const entry: SheetEntry = { name: uniqueSheetName(wanted, this.names), index, order: options.order ?? index, hidden: Boolean(options.hidden), notes: false };
    this.sheets.push(entry);
    this.lookups = [];
    this.repeats = [];
    this.zip.begin(`xl/worksheets/sheet${entry.index}.xml`);
    return entry;
  }

  /**
   * A text cell: shared (written once, referred to by number) where a column's values repeat (a product, a band,
   * "owned"); inline where they do not (names, reasons), which spares a lookup per cell and a table entry per value.
   */
  private stringCell(ref: string, style: number, s: string, col: number): string {
    const st = style ? ` s="${style}"` : "";
    const looked = this.lookups[col] ?? 0;
    let id: number | undefined;
    if (looked < 2048 || (this.repeats[col] ?? 0) * 8 >= looked) {
      id = this.shared.get(s);
      this.lookups[col] = looked + 1;
      if (id !== undefined) this.repeats[col] = (this.repeats[col] ?? 0) + 1;
      else if (this.shared.size < MAX_SHARED) {
        id = this.shared.size;
        this.shared.set(s, id);
      }
    }
    if (id !== undefined) {
      this.sharedCount++;
      return `<c r="${ref}"${st} t="s"><v>${id}</v></c>`;
    }
    return `<c r="${ref}"${st} t="inlineStr"><is><t xml:space="preserve">${cellText(s)}</t></is></c>`;
  }

  /** One cell's XML; empty when there is nothing to write. */
  private cell(ref: string, style: number, v: SpecCell | CellValue | Date, col: number): string {
    if (v === null || v === undefined || v === "") return style ? `<c r="${ref}" s="${style}"/>` : "";
    switch (typeof v) {
      case "number":
        return Number.isFinite(v) ? `<c r="${ref}"${style ? ` s="${style}"` : ""}><v>${v}</v></c>` : style ? `<c r="${ref}" s="${style}"/>` : "";
      case "string":
        return this.stringCell(ref, style, v, col);
      case "boolean":
        return `<c r="${ref}"${style ? ` s="${style}"` : ""} t="b"><v>${v ? 1 : 0}</v></c>`;
      default:
        if (isFormula(v as SpecCell)) return `<c r="${ref}"${style ? ` s="${style}"` : ""}><f>${escapeXml((v as { f: string }).f.replace(/^=/, ""))}</f></c>`;
        return style ? `<c r="${ref}" s="${style}"/>` : "";
    }
  }

  /** A tab from its spec; returns the sheet's name. */
  async addSpecSheet(spec: SheetSpec, options: SheetOptions = {}): Promise<string> {
    const entry = this.begin(spec.name, options);
    const z = this.zip;
    let cols = spec.cols;
    let rows = spec.rows;
    const bounds = spec.formats.map((f) => parseA1(f.range));
    for (const b of bounds) {
      cols = Math.max(cols, b.col + b.cols);
      rows = Math.max(rows, b.row + b.rows);
    }
    entry.print = spec.print;
    z.text(SHEET_HEAD);
    if (spec.print?.fitToWidth) z.text('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    z.text(`<dimension ref="${rows > 0 && cols > 0 ? `A1:${colName(cols - 1)}${rows}` : "A1"}"/>`);
    z.text(`<sheetViews><sheetView workbookViewId="0">${paneXml(spec.freeze)}</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>`);
    if (spec.columnWidths.length) z.text(`<cols>${[...spec.columnWidths].sort((a, b) => a.col - b.col).map((w) => `<col min="${w.col + 1}" max="${w.col + 1}" width="${w.width}" customWidth="1"/>`).join("")}</cols>`);
    z.text("<sheetData>");
    // each block's rows read directly (a large block's rows are made as they are read: see core/tabs/rows.ts)
    const blocks = [...spec.blocks].sort((a, b) => a.row - b.row).map((b) => {
      const read = rowReader(b.cells);
      return { row: b.row, col: b.col, length: read.length, cellsAt: read.row };
    });
    const styleRows = new FormatSegments(spec.formats, bounds, cols, this.styles);
    const values: (SpecCell | undefined)[] = new Array(cols);
    const heights = new Map((spec.rowHeights ?? []).map((h) => [h.row, h.height]));
    let next = 0;
    let active: typeof blocks = [];
    for (let r = 0; r < rows; r++) {
      while (next < blocks.length && blocks[next].row <= r) active.push(blocks[next++]);
      if (active.some((b) => b.row + b.length <= r)) active = active.filter((b) => b.row + b.length > r);
      const styles = styleRows.at(r);
      values.fill(undefined);
      for (const b of active) {
        const cells = b.cellsAt(r - b.row);
        for (let j = 0; j < cells.length; j++) {
          const c = cells[j];
          if (c !== null && c !== "") values[b.col + j] = c;
        }
      }
      const rowNo = r + 1;
      let xml = "";
      for (let c = 0; c < cols; c++) {
        const s = styles ? styles[c] : 0;
        const v = values[c];
        if ((v === undefined || v === null) && !s) continue;
        xml += this.cell(colName(c) + rowNo, s, v ?? null, c);
      }
      const height = heights.size ? heights.get(r) : undefined;
      if (height !== undefined) z.text(`<row r="${rowNo}" ht="${height}" customHeight="1">${xml}</row>`);
      else if (xml) z.text(`<row r="${rowNo}">${xml}</row>`);
      if ((r & (ROWS_PER_TICK - 1)) === 0) {
        options.onRows?.(r);
        await this.pause();
      }
    }
    options.onRows?.(rows);
    z.text("</sheetData>");
    if (spec.filter) {
      z.text(`<autoFilter ref="${spec.filter}"/>`);
      entry.filter = spec.filter;
    }
    spec.conditionalFormats.forEach((cf, i) => {
      if (cf.type === "colorScale") {
        const cfvo = `<cfvo type="min"/>${cf.mid ? '<cfvo type="percentile" val="50"/>' : ""}<cfvo type="max"/>`;
        const colors = [cf.min, ...(cf.mid ? [cf.mid] : []), cf.max].map((c) => `<color rgb="FF${c.replace("#", "").toUpperCase()}"/>`).join("");
        z.text(`<conditionalFormatting sqref="${cf.range}"><cfRule type="colorScale" priority="${i + 1}"><colorScale>${cfvo}${colors}</colorScale></cfRule></conditionalFormatting>`);
      } else {
        // an expression rule anchored at the range's top-left cell: Excel and LibreOffice read it alike
        const dxf = this.styles.dxf({ fill: cf.fill, fontColor: cf.fontColor });
        const formula = `${cf.range.split(":")[0]}="${cf.text.replace(/"/g, '""')}"`;
        z.text(`<conditionalFormatting sqref="${cf.range}"><cfRule type="expression" dxfId="${dxf}" priority="${i + 1}"><formula>${escapeXml(formula)}</formula></cfRule></conditionalFormatting>`);
      }
    });
    z.text(printXml(spec.print));
    const charts = spec.charts ?? [];
    if (charts.length) {
      entry.charts = { first: this.charts + 1, count: charts.length };
      this.charts += charts.length;
      z.text('<drawing r:id="rId3"/>');
    }
    if (spec.notes.length) {
      entry.notes = true;
      z.text('<legacyDrawing r:id="rId1"/>');
    }
    z.text("</worksheet>");
    if (spec.notes.length) {
      this.zip.file(`xl/comments${entry.index}.xml`, commentsXml(spec.notes));
      this.zip.file(`xl/drawings/vmlDrawing${entry.index}.vml`, vmlXml(spec.notes, entry.index));
    }
    if (entry.charts) {
      const { first } = entry.charts;
      this.zip.file(`xl/drawings/drawing${entry.index}.xml`, drawingXml(charts, 1));
      this.zip.file(`xl/drawings/_rels/drawing${entry.index}.xml.rels`, drawingRels(first, charts.length));
      charts.forEach((c, i) => this.zip.file(`xl/charts/chart${first + i}.xml`, chartXml(entry.name, c)));
    }
    if (spec.notes.length || entry.charts) this.zip.file(`xl/worksheets/_rels/sheet${entry.index}.xml.rels`, sheetRels(entry.index, spec.notes.length > 0, Boolean(entry.charts)));
    this.zip.end();
    return entry.name;
  }

  /**
   * A copy of an input table as read: numbers as numbers, dates (Date objects, and serials in `dateColumns`) as
   * dates, the header bold and frozen, a width per column from the header and the first 200 rows. Error objects
   * have no place in a file and are left out.
   */
  async addDataSheet(name: string, header: readonly CellValue[], rows: readonly CellValue[][], dateColumns: ReadonlySet<number>, options: SheetOptions = {}): Promise<string> {
    // hidden (right-click a tab → Unhide): printing the workbook prints the report, not a million input rows
    const entry = this.begin(name, { hidden: true, ...options });
    const z = this.zip;
    const widths: number[] = [];
    const measure = (r: readonly CellValue[], i: number): void =>
      r.forEach((v, j) => {
        if (v === null || v === undefined || v === "" || (typeof v === "object" && !(v instanceof Date))) return;
        const w = v instanceof Date || (i > 0 && dateColumns.has(j) && typeof v === "number") ? 10 : String(v).length;
        widths[j] = Math.max(widths[j] ?? 0, w);
      });
    measure(header, 0);
    for (let i = 0; i < Math.min(rows.length, 199); i++) measure(rows[i], i + 1);
    const bold = this.styles.id({ bold: true });
    const date = this.styles.id({ numFmt: "yyyy-mm-dd" });
    const colWidths = widths.map((w) => (w === undefined ? 8 : Math.min(50, Math.max(8, w + 2))));
    // no print area: LibreOffice prints a hidden sheet that has one
    entry.print = { orientation: colWidths.reduce((sum, w) => sum + w, 0) > PORTRAIT_MAX_CHARS ? "landscape" : "portrait", fitToWidth: true, area: "", repeatRows: 1, gridlines: true, title: entry.name };
    z.text(SHEET_HEAD);
    z.text('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    z.text(`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>`);
    const colXml: string[] = [];
    for (let j = 0; j < widths.length; j++) if (widths[j] !== undefined) colXml.push(`<col min="${j + 1}" max="${j + 1}" width="${colWidths[j]}" customWidth="1"/>`);
    if (colXml.length) z.text(`<cols>${colXml.join("")}</cols>`);
    z.text("<sheetData>");
    let xml = "";
    for (let j = 0; j < header.length; j++) xml += this.dataCell(colName(j) + 1, header[j], bold, date, false, j);
    z.text(`<row r="1">${xml}</row>`);
    // per column: whether it holds dates, and the start of its cells' XML (a million rows × 16 columns)
    const isDate = Array.from({ length: header.length }, (_, j) => dateColumns.has(j));
    const open = Array.from({ length: header.length }, (_, j) => `<c r="${colName(j)}`);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const rowNo = i + 2;
      xml = "";
      for (let j = 0; j < r.length; j++) {
        const v = r[j];
        if (v === null || v === undefined || v === "") continue;
        // a plain number is the common cell: written here, as cell() would write it
        if (typeof v === "number" && !(isDate[j] ?? dateColumns.has(j)) && Number.isFinite(v)) xml += `${open[j] ?? `<c r="${colName(j)}`}${rowNo}"><v>${v}</v></c>`;
        else xml += this.dataCell(colName(j) + rowNo, v, 0, date, isDate[j] ?? dateColumns.has(j), j);
      }
      if (xml) z.text(`<row r="${rowNo}">${xml}</row>`);
      if ((i & (ROWS_PER_TICK - 1)) === 0) {
        options.onRows?.(i + 1);
        await this.pause();
      }
    }
    options.onRows?.(rows.length + 1);
    z.text(`</sheetData>${printXml(entry.print)}</worksheet>`);
    this.zip.end();
    return entry.name;
  }

  private dataCell(ref: string, v: CellValue, style: number, dateStyle: number, dateColumn: boolean, col: number): string {
    if (v instanceof Date) return `<c r="${ref}" s="${dateStyle}"><v>${dayOfDate(v) + EPOCH_SERIAL}</v></c>`;
    if (typeof v === "number" && dateColumn && Number.isFinite(v)) return `<c r="${ref}" s="${dateStyle}"><v>${dayFromExcelSerial(v) + EPOCH_SERIAL}</v></c>`;
    if (typeof v === "object" && v !== null) return "";
    // a copied input keeps Excel's cell limit too: longer text is cut and says so at its end
    return this.cell(ref, style, typeof v === "string" ? capCellText(v) : v, col);
  }

  /** Writes the workbook, styles, shared strings and package parts, and closes the file. */
  async close(options: { fullCalcOnLoad?: boolean } = {}): Promise<void> {
    const z = this.zip;
    z.file("xl/styles.xml", this.styles.xml());
    z.begin("xl/sharedStrings.xml");
    z.text(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.sharedCount}" uniqueCount="${this.shared.size}">`);
    for (const s of this.shared.keys()) z.text(`<si><t xml:space="preserve">${cellText(s)}</t></si>`);
    z.text("</sst>");
    z.end();
    this.shared.clear();
    const listed = [...this.sheets].sort((a, b) => a.order - b.order || a.index - b.index);
    z.file("xl/workbook.xml", workbookXml(listed, options.fullCalcOnLoad ?? true));
    z.file("xl/_rels/workbook.xml.rels", workbookRels(this.sheets.length));
    z.file("[Content_Types].xml", contentTypesXml(this.sheets));
    z.file("_rels/.rels", ROOT_RELS);
    z.file("docProps/core.xml", CORE_PROPS);
    z.file("docProps/app.xml", APP_PROPS);
    await z.close();
  }

  abort(): void {
    this.zip.abort();
  }
}

function paneXml(freeze: SheetSpec["freeze"]): string {
  if (!freeze || (freeze.rows === 0 && freeze.cols === 0)) return "";
  const pane = freeze.rows && freeze.cols ? "bottomRight" : freeze.rows ? "bottomLeft" : "topRight";
  const split = `${freeze.cols ? ` xSplit="${freeze.cols}"` : ""}${freeze.rows ? ` ySplit="${freeze.rows}"` : ""}`;
  return `<pane${split} topLeftCell="${colName(freeze.cols)}${freeze.rows + 1}" activePane="${pane}" state="frozen"/><selection pane="${pane}"/>`;
}

function workbookRels(sheets: number): string {
  const rels: string[] = [];
  for (let i = 1; i <= sheets; i++) rels.push(`<Relationship Id="rId${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i}.xml"/>`);
  rels.push(`<Relationship Id="rId${sheets + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`);
  rels.push(`<Relationship Id="rId${sheets + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`;
}

