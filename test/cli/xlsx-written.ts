/** Test helper: a workbook written by the streaming xlsx writer to a temporary file, read back by ExcelJS and as parts. */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { XlsxStreamWriter } from "../../cli/xlsx-stream";

export async function written(fill: (w: XlsxStreamWriter) => Promise<unknown>): Promise<{ book: ExcelJS.Workbook; part: (path: string) => Promise<string>; path: string }> {
  const path = join(mkdtempSync(join(tmpdir(), "xsell-xlsx-")), "book.xlsx");
  const w = new XlsxStreamWriter(path);
  await fill(w);
  await w.close();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const zip = await JSZip.loadAsync(readFileSync(path));
  return { book, path, part: async (p) => (zip.file(p) ? await zip.file(p)!.async("string") : "") };
}
