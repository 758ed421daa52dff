/**
 * Headers aligned like their numbers, so columns do not run into each other on paper. Hosts right-align numbers
 * and left-align text: a left-aligned header sits over the left edge of its column while its numbers hug the right
 * edge, under the NEXT column's header, and a right-aligned number touches the text of a text column after it
 * ("100High", "$10,398Too soon"). For each table (a block whose first row is its header): the header of a number
 * column takes its numbers' alignment (right unless the builder chose one), and a number column followed by a
 * text column is centered, header and numbers, so a gap stays between the two.
 */
import { rowReader } from "./rows";
import { a1, a1Range, parseA1, type Block, type Format, type SpecCell } from "./spec";
import { sampleRows } from "./widths";

type Kind = "number" | "text" | "empty";

/** What each table column holds: numbers (or formulas under a number format), text, or nothing. Rows outer: a
 * large block's rows are made when read (core/tabs/rows.ts), so each sampled row is made once. */
function columnKinds(b: Block, width: number, numberFormatAt: (row: number, col: number) => string | undefined): Kind[] {
  const kinds: Kind[] = new Array<Kind>(width).fill("empty");
  const rows = rowReader(b.cells);
  for (const i of sampleRows(rows.length - 1)) {
    const r = rows.row(i + 1);
    for (let j = 0; j < width; j++) {
      const cell: SpecCell = r[j];
      // a dash stands for "none" in a number column (year 0's NRR)
      if (kinds[j] === "text" || cell === null || cell === "" || cell === "—") continue;
      if (typeof cell === "number") kinds[j] = "number";
      else if (typeof cell === "object" && numberFormatAt(b.row + i + 1, b.col + j) !== undefined) kinds[j] = "number";
      else kinds[j] = "text";
    }
  }
  return kinds;
}

/** Formats to put before the builder's own (so a builder's explicit alignment still wins). */
export function headerAlignments(blocks: readonly Block[], formats: readonly Format[]): Format[] {
  // formats indexed by column once: a tab may carry many, and each sampled cell asks
  const byCol = new Map<number, { row: number; rows: number; f: Format }[]>();
  for (const f of formats) {
    const r = parseA1(f.range);
    for (let c = r.col; c < r.col + r.cols; c++) {
      const list = byCol.get(c) ?? [];
      list.push({ row: r.row, rows: r.rows, f });
      byCol.set(c, list);
    }
  }
  const covering = (row: number, col: number): Format[] => (byCol.get(col) ?? []).filter((x) => row >= x.row && row < x.row + x.rows).map((x) => x.f);
  const numberFormatAt = (row: number, col: number): string | undefined => {
    let nf: string | undefined;
    for (const f of covering(row, col)) if (f.numberFormat && f.numberFormat !== "@") nf = f.numberFormat;
    return nf;
  };
  const alignmentAt = (row: number, col: number): Format["horizontalAlignment"] => {
    let h: Format["horizontalAlignment"];
    for (const f of covering(row, col)) if (f.horizontalAlignment) h = f.horizontalAlignment;
    return h;
  };
  const out: Format[] = [];
  for (const b of blocks) {
    const width = b.cells[0]?.length ?? 0;
    if (b.cells.length < 2 || width < 2) continue;
    const head = b.cells[0];
    // a header row: labels only (a number heading a cohort's period counts), at least one of them text
    if (!head.every((c) => typeof c === "string" || typeof c === "number") || !head.some((c) => typeof c === "string" && c !== "")) continue;
    const kinds = columnKinds(b, width, numberFormatAt);
    for (let j = 0; j < width; j++) {
      if (kinds[j] !== "number" || typeof head[j] !== "string" || head[j] === "") continue;
      const col = b.col + j;
      const chosen = alignmentAt(b.row + 1, col);
      if (chosen === "Left") continue;
      const beforeText = j + 1 < width && kinds[j + 1] === "text" && alignmentAt(b.row + 1, col + 1) !== "Right";
      if (!chosen && beforeText) {
        out.push({ range: a1Range(b.row, col, b.cells.length, 1), horizontalAlignment: "Center" });
        continue;
      }
      out.push({ range: a1(b.row, col), horizontalAlignment: chosen ?? "Right" });
    }
  }
  return merged(out);
}

/** Side-by-side formats of the same rows and alignment as one range: each range is a host call (Sheets bills each). */
function merged(formats: readonly Format[]): Format[] {
  const out: { row: number; rows: number; col: number; cols: number; h: Format["horizontalAlignment"] }[] = [];
  for (const f of formats) {
    const r = parseA1(f.range);
    const last = out[out.length - 1];
    if (last && last.row === r.row && last.rows === r.rows && last.h === f.horizontalAlignment && last.col + last.cols === r.col) last.cols += r.cols;
    else out.push({ row: r.row, rows: r.rows, col: r.col, cols: r.cols, h: f.horizontalAlignment });
  }
  return out.map((x) => ({ range: x.rows === 1 && x.cols === 1 ? a1(x.row, x.col) : a1Range(x.row, x.col, x.rows, x.cols), horizontalAlignment: x.h }));
}
