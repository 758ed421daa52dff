/**
 * Workbooks of many rows for the xlsx budgets (tests and benchmarks): written through the CLI's streaming ZIP
 * writer, so a file of ten million rows is generated without holding it, and deflate packs its repeated XML about
 * a thousand to one (ten million short rows fit in about a megabyte).
 */
import { ZipWriter } from "../cli/zip";

/**
 * A workbook with one sheet, "Accounts & more" (escaped in the XML): a header, then `rows` data rows written by
 * `row(i)` (1-based data row), streamed to the file, so a ten-million-row file is generated without holding it.
 */
export function writeRowsBook(path: string, rows: number, row: (i: number) => string, level = 6): void {
  const zip = new ZipWriter(path, level);
  zip.file("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>');
  zip.file("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>');
  zip.file("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Accounts &amp; more" sheetId="1" r:id="rId1"/></sheets></workbook>');
  zip.file("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>');
  zip.begin("xl/worksheets/sheet1.xml");
  zip.text('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Account</t></is></c><c r="B1" t="inlineStr"><is><t>NPS</t></is></c></row>');
  let piece = "";
  for (let i = 1; i <= rows; i++) {
    piece += row(i);
    if (piece.length > 2 ** 20) {
      zip.text(piece);
      piece = "";
    }
  }
  zip.text(piece + "</sheetData></worksheet>");
  zip.end();
  zip.close();
}

/** A short row with no r attributes: each is the row after the last, as Excel allows. */
export const shortRow = (): string => "<row><c><v>1</v></c><c><v>2</v></c></row>";
