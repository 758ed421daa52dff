/** Turns CSV text cells into what Excel passes a custom function: numbers, serial dates, percentages as numbers. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../cli/csv";
import { excelSerialFromDay, toDay, toNumber, type CellValue } from "../../core/values";

export function excelShape(grid: string[][]): CellValue[][] {
  return grid.map((row) =>
    row.map((v) => {
      if (v === "") return "";
      if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
        const d = toDay(v);
        return d.ok ? excelSerialFromDay(d.value) : v;
      }
      const n = toNumber(v);
      return n.ok && /^[\d.,%$-]+$/.test(v) ? n.value : v;
    }),
  );
}

export function sample(file: string, rows?: number): CellValue[][] {
  const grid = parseCsv(readFileSync(join(__dirname, "..", "..", "examples", file), "utf8"));
  return excelShape(rows ? grid.slice(0, rows + 1) : grid);
}
