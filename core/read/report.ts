/**
 * The column report: what each column of a table was read as, how, and what was ignored. One shape for every
 * surface: XSELL_COLUMNS spills it, the CLI prints it, the panes show it before building.
 */
import { isBlankRow, type Table } from "../table";
import type { CellValue } from "../values";
import { columnLetter } from "./columns";

export const COLUMN_REPORT_HEADERS = ["Column", "Header", "Used as", "Read as", "Sample", "Note"] as const;

/** The report as rows (header first): one per column, then one per table-level finding. */
export function columnReportRows(table: Table): CellValue[][] {
  const out: CellValue[][] = [[...COLUMN_REPORT_HEADERS]];
  for (const c of table.report.columns) {
    out.push([columnLetter(c.index), c.header, c.field ?? "(ignored)", c.readAs, c.sample, c.note]);
  }
  for (const note of table.report.notes) out.push(["", "(table)", "", "", "", note]);
  return out;
}

/** A cell's text on one line of a terminal table: its line breaks (a quoted field may hold them) become spaces. */
export const oneLine = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, " ");

/** The report as aligned plain text for a terminal: `label` names the input. */
export function columnReportText(label: string, table: Table): string {
  const rows = columnReportRows(table).map((r) => r.map((v) => oneLine(String(v ?? ""))));
  const widths = [6, 28, 22, 22, 20];
  const cut = (s: string, w: number): string => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
  const used = table.report.columns.filter((c) => c.field).length;
  let dataRows = 0;
  for (const r of table.rows) if (!isBlankRow(r)) dataRows++;
  const lines = [`${label}: ${dataRows.toLocaleString("en-US")} row${dataRows === 1 ? "" : "s"} of data; ${used} of ${table.report.columns.length} columns used`];
  for (const r of rows) {
    if (r[1] === "(table)") {
      lines.push(`  · ${r[5]}`);
      continue;
    }
    lines.push(`  ${r.slice(0, 5).map((v, i) => cut(v, widths[i])).join(" ")} ${r[5]}`.trimEnd());
  }
  return lines.join("\n");
}
